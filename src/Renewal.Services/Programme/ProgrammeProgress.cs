using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using PolicyEnterprise = Renewal.Policy.Model.Enterprise;
using PolicyProject = Renewal.Policy.Model.Project;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Services.Programme;

/// <summary>Equipment investment of one year of the programme (T-2).</summary>
public sealed record YearFigure(int Year, decimal Equipment);

/// <summary>T-4: quantities of key energy-using equipment by where their grade stands.</summary>
/// <param name="Total">All key energy-using items (quantity), rated or not.</param>
/// <param name="AtSavingLevel">Rated at the catalogue's energy-saving grade or better.</param>
/// <param name="Unrated">No grade on record: counted in <paramref name="Total"/>, never as at saving level (ADR-008).</param>
/// <param name="SavingGrade">The catalogue's energy-saving grade (2): at or better than it counts.</param>
public sealed record KeyEnergyFigures(long Total, long AtSavingLevel, long Unrated, int SavingGrade)
{
    public long BelowSavingLevel => Total - AtSavingLevel - Unrated;

    /// <summary>AtSavingLevel / Total; 1 when there is no key energy-using equipment (nothing is below the line).</summary>
    public decimal Share => Total == 0 ? 1m : (decimal)AtSavingLevel / Total;
}

/// <summary>A completed major demonstration project (T-3).</summary>
public sealed record DemonstrationProject(int ProjectId, string Code, string Name, string Enterprise, string Area, DateOnly CompletedOn);

/// <summary>Equipment investment 2024–2027 of one area, by year.</summary>
public sealed record AreaFigure(string Area, int Projects, IReadOnlyDictionary<int, decimal> EquipmentByYear)
{
    public decimal Equipment => EquipmentByYear.Values.Sum();
}

/// <summary>Equipment investment 2024–2027 of one GB/T 4754-2017 division (C34).</summary>
public sealed record DivisionFigure(string Division, string Name, int Projects, decimal Equipment);

/// <summary>Equipment investment 2024–2027 of the projects classified under plan task n (a project may have several).</summary>
public sealed record TaskFigure(int Task, string Name, int Projects, decimal Equipment);

/// <summary>Awards of one scheme: from the applications (approved incl. paid, paid, under review) and stored engine results.</summary>
public sealed record SchemeFigure(Scheme Scheme, decimal Approved, decimal Paid, decimal UnderReview, decimal Computed);

/// <summary>The library's cumulative equipment investment at a month end, from progress reports.</summary>
public sealed record MonthFigure(DateOnly MonthEnd, decimal CumulativeEquipment);

/// <summary>The independent parts of a <see cref="ProgrammeReport"/>, each recomputed only when what it reads changed.</summary>
[Flags]
public enum ProgrammeParts
{
    None = 0,
    /// <summary>T-1, T-2, by area, division and task: investments, projects, enterprises.</summary>
    Investment = 1,
    /// <summary>T-3: projects, investments, enterprises and the engine's parameters.</summary>
    Demonstrations = 2,
    /// <summary>T-4, T-5: the equipment inventory.</summary>
    Inventory = 4,
    /// <summary>By scheme: applications and award decisions.</summary>
    Schemes = 8,
    /// <summary>The monthly trend: progress reports (and the month of today).</summary>
    Trend = 16,
    All = Investment | Demonstrations | Inventory | Schemes | Trend,
}

/// <summary>The programme's progress against T-1..T-5, with its breakdowns; <see cref="Area"/> null = all of Kunshan.</summary>
public sealed record ProgrammeReport
{
    public string? Area { get; init; }
    public DateOnly Today { get; init; }
    public required ProgrammeTargets Targets { get; init; }
    /// <summary>T-1: Σ equipment of every project, years 2024–2027.</summary>
    public decimal CumulativeEquipment { get; init; }
    /// <summary>T-2.</summary>
    public required IReadOnlyList<YearFigure> EquipmentByYear { get; init; }
    /// <summary>T-3.</summary>
    public required IReadOnlyList<DemonstrationProject> Demonstrations { get; init; }
    /// <summary>T-4.</summary>
    public required KeyEnergyFigures KeyEnergy { get; init; }
    /// <summary>T-5: quantity of inventory items citing a hazardous-chemical catalogue entry.</summary>
    public long HazardousRemaining { get; init; }
    public required IReadOnlyList<AreaFigure> ByArea { get; init; }
    public required IReadOnlyList<DivisionFigure> ByDivision { get; init; }
    public required IReadOnlyList<TaskFigure> ByTask { get; init; }
    public required IReadOnlyList<SchemeFigure> ByScheme { get; init; }
    public required IReadOnlyList<MonthFigure> Trend { get; init; }
}

