using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Renewal.E2E;

/// <summary>
/// What every chart page must do in the browser (Features/Shared/_Chart.cshtml + wwwroot/js/charts.js): each figure's
/// chart is drawn on a canvas of non-zero size, the 「表格」 button shows the table of figures and 「图表」 brings the
/// chart back, and the page logged no console error and threw no script error. Start listening before navigating:
/// <code>
/// Charts.Watch(page);               // before GotoAsync / the click that opens the page
/// await page.GotoAsync("/");
/// await Charts.AssertAllRenderAsync(page);
/// </code>
/// </summary>
public static class Charts
{
    private static readonly ConditionalWeakTable<IPage, PageProblems> Watches = new();

    /// <summary>Collects the page's console errors and uncaught exceptions from now on (idempotent per page).</summary>
    public static PageProblems Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Watches.GetValue(page, p => new PageProblems(p));
    }

    /// <summary>The figure of the chart titled <paramref name="title"/>, whether its chart or its table is showing.</summary>
    public static ILocator Figure(IPage page, string title)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.GetByRole(AriaRole.Figure).Filter(new() { Has = page.Locator($"[role=img][aria-label=\"{title}\"]") });
    }

    /// <summary>
    /// Every chart of the current page renders and toggles to its table; no console error or page error since
    /// <see cref="Watch"/>. Returns the number of charts checked (at least one).
    /// </summary>
    public static async Task<int> AssertAllRenderAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!Watches.TryGetValue(page, out var problems))
            throw new InvalidOperationException("Charts.Watch(page) must be called before navigating, so that script errors of the page load are seen");

        // A chart figure is the <figure> holding the ECharts div (role="img", named after the title). Matched by attribute,
        // not by role, because the div is hidden while the table shows and a role query skips hidden elements.
        var figures = page.GetByRole(AriaRole.Figure).Filter(new() { Has = page.Locator("[role=img][aria-label]") });
        await Expect(figures.First).ToBeVisibleAsync();
        var count = await figures.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var figure = figures.Nth(i);
            var chart = figure.GetByRole(AriaRole.Img);
            var title = await chart.GetAttributeAsync("aria-label") ?? $"chart {i + 1}";
            var canvas = chart.Locator("canvas").First;
            await Expect(canvas).ToBeVisibleAsync();
            var box = await canvas.BoundingBoxAsync();
            if (box is null || box.Width < 1 || box.Height < 1) throw new Xunit.Sdk.XunitException($"「{title}」: the canvas has no size ({box?.Width}×{box?.Height})");
            var drawn = await canvas.EvaluateAsync<int>("c => c.width * c.height");
            if (drawn <= 0) throw new Xunit.Sdk.XunitException($"「{title}」: the canvas bitmap is empty");

            var table = figure.GetByRole(AriaRole.Table);
            await Expect(table).ToBeHiddenAsync();
            await figure.GetByRole(AriaRole.Button, new() { Name = "表格", Exact = true }).ClickAsync();
            await Expect(table).ToBeVisibleAsync();
            await Expect(figure.GetByRole(AriaRole.Caption)).ToHaveTextAsync(title);
            if (await table.GetByRole(AriaRole.Row).CountAsync() < 2) throw new Xunit.Sdk.XunitException($"「{title}」: the table has no rows");
            await Expect(chart).ToBeHiddenAsync();
            await figure.GetByRole(AriaRole.Button, new() { Name = "图表", Exact = true }).ClickAsync();
            await Expect(chart).ToBeVisibleAsync();
            await Expect(table).ToBeHiddenAsync();
        }
        problems.AssertNone();
        return count;
    }
}

/// <summary>Console errors and uncaught script errors of one page, collected from the moment it was created.</summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];
    private readonly Lock _gate = new();

    internal PageProblems(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Add($"console.error at {message.Location}: {message.Text}");
        };
        page.PageError += (_, error) => Add($"page error: {error}");
        // A download ends its navigation as net::ERR_ABORTED, which is not a failure.
        page.RequestFailed += (_, request) =>
        {
            if (request.Failure?.Contains("ERR_ABORTED", StringComparison.Ordinal) != true) Add($"request failed: {request.Url} ({request.Failure})");
        };
    }

    public IReadOnlyList<string> Problems
    {
        get { lock (_gate) return [.. _problems]; }
    }

    public void AssertNone()
    {
        var seen = Problems;
        if (seen.Count > 0) throw new Xunit.Sdk.XunitException("the page reported problems:\n  " + string.Join("\n  ", seen));
    }

    private void Add(string s)
    {
        lock (_gate) _problems.Add(s);
    }
}
