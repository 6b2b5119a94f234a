using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// People using the platform in Debian chromium: an enterprise declares a project and applies; the district and the
/// bureau approve; the public notice shows it; finance marks it paid; another enterprise that types the first one's
/// addresses is refused. A screenshot of each step is saved under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed partial class ApplicationStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task AnEnterpriseDeclaresAndApplies_TheDistrictAndBureauApprove_TheNoticeShowsIt_FinancePays()
    {
        const string projectName = "数控机床智能化扩产项目（浏览器测试）";
        var number = "";
        string applicationUrl = "", projectUrl = "";

        var enterprise = await PersonAsync();
        await StepAsync("enterprise signs in", async () =>
        {
            await People.SignInAsync(enterprise, "qiye");
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("欢迎");
            await ScreenshotAsync(enterprise, "01-enterprise-signed-in");
        }, enterprise);

        await StepAsync("enterprise declares a project", async () =>
        {
            // 60,000,000 of equipment in 2025 in an innovation cluster: 8% = 4,800,000 of 有效投入奖补.
            await People.NavigateAsync(enterprise, "我的企业");
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "申报新项目" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Name = "申报新项目" })).ToBeVisibleAsync();
            await enterprise.GetByLabel("项目编号").FillAsync("E2E-001");
            await enterprise.GetByLabel("项目名称").FillAsync(projectName);
            await enterprise.GetByLabel("项目类型").SelectOptionAsync(new SelectOptionValue { Label = "扩建" });
            await enterprise.GetByLabel("项目状态").SelectOptionAsync(new SelectOptionValue { Label = "在建" });
            await enterprise.GetByLabel("开工日期").FillAsync("2025-01-06");
            await enterprise.GetByRole(AriaRole.Checkbox, new() { Name = "装备制造" }).CheckAsync();
            await enterprise.GetByLabel("2025 年设备投资额").FillAsync("60000000");
            await ScreenshotAsync(enterprise, "02-enterprise-declares-project");
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "申报项目" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(projectName);
            projectUrl = enterprise.Url;
            await ScreenshotAsync(enterprise, "03-enterprise-project-saved");
        }, enterprise);

        await StepAsync("enterprise applies and submits", async () =>
        {
            await People.NavigateAsync(enterprise, "申报");
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "新建申报" }).ClickAsync();
            await enterprise.GetByLabel("政策").SelectOptionAsync(new SelectOptionValue { Label = "有效投入奖补" });
            await enterprise.GetByLabel("年度").SelectOptionAsync("2025");
            await enterprise.GetByLabel("项目（示范项目奖励、有效投入奖补）").SelectOptionAsync(new SelectOptionValue { Label = "E2E-001 " + projectName });
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "创建申报" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("草稿");
            number = NumberIn(await enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            applicationUrl = enterprise.Url;
            await People.PressAsync(enterprise, "提交申报", "已提交");
            await Expect(enterprise.GetByRole(AriaRole.Region, new() { Name = "申报信息" })).ToContainTextAsync("4,800,000.00 元");
            await ScreenshotAsync(enterprise, "04-enterprise-submitted");
        }, enterprise);

        var district = await PersonAsync();
        await StepAsync("district accepts and approves", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await People.OpenApplicationAsync(district, number);
            await People.PressAsync(district, "受理", "区镇审核中");
            await People.PressAsync(district, "区镇审核通过", "市局审核中");
            await ScreenshotAsync(district, "05-district-approved");
        }, district);

        var bureau = await PersonAsync();
        await StepAsync("bureau approves into the public notice", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.OpenApplicationAsync(bureau, number);
            await People.PressAsync(bureau, "市局审核通过并公示", "公示中");
            await ScreenshotAsync(bureau, "06-bureau-approved-into-notice");
        }, bureau);

        var visitor = await PersonAsync();
        await StepAsync("anyone reads the notice list", async () =>
        {
            await visitor.GotoAsync("/notice");
            var row = visitor.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
            await Expect(row).ToContainTextAsync("公示中");
            await Expect(row).ToContainTextAsync("4,800,000.00");
            await ScreenshotAsync(visitor, "07-public-notice");
        }, visitor);

        var bureauLater = await PersonAsync();
        await StepAsync("bureau approves after the notice", async () =>
        {
            Server.Clock.Advance(TimeSpan.FromDays(8)); // five working days have passed
            await People.SignInAsync(bureauLater, "shiju");
            await People.OpenApplicationAsync(bureauLater, number);
            await People.PressAsync(bureauLater, "公示期满批准", "已批准");
            await ScreenshotAsync(bureauLater, "08-bureau-approved");
        }, bureauLater);

        var finance = await PersonAsync();
        await StepAsync("finance marks it paid", async () =>
        {
            await People.SignInAsync(finance, "caizheng");
            await People.OpenApplicationAsync(finance, number);
            await finance.GetByLabel("支付凭证号").FillAsync("ZF-2026-E2E-001");
            await People.PressAsync(finance, "确认拨付", "已拨付");
            await Expect(finance.GetByRole(AriaRole.Region, new() { Name = "办理" }).GetByRole(AriaRole.Button, new() { Name = "确认拨付" })).ToHaveCountAsync(0);
            await Expect(finance.GetByRole(AriaRole.Region, new() { Name = "办理记录" })).ToContainTextAsync("确认拨付");
            await ScreenshotAsync(finance, "09-finance-paid");
            await visitor.ReloadAsync();
            await Expect(visitor.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToContainTextAsync("已拨付");
        }, finance, visitor);

        var other = await PersonAsync();
        await StepAsync("another enterprise types the first one's addresses", async () =>
        {
            await People.SignInAsync(other, "qiye2");
            await other.GotoAsync(applicationUrl);
            await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
            await Expect(other.GetByText(number)).ToHaveCountAsync(0);
            await ScreenshotAsync(other, "10-other-enterprise-refused-application");
            await other.GotoAsync(projectUrl);
            await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
            await Expect(other.GetByText(projectName)).ToHaveCountAsync(0);
            await ScreenshotAsync(other, "11-other-enterprise-refused-project");
        }, other);

        foreach (var p in new[] { enterprise, district, bureau, visitor, bureauLater, finance, other }) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherEnterprise_ChangingTheUrlToASeededProjectOfTheFirst_IsRefused()
    {
        int project;
        using (var db = Server.Db())
        {
            var code = await db.Users.Where(u => u.UserName == "qiye").Select(u => u.CreditCode).SingleAsync();
            project = await db.Projects.Where(p => p.Enterprise!.CreditCode == code).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }
        var owner = await PersonAsync();
        await StepAsync("the owner opens its project", async () =>
        {
            await People.SignInAsync(owner, "qiye");
            await owner.GotoAsync($"/library/projects/{project}");
            await Expect(owner.GetByRole(AriaRole.Region, new() { Name = "政策测算" })).ToBeVisibleAsync();
            await ScreenshotAsync(owner, "12-owner-sees-project");
        }, owner);

        var other = await PersonAsync();
        await StepAsync("another enterprise opens the same address", async () =>
        {
            await People.SignInAsync(other, "qiye2");
            await other.GotoAsync($"/library/projects/{project}");
            await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
            await ScreenshotAsync(other, "13-other-enterprise-refused");
        }, other);
        await owner.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    private static string NumberIn(string heading) => ApplicationNumber().Match(heading) is { Success: true } m ? m.Value : throw new InvalidOperationException("no number in " + heading);

    [GeneratedRegex(@"SB\d{4}-\d{6}")]
    private static partial Regex ApplicationNumber();
}
