using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;

namespace Renewal.Services.Programme;

/// <summary>
/// What one enterprise adds to every figure of the dashboard (ADR-027): the dashboard of an area, or of the city, is
/// the sum of the shares of its enterprises, so a change of one enterprise takes its old share out and puts its new
/// one in. Part by part, the fields follow <see cref="ProgrammeParts"/>.
/// </summary>
internal sealed class EnterpriseShare
{
    public required string Area { get; init; }
    /// <summary>GB/T 4754 division: the first three characters of the industry code.</summary>
    public required string Division { get; init; }

    // Investment: per programme year (index year − first) the equipment and the number of investment rows (a row
    // with 0 yuan still puts its area and division on the charts, as the GROUP BY does); the projects investing in
    // those years; per plan task 1..n (index task − 1) the equipment and the projects.
    public required decimal[] YearEquipment { get; init; }
    public required int[] YearRows { get; init; }
    public int Projects { get; set; }
    public required decimal[] TaskEquipment { get; init; }
    public required int[] TaskProjects { get; init; }

    public DemonstrationProject[] Demonstrations { get; set; } = [];

    public long KeyTotal { get; set; }
    public long KeyAtSaving { get; set; }
    public long KeyUnrated { get; set; }
    public long Hazardous { get; set; }

    /// <summary>Per scheme (index in <see cref="ProgrammeShares.Schemes"/>): approved, paid, under review, computed.</summary>
    public required decimal[] SchemeSums { get; init; }

    /// <summary>Σ of each report's increase over its project's previous report, by the month it was filed (year·12 + month − 1).</summary>
    public Dictionary<int, decimal> Increases { get; } = [];

    public static EnterpriseShare Empty(string area, string division, int years, int tasks) => new()
    {
        Area = area,
        Division = division,
        YearEquipment = new decimal[years],
        YearRows = new int[years],
        TaskEquipment = new decimal[tasks],
        TaskProjects = new int[tasks],
        SchemeSums = new decimal[ProgrammeShares.Schemes.Length * 4],
    };

    public bool HasInvestment => YearRows.Any(r => r > 0);
    public bool HasInventory => KeyTotal != 0 || Hazardous != 0;
    public bool HasSchemes => SchemeSums.Any(s => s != 0m);
    public bool HasTrend => Increases.Count > 0;

    /// <summary>
    /// The parts of the dashboard that differ between <paramref name="old"/> and <paramref name="now"/> (either may be
    /// null: the enterprise is new or gone). A part whose figures are the same under the same area is unchanged, so the
    /// dashboard keeps its charts of that part as they were.
    /// </summary>
    public static ProgrammeParts Differ(EnterpriseShare? old, EnterpriseShare? now)
    {
        if (old is null && now is null) return ProgrammeParts.None;
        var parts = ProgrammeParts.None;
        var moved = old?.Area != now?.Area;
        if (old is null || now is null)
        {
            var some = (old ?? now)!;
            if (some.HasInvestment) parts |= ProgrammeParts.Investment;
            if (some.Demonstrations.Length > 0) parts |= ProgrammeParts.Demonstrations;
            if (some.HasInventory) parts |= ProgrammeParts.Inventory;
            if (some.HasSchemes) parts |= ProgrammeParts.Schemes;
            if (some.HasTrend) parts |= ProgrammeParts.Trend;
            return parts;
        }
        if ((moved || old.Division != now.Division) && (old.HasInvestment || now.HasInvestment)
            || old.Projects != now.Projects
            || !old.YearEquipment.AsSpan().SequenceEqual(now.YearEquipment) || !old.YearRows.AsSpan().SequenceEqual(now.YearRows)
            || !old.TaskEquipment.AsSpan().SequenceEqual(now.TaskEquipment) || !old.TaskProjects.AsSpan().SequenceEqual(now.TaskProjects))
            parts |= ProgrammeParts.Investment;
        if (!old.Demonstrations.SequenceEqual(now.Demonstrations)) parts |= ProgrammeParts.Demonstrations;
        if (moved && (old.HasInventory || now.HasInventory)
            || old.KeyTotal != now.KeyTotal || old.KeyAtSaving != now.KeyAtSaving || old.KeyUnrated != now.KeyUnrated || old.Hazardous != now.Hazardous)
            parts |= ProgrammeParts.Inventory;
        if (moved && (old.HasSchemes || now.HasSchemes) || !old.SchemeSums.AsSpan().SequenceEqual(now.SchemeSums)) parts |= ProgrammeParts.Schemes;
        if (moved && (old.HasTrend || now.HasTrend) || old.Increases.Count != now.Increases.Count
            || old.Increases.Any(kv => !now.Increases.TryGetValue(kv.Key, out var v) || v != kv.Value))
            parts |= ProgrammeParts.Trend;
        return parts;
    }
}

