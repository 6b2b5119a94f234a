using Renewal.Data;
using Renewal.Policy.Model;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Web.Infrastructure;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Features.Simulation;

/// <summary>The charts of a what-if result, in 万元 (exact: yuan / 10,000).</summary>
public static class SimulationCharts
{
    public static IReadOnlyList<ChartData> Of(WhatIfResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var before = Lang.T("现行", "Current");
        var after = Lang.T("模拟", "Simulated");
        var columns = LibraryEvaluation.Columns.Where(c => c != "loan_interest.central" || r.ByColumn[c].Before != 0 || r.ByColumn[c].After != 0).ToList();
        var levels = FiscalLevels.All.Where(l => l != Level.Central || r.ByLevel["central"].Before != 0 || r.ByLevel["central"].After != 0).ToList();
        return
        [
            new ChartData("by-scheme", Lang.T($"{r.Year} 年度按政策与层级：现行与模拟", $"{r.Year} by scheme and level"), ChartKind.Bar, Lang.T("万元", "10k yuan"),
                Lang.T("政策·层级", "Scheme · level"), [.. columns.Select(ShortLabel)],
                [new ChartSeries(before, [.. columns.Select(c => Wan(r.ByColumn[c].Before))]), new ChartSeries(after, [.. columns.Select(c => Wan(r.ByColumn[c].After))])]),
            new ChartData("by-level", Lang.T($"{r.Year} 年度按财政层级：现行与模拟", $"{r.Year} by fiscal level"), ChartKind.Bar, Lang.T("万元", "10k yuan"),
                Lang.T("财政层级", "Fiscal level"), [.. levels.Select(l => Codes.Label(l))],
                [new ChartSeries(before, [.. levels.Select(l => Wan(r.ByLevel[Codes.Of(l)].Before))]), new ChartSeries(after, [.. levels.Select(l => Wan(r.ByLevel[Codes.Of(l)].After))])]),
            new ChartData("by-area", Lang.T($"{r.Year} 年度各区镇差额", $"{r.Year} change by area"), ChartKind.Bar, Lang.T("万元", "10k yuan"),
                Lang.T("区镇", "Area"), [.. r.ByArea.Select(a => a.Area)],
                [new ChartSeries(Lang.T("差额", "Change"), [.. r.ByArea.Select(a => Wan(a.Total.Change))])]),
        ];
    }

    public static string Label(string column) => Lang.T(FiscalLevels.Label(column), FiscalLevels.EnglishLabel(column));

    /// <summary>A column's label short enough for a chart axis: "B 有效投入", "D 昆山".</summary>
    public static string ShortLabel(string column) => column switch
    {
        "demonstration" => Lang.T("A 示范项目", "A"),
        "effective_investment" => Lang.T("B 有效投入", "B"),
        "tech_renovation" => Lang.T("C 技改综合", "C"),
        _ when column.StartsWith("loan_interest.", StringComparison.Ordinal) && Codes.TryParse(column["loan_interest.".Length..], out Level l)
            => "D " + Lang.T(Codes.Label(l).Replace("市级", "", StringComparison.Ordinal).Replace("级", "", StringComparison.Ordinal), Codes.Of(l)),
        _ => column,
    };

    public static decimal Wan(decimal yuan) => yuan / 10_000m;
}