/// <summary>
/// Computes the programme dashboard from the library (ADR-008). Sums are aggregated in SQL (GROUP BY on small keys);
/// only T-3 loads rows — the completed projects with a digital scope — to ask the engine whether A-1..A-3 hold.
/// </summary>
public static class ProgrammeProgress
{
    /// <summary>Plan §二's twelve tasks (POLICY.md): the pack's vocabulary.</summary>
    public static IReadOnlyList<string> TaskNames => Renewal.Policy.Kunshan2024.Vocabulary.Tasks;

    /// <param name="db">The library.</param>
    /// <param name="engine">The policy engine (T-3 asks scheme A whether A-1..A-3 hold).</param>
    /// <param name="today">Kunshan's date: the trend runs to this month.</param>
    /// <param name="area">Only this 区镇 (a district reviewer's view); null = all.</param>
    /// <param name="catalogue">Equipment catalogue (key energy-using types, energy-saving grade); default the embedded one.</param>
    /// <param name="targets">Targets and division names; default the embedded files.</param>
    public static ProgrammeReport Compute(LibraryDbContext db, PolicyEngine engine, DateOnly today, string? area = null,
        EquipmentCatalogue? catalogue = null, ProgrammeTargets? targets = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Run(db, null, engine, today, area, catalogue, targets, ProgrammeParts.All, null);
    }

    /// <summary>
    /// The same figures, each part on a context of its own from <paramref name="open"/>, in parallel: the parts are
    /// independent scans of different tables, so the wall time is the slowest part's instead of their sum. With
    /// <paramref name="previous"/>, only <paramref name="parts"/> are recomputed and the rest is taken from it.
    /// </summary>
    public static ProgrammeReport Compute(Func<LibraryDbContext> open, PolicyEngine engine, DateOnly today, string? area = null,
        EquipmentCatalogue? catalogue = null, ProgrammeTargets? targets = null, ProgrammeParts parts = ProgrammeParts.All, ProgrammeReport? previous = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return Run(null, open, engine, today, area, catalogue, targets, previous is null ? ProgrammeParts.All : parts, previous);
    }

    private static ProgrammeReport Run(LibraryDbContext? db, Func<LibraryDbContext>? open, PolicyEngine engine, DateOnly today, string? area,
        EquipmentCatalogue? catalogue, ProgrammeTargets? targets, ProgrammeParts parts, ProgrammeReport? previous)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var cat = catalogue ?? EquipmentCatalogue.Default;
        var t = targets ?? ProgrammeTargets.Default;
        var first = t.FirstYear;
        var last = t.LastYear;

        Task<T> Part<T>(ProgrammeParts part, Func<LibraryDbContext, T> compute, Func<ProgrammeReport, T> kept) =>
            (parts & part) == 0 ? Task.FromResult(kept(previous!))
            : open is null ? Task.FromResult(compute(db!))
            : Task.Run(() =>
            {
                using var own = open();
                return compute(own);
            });

        var investment = Part(ProgrammeParts.Investment, c => Investment(c, t, area), r => (r.EquipmentByYear, r.ByArea, r.ByDivision));
        var tasks = Part(ProgrammeParts.Investment, c => Tasks(c, first, last, area), r => r.ByTask);
        var demonstrations = Part(ProgrammeParts.Demonstrations, c => Demonstrations(c, engine, first, last, area), r => r.Demonstrations);
        var keyEnergy = Part(ProgrammeParts.Inventory, c => KeyEnergy(c, cat, area), r => r.KeyEnergy);
        var hazardous = Part(ProgrammeParts.Inventory, c => Hazardous(c, area), r => r.HazardousRemaining);
        var schemes = Part(ProgrammeParts.Schemes, c => Schemes(c, area), r => r.ByScheme);
        var trend = Part(ProgrammeParts.Trend, c => Trend(c, first, today, last, area), r => r.Trend);
        Task.WaitAll(investment, tasks, demonstrations, keyEnergy, hazardous, schemes, trend);

