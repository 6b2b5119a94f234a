using System.Collections.Concurrent;
using System.Diagnostics;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Services.Simulation;

/// <summary>
/// The library as the engine's input for one award year, kept in memory: what-if and budget runs evaluate it instead of
/// reading 100,000 projects again. Immutable and shared by concurrent requests; a change to the library makes a new
/// snapshot from this one by replacing the changed enterprises' rows (<see cref="LibrarySnapshots"/>, ADR-026).
/// Each enterprise's projects and loans are one segment of their arrays.
/// </summary>
public sealed class LibrarySnapshot
{
    /// <summary>Amount columns per enterprise: A, B, C, then D per level (the order of <see cref="LibraryEvaluation.Columns"/>).</summary>
    public const int Width = 7;

    /// <summary>The baselines kept per parameter fingerprint, with the engine that made each (a patch re-evaluates with it).</summary>
    private readonly ConcurrentDictionary<string, Lazy<(PolicyEngine Engine, decimal[] Amounts)>> _amounts = new(StringComparer.Ordinal);
    private readonly SnapshotRows _rows;
    /// <summary>Per enterprise, where its projects and loans start (one more entry: the end).</summary>
    private readonly int[] _projectStart, _loanStart;

    internal LibrarySnapshot(int year, long version, SnapshotRows rows, DateTimeOffset builtAt, TimeSpan buildTime, int patchedEnterprises)
    {
        Year = year;
        Version = version;
        _rows = rows;
        Scenario = rows.ToScenario(year, $"项目库 {year} 年度");
        BuiltAt = builtAt;
        BuildTime = buildTime;
        PatchedEnterprises = patchedEnterprises;
        _projectStart = Starts(rows.ProjectEnterprise, rows.Enterprises.Length);
        _loanStart = Starts(rows.LoanEnterprise, rows.Enterprises.Length);
        // The plan's order of areas (Codes.DefaultAreas), then any other in ordinal order.
        var rank = Codes.DefaultAreas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        Areas = [.. rows.Enterprises.Select(e => e.Area).Distinct()
            .OrderBy(a => rank.GetValueOrDefault(a, int.MaxValue)).ThenBy(a => a, StringComparer.Ordinal)];
        var areaIndex = Areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        EnterpriseArea = [.. rows.Enterprises.Select(e => areaIndex[e.Area])];
    }

    public int Year { get; }
    /// <summary>Grows by one with every build or patch of this year's snapshot in this process.</summary>
    public long Version { get; }
    public Scenario Scenario { get; }
    /// <summary>When this snapshot was made (built or patched).</summary>
    public DateTimeOffset BuiltAt { get; }
    /// <summary>How long reading (and patching) took.</summary>
    public TimeSpan BuildTime { get; }
    /// <summary>0 for a full read; otherwise how many enterprises the patch that made it re-read.</summary>
    public int PatchedEnterprises { get; }
    /// <summary>Areas (区镇) in the plan's order.</summary>
    public IReadOnlyList<string> Areas { get; }
    /// <summary>For each enterprise (by position), the index of its area in <see cref="Areas"/>.</summary>
    internal int[] EnterpriseArea { get; }
    internal int[] ProjectEnterprise => _rows.ProjectEnterprise;
    internal int[] LoanEnterprise => _rows.LoanEnterprise;
    /// <summary>Stored project ids, parallel to the scenario's projects.</summary>
    internal int[] ProjectIds => _rows.ProjectIds;
    /// <summary>Stored enterprise ids (ascending), parallel to the scenario's enterprises.</summary>
    internal int[] EnterpriseIds => _rows.EnterpriseIds;

    /// <summary>
    /// Every enterprise's amounts under the engine's own parameters (the baseline of a what-if, the budget forecast),
    /// computed once per snapshot and parameter version: index = enterprise × <see cref="Width"/> + column.
    /// </summary>
    public decimal[] Baseline(PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return _amounts.GetOrAdd(engine.Parameters.Fingerprint, _ => new Lazy<(PolicyEngine, decimal[])>(() => (engine, Evaluate(engine)))).Value.Amounts;
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
        return Sum(r, _rows.Enterprises.Length, _rows.ProjectEnterprise, _rows.LoanEnterprise);
    }

