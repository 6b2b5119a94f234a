using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;

namespace Renewal.Services.Simulation;

/// <summary>
/// The projects the policy engine finds eligible for a scheme in an award year under the rules in force: the 项目库's
/// 符合政策 filter. Eligible means the scheme's conditions hold (the engine's <c>Eligible</c>), whatever the amount: a
/// demonstration project whose A is 0 because its B is higher (I-5) is eligible for A, as the dashboard's T-3 counts it.
/// For A and B it is the project's own line, for C its enterprise's line, for D a line of one of its loans — the lines the
/// project page shows for the same year, so the list and the page agree.
/// </summary>
/// <remarks>
/// Stored award decisions cannot answer this: the web platform stores none (only <c>renewal library evaluate --store</c>
/// does, and without its zero lines). So the library is evaluated in memory from the what-if's snapshots
/// (<see cref="LibrarySnapshots"/>), once per award year, snapshot and parameter fingerprint, and the
/// answer kept as sorted project ids that the list filters on in SQL. One instance per process (a singleton in the web app).
/// </remarks>
public sealed class EligibleProjects(LibrarySnapshots snapshots)
{
    private static readonly Scheme[] Schemes = Enum.GetValues<Scheme>();

    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private readonly ConcurrentDictionary<int, object> _locks = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SnapshotChunk, ConcurrentDictionary<string, Dictionary<Scheme, int[]>>> _chunks = new();
    private int _evaluations;

    /// <summary>How many year evaluations were made since start (tests see reuse and recomputation through it).</summary>
    public int Evaluations => Volatile.Read(ref _evaluations);

    /// <summary>
    /// The ids (ascending) of the projects <paramref name="engine"/> finds eligible for <paramref name="scheme"/> in
    /// <paramref name="year"/>, or in any programme year when <paramref name="year"/> is null; none for a year outside the programme.
    /// </summary>
    public IReadOnlyList<int> Of(LibraryDbContext db, PolicyEngine engine, Scheme scheme, int? year)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        if (year is { } y) return ProgrammeYears.Contains(y) ? For(db, engine, y).Ids[scheme] : [];
        var any = new HashSet<int>();
        foreach (var each in ProgrammeYears.All) any.UnionWith(For(db, engine, each).Ids[scheme]);
        var all = any.ToArray();
        Array.Sort(all);
        return all;
    }

    private Entry For(LibraryDbContext db, PolicyEngine engine, int year)
    {
        var snapshot = snapshots.Get(db, year);
        var fingerprint = engine.Parameters.Fingerprint;
        if (_entries.TryGetValue(year, out var e) && ReferenceEquals(e.Snapshot, snapshot) && e.Fingerprint == fingerprint) return e;
        lock (_locks.GetOrAdd(year, _ => new object()))
        {
            if (_entries.TryGetValue(year, out e) && ReferenceEquals(e.Snapshot, snapshot) && e.Fingerprint == fingerprint) return e;
            e = new Entry(snapshot, fingerprint, Evaluate(snapshot, engine));
            _entries[year] = e;
            Interlocked.Increment(ref _evaluations);
            return e;
        }
    }

    /// <summary>
    /// Each scheme's eligible project ids in the snapshot's year: chunk by chunk, each chunk's answer kept with the chunk
    /// per parameter fingerprint, so after a patch only the patched chunks are evaluated again.
    /// </summary>
    private Dictionary<Scheme, int[]> Evaluate(LibrarySnapshot snapshot, PolicyEngine engine)
    {
        var fingerprint = engine.Parameters.Fingerprint;
        var parts = snapshot.Chunks.Select(c => _chunks.GetValue(c, _ => new ConcurrentDictionary<string, Dictionary<Scheme, int[]>>(StringComparer.Ordinal))
            .GetOrAdd(fingerprint, _ => Evaluate(c, engine))).ToList();
        return Schemes.ToDictionary(x => x, x =>
        {
            var a = parts.SelectMany(p => p[x]).ToArray();
            Array.Sort(a);
            return a;
        });
    }

    private static Dictionary<Scheme, int[]> Evaluate(SnapshotChunk chunk, PolicyEngine engine)
    {
        var rows = chunk.Rows;
        var s = chunk.Scenario;
        var r = engine.EvaluateCompact(s);
        var found = Schemes.ToDictionary(x => x, _ => new HashSet<int>());
        var projectOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.ProjectIds.Length; i++) projectOf[s.Projects[i].Id] = rows.ProjectIds[i];
        for (var i = 0; i < s.Projects.Length; i++)
        {
            var id = rows.ProjectIds[i];
            if (r.Demonstration[i].Eligible) found[Scheme.Demonstration].Add(id);
            if (r.EffectiveInvestment[i].Eligible) found[Scheme.EffectiveInvestment].Add(id);
            if (r.TechRenovation[rows.ProjectEnterprise[i]].Eligible) found[Scheme.TechRenovation].Add(id);
        }
        for (var l = 0; l < s.Loans.Length; l++)
        {
            for (var level = 0; level < CompactResult.LevelCount; level++)
            {
                if (!r.LoanInterest[l * CompactResult.LevelCount + level].Eligible) continue;
                found[Scheme.LoanInterest].Add(projectOf[s.Loans[l].ProjectId]);
                break;
            }
        }
        return found.ToDictionary(x => x.Key, x => x.Value.ToArray());
    }

    private sealed record Entry(LibrarySnapshot Snapshot, string Fingerprint, Dictionary<Scheme, int[]> Ids);
}
