using System.Collections.Concurrent;
using System.Diagnostics;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Services.Simulation;

/// <summary>
/// A run of whole enterprises of a snapshot (about <see cref="LibrarySnapshots.ChunkSize"/>), with its own scenario: the engine
/// keeps what it derives from a scenario (positions, masks) per scenario instance, and baselines are kept per chunk, so a
/// patch rebuilds only the chunks holding a changed enterprise and the others are evaluated as warm as before. Each
/// enterprise's projects and loans are one segment of the chunk's arrays. Immutable.
/// </summary>
internal sealed class SnapshotChunk
{
    private readonly ConcurrentDictionary<string, Lazy<decimal[]>> _amounts = new(StringComparer.Ordinal);
    private readonly int[] _projectStart, _loanStart;

    public SnapshotChunk(int year, SnapshotRows rows)
    {
        Rows = rows;
        Scenario = rows.ToScenario(year, $"项目库 {year} 年度");
        _projectStart = Starts(rows.ProjectEnterprise, rows.Enterprises.Length);
        _loanStart = Starts(rows.LoanEnterprise, rows.Enterprises.Length);
    }

    public SnapshotRows Rows { get; }
    public Scenario Scenario { get; }
    public int Enterprises => Rows.EnterpriseIds.Length;

    /// <summary>This chunk's amounts under <paramref name="engine"/>, kept per parameter fingerprint (the baseline).</summary>
    public decimal[] Baseline(PolicyEngine engine) =>
        _amounts.GetOrAdd(engine.Parameters.Fingerprint, _ => new Lazy<decimal[]>(() => Evaluate(engine))).Value;

    /// <summary>This chunk's amounts under <paramref name="engine"/>, not kept: index = enterprise × width + column.</summary>
    public decimal[] Evaluate(PolicyEngine engine) => LibrarySnapshot.Sum(engine.EvaluateCompact(Scenario), Rows);

    /// <summary>
    /// The rows of enterprises [<paramref name="from"/>, <paramref name="to"/>) (positions), their projects and loans with them.
    /// </summary>
    public static SnapshotRows Slice(SnapshotRows rows, int[] projectStart, int[] loanStart, int from, int to)
    {
        int p0 = projectStart[from], p1 = projectStart[to], l0 = loanStart[from], l1 = loanStart[to];
        var owner = rows.ProjectEnterprise.AsSpan(p0, p1 - p0).ToArray();
        for (var i = 0; i < owner.Length; i++) owner[i] -= from;
        var loanOwner = rows.LoanEnterprise.AsSpan(l0, l1 - l0).ToArray();
        for (var i = 0; i < loanOwner.Length; i++) loanOwner[i] -= from;
        return new SnapshotRows
        {
            EnterpriseIds = rows.EnterpriseIds[from..to],
            Enterprises = rows.Enterprises[from..to],
            ProjectIds = rows.ProjectIds[p0..p1],
            Projects = rows.Projects[p0..p1],
            ProjectEnterprise = owner,
            Loans = rows.Loans[l0..l1],
            LoanEnterprise = loanOwner,
        };
    }

    /// <summary>Cuts <paramref name="rows"/> into chunks of <paramref name="size"/> enterprises.</summary>
    public static List<SnapshotChunk> Cut(int year, SnapshotRows rows, int size)
    {
        var projectStart = Starts(rows.ProjectEnterprise, rows.Enterprises.Length);
        var loanStart = Starts(rows.LoanEnterprise, rows.Enterprises.Length);
        var chunks = new List<SnapshotChunk>();
        for (var from = 0; from < rows.Enterprises.Length; from += size)
            chunks.Add(new SnapshotChunk(year, Slice(rows, projectStart, loanStart, from, Math.Min(from + size, rows.Enterprises.Length))));
        return chunks;
    }

