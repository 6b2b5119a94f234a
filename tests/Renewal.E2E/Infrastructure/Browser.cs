using Microsoft.Playwright;

namespace Renewal.E2E.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright (Playwright's own browser download cannot work here): one browser for the
/// test run, a fresh context (its own cookies) for each person. Screenshots go to artifacts/screenshots/ at the root
/// of the repository.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright _playwright = null!;

    public IBrowser Chrome { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Debian chromium is missing at {Chromium}: the browser tests need it. "
                + "Install it with `apt-get install -y chromium fonts-noto-cjk` (scripts/test.sh does this when the binary is absent).");
        }
        Assertions.SetDefaultExpectTimeout(15_000);
        var b = new Browser { _playwright = await Playwright.CreateAsync() };
        b.Chrome = await b._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = Args });
        return b;
    }

    /// <summary>A new person at the keyboard: a browser context of their own, in Chinese, Kunshan time.</summary>
    public async Task<IPage> NewPersonAsync(string baseUrl)
    {
        var context = await Chrome.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous: in CI the browser shares two cores with the other test projects.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page PNG as artifacts/screenshots/{name}.png.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>
    /// Runs one step of a story; when it fails, saves what each person saw (…-FAILED.png) and names the step in the
    /// error, so a failure in CI can be read without a debugger.
    /// </summary>
    public static async Task StepAsync(string step, Func<Task> action, params IPage[] people)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = DateTimeOffset.UtcNow;
        try
        {
            await action();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException or InvalidOperationException)
        {
            var seen = new List<string>();
            foreach (var (p, i) in people.Select((p, i) => (p, i)))
            {
                var name = $"{Safe(step)}-{i}-FAILED";
                try
                {
                    await ScreenshotAsync(p, name);
                    var text = await p.Locator("body").InnerTextAsync(new() { Timeout = 2_000 });
                    seen.Add($"{name}.png at {p.Url}: «{Shorten(text)}»");
                }
                catch (PlaywrightException) { seen.Add($"{name}: {p.Url} (no screenshot)"); }
                catch (TimeoutException) { seen.Add($"{name}: {p.Url} (no text)"); }
            }
            var server = ServerLog?.Since(started) ?? [];
            throw new InvalidOperationException($"step “{step}” failed: {e.Message}\npeople saw: {string.Join("\n  ", seen)}"
                + $"\nserver warnings and errors during the step: {(server.Count == 0 ? "none" : string.Join("\n  ", server))}", e);
        }
    }

    /// <summary>Set by the fixture: the server's log, quoted when a step fails.</summary>
    public static ServerLog? ServerLog { get; set; }

    private static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= 400 ? flat : flat[..400] + "…";
    }

    private static string Safe(string s) => new([.. s.Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var path = Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Chrome.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>One server and one browser for all the browser tests (they run one after another).</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public PlatformServer Server { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = new PlatformServer();
        Browser.ServerLog = Server.Log;
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollectionFixture : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform in chromium";
}
