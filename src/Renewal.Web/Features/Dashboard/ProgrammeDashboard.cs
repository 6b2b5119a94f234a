using System.Globalization;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Web.Infrastructure;
using Renewal.Services.Programme;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Dashboard;

/// <summary>One of the five target cards: the figure, the target and how far along (0–1 for the progress bar).</summary>
public sealed record TargetCard(string Id, string Title, string Figure, string TargetText, decimal Progress, bool Reached, string Note, string Source);

/// <summary>
/// The programme dashboard (home page of the government roles, ADR-008): the report for the user's scope — a district
/// reviewer's own area, everything for the bureau and finance — its five target cards and its charts.
/// </summary>
public static class ProgrammeDashboard
{
    private const decimal Yi = 100_000_000m;
    private const decimal Wan = 10_000m;

    /// <summary>The area a government user may see: its own for a district reviewer, null (all) otherwise.</summary>
    public static string? ScopeOf(UserContext user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsGovernment) throw new InvalidOperationException("只有政府用户可查看计划进度");
        // A district reviewer without an area sees an empty area, never everything.
        return user.Role == Role.DistrictReviewer ? user.Area ?? "" : null;
    }

    /// <summary>Kunshan's date (UTC+8), whatever the server's time zone.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.Today();
    }

    /// <summary>The report of the user's scope, kept up with the library's change feed (ADR-027); a full build runs its queries in parallel on contexts of their own.</summary>
    public static ProgrammeReport Report(LibraryDbContext db, LibraryDatabaseOptions options, PolicyEngine engine, TimeProvider clock, UserContext user) =>
        ProgrammeCache.Get(db, engine, Today(clock), ScopeOf(user), () => LibraryStore.Create(options), clock);

    public static IReadOnlyList<TargetCard> Cards(ProgrammeReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var t = r.Targets;
        var scope = r.Area is null ? Lang.T("全市", "Kunshan") : r.Area;
        var t1 = t["T-1"];
        var t2 = t["T-2"];
        var t3 = t["T-3"];
        var t4 = t["T-4"];
        var t5 = t["T-5"];
        var thisYear = Math.Clamp(r.Today.Year, t.FirstYear, t.LastYear);
        var year = r.EquipmentByYear.First(y => y.Year == thisYear);
        var ke = r.KeyEnergy;
        return
        [
            new("T-1", Lang.T($"{t.FirstYear}—{t.LastYear} 年累计设备投资", "Cumulative equipment investment"),
                Yuan(r.CumulativeEquipment / Yi) + " 亿元", Lang.T($"全市目标 {Yuan(t1.Value / Yi)} 亿元", $"Target {Yuan(t1.Value / Yi)} 亿元"),
                Ratio(r.CumulativeEquipment, t1.Value), t1.Reached(r.CumulativeEquipment),
                Lang.T($"{scope}，{ChartData.Format(r.CumulativeEquipment)} 元", $"{scope}, {ChartData.Format(r.CumulativeEquipment)} yuan"), t1.Source),
            new("T-2", Lang.T($"{thisYear} 年设备投资", $"Equipment investment {thisYear}"),
                Yuan(year.Equipment / Yi) + " 亿元", Lang.T($"每年目标 {Yuan(t2.Value / Yi)} 亿元", $"Target {Yuan(t2.Value / Yi)} 亿元 a year"),
                Ratio(year.Equipment, t2.Value), t2.Reached(year.Equipment),
                string.Join("；", r.EquipmentByYear.Select(y => $"{y.Year}：{Yuan(y.Equipment / Yi)}")), t2.Source),
            new("T-3", Lang.T("建成重大示范项目", "Completed demonstration projects"),
                r.Demonstrations.Count.ToString(CultureInfo.InvariantCulture) + " 个", Lang.T($"目标 {t3.Value:0} 个", $"Target {t3.Value:0}"),
                Ratio(r.Demonstrations.Count, t3.Value), t3.Reached(r.Demonstrations.Count),
                Lang.T("已竣工且满足 A-1～A-3（引擎判定）", "Completed and A-1..A-3 hold (engine)"), t3.Source),
            new("T-4", Lang.T("重点用能设备达到节能水平", "Key energy-using equipment at saving level"),
                (ke.Share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%", Lang.T($"目标 {t4.Value * 100:0}%", $"Target {t4.Value * 100:0}%"),
                Ratio(ke.Share, t4.Value), t4.Reached(ke.Share),
                Lang.T($"{ke.AtSavingLevel:N0} / {ke.Total:N0} 台（{ke.SavingGrade} 级及以上）；未定级 {ke.Unrated:N0} 台计入分母", $"{ke.AtSavingLevel:N0} / {ke.Total:N0} at grade ≤ {ke.SavingGrade}; {ke.Unrated:N0} unrated counted as not"),
                t4.Source),
            new("T-5", Lang.T("淘汰类危化工艺设备剩余", "Obsolete hazardous-chemical equipment left"),
                r.HazardousRemaining.ToString("N0", CultureInfo.InvariantCulture) + " 台（套）", Lang.T($"目标 {t5.Value:0}", $"Target {t5.Value:0}"),
                r.HazardousRemaining == 0 ? 1m : 0m, t5.Reached(r.HazardousRemaining),
                Lang.T("设备台账中列入应急厅〔2020〕38号、应急厅函〔2024〕86号目录的数量", "Inventory items on the hazardous catalogues"), t5.Source),
        ];
    }

    /// <summary>The charts of the dashboard, by id (each has a table view and an xlsx download).</summary>
    public static IReadOnlyList<ChartData> Charts(ProgrammeReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var city = r.Area is null;
        var years = r.Targets.Years.ToList();
        var yearLabels = years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        var yi = Lang.T("亿元", "亿元");
        return
        [
            new ChartData("year", Lang.T("各年度设备投资与目标", "Equipment investment by year vs target"), ChartKind.Bar, yi, Lang.T("年份", "Year"),
                yearLabels, [new ChartSeries(Lang.T("设备投资", "Equipment investment"), [.. r.EquipmentByYear.Select(y => y.Equipment / Yi)])])
            { Target = city ? r.Targets["T-2"].Value / Yi : null },
            new ChartData("trend", Lang.T("累计设备投资月度走势（季度进展）", "Cumulative equipment investment by month (progress reports)"), ChartKind.Line, yi,
                Lang.T("月末", "Month end"), [.. r.Trend.Select(m => m.MonthEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture))],
                [new ChartSeries(Lang.T("累计设备投资", "Cumulative equipment investment"), [.. r.Trend.Select(m => m.CumulativeEquipment / Yi)])])
            { Target = city ? r.Targets["T-1"].Value / Yi : null },
            new ChartData("area", Lang.T("各区镇设备投资", "Equipment investment by area"), ChartKind.StackedBar, yi, Lang.T("区镇", "Area"),
                [.. r.ByArea.Select(a => a.Area)],
                [.. years.Select(y => new ChartSeries(y.ToString(CultureInfo.InvariantCulture) + Lang.T(" 年", ""), [.. r.ByArea.Select(a => a.EquipmentByYear.GetValueOrDefault(y) / Yi)]))]),
            new ChartData("division", Lang.T("各行业大类设备投资（GB/T 4754-2017）", "Equipment investment by industry division"), ChartKind.Bar, yi,
                Lang.T("行业大类", "Division"), [.. r.ByDivision.Select(d => $"{d.Division} {d.Name}")],
                [new ChartSeries(Lang.T("设备投资", "Equipment investment"), [.. r.ByDivision.Select(d => d.Equipment / Yi)])]),
            new ChartData("task", Lang.T("各重点任务设备投资（一个项目可属多项任务）", "Equipment investment by plan task (a project may have several)"), ChartKind.Bar, yi,
                Lang.T("重点任务", "Task"), [.. r.ByTask.Select(t => $"{t.Task} {t.Name}")],
                [new ChartSeries(Lang.T("设备投资", "Equipment investment"), [.. r.ByTask.Select(t => t.Equipment / Yi)])]),
            new ChartData("scheme", Lang.T("各奖补政策资金", "Awards by scheme"), ChartKind.Bar, Lang.T("万元", "万元"), Lang.T("政策", "Scheme"),
                [.. r.ByScheme.Select(s => Codes.Label(s.Scheme))],
                [
                    new ChartSeries(Lang.T("已批准", "Approved"), [.. r.ByScheme.Select(s => s.Approved / Wan)]),
                    new ChartSeries(Lang.T("已拨付", "Paid"), [.. r.ByScheme.Select(s => s.Paid / Wan)]),
                    new ChartSeries(Lang.T("审核中", "Under review"), [.. r.ByScheme.Select(s => s.UnderReview / Wan)]),
                    new ChartSeries(Lang.T("引擎测算（已存储）", "Engine forecast (stored)"), [.. r.ByScheme.Select(s => s.Computed / Wan)]),
                ]),
        ];
    }

    private static decimal Ratio(decimal actual, decimal target) => target <= 0 ? 1m : Math.Clamp(actual / target, 0m, 1m);

    /// <summary>亿元 on a card: two decimals (the exact figure is in the note and the tables).</summary>
    private static string Yuan(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
