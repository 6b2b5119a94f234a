using System.Diagnostics;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Budget;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Simulation;

/// <summary>Before and after a change, yuan.</summary>
public sealed record Figures(decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

/// <summary>One changed parameter: its value in force for the year and the simulated one.</summary>
public sealed record ParameterChange(string Name, string Description, string From, string To, string Source);

/// <summary>An area's totals by column, before and after.</summary>
public sealed record AreaChange(string Area, IReadOnlyDictionary<string, Figures> ByColumn, Figures Total);

/// <summary>One enterprise's total award, before and after.</summary>
public sealed record EnterpriseChange(string CreditCode, string Name, string Area, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

/// <summary>
/// The cost of a change: the whole library for one award year under the parameters in force and under the changed
/// ones, by scheme and level (<see cref="LibraryEvaluation.Columns"/>), by fiscal level (<see cref="FiscalLevels"/>),
/// by area, and the enterprises most affected.
/// </summary>
public sealed record WhatIfResult(
    int Year,
    IReadOnlyList<ParameterChange> Changes,
    string BaselineVersion,
    string ChangedVersion,
    IReadOnlyDictionary<string, Figures> ByColumn,
    IReadOnlyDictionary<string, Figures> ByLevel,
    Figures Total,
    IReadOnlyList<AreaChange> ByArea,
    IReadOnlyList<EnterpriseChange> MostAffected,
    int AffectedEnterprises,
    int Enterprises,
    int Projects,
    int Loans,
    double ElapsedMilliseconds,
    bool SnapshotReused,
    DateTimeOffset SnapshotBuiltAt);

/// <summary>What-if runs over the library (issue 6): the engine's fast path on a cached snapshot.</summary>
public static class WhatIf
{
    /// <summary>The first award year of the programme (<see cref="ProgrammeYears"/>).</summary>
    public static int FirstYear => ProgrammeYears.First;
    /// <summary>The last award year of the programme, included.</summary>
    public static int LastYear => ProgrammeYears.Last;
    public const int MaxTop = 500;

    /// <summary>
    /// Checks the year and the overrides and returns the changed engine. A bad name or value is a
    /// <see cref="ParameterException"/> whose Chinese message names the parameter.
    /// </summary>
    public static (PolicyEngine Changed, IReadOnlyList<ParameterChange> Changes) Validate(PolicyEngine engine, int year, IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(overrides);
        if (!ProgrammeYears.Contains(year)) throw new ParameterException("year", $"模拟年度应为 {FirstYear}–{LastYear}，实为 {year}");
        foreach (var (name, _) in overrides)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ParameterException("", "参数名不能为空：应为 参数名=值");
        }
        var changed = engine.With(overrides, "模拟");
        var date = new DateOnly(year, 12, 31);
        var changes = overrides
            .GroupBy(o => o.Key, StringComparer.Ordinal).Select(g => g.Last())
            .Select(o =>
            {
                var def = engine.Parameters.Find(o.Key)!;
                var now = def.At(date);
                return new ParameterChange(o.Key, def.Description, now is null ? "" : ParameterText.Format(now.Value),
                    ParameterText.Format(changed.Parameters.Find(o.Key)!.Values[0].Value), now?.Source.ToString() ?? "");
            })
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return (changed, changes);
    }

    /// <summary>Evaluates the library of <paramref name="year"/> before and after <paramref name="overrides"/>.</summary>
    /// <param name="snapshots">The snapshot cache (the web app's singleton; a new one in the CLI).</param>
    /// <param name="db">The library.</param>
    /// <param name="engine">The engine in force (baseline).</param>
    /// <param name="year">Award year of the programme (<see cref="ProgrammeYears"/>).</param>
    /// <param name="overrides">Dotted parameter names and values.</param>
    /// <param name="top">How many of the most affected enterprises to list.</param>
    /// <exception cref="ParameterException">Bad year, unknown parameter or bad value.</exception>
    public static WhatIfResult Run(LibrarySnapshots snapshots, LibraryDbContext db, PolicyEngine engine, int year,
        IReadOnlyList<KeyValuePair<string, string>> overrides, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(db);
        var watch = Stopwatch.StartNew();
        var (changed, changes) = Validate(engine, year, overrides);
        return Compare(snapshots, db, engine, changed, year, changes, top, watch);
    }

    /// <summary>
    /// Evaluates the library of <paramref name="year"/> under <paramref name="engine"/> and under <paramref name="changed"/>
    /// (e.g. the rules with a draft revision: its impact before publication, V-5).
    /// </summary>
    public static WhatIfResult Compare(LibrarySnapshots snapshots, LibraryDbContext db, PolicyEngine engine, PolicyEngine changed, int year,
        IReadOnlyList<ParameterChange> changes, int top = 20, Stopwatch? watch = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(changed);
        watch ??= Stopwatch.StartNew();
        top = Math.Clamp(top, 0, MaxTop);
        var snapshot = snapshots.Get(db, year, out var reused);
        var before = snapshot.Baseline(engine);
        var after = ReferenceEquals(changed, engine) ? before : snapshot.Evaluate(changed);

        var columns = LibraryEvaluation.Columns;
        const int w = LibrarySnapshot.Width;
        var areas = snapshot.Areas;
        var byArea = new decimal[areas.Count * w * 2];
        var total = new decimal[w * 2];
        var enterprises = snapshot.Enterprises;
        var affected = new List<(int Index, decimal Before, decimal After)>();
        for (var e = 0; e < enterprises.Count; e++)
        {
            decimal eb = 0, ea = 0;
            var area = snapshot.EnterpriseArea[e] * w * 2;
            for (var c = 0; c < w; c++)
            {
                var b = before[e * w + c];
                var a = after[e * w + c];
                if (b == 0m && a == 0m) continue;
                eb += b;
                ea += a;
                total[c] += b;
                total[w + c] += a;
                byArea[area + c] += b;
                byArea[area + w + c] += a;
            }
            if (eb != ea) affected.Add((e, eb, ea));
        }

        var byColumn = columns.Select((c, i) => (c, f: new Figures(total[i], total[w + i]))).ToDictionary(x => x.c, x => x.f, StringComparer.Ordinal);
        var byLevel = FiscalLevels.All.ToDictionary(
            l => Codes.Of(l),
            l => new Figures(columns.Where(c => FiscalLevels.Of(c) == l).Sum(c => byColumn[c].Before), columns.Where(c => FiscalLevels.Of(c) == l).Sum(c => byColumn[c].After)),
            StringComparer.Ordinal);
        var areaRows = areas.Select((name, k) =>
        {
            var cols = columns.Select((c, i) => (c, f: new Figures(byArea[k * w * 2 + i], byArea[k * w * 2 + w + i]))).ToDictionary(x => x.c, x => x.f, StringComparer.Ordinal);
            return new AreaChange(name, cols, new Figures(cols.Values.Sum(f => f.Before), cols.Values.Sum(f => f.After)));
        }).ToList();
        var most = affected
            .OrderByDescending(x => Math.Abs(x.After - x.Before))
            .ThenBy(x => enterprises[x.Index].Id, StringComparer.Ordinal)
            .Take(top)
            .Select(x => new EnterpriseChange(enterprises[x.Index].Id, enterprises[x.Index].Name, enterprises[x.Index].Area, x.Before, x.After))
            .ToList();

        return new WhatIfResult(year, changes, engine.Parameters.Fingerprint, changed.Parameters.Fingerprint, byColumn, byLevel,
            new Figures(byColumn.Values.Sum(f => f.Before), byColumn.Values.Sum(f => f.After)), areaRows, most, affected.Count,
            enterprises.Count, snapshot.Projects, snapshot.Loans, watch.Elapsed.TotalMilliseconds, reused, snapshot.BuiltAt);
    }
}