/// <summary>
/// Reads the shares of a set of enterprises (or of all) from the library: one aggregate query per part, filtered
/// by <c>EnterpriseId IN (…)</c> when a set is given — a handful of milliseconds for the few enterprises a change
/// touches, and the same queries over the whole library for a full build (then in parallel, one context each).
/// </summary>
internal static class ProgrammeShares
{
    public static readonly Scheme[] Schemes = Enum.GetValues<Scheme>();

    private static readonly ApplicationState[] Review =
        [ApplicationState.Submitted, ApplicationState.DistrictReview, ApplicationState.BureauReview, ApplicationState.PublicNotice];

    public static string DivisionOf(string industryCode) => industryCode.Length > 3 ? industryCode[..3] : industryCode;

    /// <param name="db">Runs the queries when <paramref name="open"/> is null or the set is small.</param>
    /// <param name="open">Contexts of their own for a full build, the queries then in parallel.</param>
    /// <param name="engine">T-3's engine.</param>
    /// <param name="t">The programme's years.</param>
    /// <param name="catalogue">Key energy-using types and the energy-saving grade (T-4).</param>
    /// <param name="ids">The enterprises (stored ids); null = all.</param>
    public static Dictionary<int, EnterpriseShare> Read(LibraryDbContext db, Func<LibraryDbContext>? open, PolicyEngine engine,
        ProgrammeTargets t, EquipmentCatalogue catalogue, IReadOnlyList<int>? ids)
    {
        var all = ids is null;
        var set = ids?.ToList() ?? [];
        var first = t.FirstYear;
        var last = t.LastYear;
        var years = last - first + 1;
        var tasks = ProgrammeProgress.TaskNames.Count;
        var keyTypes = catalogue.Types.Where(x => x.KeyEnergy).Select(x => x.Id).ToList();
        var saving = catalogue.EnergySavingGrade;

        Task<T> Run<T>(Func<LibraryDbContext, T> query) =>
            open is null || !all ? Task.FromResult(query(db))
            : Task.Run(() =>
            {
                using var own = open();
                return query(own);
            });

        // The filter only when there is a set: "@all OR id IN json_each(@set)" costs SQLite a test per row of a full scan.
        IQueryable<ProjectInvestment> Investments(LibraryDbContext c)
        {
            var q = c.Investments.AsNoTracking().Where(i => i.Year >= first && i.Year <= last);
            return all ? q : q.Where(i => set.Contains(i.Project!.EnterpriseId));
        }
        IQueryable<EquipmentItem> Equipment(LibraryDbContext c) => all ? c.Equipment.AsNoTracking() : c.Equipment.AsNoTracking().Where(e => set.Contains(e.EnterpriseId));

        var enterprises = Run(c => (all ? c.Enterprises.AsNoTracking() : c.Enterprises.AsNoTracking().Where(e => set.Contains(e.Id)))
            .Select(e => new { e.Id, e.Area, e.IndustryCode }).ToList());
        var byYear = Run(c => Investments(c)
            .GroupBy(i => new { i.Project!.EnterpriseId, i.Year })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Year, Equipment = g.Sum(i => i.Equipment), Rows = g.Count() })
            .ToList());
        // Grouped by the project's whole task list, as ProgrammeProgress.Tasks does (SQLite cannot unnest it in a GROUP BY).
        var byTasks = Run(c => Investments(c)
            .GroupBy(i => new { i.Project!.EnterpriseId, i.Project!.Tasks })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Tasks, Equipment = g.Sum(i => i.Equipment), N = g.Select(i => i.ProjectId).Distinct().Count() })
            .ToList());
        var demonstrations = Run(c => ProgrammeProgress.DemonstrationRows(c, engine, first, last, null, all ? null : set));
        var grades = Run(c => Equipment(c)
            .Where(e => keyTypes.Contains(e.Type))
            .GroupBy(e => new { e.EnterpriseId, e.EfficiencyGrade })
            .Select(g => new { g.Key.EnterpriseId, Grade = g.Key.EfficiencyGrade, Quantity = g.Sum(e => (long)e.Quantity) })
            .ToList());
        var hazardous = Run(c => Equipment(c)
            .Where(e => e.HazardousCatalogueItem != null)
            .GroupBy(e => e.EnterpriseId)
            .Select(g => new { EnterpriseId = g.Key, Quantity = g.Sum(e => (long)e.Quantity) })
            .ToList());
        var applications = Run(c => (all ? c.Applications.AsNoTracking() : c.Applications.AsNoTracking().Where(x => set.Contains(x.EnterpriseId)))
            .GroupBy(x => new { x.EnterpriseId, x.Scheme, x.State })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Scheme, g.Key.State, Approved = g.Sum(x => x.ApprovedAmount ?? 0m), Submitted = g.Sum(x => x.SubmittedAmount ?? 0m) })
            .ToList());
        var computed = Run(c => (all ? c.AwardDecisions.AsNoTracking() : c.AwardDecisions.AsNoTracking().Where(d => set.Contains(d.EnterpriseId)))
            .Where(d => d.Status == AwardStatus.Computed)
            .GroupBy(d => new { d.EnterpriseId, d.Scheme })
            .Select(g => new { g.Key.EnterpriseId, g.Key.Scheme, Amount = g.Sum(d => d.Amount) })
            .ToList());
        // A full build reads the reports without joining their projects (the owners come from a narrow read of the projects).
        var reports = Run(c => all
            ? c.ProgressReports.AsNoTracking().Select(r => new ReportRow(0, r.ProjectId, r.Id, r.ReportedOn, r.CumulativeEquipment)).ToList()
            : c.ProgressReports.AsNoTracking().Where(r => set.Contains(r.Project!.EnterpriseId))
                .Select(r => new ReportRow(r.Project!.EnterpriseId, r.ProjectId, r.Id, r.ReportedOn, r.CumulativeEquipment)).ToList());
        var owners = Run(c => all ? c.Projects.AsNoTracking().Select(p => new { p.Id, p.EnterpriseId }).ToDictionary(p => p.Id, p => p.EnterpriseId) : null);
        Task.WaitAll(enterprises, byYear, byTasks, demonstrations, grades, hazardous, applications, computed, reports, owners);

        var shares = new Dictionary<int, EnterpriseShare>(enterprises.Result.Count);
        foreach (var e in enterprises.Result) shares[e.Id] = EnterpriseShare.Empty(e.Area, DivisionOf(e.IndustryCode), years, tasks);
        // Rows of an enterprise created after the enterprise query ran are left out: the change feed names it next time.
        foreach (var r in byYear.Result)
        {
            if (!shares.TryGetValue(r.EnterpriseId, out var s)) continue;
            s.YearEquipment[r.Year - first] += r.Equipment;
            s.YearRows[r.Year - first] += r.Rows;
        }
        foreach (var r in byTasks.Result)
        {
            if (!shares.TryGetValue(r.EnterpriseId, out var s)) continue;
            s.Projects += r.N;
            foreach (var task in r.Tasks.Distinct())
            {
                if (task < 1 || task > tasks) continue;
                s.TaskEquipment[task - 1] += r.Equipment;
                s.TaskProjects[task - 1] += r.N;
            }
        }
        foreach (var g in demonstrations.Result.GroupBy(d => d.EnterpriseId))
        {
            if (shares.TryGetValue(g.Key, out var s)) s.Demonstrations = [.. g.Select(d => d.Project).OrderBy(d => d.CompletedOn).ThenBy(d => d.ProjectId)];
        }
        foreach (var r in grades.Result)
        {
            if (!shares.TryGetValue(r.EnterpriseId, out var s)) continue;
            s.KeyTotal += r.Quantity;
            if (r.Grade is null) s.KeyUnrated += r.Quantity;
            else if (r.Grade <= saving) s.KeyAtSaving += r.Quantity;
        }
        foreach (var r in hazardous.Result)
        {
            if (shares.TryGetValue(r.EnterpriseId, out var s)) s.Hazardous += r.Quantity;
        }
        foreach (var r in applications.Result)
        {
            if (!shares.TryGetValue(r.EnterpriseId, out var s)) continue;
            var k = Array.IndexOf(Schemes, r.Scheme) * 4;
            if (r.State is ApplicationState.Approved or ApplicationState.Paid) s.SchemeSums[k] += r.Approved;
            if (r.State == ApplicationState.Paid) s.SchemeSums[k + 1] += r.Approved;
            if (Review.Contains(r.State)) s.SchemeSums[k + 2] += r.Submitted;
        }
        foreach (var r in computed.Result)
        {
            if (shares.TryGetValue(r.EnterpriseId, out var s)) s.SchemeSums[Array.IndexOf(Schemes, r.Scheme) * 4 + 3] += r.Amount;
        }
        var rows = reports.Result;
        rows.Sort((x, y) => x.ProjectId != y.ProjectId ? x.ProjectId.CompareTo(y.ProjectId)
            : x.ReportedOn != y.ReportedOn ? x.ReportedOn.CompareTo(y.ReportedOn) : x.Id.CompareTo(y.Id));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var owner = owners.Result is { } map ? map.GetValueOrDefault(r.ProjectId) : r.EnterpriseId;
            if (!shares.TryGetValue(owner, out var s)) continue;
            var previous = i > 0 && rows[i - 1].ProjectId == r.ProjectId ? rows[i - 1].CumulativeEquipment : 0m;
            var key = r.ReportedOn.Year * 12 + r.ReportedOn.Month - 1;
            s.Increases[key] = s.Increases.GetValueOrDefault(key) + (r.CumulativeEquipment - previous);
        }
        return shares;
    }

    private sealed record ReportRow(int EnterpriseId, int ProjectId, int Id, DateOnly ReportedOn, decimal CumulativeEquipment);
}
