using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;

namespace Renewal.E2E;

/// <summary>What a person does in the browser, found by role and visible Chinese label (never by CSS path).</summary>
public static partial class People
{
    public static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(PlatformServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        // Either the platform opens (the sign-out button appears) or the sign-in page says why not: wait for whichever
        // comes first, so a refused sign-in fails with its reason instead of a bare timeout.
        var signedIn = page.GetByRole(AriaRole.Button, new() { Name = "退出" });
        var refused = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(signedIn.Or(refused)).ToBeVisibleAsync();
        if (await refused.IsVisibleAsync())
        {
            throw new InvalidOperationException($"{user} could not sign in: {await refused.InnerTextAsync()}");
        }
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInPage());
    }

    /// <summary>Opens the main navigation's link with this name.</summary>
    public static Task NavigateAsync(IPage page, string link) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

    /// <summary>
    /// The signed-in enterprise declares an expansion project under construction in 装备制造 with <paramref name="equipment2025"/>
    /// of 2025 equipment (B: 8 % of it), applies for 有效投入奖补 2025 with it and submits; returns the application's number.
    /// </summary>
    public static async Task<string> DeclareAndSubmitAsync(IPage page, string code, string name, string equipment2025)
    {
        await NavigateAsync(page, "我的企业");
        await page.GetByRole(AriaRole.Link, new() { Name = "申报新项目" }).ClickAsync();
        await page.GetByLabel("项目编号").FillAsync(code);
        await page.GetByLabel("项目名称").FillAsync(name);
        await page.GetByLabel("项目类型").SelectOptionAsync(new SelectOptionValue { Label = "扩建" });
        await page.GetByLabel("项目状态").SelectOptionAsync(new SelectOptionValue { Label = "在建" });
        await page.GetByLabel("开工日期").FillAsync("2025-02-03");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "装备制造" }).CheckAsync();
        await page.GetByLabel("2025 年设备投资额").FillAsync(equipment2025);
        await page.GetByRole(AriaRole.Button, new() { Name = "申报项目" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");

        await NavigateAsync(page, "申报");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建申报" }).ClickAsync();
        await page.GetByLabel("政策").SelectOptionAsync(new SelectOptionValue { Label = "有效投入奖补" });
        await page.GetByLabel("年度").SelectOptionAsync("2025");
        await page.GetByLabel("项目（示范项目奖励、有效投入奖补）").SelectOptionAsync(new SelectOptionValue { Label = code + " " + name });
        await page.GetByRole(AriaRole.Button, new() { Name = "创建申报" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("草稿");
        var number = ApplicationNumber().Match(await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Value;
        await PressAsync(page, "提交申报", "已提交");
        return number;
    }

    /// <summary>From 申报 (the list), opens the application with this number.</summary>
    public static async Task OpenApplicationAsync(IPage page, string number)
    {
        await NavigateAsync(page, "申报");
        await page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
    }

    /// <summary>Presses a workflow button in 办理 and waits for the page to say it is done.</summary>
    public static async Task PressAsync(IPage page, string button, string stateAfter)
    {
        await page.GetByRole(AriaRole.Region, new() { Name = "办理" }).GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已" + button.TrimStart('已'));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(stateAfter);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"SB\d{4}-\d{6}")]
    private static partial System.Text.RegularExpressions.Regex ApplicationNumber();

    [System.Text.RegularExpressions.GeneratedRegex("/account/signin")]
    private static partial System.Text.RegularExpressions.Regex SignInPage();
}
