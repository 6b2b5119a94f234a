using System.Diagnostics.CodeAnalysis;
using System.Globalization;

// The folder is Features/Shared (Razor's shared views); VB's keyword does not matter to this C#-only web app.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Renewal.Web.Features.Shared.Charts")]

namespace Renewal.Web.Features.Shared.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    Bar,
    StackedBar,
    Line,
    Pie,
}

/// <summary>One series: a value per category, in the chart's <see cref="ChartData.Unit"/>.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>
/// A chart of a page, rendered by <c>_Chart.cshtml</c> (ECharts canvas, table view, xlsx download). Values are
/// exact decimals in <see cref="Unit"/> (e.g. 亿元, 万元, 个, 台) — the table and the workbook show them unrounded,
/// the chart only draws them. <c>Id</c> is unique on the page and is the <c>chart</c> parameter of the page's
/// <c>OnGetXlsx</c>; <c>CategoryLabel</c> heads the first table column (e.g. 区镇, 年份).
/// </summary>
public sealed record ChartData(string Id, string Title, ChartKind Kind, string Unit, string CategoryLabel,
    IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>A target line drawn across the chart (e.g. 100 亿元 a year), in <see cref="Unit"/>.</summary>
    public decimal? Target { get; init; }

    /// <summary>Header of a series' column: name and unit.</summary>
    public string Header(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Unit.Length == 0 ? series.Name : $"{series.Name}（{Unit}）";
    }

    /// <summary>Header of the target column (only when <see cref="Target"/> is set).</summary>
    public string TargetHeader => Unit.Length == 0 ? "目标" : $"目标（{Unit}）";

    /// <summary>The exact figure with thousands separators and every significant decimal (never rounded): the cell's title and the workbook.</summary>
    public static string Format(decimal value) => value.ToString("#,##0.##########", CultureInfo.InvariantCulture);

    /// <summary>The figure as a table shows it (issue 12 item 9): two decimals at most; the exact one is the cell's title.</summary>
    public static string Shown(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,##0.##", CultureInfo.InvariantCulture);
}

/// <summary>Whether the page rendered a chart: the layout then loads echarts.min.js and charts.js (and only then).</summary>
public static class ChartAssets
{
    private const string Key = "renewal.charts";

    /// <summary>Called by <c>_Chart.cshtml</c>; the layout is rendered after the page body, so it sees the flag.</summary>
    public static void Require(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = true;
    }

    public static bool Required(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.ContainsKey(Key);
    }
}