    /// <summary>
    /// This chunk with the rows of <paramref name="changed"/> (stored enterprise ids, ascending) replaced by
    /// <paramref name="fresh"/> (their rows as read now; an enterprise absent from it was deleted). Unchanged enterprises'
    /// rows are copied as segments, and so are their amounts in every kept baseline: only the changed enterprises are
    /// evaluated again. An enterprise's amounts depend on its own rows only (every sum and cap of the engine is per
    /// project, enterprise or loan), so the result equals a full read's.
    /// </summary>
    public SnapshotChunk Patch(int year, IReadOnlyList<int> changed, SnapshotRows fresh)
    {
        var old = Rows;
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
        (SnapshotRows From, int At, int P0, int P1, int L0, int L1) Segment(int s) => s >= 0
            ? (old, s, _projectStart[s], _projectStart[s + 1], _loanStart[s], _loanStart[s + 1])
            : (fresh, ~s, freshProjectStart[~s], freshProjectStart[~s + 1], freshLoanStart[~s], freshLoanStart[~s + 1]);
        int projects = 0, loans = 0;
        foreach (var s in source)
        {
            var g = Segment(s);
            projects += g.P1 - g.P0;
            loans += g.L1 - g.L0;
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
            var g = Segment(source[e]);
            rows.EnterpriseIds[e] = g.From.EnterpriseIds[g.At];
            rows.Enterprises[e] = g.From.Enterprises[g.At];
            Array.Copy(g.From.ProjectIds, g.P0, rows.ProjectIds, p, g.P1 - g.P0);
            Array.Copy(g.From.Projects, g.P0, rows.Projects, p, g.P1 - g.P0);
            rows.ProjectEnterprise.AsSpan(p, g.P1 - g.P0).Fill(e);
            p += g.P1 - g.P0;
            Array.Copy(g.From.Loans, g.L0, rows.Loans, l, g.L1 - g.L0);
            rows.LoanEnterprise.AsSpan(l, g.L1 - g.L0).Fill(e);
            l += g.L1 - g.L0;
        }

        var next = new SnapshotChunk(year, rows);
        // The kept baselines follow: unchanged enterprises' amounts are copied, the changed ones evaluated again with the
        // engine that made each baseline (kept beside it).
        var freshScenario = fresh.ToScenario(year, "变更企业");
        const int w = LibrarySnapshot.Width;
        foreach (var (fingerprint, engine) in _engines)
        {
            if (!_amounts.TryGetValue(fingerprint, out var lazy) || !lazy.IsValueCreated) continue;
            var amounts = lazy.Value;
            var mine = LibrarySnapshot.Sum(engine.EvaluateCompact(freshScenario), fresh);
            var patched = new decimal[source.Count * w];
            for (var e = 0; e < source.Count; e++)
            {
                var s = source[e];
                if (s >= 0) Array.Copy(amounts, s * w, patched, e * w, w);
                else Array.Copy(mine, ~s * w, patched, e * w, w);
            }
            next._amounts[fingerprint] = new Lazy<decimal[]>(patched);
            next._engines[fingerprint] = engine;
        }
        return next;
    }

    private readonly ConcurrentDictionary<string, PolicyEngine> _engines = new(StringComparer.Ordinal);

    /// <summary>Remembers the engine of a baseline, so a patch can evaluate the changed enterprises with it.</summary>
    public void Remember(PolicyEngine engine) => _engines.TryAdd(engine.Parameters.Fingerprint, engine);

    /// <summary>Where each owner's segment starts in an array sorted by owner (owners 0..count-1), and the end.</summary>
    public static int[] Starts(int[] owner, int count)
    {
        var starts = new int[count + 1];
        foreach (var o in owner) starts[o + 1]++;
        for (var e = 0; e < count; e++) starts[e + 1] += starts[e];
        return starts;
    }
}

/// <summary>
/// The library as the engine's input for one award year, kept in memory: what-if and budget runs evaluate it instead of
/// reading 100,000 projects again. Immutable and shared by concurrent requests; a change to the library makes a new
/// snapshot from this one by replacing the chunks that hold the changed enterprises (<see cref="LibrarySnapshots"/>,
/// ADR-026). Evaluation runs chunk by chunk, on every core.
/// </summary>
public sealed class LibrarySnapshot
{
    /// <summary>Amount columns per enterprise: A, B, C, then D per level (the order of <see cref="LibraryEvaluation.Columns"/>).</summary>
    public const int Width = 7;

    /// <summary>Enterprises per chunk by default: a patch re-derives at most a chunk's worth (a few thousand projects) for the engine.</summary>
    public const int DefaultChunkSize = 2_048;

    private readonly ConcurrentDictionary<string, Lazy<decimal[]>> _amounts = new(StringComparer.Ordinal);
    private readonly SnapshotChunk[] _chunks;
    /// <summary>Per chunk, the position of its first enterprise.</summary>
    private readonly int[] _offset;

