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

    [System.Text.RegularExpressions.GeneratedRegex("/account/signin")]
    private static partial System.Text.RegularExpressions.Regex SignInPage();
}
