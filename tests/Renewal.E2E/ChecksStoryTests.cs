using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// 拨付前核查 in Debian chromium (issue 14 items 4–5): the bureau enters a 失信名单 entry with its source on 核查名单 for the
/// enterprise of qiye2; qiye2 applies for 技改综合奖补 and is refused on submit with the rule and the source shown; the
/// bureau lets that one application pass with a recorded reason; qiye2 submits. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed partial class ChecksStoryTests(PlatformFixture platform)
{
    private const string Source = "信用中国（江苏苏州）严重失信主体名单 苏信〔2026〕浏览器测试1号";

    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task ABlacklistedEnterprise_IsRefusedWithTheReasonAndTheSource_UntilTheBureauLetsItPass()
    {
        string code;
        using (var db = Server.Db()) code = db.Users.Single(u => u.UserName == "qiye2").CreditCode!;
        var today = Server.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var bureau = await PersonAsync();
        await StepAsync("bureau enters a blacklist entry with its source", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.NavigateAsync(bureau, "核查名单");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("核查名单");
            var form = bureau.GetByRole(AriaRole.Form, new() { Name = "登记信用与事故记录" });
            await form.GetByLabel("统一社会信用代码").FillAsync(code);
            await form.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "失信名单" });
            await form.GetByLabel("列入或发生日期").FillAsync(today);
            await form.GetByLabel("来源（发布机关及文号）").FillAsync(Source);
            await form.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记失信名单记录");
            var row = bureau.GetByRole(AriaRole.Table, new() { Name = "信用与事故记录列表" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Source });
            await Expect(row).ToContainTextAsync("名单中");
            await Expect(row).ToContainTextAsync(code);
            await ScreenshotAsync(bureau, "140-checks-bureau-enters-a-blacklist-entry");
        }, bureau);

        var enterprise = await PersonAsync();
        var number = "";
        await StepAsync("the blacklisted enterprise applies and is refused on submit with the reason and the source", async () =>
        {
            await People.SignInAsync(enterprise, "qiye2");
            await People.NavigateAsync(enterprise, "申报");
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "新建申报" }).ClickAsync();
            await enterprise.GetByLabel("政策").SelectOptionAsync(new SelectOptionValue { Label = "技改综合奖补" });
            await enterprise.GetByLabel("年度").SelectOptionAsync("2025");
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "创建申报" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("草稿");
            number = ApplicationNumber().Match(await enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Value;
            var checks = enterprise.GetByRole(AriaRole.Region, new() { Name = "拨付前核查" });
            await Expect(checks).ToContainTextAsync("S-1 未列入失信名单");
            await Expect(checks).ToContainTextAsync(Source);

            await enterprise.GetByRole(AriaRole.Region, new() { Name = "办理", Exact = true }).GetByRole(AriaRole.Button, new() { Name = "提交申报", Exact = true }).ClickAsync();
            var alert = enterprise.GetByRole(AriaRole.Alert);
            await Expect(alert).ToContainTextAsync("未通过拨付前核查，不能“提交申报”");
            await Expect(alert).ToContainTextAsync("S-1 未列入失信名单");
            await Expect(alert).ToContainTextAsync(Source);
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("草稿");
            // The enterprise cannot let itself pass: no such form for it.
            await Expect(enterprise.GetByRole(AriaRole.Button, new() { Name = "核准放行 S-1" })).ToHaveCountAsync(0);
            await ScreenshotAsync(enterprise, "141-checks-enterprise-refused-with-the-source");
        }, enterprise);

        await StepAsync("bureau lets this one application pass with a recorded reason", async () =>
        {
            await bureau.GotoAsync("/applications");
            await bureau.GotoAsync($"/applications/{IdOf(number)}");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
            var form = bureau.GetByRole(AriaRole.Form, new() { Name = "核准放行 S-1" });
            await form.GetByLabel(new Regex("^核准放行 S-1 的理由")).FillAsync("企业已完成信用修复，移出名单文件另行补交（浏览器测试）");
            await form.GetByRole(AriaRole.Button, new() { Name = "核准放行 S-1" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已核准放行 S-1");
            var checks = bureau.GetByRole(AriaRole.Region, new() { Name = "拨付前核查" });
            await Expect(checks).ToContainTextAsync("核准放行：企业已完成信用修复");
            await Expect(checks.GetByRole(AriaRole.Table)).ToContainTextAsync("shiju");
            await ScreenshotAsync(bureau, "142-checks-bureau-overrides-with-a-reason");
        }, bureau);

        await StepAsync("the enterprise submits", async () =>
        {
            await enterprise.ReloadAsync();
            await People.PressAsync(enterprise, "提交申报", "已提交");
            await ScreenshotAsync(enterprise, "143-checks-enterprise-submits-after-the-override");
        }, enterprise);
    }

    private int IdOf(string number)
    {
        using var db = Server.Db();
        return db.Applications.Single(a => a.Number == number).Id;
    }

    [GeneratedRegex(@"SB\d{4}-\d{6}")]
    private static partial Regex ApplicationNumber();
}
