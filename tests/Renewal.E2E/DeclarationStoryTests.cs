using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// The declaration of record in Debian chromium (issue 10): an enterprise submits, withdraws before anyone accepted it,
/// corrects its project and submits again; the district reads version 2 against version 1 — the figure that changed,
/// from what to what, and the award before and after. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed partial class DeclarationStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task AnEnterpriseWithdrawsAndSubmitsAgain_TheDistrictReadsTheBeforeAndAfter()
    {
        const string projectName = "注塑车间设备更新项目（浏览器测试）";
        var number = "";
        string applicationUrl = "", projectUrl = "";

        var enterprise = await PersonAsync();
        await StepAsync("enterprise declares a project and submits", async () =>
        {
            // 30,000,000 of equipment in 2025 in an innovation cluster: 8% = 2,400,000 of 有效投入奖补.
            await People.SignInAsync(enterprise, "qiye");
            await People.NavigateAsync(enterprise, "我的企业");
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "申报新项目" }).ClickAsync();
            await enterprise.GetByLabel("项目编号").FillAsync("E2E-WD1");
            await enterprise.GetByLabel("项目名称").FillAsync(projectName);
            await enterprise.GetByLabel("项目类型").SelectOptionAsync(new SelectOptionValue { Label = "扩建" });
            await enterprise.GetByLabel("项目状态").SelectOptionAsync(new SelectOptionValue { Label = "在建" });
            await enterprise.GetByLabel("开工日期").FillAsync("2025-02-03");
            await enterprise.GetByRole(AriaRole.Checkbox, new() { Name = "装备制造" }).CheckAsync();
            await enterprise.GetByLabel("2025 年设备投资额").FillAsync("30000000");
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "申报项目" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
            projectUrl = enterprise.Url;

            await People.NavigateAsync(enterprise, "申报");
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "新建申报" }).ClickAsync();
            await enterprise.GetByLabel("政策").SelectOptionAsync(new SelectOptionValue { Label = "有效投入奖补" });
            await enterprise.GetByLabel("年度").SelectOptionAsync("2025");
            await enterprise.GetByLabel("项目（示范项目奖励、有效投入奖补）").SelectOptionAsync(new SelectOptionValue { Label = "E2E-WD1 " + projectName });
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "创建申报" }).ClickAsync();
            number = NumberIn(await enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
            applicationUrl = enterprise.Url;
            await People.PressAsync(enterprise, "提交申报", "已提交");
            var record = enterprise.GetByRole(AriaRole.Region, new() { Name = "申报快照" });
            await Expect(record).ToContainTextAsync("第 1 版");
            await Expect(record).ToContainTextAsync("2,400,000.00 元");
            await ScreenshotAsync(enterprise, "20-enterprise-submitted-version-1");
        }, enterprise);

        await StepAsync("enterprise withdraws, corrects the project and submits again", async () =>
        {
            await People.PressAsync(enterprise, "撤回申报", "已撤回");
            await ScreenshotAsync(enterprise, "21-enterprise-withdrew");
            await enterprise.GotoAsync(projectUrl);
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "编辑项目" }).ClickAsync();
            await enterprise.GetByLabel("2025 年设备投资额").FillAsync("40000000");
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "保存修改" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
            await enterprise.GotoAsync(applicationUrl);
            await People.PressAsync(enterprise, "提交申报", "已提交");
            var record = enterprise.GetByRole(AriaRole.Region, new() { Name = "申报快照" });
            await Expect(record).ToContainTextAsync("第 2 版");
            await Expect(record).ToContainTextAsync("3,200,000.00 元");
            await ScreenshotAsync(enterprise, "22-enterprise-submitted-version-2");
        }, enterprise);

        var district = await PersonAsync();
        await StepAsync("district reads version 2 against version 1", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await People.OpenApplicationAsync(district, number);
            var record = district.GetByRole(AriaRole.Region, new() { Name = "申报快照" });
            await Expect(record.GetByRole(AriaRole.Heading, new() { Name = "与第 1 版相比" })).ToBeVisibleAsync();
            var changed = record.GetByRole(AriaRole.Row).Filter(new() { HasText = "2025 年设备投资" });
            await Expect(changed).ToContainTextAsync("30,000,000.00 元");
            await Expect(changed).ToContainTextAsync("40,000,000.00 元");
            var award = record.GetByRole(AriaRole.Row).Filter(new() { HasText = "测算金额" });
            await Expect(award).ToContainTextAsync("2,400,000.00 元");
            await Expect(award).ToContainTextAsync("3,200,000.00 元");
            await ScreenshotAsync(district, "23-district-reads-before-and-after");
            // The enterprise can no longer withdraw once the district has accepted it; it may ask for a return.
            await People.PressAsync(district, "受理", "区镇审核中");
        }, district);

        await StepAsync("enterprise asks for a return, the district sees the request", async () =>
        {
            await enterprise.GotoAsync(applicationUrl);
            var actions = enterprise.GetByRole(AriaRole.Region, new() { Name = "办理", Exact = true });
            await Expect(actions.GetByRole(AriaRole.Button, new() { Name = "撤回申报" })).ToHaveCountAsync(0);
            var ask = actions.Locator("form").Filter(new() { Has = enterprise.GetByRole(AriaRole.Button, new() { Name = "申请退回" }) });
            await ask.GetByLabel("理由").FillAsync("发票金额需更正");
            await People.PressAsync(enterprise, "申请退回", "区镇审核中");
            await district.ReloadAsync();
            await Expect(district.GetByRole(AriaRole.Region, new() { Name = "办理", Exact = true })).ToContainTextAsync("申请退回，理由：发票金额需更正");
            await ScreenshotAsync(district, "24-district-sees-return-request");
        }, district);
    }

    private static string NumberIn(string heading) => ApplicationNumber().Match(heading) is { Success: true } m ? m.Value : throw new InvalidOperationException("no number in " + heading);

    [GeneratedRegex(@"SB\d{4}-\d{6}")]
    private static partial Regex ApplicationNumber();
}