    internal LibrarySnapshot(int year, long version, IReadOnlyList<SnapshotChunk> chunks, DateTimeOffset builtAt, TimeSpan buildTime, int patchedEnterprises)
    {
        Year = year;
        Version = version;
        _chunks = [.. chunks];
        _offset = new int[_chunks.Length + 1];
        for (var c = 0; c < _chunks.Length; c++) _offset[c + 1] = _offset[c] + _chunks[c].Enterprises;
        BuiltAt = builtAt;
        BuildTime = buildTime;
        PatchedEnterprises = patchedEnterprises;
        // What every what-if reads is joined now (references and integers per enterprise); the whole library as one
        // scenario — a million references at province scale — only when something asks for it.
        Renewal.Policy.Model.Enterprise[] enterprises = [.. _chunks.SelectMany(c => c.Rows.Enterprises)];
        Enterprises = enterprises;
        Projects = _chunks.Sum(c => c.Rows.Projects.Length);
        Loans = _chunks.Sum(c => c.Rows.Loans.Length);
        _rows = new Lazy<SnapshotRows>(() =>
        {
            var rows = _chunks.Select(c => c.Rows).ToList();
            return new SnapshotRows
            {
                EnterpriseIds = [.. rows.SelectMany(r => r.EnterpriseIds)],
                Enterprises = enterprises,
                ProjectIds = [.. rows.SelectMany(r => r.ProjectIds)],
                Projects = [.. rows.SelectMany(r => r.Projects)],
                ProjectEnterprise = [.. rows.SelectMany((r, c) => r.ProjectEnterprise.Select(e => e + _offset[c]))],
                Loans = [.. rows.SelectMany(r => r.Loans)],
                LoanEnterprise = [.. rows.SelectMany((r, c) => r.LoanEnterprise.Select(e => e + _offset[c]))],
            };
        });
        _scenario = new Lazy<Scenario>(() => _rows.Value.ToScenario(year, $"项目库 {year} 年度"));
        // The plan's order of areas (Codes.DefaultAreas), then any other in ordinal order.
        var rank = Codes.DefaultAreas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        Areas = [.. Enterprises.Select(e => e.Area).Distinct()
            .OrderBy(a => rank.GetValueOrDefault(a, int.MaxValue)).ThenBy(a => a, StringComparer.Ordinal)];
        var areaIndex = Areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        EnterpriseArea = [.. Enterprises.Select(e => areaIndex[e.Area])];
    }

    private readonly Lazy<SnapshotRows> _rows;
    private readonly Lazy<Scenario> _scenario;

    public int Year { get; }
    /// <summary>Grows with every build or patch of a snapshot in this process.</summary>
    public long Version { get; }
    /// <summary>The whole library as one scenario (the chunks' rows end to end; joined on first use).</summary>
    public Scenario Scenario => _scenario.Value;
    /// <summary>The enterprises, in the order of the amounts (<see cref="Baseline"/>).</summary>
    public IReadOnlyList<Renewal.Policy.Model.Enterprise> Enterprises { get; }
    /// <summary>How many projects and loans the snapshot holds.</summary>
    public int Projects { get; }
    public int Loans { get; }
    /// <summary>When this snapshot was made (read or patched).</summary>
    public DateTimeOffset BuiltAt { get; }
    /// <summary>How long reading (or patching) took.</summary>
    public TimeSpan BuildTime { get; }
    /// <summary>0 for a full read; otherwise how many enterprises the patch that made it re-read.</summary>
    public int PatchedEnterprises { get; }
    /// <summary>Areas (区镇) in the plan's order.</summary>
    public IReadOnlyList<string> Areas { get; }
    /// <summary>For each enterprise (by position), the index of its area in <see cref="Areas"/>.</summary>
    internal int[] EnterpriseArea { get; }
    internal SnapshotRows Rows => _rows.Value;
    internal IReadOnlyList<SnapshotChunk> Chunks => _chunks;

    /// <summary>
    /// Every enterprise's amounts under the engine's own parameters (the baseline of a what-if, the budget forecast),
    /// computed once per chunk and parameter version (a patch carries the unchanged chunks' over): index = enterprise ×
    /// <see cref="Width"/> + column.
    /// </summary>
    public decimal[] Baseline(PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return _amounts.GetOrAdd(engine.Parameters.Fingerprint, _ => new Lazy<decimal[]>(() => Join(c =>
        {
            c.Remember(engine);
            return c.Baseline(engine);
        }))).Value;
    }