    private static decimal[] Sum(CompactResult r, int enterprises, int[] projectEnterprise, int[] loanEnterprise)
    {
        var a = new decimal[enterprises * Width];
        for (var i = 0; i < projectEnterprise.Length; i++)
        {
            var e = projectEnterprise[i] * Width;
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
        for (var l = 0; l < loanEnterprise.Length; l++)
        {
            var e = loanEnterprise[l] * Width + 3;
            for (var level = 0; level < CompactResult.LevelCount; level++)
            {
                var v = r.LoanInterest[l * CompactResult.LevelCount + level].Amount.Yuan;
                if (v != 0m) a[e + level] += v;
            }
        }
        return a;
    }

    /// <summary>
    /// This snapshot with the rows of <paramref name="changed"/> (stored enterprise ids, ascending) replaced by
    /// <paramref name="fresh"/> (their rows as read now; an enterprise absent from it was deleted). Unchanged enterprises'
    /// rows are copied as segments, and so are their amounts in every kept baseline: only the changed enterprises are
    /// evaluated again, each baseline with its own engine. An enterprise's amounts depend on its own rows only (every
    /// sum and cap of the engine is per project, enterprise or loan), so the result equals a full read's.
    /// </summary>
    internal LibrarySnapshot Patch(IReadOnlyList<int> changed, SnapshotRows fresh, long version, DateTimeOffset at, Stopwatch watch)
    {
        var old = _rows;
        var n = old.EnterpriseIds.Length;
        // Each enterprise of the result comes from the old rows (index ≥ 0) or from the fresh ones (~index).
        var source = new List<int>(n + fresh.EnterpriseIds.Length);
        int i = 0, f = 0, c = 0;
        while (i < n || f < fresh.EnterpriseIds.Length)
        {
            var oldId = i < n ? old.EnterpriseIds[i] : int.MaxValue;
            var freshId = f < fresh.EnterpriseIds.Length ? fresh.EnterpriseIds[f] : int.MaxValue;
            if (freshId <= oldId)
            {
                source.Add(~f++);
                if (freshId == oldId) i++;
                continue;
            }
            while (c < changed.Count && changed[c] < oldId) c++;
            if (c >= changed.Count || changed[c] != oldId) source.Add(i); // a deleted enterprise is neither kept nor fresh
            i++;
        }

        var freshProjectStart = Starts(fresh.ProjectEnterprise, fresh.Enterprises.Length);
        var freshLoanStart = Starts(fresh.LoanEnterprise, fresh.Enterprises.Length);
        int projects = 0, loans = 0;
        foreach (var s in source)
        {
            projects += s >= 0 ? _projectStart[s + 1] - _projectStart[s] : freshProjectStart[~s + 1] - freshProjectStart[~s];
            loans += s >= 0 ? _loanStart[s + 1] - _loanStart[s] : freshLoanStart[~s + 1] - freshLoanStart[~s];
        }
        var rows = new SnapshotRows
        {
            EnterpriseIds = new int[source.Count],
            Enterprises = new Renewal.Policy.Model.Enterprise[source.Count],
            ProjectIds = new int[projects],
            Projects = new Renewal.Policy.Model.Project[projects],
            ProjectEnterprise = new int[projects],
            Loans = new Renewal.Policy.Model.Loan[loans],
            LoanEnterprise = new int[loans],
        };
        int p = 0, l = 0;
        for (var e = 0; e < source.Count; e++)
        {
            var s = source[e];
            var (from, ps, ls, pStart, pEnd, lStart, lEnd) = s >= 0
                ? (old, s, s, _projectStart[s], _projectStart[s + 1], _loanStart[s], _loanStart[s + 1])
                : (fresh, ~s, ~s, freshProjectStart[~s], freshProjectStart[~s + 1], freshLoanStart[~s], freshLoanStart[~s + 1]);
            rows.EnterpriseIds[e] = from.EnterpriseIds[ps];
            rows.Enterprises[e] = from.Enterprises[ps];
            Array.Copy(from.ProjectIds, pStart, rows.ProjectIds, p, pEnd - pStart);
            Array.Copy(from.Projects, pStart, rows.Projects, p, pEnd - pStart);
            rows.ProjectEnterprise.AsSpan(p, pEnd - pStart).Fill(e);
            p += pEnd - pStart;
            Array.Copy(from.Loans, lStart, rows.Loans, l, lEnd - lStart);
            rows.LoanEnterprise.AsSpan(l, lEnd - lStart).Fill(e);
            l += lEnd - lStart;
            _ = ls;
        }

        var next = new LibrarySnapshot(Year, version, rows, at, watch.Elapsed, changed.Count);
        // The kept baselines follow: unchanged enterprises' amounts are copied, the changed ones evaluated again.
        var freshScenario = fresh.ToScenario(Year, "变更企业");
        foreach (var (fingerprint, lazy) in _amounts)
        {
            if (!lazy.IsValueCreated) continue;
            var (engine, amounts) = lazy.Value;
            var mine = Sum(engine.EvaluateCompact(freshScenario), fresh.Enterprises.Length, fresh.ProjectEnterprise, fresh.LoanEnterprise);
            var patched = new decimal[source.Count * Width];
            for (var e = 0; e < source.Count; e++)
            {
                var s = source[e];
                if (s >= 0) Array.Copy(amounts, s * Width, patched, e * Width, Width);
                else Array.Copy(mine, ~s * Width, patched, e * Width, Width);
            }
            next._amounts[fingerprint] = new Lazy<(PolicyEngine, decimal[])>((engine, patched));
        }
        return next;
    }

    /// <summary>Where each owner's segment starts in an array sorted by owner (owners 0..count-1), and the end.</summary>
    private static int[] Starts(int[] owner, int count)
    {
        var starts = new int[count + 1];
        foreach (var o in owner) starts[o + 1]++;
        for (var e = 0; e < count; e++) starts[e + 1] += starts[e];
        return starts;
    }
}

/// <summary>
/// The snapshot cache: one <see cref="LibrarySnapshot"/> per award year, kept current through the library's change feed
/// (<see cref="LibraryChanges"/>, ADR-026). Each request reads the feed from the snapshot's position (one indexed query):
/// nothing new — the same snapshot; some enterprises — a patched snapshot that re-reads only them; a bulk load, a lost
/// position or more than <see cref="MaxPatch"/> enterprises — a full read. Writes from other nodes, the CLI and imports
/// are in the feed, so every node sees them. Thread-safe; one instance per process (a singleton in the web app).
/// </summary>
public sealed class LibrarySnapshots(TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, (LibrarySnapshot Snapshot, LibraryPosition Position)> _cache = new();
    private readonly ConcurrentDictionary<int, object> _locks = new();
    private int _builds, _patches;
    private long _version;
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    public LibrarySnapshots() : this(TimeProvider.System) { }

    /// <summary>How many full reads were made since start (tests see reuse and rebuilds through it).</summary>
    public int Builds => Volatile.Read(ref _builds);

    /// <summary>How many patches were made since start.</summary>
    public int Patches => Volatile.Read(ref _patches);

    /// <summary>More changed enterprises than this (or a tenth of the library, if more) and the snapshot is read whole.</summary>
    public int MaxPatch { get; init; } = 2_000;

    /// <summary>The snapshot of <paramref name="year"/> for the library as it is now.</summary>
    public LibrarySnapshot Get(LibraryDbContext db, int year) => Get(db, year, out _);

    /// <param name="db">The library.</param>
    /// <param name="year">Award year.</param>
    /// <param name="reused">True when the kept snapshot was still current (not read, not patched).</param>
    public LibrarySnapshot Get(LibraryDbContext db, int year, out bool reused)
    {
        ArgumentNullException.ThrowIfNull(db);
        lock (_locks.GetOrAdd(year, _ => new object()))
        {
            var now = clock.GetUtcNow();
            PruneNowAndThen(db, now);
            if (_cache.TryGetValue(year, out var kept))
            {
                var set = LibraryChanges.Since(db, kept.Position, now);
                if (set.None)
                {
                    _cache[year] = (kept.Snapshot, set.Position);
                    reused = true;
                    return kept.Snapshot;
                }
                if (!set.Everything && set.Enterprises.Count <= Math.Max(MaxPatch, kept.Snapshot.Scenario.Enterprises.Length / 10))
                {
                    var watch = Stopwatch.StartNew();
                    var fresh = SnapshotReader.Read(db, year, set.Enterprises);
                    var patched = kept.Snapshot.Patch(set.Enterprises, fresh, Interlocked.Increment(ref _version), now, watch);
                    _cache[year] = (patched, set.Position);
                    Interlocked.Increment(ref _patches);
                    reused = false;
                    return patched;
                }
            }
            reused = false;
            return Build(db, year, now);
        }
    }

    private LibrarySnapshot Build(LibraryDbContext db, int year, DateTimeOffset now)
    {
        var watch = Stopwatch.StartNew();
        // The position is read before the library: a change committed while the rows are read is in the feed after
        // it, so the next request patches it in (again, if the read saw it: a patch is idempotent).
        var position = LibraryChanges.Now(db, now);
        var rows = SnapshotReader.Read(db, year, null);
        var s = new LibrarySnapshot(year, Interlocked.Increment(ref _version), rows, now, watch.Elapsed, 0);
        _cache[year] = (s, position);
        Interlocked.Increment(ref _builds);
        return s;
    }

    /// <summary>The feed keeps <see cref="LibraryChanges.Retention"/>; whichever node reads it trims it, at most once an hour.</summary>
    private void PruneNowAndThen(LibraryDbContext db, DateTimeOffset now)
    {
        if (now - _pruned < TimeSpan.FromHours(1)) return;
        _pruned = now;
        LibraryChanges.Prune(db);
    }

    /// <summary>Drops every kept snapshot.</summary>
    public void Clear() => _cache.Clear();
}
