using System.Collections.Concurrent;
using System.Diagnostics;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Simulation;

/// <summary>
/// The library as the engine's input for one award year, read once and kept: what-if and budget runs evaluate it
/// in memory instead of reading 100,000 projects again. Immutable; shared by concurrent requests.
/// </summary>
public sealed class LibrarySnapshot
{
    /// <summary>Amount columns per enterprise: A, B, C, then D per level (the order of <see cref="LibraryEvaluation.Columns"/>).</summary>
    public const int Width = 7;

    private readonly ConcurrentDictionary<string, Lazy<decimal[]>> _amounts = new(StringComparer.Ordinal);

    internal LibrarySnapshot(int year, LibraryStamp stamp, Scenario scenario, DateTimeOffset builtAt, TimeSpan buildTime)
    {
        Year = year;
        Stamp = stamp;
        Scenario = scenario;
        BuiltAt = builtAt;
        BuildTime = buildTime;
        var enterprise = new Dictionary<string, int>(scenario.Enterprises.Length, StringComparer.Ordinal);
        for (var i = 0; i < scenario.Enterprises.Length; i++) enterprise[scenario.Enterprises[i].Id] = i;
        ProjectEnterprise = [.. scenario.Projects.Select(p => enterprise[p.EnterpriseId])];
        LoanEnterprise = [.. scenario.Loans.Select(l => enterprise[l.EnterpriseId])];
        // The plan's order of areas (Codes.DefaultAreas), then any other in ordinal order.
        var rank = Codes.DefaultAreas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        Areas = [.. scenario.Enterprises.Select(e => e.Area).Distinct()
            .OrderBy(a => rank.GetValueOrDefault(a, int.MaxValue)).ThenBy(a => a, StringComparer.Ordinal)];
        var areaIndex = Areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        EnterpriseArea = [.. scenario.Enterprises.Select(e => areaIndex[e.Area])];
    }

    public int Year { get; }
    public LibraryStamp Stamp { get; }
    public Scenario Scenario { get; }
    public DateTimeOffset BuiltAt { get; }
    public TimeSpan BuildTime { get; }
    /// <summary>Areas (区镇) in the plan's order.</summary>
    public IReadOnlyList<string> Areas { get; }
    /// <summary>For each enterprise (by position), the index of its area in <see cref="Areas"/>.</summary>
    internal int[] EnterpriseArea { get; }
    internal int[] ProjectEnterprise { get; }
    internal int[] LoanEnterprise { get; }

    /// <summary>
    /// Every enterprise's amounts under the engine's own parameters (the baseline of a what-if, the budget forecast),
    /// computed once per snapshot and parameter version: index = enterprise × <see cref="Width"/> + column.
    /// </summary>
    public decimal[] Baseline(PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return _amounts.GetOrAdd(engine.Parameters.Fingerprint, _ => new Lazy<decimal[]>(() => Evaluate(engine))).Value;
    }

    /// <summary>Every enterprise's amounts under <paramref name="engine"/>, not kept (a what-if's changed parameters).</summary>
    public decimal[] Evaluate(PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Sum(engine.EvaluateCompact(Scenario));
    }

    /// <summary>Folds a compact result into per-enterprise columns (exact decimal sums).</summary>
    public decimal[] Sum(CompactResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var a = new decimal[Scenario.Enterprises.Length * Width];
        for (var i = 0; i < ProjectEnterprise.Length; i++)
        {
            var e = ProjectEnterprise[i] * Width;
            var d = r.Demonstration[i].Amount.Yuan;
            if (d != 0m) a[e] += d;
            var b = r.EffectiveInvestment[i].Amount.Yuan;
            if (b != 0m) a[e + 1] += b;
        }
        for (var e = 0; e < r.TechRenovation.Length; e++)
        {
            var c = r.TechRenovation[e].Amount.Yuan;
            if (c != 0m) a[e * Width + 2] += c;
        }
        for (var l = 0; l < LoanEnterprise.Length; l++)
        {
            var e = LoanEnterprise[l] * Width + 3;
            for (var level = 0; level < CompactResult.LevelCount; level++)
            {
                var v = r.LoanInterest[l * CompactResult.LevelCount + level].Amount.Yuan;
                if (v != 0m) a[e + level] += v;
            }
        }
        return a;
    }
}

/// <summary>
/// The snapshot cache: one <see cref="LibrarySnapshot"/> per award year, rebuilt only when the <see cref="LibraryStamp"/>
/// of the library differs from the one it was built at. Thread-safe: concurrent requests for a stale year build it once.
/// One instance per process (a singleton in the web app).
/// </summary>
public sealed class LibrarySnapshots(TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, LibrarySnapshot> _cache = new();
    private readonly ConcurrentDictionary<int, object> _locks = new();
    private int _builds;

    public LibrarySnapshots() : this(TimeProvider.System) { }

    /// <summary>How many snapshots were built since start (tests see reuse and rebuilds through it).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>The snapshot of <paramref name="year"/> for the library as it is now.</summary>
    public LibrarySnapshot Get(LibraryDbContext db, int year) => Get(db, year, out _);

    /// <param name="db">The library.</param>
    /// <param name="year">Award year.</param>
    /// <param name="reused">True when the kept snapshot was still current.</param>
    public LibrarySnapshot Get(LibraryDbContext db, int year, out bool reused) => Get(db, year, LibraryStamp.Of(db), out reused);

    /// <summary>The snapshot of <paramref name="year"/> for a stamp just read (the budget reads it once for four years).</summary>
    public LibrarySnapshot Get(LibraryDbContext db, int year, LibraryStamp stamp, out bool reused)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stamp);
        // The stamp is read before the library: a change made while a snapshot is built gives it an older stamp, so the
        // next request builds again rather than keep a snapshot that missed the change.
        if (_cache.TryGetValue(year, out var s) && s.Stamp == stamp)
        {
            reused = true;
            return s;
        }
        lock (_locks.GetOrAdd(year, _ => new object()))
        {
            if (_cache.TryGetValue(year, out s) && s.Stamp == stamp)
            {
                reused = true;
                return s;
            }
            var watch = Stopwatch.StartNew();
            var scenario = LibraryScenario.Build(db, year);
            s = new LibrarySnapshot(year, stamp, scenario, clock.GetUtcNow(), watch.Elapsed);
            _cache[year] = s;
            Interlocked.Increment(ref _builds);
            reused = false;
            return s;
        }
    }

    /// <summary>Drops every kept snapshot (after a bulk replacement of the library that the stamp could not see).</summary>
    public void Clear() => _cache.Clear();
}
