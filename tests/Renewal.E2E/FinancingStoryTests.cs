using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renewal.Data.Entities;
using Renewal.E2E.Infrastructure;
using Renewal.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// 银企对接 in Debian chromium (issue 12 item 7): the bank (yinhang) finds a project's financing need on 银企对接, records
/// its interest, then a signed loan; the enterprise sees the bank, its status and the loan on 我的企业, and the message in
/// its inbox. The enterprise is one of the demo library's others (an account made for the story), so the demo
/// enterprise's figures that the other stories read stay as they are. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class FinancingStoryTests(PlatformFixture platform)
{
    private const string Account = "qiye-yqdj";
    private const string LoanCode = "E2E-YQDJ-0001";

    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    /// <summary>The first project with a financing need of an enterprise that has no demo account, and an account for it.</summary>
    private async Task<(string Project, string Area, string Bank)> EnterpriseAsync()
    {
        await using var db = Server.Db();
        var taken = await db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        var project = await db.Projects.AsNoTracking().Include(p => p.Enterprise)
            .Where(p => p.FinancingNeed > 0 && !taken.Contains(p.Enterprise!.CreditCode)).OrderBy(p => p.Id).FirstAsync();
        var bank = await db.Users.AsNoTracking().Where(u => u.UserName == "yinhang").Select(u => u.Bank!).SingleAsync();
        var account = new UserAccount { UserName = Account, DisplayName = project.Enterprise!.Name, Role = Role.Enterprise, CreditCode = project.Enterprise.CreditCode };
        account.SetPassword(Server.Services.GetRequiredService<Passwords>().Hash(account, PlatformServer.Password));
        db.Users.Add(account);
        await db.SaveChangesAsync();
        return (project.Name, project.Enterprise.Area, bank);
    }

    [Fact]
    public async Task TheBankRecordsInterestThenASignedLoan_TheEnterpriseSeesTheBankAndTheLoan()
    {
        var (project, area, bank) = await EnterpriseAsync();
        var banker = await PersonAsync();
        await StepAsync("bank finds the need and records its interest", async () =>
        {
            await People.SignInAsync(banker, "yinhang");
            await People.NavigateAsync(banker, "银企对接");
            await Expect(banker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(bank);
            var needs = banker.GetByRole(AriaRole.Region, new() { Name = "融资需求" });
            await needs.GetByLabel("区镇").SelectOptionAsync(area);
            await needs.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            var row = banker.GetByRole(AriaRole.Region, new() { Name = "融资需求" }).GetByRole(AriaRole.Row).Filter(new() { HasText = project });
            await Expect(row).ToContainTextAsync(area);
            await ScreenshotAsync(banker, "70-bank-financing-needs");
            await row.GetByRole(AriaRole.Button, new() { Name = $"对“{project}”登记意向" }).ClickAsync();
            await Expect(banker.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记对接意向");
            await Expect(banker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("有意向");
        }, banker);

        await StepAsync("bank records the signed loan", async () =>
        {
            var outcome = banker.GetByRole(AriaRole.Region, new() { Name = "更新进展" });
            await outcome.GetByLabel("贷款金额（元）").FillAsync("6800000");
            await outcome.GetByLabel("合同年利率（%）").FillAsync("3.15");
            await outcome.GetByLabel("放款日").FillAsync("2026-04-01");
            await outcome.GetByLabel("到期日").FillAsync("2029-04-01");
            await outcome.GetByLabel("贷款类别").SelectOptionAsync("DigitalTransformation");
            await outcome.GetByLabel("贷款编号（可不填，由平台编号）").FillAsync(LoanCode);
            await ScreenshotAsync(banker, "71-bank-records-a-signed-loan");
            await outcome.GetByRole(AriaRole.Button, new() { Name = "记录已签约" }).ClickAsync();
            await Expect(banker.GetByRole(AriaRole.Status)).ToContainTextAsync("已签约");
            await Expect(banker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("已签约");
            var loan = banker.GetByRole(AriaRole.Region, new() { Name = "签约贷款" });
            await Expect(loan).ToContainTextAsync(LoanCode);
            await Expect(loan).ToContainTextAsync("6,800,000.00");
            await Expect(banker.GetByRole(AriaRole.Region, new() { Name = "更新进展" })).ToHaveCountAsync(0);
        }, banker);

        var enterprise = await PersonAsync();
        await StepAsync("enterprise sees the bank, its status and the loan", async () =>
        {
            await People.SignInAsync(enterprise, Account);
            await People.NavigateAsync(enterprise, "我的企业");
            var banks = enterprise.GetByRole(AriaRole.Region, new() { Name = "银企对接" });
            var row = banks.GetByRole(AriaRole.Row).Filter(new() { HasText = bank });
            await Expect(row).ToContainTextAsync("已签约");
            await Expect(row).ToContainTextAsync(LoanCode);
            await Expect(enterprise.GetByRole(AriaRole.Region, new() { Name = "我的贷款" }).GetByRole(AriaRole.Row).Filter(new() { HasText = LoanCode }))
                .ToContainTextAsync(bank);
            await banks.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync(enterprise, "72-enterprise-sees-the-bank-and-the-loan");
            // 消息 carries its unread count (“消息 2”) in its name.
            await enterprise.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "消息" }).ClickAsync();
            await Expect(enterprise.GetByText($"贷款已签约：{bank}")).ToBeVisibleAsync();
            await Expect(enterprise.GetByText($"银行有意向：{bank}")).ToBeVisibleAsync();
        }, enterprise);
    }
}
