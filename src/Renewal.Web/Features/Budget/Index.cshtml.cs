using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Web.Features.Simulation;
using Renewal.Web.Infrastructure;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Features.Budget;

/// <summary>预算: awards approved, paid, pending and forecast by scheme, fiscal level and year 2024–2027.</summary>
[Authorize(Roles = BudgetAccess.Roles)]
public sealed class IndexModel(LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) : PageModel
{
    public BudgetReport Report { get; private set; } = null!;
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];

    /// <summary>The levels shown: central only when something is booked there.</summary>
    public IReadOnlyList<Level> Levels { get; private set; } = [];

    public void OnGet() => Load();

    public IActionResult OnGetXlsx(string chart)
    {
        Load();
        return Charts.FirstOrDefault(c => c.Id == chart) is { } data ? ChartWorkbook.File(data) : NotFound();
    }

    /// <summary>万元 with every significant decimal (yuan have two, so 万元 have at most six): exact.</summary>
    public static string Wan(decimal yuan) => Math.Round(yuan / 10_000m, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>The exact amount in 元 behind a 万元 cell (its title; the xlsx keeps exact figures).</summary>
    public static string Exact(decimal yuan) => yuan.ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元";

    private void Load()
    {
        Report = BudgetReport.Build(db, engine, snapshots);
        var r = Report;
        Levels = [.. FiscalLevels.All.Where(l => l != Level.Central || r.ByLevel["central"].Values.Any(c => c != BudgetCell.Zero))];
        var years = r.Years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        var unit = T("万元", "10k yuan");
        var columns = r.Columns.Where(c => c != "loan_interest.central" || r.ByColumn[c].Values.Any(x => x != BudgetCell.Zero)).ToList();
        Charts =
        [
            new ChartData("forecast-by-level", T("预测奖补按财政层级与年度", "Forecast by fiscal level and year"), ChartKind.StackedBar, unit, T("年度", "Year"), years,
                [.. Levels.Select(l => new ChartSeries(Codes.Label(l), [.. r.Years.Select(y => Yuan(r.ByLevel[Codes.Of(l)][y].Forecast))]))]),
            new ChartData("status-by-year", T("已批准、已拨付、待审与预测（按年度）", "Approved, paid, pending and forecast by year"), ChartKind.Bar, unit, T("年度", "Year"), years,
            [
                new ChartSeries(T("已批准", "Approved"), [.. r.Years.Select(y => Yuan(r.ByYear[y].Approved))]),
                new ChartSeries(T("已拨付", "Paid"), [.. r.Years.Select(y => Yuan(r.ByYear[y].Paid))]),
                new ChartSeries(T("待审", "Pending"), [.. r.Years.Select(y => Yuan(r.ByYear[y].Pending))]),
                new ChartSeries(T("预测", "Forecast"), [.. r.Years.Select(y => Yuan(r.ByYear[y].Forecast))]),
            ]),
            new ChartData("forecast-by-scheme", T("预测奖补按政策与年度", "Forecast by scheme and year"), ChartKind.StackedBar, unit, T("年度", "Year"), years,
                [.. columns.Select(c => new ChartSeries(SimulationCharts.Label(c), [.. r.Years.Select(y => Yuan(r.ByColumn[c][y].Forecast))]))]),
        ];
    }

    private static decimal Yuan(decimal v) => v / 10_000m;

    private static string T(string zh, string en) => Lang.T(zh, en);
}
