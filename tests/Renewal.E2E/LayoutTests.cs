using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Renewal.Data.Entities;
using Renewal.E2E.Infrastructure;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// Every page fit for work (issue 12 item 9) in Debian chromium: the main pages of each role at a phone's width
/// (390 px) are no wider than the screen, the navigation folds behind 菜单 and opens; the same pages at 1440 px; the
/// application, the public notice and the budget print without navigation or forms under a header with the print
/// date. Screenshots (90-layout-…, 1440 and 390 px) and the printed PDFs under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class LayoutTests(PlatformFixture platform)
{
    public const int Phone = 390;
    public const int Desktop = 1440;

    private PlatformServer Server => platform.Server;

    /// <summary>The main pages of each role (the application page is added for those who see it).</summary>
    private static readonly (string User, string[] Paths)[] Roles =
    [
        ("", ["/account/signin", "/notice"]),
        ("qiye", ["/", "/enterprise", "/library", "/applications", "/applications/new", "/calls", "/candidates", "/inbox", "/account/password"]),
        ("quzhen", ["/", "/applications", "/library", "/candidates", "/visits", "/visits/new", "/visits/coverage"]),
        ("shiju", ["/", "/applications", "/budget", "/simulate", "/rules", "/audit", "/calls"]),
        ("admin", ["/admin/accounts", "/rules"]),
        ("caizheng", ["/", "/budget", "/audit"]),
        ("yinhang", ["/library", "/calls", "/notice"]),
    ];

    private async Task<IPage> PersonAsync(int width)
    {
        var context = await platform.Browser.Chrome.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = 844 }, IsMobile = width <= Phone, HasTouch = width <= Phone,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>An application of the demo enterprise (qiye), made by the service for the pages to show one.</summary>
    private async Task<int> ApplicationAsync()
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Renewal.Data.LibraryDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "qiye");
        var user = new UserContext(account.Id, account.UserName, account.Role, account.CreditCode, account.Area);
        var mine = await db.Applications.AsNoTracking().Where(a => a.Enterprise!.CreditCode == account.CreditCode).Select(a => a.Id).FirstOrDefaultAsync();
        if (mine != 0) return mine;
        var projects = await db.Projects.AsNoTracking().Where(p => p.Enterprise!.CreditCode == account.CreditCode).Select(p => p.Id).ToListAsync();
        var refusals = new List<string>();
        foreach (var year in new[] { 2026, 2025 })
        foreach (var scheme in new[] { Scheme.EffectiveInvestment, Scheme.TechRenovation })
        foreach (var project in projects)
        {
            var made = await service.CreateAsync(user, scheme, year, project, null);
            if (made.Ok) return made.Value!.Id;
            refusals.Add(made.Message ?? "");
        }
        throw new InvalidOperationException("no application could be made for qiye: " + string.Join("；", refusals.Distinct()));
    }

    [Fact]
    public async Task EveryRolesMainPages_FitAPhone_AndADesktop_WithTheMenuFolded()
    {
        var application = await ApplicationAsync();
        foreach (var (user, paths) in Roles)
        {
            var all = user is "qiye" or "quzhen" or "shiju" or "caizheng" ? [.. paths, $"/applications/{application}"] : paths;
            foreach (var width in new[] { Phone, Desktop })
            {
                var page = await PersonAsync(width);
                var who = user.Length == 0 ? "visitor" : user;
                await StepAsync($"{who} at {width} px", async () =>
                {
                    if (user.Length > 0)
                    {
                        if (width == Phone) await SignInOnAPhoneAsync(page, user);
                        else await People.SignInAsync(page, user);
                    }
                    foreach (var path in all)
                    {
                        await page.GotoAsync(path);
                        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                        var (document, viewport) = await WidthsAsync(page);
                        Assert.True(document <= viewport, $"{who} {path} at {width} px: the page is {document} px wide");
                        await ScreenshotAsync(page, $"90-layout-{who}-{Name(path)}-{width}");
                    }
                }, page);
                await page.Context.CloseAsync();
            }
        }
    }

    [Fact]
    public async Task OnAPhone_TheNavigationFoldsBehindTheMenuButton_AndOpens()
    {
        var page = await PersonAsync(Phone);
        await StepAsync("shiju opens the menu at 390 px", async () =>
        {
            await SignInOnAPhoneAsync(page, "shiju");
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "菜单" });
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(nav).ToBeHiddenAsync();
            await ScreenshotAsync(page, "90-layout-menu-closed-390");
            await menu.ClickAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "审计日志", Exact = true })).ToBeVisibleAsync();
            var (document, viewport) = await WidthsAsync(page);
            Assert.True(document <= viewport, $"the open menu is {document} px wide");
            await ScreenshotAsync(page, "90-layout-menu-open-390");
            await nav.GetByRole(AriaRole.Link, new() { Name = "审计日志", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("审计日志");
            await Expect(nav).ToBeHiddenAsync();
        }, page);
        await page.Context.CloseAsync();

        var desktop = await PersonAsync(Desktop);
        await StepAsync("at 1440 px there is no menu button", async () =>
        {
            await People.SignInAsync(desktop, "shiju");
            await Expect(desktop.GetByRole(AriaRole.Button, new() { Name = "菜单" })).ToBeHiddenAsync();
            await Expect(desktop.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "预算", Exact = true })).ToBeVisibleAsync();
        }, desktop);
        await desktop.Context.CloseAsync();
    }

    [Fact]
    public async Task TheApplicationNoticeAndBudget_PrintWithoutNavigationOrForms_UnderAHeaderWithThePrintDate()
    {
        var application = await ApplicationAsync();
        var page = await PersonAsync(Desktop);
        await StepAsync("shiju prints the application, the notice and the budget", async () =>
        {
            await People.SignInAsync(page, "shiju");
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            var today = Renewal.Services.BeijingTime.Today(Server.Clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (path, name) in new[] { ($"/applications/{application}", "application"), ("/notice", "notice"), ("/budget", "budget") })
            {
                await page.GotoAsync(path);
                await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })).ToBeHiddenAsync();
                await Expect(page.GetByText("打印日期：" + today)).ToBeVisibleAsync();
                await Expect(page.Locator("main form").First).ToBeHiddenAsync();
                Assert.Equal(0, await page.Locator("main button:visible, main input:visible, main select:visible, main textarea:visible").CountAsync());
                var colours = await page.EvaluateAsync<string[]>("() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]");
                Assert.Equal(["rgb(255, 255, 255)", "rgb(0, 0, 0)"], colours);
                await ScreenshotAsync(page, $"91-print-{name}");
                await page.PdfAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"91-print-{name}.pdf"), PrintBackground = true, PreferCSSPageSize = true });
            }
        }, page);
        await page.Context.CloseAsync();
    }

    /// <summary>Signs in at a phone's width: the sign-in page has no menu; once in, the sign-out button is in the header.</summary>
    private static async Task SignInOnAPhoneAsync(IPage page, string user)
    {
        await People.SignInAsync(page, user);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "菜单" })).ToBeVisibleAsync();
    }

    private static async Task<(int Document, int Viewport)> WidthsAsync(IPage page)
    {
        var w = await page.EvaluateAsync<int[]>("() => [Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]");
        return (w[0], w[1]);
    }

    private static string Name(string path) => path == "/" ? "home" : string.Join('-', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
}