    /// <summary>Every enterprise's amounts under <paramref name="engine"/>, not kept (a what-if's changed parameters).</summary>
    public decimal[] Evaluate(PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Join(c => c.Evaluate(engine));
    }

    /// <summary>Each chunk's amounts, in parallel, end to end.</summary>
    private decimal[] Join(Func<SnapshotChunk, decimal[]> amounts)
    {
        var parts = new decimal[_chunks.Length][];
        Parallel.For(0, _chunks.Length, c => parts[c] = amounts(_chunks[c]));
        var all = new decimal[_offset[^1] * Width];
        for (var c = 0; c < parts.Length; c++) Array.Copy(parts[c], 0, all, _offset[c] * Width, parts[c].Length);
        return all;
    }

    /// <summary>Folds a compact result of <paramref name="rows"/> into per-enterprise columns (exact decimal sums).</summary>
    internal static decimal[] Sum(CompactResult r, SnapshotRows rows)
    {
        var a = new decimal[rows.Enterprises.Length * Width];
        var projectEnterprise = rows.ProjectEnterprise;
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
        var loanEnterprise = rows.LoanEnterprise;
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
    /// <paramref name="fresh"/>: each changed enterprise goes to the chunk whose id range holds it (a new one past the
    /// last id to the last chunk); only those chunks are patched, the others are shared with this snapshot. A chunk grown
    /// past twice the chunk size is cut again; an emptied one is dropped.
    /// </summary>
    internal LibrarySnapshot Patch(IReadOnlyList<int> changed, SnapshotRows fresh, int chunkSize, long version, DateTimeOffset at, Stopwatch watch)
    {
        var chunks = new List<SnapshotChunk>(_chunks.Length + 1);
        var freshProjectStart = SnapshotChunk.Starts(fresh.ProjectEnterprise, fresh.Enterprises.Length);
        var freshLoanStart = SnapshotChunk.Starts(fresh.LoanEnterprise, fresh.Enterprises.Length);
        int k = 0, f = 0;
        for (var c = 0; c < _chunks.Length; c++)
        {
            // Chunk c holds ids below the next chunk's first id (the last chunk: all the rest).
            var upper = c + 1 < _chunks.Length ? _chunks[c + 1].Rows.EnterpriseIds[0] : int.MaxValue;
            var k0 = k;
            while (k < changed.Count && changed[k] < upper) k++;
            var f0 = f;
            while (f < fresh.EnterpriseIds.Length && fresh.EnterpriseIds[f] < upper) f++;
            if (k == k0)
            {
                chunks.Add(_chunks[c]);
                continue;
            }
            var part = SnapshotChunk.Slice(fresh, freshProjectStart, freshLoanStart, f0, f);
            var patched = _chunks[c].Patch(Year, changed.Skip(k0).Take(k - k0).ToList(), part);
            if (patched.Enterprises > 2 * chunkSize) chunks.AddRange(SnapshotChunk.Cut(Year, patched.Rows, chunkSize));
            else if (patched.Enterprises > 0) chunks.Add(patched);
        }
        if (_chunks.Length == 0 && fresh.Enterprises.Length > 0) chunks.AddRange(SnapshotChunk.Cut(Year, fresh, chunkSize));
        var next = new LibrarySnapshot(Year, version, chunks, at, watch.Elapsed, changed.Count);
        return next;
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

    /// <summary>Enterprises per chunk (<see cref="LibrarySnapshot.DefaultChunkSize"/>; tests make it small to patch across chunks).</summary>
    public int ChunkSize { get; init; } = LibrarySnapshot.DefaultChunkSize;

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
                if (!set.Everything && set.Enterprises.Count <= Math.Max(MaxPatch, kept.Snapshot.Enterprises.Count / 10))
                {
                    var watch = Stopwatch.StartNew();
                    var fresh = SnapshotReader.Read(db, year, set.Enterprises);
                    var patched = kept.Snapshot.Patch(set.Enterprises, fresh, ChunkSize, Interlocked.Increment(ref _version), now, watch);
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
        var s = new LibrarySnapshot(year, Interlocked.Increment(ref _version), SnapshotChunk.Cut(year, rows, ChunkSize), now, watch.Elapsed, 0);
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