        var (byYear, byArea, byDivision) = investment.Result;
        return Normal(new ProgrammeReport
        {
            Area = area,
            Today = today,
            Targets = t,
            CumulativeEquipment = byYear.Sum(y => y.Equipment),
            EquipmentByYear = byYear,
            Demonstrations = demonstrations.Result,
            KeyEnergy = keyEnergy.Result,
            HazardousRemaining = hazardous.Result,
            ByArea = byArea,
            ByDivision = byDivision,
            ByTask = tasks.Result,
            ByScheme = schemes.Result,
            Trend = trend.Result,
        });
    }

    /// <summary>
    /// Every amount without trailing zeros: a sum's scale is the largest of its addends' (SQLite's decimal text, a
    /// PostgreSQL numeric), and the dashboard kept by adding and taking out shares (ProgrammeCache) has added and
    /// taken out other addends; the same figure must read the same either way, to the fen and in its JSON.
    /// </summary>
    internal static ProgrammeReport Normal(ProgrammeReport r) => r with
    {
        CumulativeEquipment = Normal(r.CumulativeEquipment),
        EquipmentByYear = [.. r.EquipmentByYear.Select(y => y with { Equipment = Normal(y.Equipment) })],
        ByArea = [.. r.ByArea.Select(a => a with { EquipmentByYear = a.EquipmentByYear.ToDictionary(kv => kv.Key, kv => Normal(kv.Value)) })],
        ByDivision = [.. r.ByDivision.Select(d => d with { Equipment = Normal(d.Equipment) })],
        ByTask = [.. r.ByTask.Select(t => t with { Equipment = Normal(t.Equipment) })],
        ByScheme = [.. r.ByScheme.Select(s => s with { Approved = Normal(s.Approved), Paid = Normal(s.Paid), UnderReview = Normal(s.UnderReview), Computed = Normal(s.Computed) })],
        Trend = [.. r.Trend.Select(m => m with { CumulativeEquipment = Normal(m.CumulativeEquipment) })],
    };

    /// <summary>The same value at the smallest scale that holds it exactly (100.00 → 100, 0.50 → 0.5).</summary>
    internal static decimal Normal(decimal d)
    {
        var scale = d.Scale;
        while (scale > 0)
        {
            var shorter = decimal.Round(d, scale - 1);
            if (shorter != d) break;
            d = shorter;
            scale--;
        }
        return d;
    }

    /// <summary>T-1, T-2, by area and by division: two GROUP BYs over the investments.</summary>
    private static (IReadOnlyList<YearFigure>, IReadOnlyList<AreaFigure>, IReadOnlyList<DivisionFigure>) Investment(LibraryDbContext db, ProgrammeTargets t, string? area)
    {
        var rows = Cube(db, t.FirstYear, t.LastYear, area);
        var counts = ProjectCounts(db, t.FirstYear, t.LastYear, area);
        var projectsByArea = counts.GroupBy(c => c.Area, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Projects), StringComparer.Ordinal);
        var projectsByDivision = counts.GroupBy(c => c.Division, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Projects), StringComparer.Ordinal);
        var byYear = t.Years.Select(y => new YearFigure(y, rows.Where(c => c.Year == y).Sum(c => c.Equipment))).ToList();
        var byArea = rows.GroupBy(c => c.Area, StringComparer.Ordinal)
            .Select(g => new AreaFigure(g.Key, projectsByArea.GetValueOrDefault(g.Key),
                t.Years.ToDictionary(y => y, y => g.Where(c => c.Year == y).Sum(c => c.Equipment))))
            .OrderByDescending(x => x.Equipment).ThenBy(x => x.Area, StringComparer.Ordinal).ToList();
        var byDivision = rows.GroupBy(c => c.Division, StringComparer.Ordinal)
            .Select(g => new DivisionFigure(g.Key, t.DivisionName(g.Key), projectsByDivision.GetValueOrDefault(g.Key), g.Sum(c => c.Equipment)))
            .OrderByDescending(x => x.Equipment).ThenBy(x => x.Division, StringComparer.Ordinal).ToList();
        return (byYear, byArea, byDivision);
    }

    private sealed record CubeRow(string Area, string Division, int Year, decimal Equipment);

    private sealed record CountRow(string Area, string Division, int Projects);

    /// <summary>
    /// Investment by (area, division, year): one GROUP BY over the investments, a few hundred rows back; T-1, T-2, the
    /// area and the division breakdowns are sums over it.
    /// </summary>
    private static List<CubeRow> Cube(LibraryDbContext db, int first, int last, string? area)
    {
        var all = area is null;
        var a = area ?? "";
        return db.Investments.AsNoTracking()
            .Where(i => i.Year >= first && i.Year <= last && (all || i.Project!.Enterprise!.Area == a))
            .GroupBy(i => new { i.Project!.Enterprise!.Area, Division = i.Project!.Enterprise!.IndustryCode.Substring(0, 3), i.Year })
            .Select(g => new CubeRow(g.Key.Area, g.Key.Division, g.Key.Year, g.Sum(i => i.Equipment)))
            .ToList();
    }

    /// <summary>Projects investing in the programme's years, by (area, division).</summary>
    private static List<CountRow> ProjectCounts(LibraryDbContext db, int first, int last, string? area)
    {
        var all = area is null;
        var a = area ?? "";
        return db.Investments.AsNoTracking()
            .Where(i => i.Year >= first && i.Year <= last && (all || i.Project!.Enterprise!.Area == a))
            .GroupBy(i => new { i.Project!.Enterprise!.Area, Division = i.Project!.Enterprise!.IndustryCode.Substring(0, 3) })
            .Select(g => new CountRow(g.Key.Area, g.Key.Division, g.Select(i => i.ProjectId).Distinct().Count()))
            .ToList();
    }

    /// <summary>T-5: quantity of inventory items citing a hazardous-chemical catalogue entry.</summary>
    public static long Hazardous(LibraryDbContext db, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = area is null;
        var a = area ?? "";
        return db.Equipment.AsNoTracking()
            .Where(e => e.HazardousCatalogueItem != null && (all || e.Enterprise!.Area == a))
            .Sum(e => (long)e.Quantity);
    }

    /// <summary>
    /// T-3: completed projects (status completed, completed 2024–2027) for which scheme A's A-1..A-3 hold in the year of
    /// completion, as the engine decides with the parameters in force. Earlier awards are left out on purpose: a
    /// project already rewarded is still a demonstration project built (ADR-008). Losing to B under I-5 does not
    /// matter either: A-1..A-3 held.
    /// </summary>
    public static IReadOnlyList<DemonstrationProject> Demonstrations(LibraryDbContext db, PolicyEngine engine, int first, int last, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        return [.. DemonstrationRows(db, engine, first, last, area, null).Select(d => d.Project)];
    }

    /// <summary>T-3's projects with their enterprise (stored id), of one area or of the enterprises <paramref name="enterprises"/> (null = any).</summary>
    internal static List<(int EnterpriseId, DemonstrationProject Project)> DemonstrationRows(LibraryDbContext db, PolicyEngine engine, int first, int last,
        string? area, IReadOnlyList<int>? enterprises)
    {
        var all = area is null;
        var a = area ?? "";
        var any = enterprises is null;
        var set = enterprises?.ToList() ?? [];
        var from = new DateOnly(first, 1, 1);
        var to = new DateOnly(last, 12, 31);
        // Only projects that can pass are loaded; the engine decides the rest.
        var candidates = db.Projects.AsNoTracking().Include(p => p.Enterprise)
            .Where(p => p.Status == ProjectStatus.Completed && p.CompletedOn >= from && p.CompletedOn <= to && p.DigitalScopes.Count > 0
                && (all || p.Enterprise!.Area == a));
        var rows = (any ? candidates : candidates.Where(p => set.Contains(p.EnterpriseId))).ToList();
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var investments = db.Investments.AsNoTracking().Where(i => ids.Contains(i.ProjectId)).ToList().ToLookup(i => i.ProjectId);

        var found = new List<(int, DemonstrationProject)>();
        foreach (var year in rows.GroupBy(r => r.CompletedOn!.Value.Year))
        {
            var list = year.ToList();
            var scenario = new Scenario
            {
                Name = $"T-3 {year.Key}",
                Year = year.Key,
                Enterprises = [.. list.Select(r => r.Enterprise!).DistinctBy(e => e.Id).Select(LibraryScenario.ToPolicy)],
                Projects = [.. list.Select(r => LibraryScenario.ToPolicy(r, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Enterprise!.CreditCode, ProjectStatus.Completed, r.CompletedOn, investments[r.Id], []))],
            };
            var result = engine.EvaluateCompact(scenario);
            for (var i = 0; i < list.Count; i++)
            {
                if (!result.Demonstration[i].Eligible) continue;
                var r = list[i];
                found.Add((r.EnterpriseId, new DemonstrationProject(r.Id, r.Code, r.Name, r.Enterprise!.Name, r.Enterprise.Area, r.CompletedOn!.Value)));
            }
        }
        return [.. found.OrderBy(d => d.Item2.CompletedOn).ThenBy(d => d.Item2.ProjectId)];
    }

    /// <summary>T-4: key energy-using items (catalogue <c>key_energy</c> types) by grade, summed by quantity in SQL.</summary>
    public static KeyEnergyFigures KeyEnergy(LibraryDbContext db, EquipmentCatalogue catalogue, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalogue);
        var all = area is null;
        var a = area ?? "";
        var types = catalogue.Types.Where(t => t.KeyEnergy).Select(t => t.Id).ToList();
        var grades = db.Equipment.AsNoTracking()
            .Where(e => types.Contains(e.Type) && (all || e.Enterprise!.Area == a))
            .GroupBy(e => e.EfficiencyGrade)
            .Select(g => new { Grade = g.Key, Quantity = g.Sum(e => (long)e.Quantity) })
            .ToList();
        var saving = catalogue.EnergySavingGrade;
        return new KeyEnergyFigures(
            grades.Sum(g => g.Quantity),
            grades.Where(g => g.Grade is { } x && x <= saving).Sum(g => g.Quantity),
            grades.Where(g => g.Grade is null).Sum(g => g.Quantity),
            saving);
    }

    /// <summary>By plan task: each task's projects and their equipment 2024–2027 (one GROUP BY over the unnested task lists).</summary>
    public static IReadOnlyList<TaskFigure> Tasks(LibraryDbContext db, int first, int last, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = area is null;
        var a = area ?? "";
        // Grouped by the project's whole task list (a few hundred distinct lists), then spread over its tasks in memory:
        // SQLite cannot unnest a JSON column inside a GROUP BY (no APPLY), and each investment counts once per task.
        // Projects with the same task list form one group, so a task's project count is the sum of its groups' distinct counts.
        var rows = db.Investments.AsNoTracking()
            .Where(i => i.Year >= first && i.Year <= last && (all || i.Project!.Enterprise!.Area == a))
            .GroupBy(i => i.Project!.Tasks)
            .Select(g => new { Tasks = g.Key, Equipment = g.Sum(i => i.Equipment), N = g.Select(i => i.ProjectId).Distinct().Count() })
            .ToList();
        var equipment = new Dictionary<int, decimal>();
        var counts = new Dictionary<int, int>();
        foreach (var r in rows)
        {
            foreach (var t in r.Tasks.Distinct())
            {
                equipment[t] = equipment.GetValueOrDefault(t) + r.Equipment;
                counts[t] = counts.GetValueOrDefault(t) + r.N;
            }
        }
        return [.. Enumerable.Range(1, TaskNames.Count).Select(t =>
            new TaskFigure(t, TaskNames[t - 1], counts.GetValueOrDefault(t), equipment.GetValueOrDefault(t)))];
    }

    /// <summary>By scheme, from the applications (approved = approved or paid) and the engine's stored computed decisions.</summary>
    public static IReadOnlyList<SchemeFigure> Schemes(LibraryDbContext db, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = area is null;
        var a = area ?? "";
        var review = new[] { ApplicationState.Submitted, ApplicationState.DistrictReview, ApplicationState.BureauReview, ApplicationState.PublicNotice };
        var apps = db.Applications.AsNoTracking()
            .Where(x => all || x.Enterprise!.Area == a)
            .GroupBy(x => new { x.Scheme, x.State })
            .Select(g => new { g.Key.Scheme, g.Key.State, Approved = g.Sum(x => x.ApprovedAmount ?? 0m), Submitted = g.Sum(x => x.SubmittedAmount ?? 0m) })
            .ToList();
        var computed = db.AwardDecisions.AsNoTracking()
            .Where(d => d.Status == AwardStatus.Computed && (all || d.Enterprise!.Area == a))
            .GroupBy(d => d.Scheme)
            .Select(g => new { g.Key, Amount = g.Sum(d => d.Amount) })
            .ToList();
        return [.. Enum.GetValues<Scheme>().Select(s => new SchemeFigure(
            s,
            apps.Where(x => x.Scheme == s && x.State is ApplicationState.Approved or ApplicationState.Paid).Sum(x => x.Approved),
            apps.Where(x => x.Scheme == s && x.State == ApplicationState.Paid).Sum(x => x.Approved),
            apps.Where(x => x.Scheme == s && review.Contains(x.State)).Sum(x => x.Submitted),
            computed.Where(x => x.Key == s).Sum(x => x.Amount)))];
    }

    /// <summary>
    /// The month-end trend: at each month end from January of the first year to the month of <paramref name="today"/>
    /// (at most December of the last), Σ over projects of the cumulative equipment of the latest report filed on or
    /// before that date. Computed as each report's increase over the same project's previous report, summed by the
    /// month it was filed, then accumulated — one pass over the reports instead of one per month.
    /// </summary>
    public static IReadOnlyList<MonthFigure> Trend(LibraryDbContext db, int first, DateOnly today, int last, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = area is null;
        var a = area ?? "";
        var end = new DateOnly(Math.Min(today.Year, last), today.Year > last ? 12 : today.Month, 1).AddMonths(1).AddDays(-1);
        var start = new DateOnly(first, 1, 1);
        if (end < start) return [];
        // Four narrow columns per report, then each report's increase over the same project's previous one, summed by
        // the month it was filed. (A correlated "previous report" subquery in SQL took 2 s on SQLite at 250,000 reports.)
        var reports = db.ProgressReports.AsNoTracking()
            .Where(r => r.ReportedOn <= end && (all || r.Project!.Enterprise!.Area == a))
            .Select(r => new { r.ProjectId, r.Id, r.ReportedOn, r.CumulativeEquipment })
            .ToList();
        reports.Sort((x, y) => x.ProjectId != y.ProjectId ? x.ProjectId.CompareTo(y.ProjectId)
            : x.ReportedOn != y.ReportedOn ? x.ReportedOn.CompareTo(y.ReportedOn) : x.Id.CompareTo(y.Id));
        var increases = new Dictionary<(int Year, int Month), decimal>();
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            var previous = i > 0 && reports[i - 1].ProjectId == r.ProjectId ? reports[i - 1].CumulativeEquipment : 0m;
            var key = (r.ReportedOn.Year, r.ReportedOn.Month);
            increases[key] = increases.GetValueOrDefault(key) + (r.CumulativeEquipment - previous);
        }

        var points = new List<MonthFigure>();
        // Reports filed before the programme's first month count in its opening balance.
        var running = increases.Where(k => new DateOnly(k.Key.Year, k.Key.Month, 1) < start).Sum(k => k.Value);
        for (var m = start; m <= end; m = m.AddMonths(1))
        {
            running += increases.GetValueOrDefault((m.Year, m.Month));
            points.Add(new MonthFigure(m.AddMonths(1).AddDays(-1), running));
        }
        return points;
    }
}
