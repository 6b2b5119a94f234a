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
/// 走访与项目征集 in Debian chromium (issue 14 item 1): the district officer (quzhen) on a 390 px phone records a visit
/// with a renewal intention — the page no wider than the screen; the enterprise confirms the 征集项目 on 我的企业; the
/// project is in the library, and the visit says so. The enterprise is another of the district's (an account made for the
/// story), so the demo enterprise's figures that the other stories read stay as they are. Screenshots under
/// artifacts/screenshots/ (80-…).
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class VisitStoryTests(PlatformFixture platform)
{
    private const string Account = "qiye-zoufang";
    private const string ProjectName = "E2E 走访：冲压线伺服压力机更新";

    private PlatformServer Server => platform.Server;

    /// <summary>An enterprise of the demo district with no account yet, and an account for it.</summary>
    private async Task<string> EnterpriseAsync()
    {
        await using var db = Server.Db();
        var area = await db.Users.AsNoTracking().Where(u => u.UserName == "quzhen").Select(u => u.Area!).SingleAsync();
        var taken = await db.Users.AsNoTracking().Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Area == area && !taken.Contains(e.CreditCode)).OrderByDescending(e => e.Id).FirstAsync();
        var account = new UserAccount { UserName = Account, DisplayName = enterprise.Name, Role = Role.Enterprise, CreditCode = enterprise.CreditCode };
        account.SetPassword(Server.Services.GetRequiredService<Passwords>().Hash(account, PlatformServer.Password));
        db.Users.Add(account);
        await db.SaveChangesAsync();
        return enterprise.Name;
    }

    private async Task<IPage> PhoneAsync()
    {
        var context = await platform.Browser.Chrome.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = LayoutTests.Phone, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static async Task FitsTheScreenAsync(IPage page, string what)
    {
        var w = await page.EvaluateAsync<int[]>("() => [Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]");
        Assert.True(w[0] <= w[1], $"{what} is {w[0]} px wide on a {w[1]} px screen");
    }

    [Fact]
    public async Task TheDistrictRecordsAVisitOnAPhone_TheEnterpriseConfirms_AndTheProjectIsInTheLibrary()
    {
        var enterprise = await EnterpriseAsync();
        var officer = await PhoneAsync();
        await StepAsync("district records a visit with an intention on a 390 px phone", async () =>
        {
            await People.SignInAsync(officer, "quzhen");
            await officer.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
            await People.NavigateAsync(officer, "走访");
            await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("走访与项目征集");
            await officer.GetByRole(AriaRole.Link, new() { Name = "登记走访" }).ClickAsync();
            await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登记走访");
            await FitsTheScreenAsync(officer, "the visit form");
            await officer.GetByLabel("走访企业").SelectOptionAsync(new SelectOptionValue { Label = $"{enterprise}（{await AreaAsync()}）" });
            var person = officer.GetByRole(AriaRole.Group, new() { Name = "走访对象 1" });
            await person.GetByLabel("姓名").FillAsync("孙卫东");
            await person.GetByLabel("职务").FillAsync("生产副总");
            var plan = officer.GetByRole(AriaRole.Group, new() { Name = "更新意向 1" });
            await plan.GetByLabel("项目名称").FillAsync(ProjectName);
            await plan.GetByLabel("计划开始年度").SelectOptionAsync("2026");
            await plan.GetByLabel("计划结束年度").SelectOptionAsync("2027");
            await plan.GetByLabel("计划设备投资（元）").FillAsync("9600000");
            await plan.GetByLabel("其中智能化数字化投入（元）").FillAsync("1600000");
            await officer.GetByLabel("设备现场情况").FillAsync("冲压车间 2006 年的机械压力机 4 台，噪声大、能耗高。");
            var follow = officer.GetByRole(AriaRole.Group, new() { Name = "跟进事项 1" });
            await follow.GetByLabel("跟进内容").FillAsync("协助企业对接设备更新贷款");
            await follow.GetByLabel("期限").FillAsync(DateTime.UtcNow.AddHours(8).AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await FitsTheScreenAsync(officer, "the filled visit form");
            await ScreenshotAsync(officer, "80-visit-form-on-a-phone-390");
            var save = officer.GetByRole(AriaRole.Button, new() { Name = "保存走访记录" });
            var box = await save.BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 }, $"the save button is {box?.Height} px high: too small to touch");
            await save.ClickAsync();
            await Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("1 个更新意向已作为征集项目发给企业确认");
            await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(enterprise);
            await Expect(officer.GetByRole(AriaRole.Region, new() { Name = "更新意向" })).ToContainTextAsync("待企业确认");
            await FitsTheScreenAsync(officer, "the visit");
            await ScreenshotAsync(officer, "81-visit-recorded-390");
        }, officer);

        var firm = await platform.Browser.NewPersonAsync(Server.BaseUrl);
        await StepAsync("enterprise confirms the collected project", async () =>
        {
            await People.SignInAsync(firm, Account);
            await People.NavigateAsync(firm, "我的企业");
            var drafts = firm.GetByRole(AriaRole.Region, new() { Name = "待确认的征集项目" });
            await Expect(drafts).ToContainTextAsync(ProjectName);
            await Expect(drafts).ToContainTextAsync("9,600,000.00");
            await ScreenshotAsync(firm, "82-enterprise-sees-the-collected-project");
            await drafts.GetByRole(AriaRole.Button, new() { Name = $"确认入库：{ProjectName}" }).ClickAsync();
            await Expect(firm.GetByRole(AriaRole.Status)).ToContainTextAsync("已确认入库");
            await Expect(firm.GetByText("已入库").First).ToBeVisibleAsync();
            await People.NavigateAsync(firm, "我的企业");
            await Expect(firm.GetByRole(AriaRole.Region, new() { Name = "我的项目" })).ToContainTextAsync(ProjectName);
            await Expect(firm.GetByRole(AriaRole.Region, new() { Name = "待确认的征集项目" })).ToHaveCountAsync(0);
        }, firm);

        await StepAsync("the project is in the library, and the visit says so", async () =>
        {
            await officer.ReloadAsync();
            var plans = officer.GetByRole(AriaRole.Region, new() { Name = "更新意向" });
            await Expect(plans).ToContainTextAsync("已入库");
            await plans.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^项目库中的项目") }).ClickAsync();
            await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(ProjectName);
            await ScreenshotAsync(officer, "83-collected-project-in-the-library-390");
            await officer.GotoAsync("/visits/coverage");
            await Expect(officer.GetByRole(AriaRole.Region, new() { Name = "征集项目" })).ToContainTextAsync("T-1");
            await FitsTheScreenAsync(officer, "the coverage page");
            await ScreenshotAsync(officer, "84-visit-coverage-390");
        }, officer);
        await officer.Context.CloseAsync();
    }

    private async Task<string> AreaAsync()
    {
        await using var db = Server.Db();
        return await db.Users.AsNoTracking().Where(u => u.UserName == "quzhen").Select(u => u.Area!).SingleAsync();
    }
}
