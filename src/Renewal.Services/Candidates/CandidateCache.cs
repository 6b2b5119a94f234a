using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Candidates;

/// <summary>
/// Candidate summaries kept up with the library (ADR-027). Per database and reference year this node keeps every
/// enterprise's counts, built once by one pass over the inventory, and its position in the library's change feed
/// (<see cref="LibraryChanges"/>). A request reads the feed since that position; the enterprises it names are
/// counted again from their own items (<c>EnterpriseId IN (…)</c>), a bulk load, a lost position or a very large
/// change counts everything again. A summary — the city's, an area's, an enterprise's — is assembled from the kept
/// counts of the enterprises of its scope and kept until one of them changes. The scope's members are read from the
/// scope the caller passes (whose enterprises the user may see), so a district's or an enterprise's summary never holds
/// anyone else's; keyed by scope name, year and area.
/// </summary>
public static class CandidateCache
{
    private static readonly ConcurrentDictionary<(string Database, int Year), Ledger> Ledgers = new();

    /// <summary>A change of more enterprises than this (or of more than an eighth of them) counts everything again.</summary>
    public const int MaxIncremental = 1000;

    /// <summary>The summary of <paramref name="scope"/>, named <paramref name="scopeKey"/> (e.g. <c>all</c>, <c>area:周市镇</c>, <c>enterprise:913…</c>).</summary>
    /// <param name="db">The library.</param>
    /// <param name="scopeKey">The name of the scope: the same name for everyone who sees the same enterprises.</param>
    /// <param name="scope">The enterprises the user may see.</param>
    /// <param name="year">Reference year.</param>
    /// <param name="area">Only this area; null = the whole scope.</param>
    /// <param name="clock">The clock stamped on the feed position (a position older than a day reads as "everything changed").</param>
    public static CandidateSummary Get(LibraryDbContext db, string scopeKey, IQueryable<Enterprise> scope, int year, string? area, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scopeKey);
        ArgumentNullException.ThrowIfNull(scope);
        var key = (db.Database.GetConnectionString() ?? "", year);
        if (Ledgers.Count > 64 && !Ledgers.ContainsKey(key)) Ledgers.Clear(); // many databases only in tests; never let it grow without bound
        var ledger = Ledgers.GetOrAdd(key, k => new Ledger(k.Year));
        lock (ledger)
        {
            ledger.Update(db, (clock ?? TimeProvider.System).GetUtcNow());
            return ledger.Summary(scopeKey, scope, area);
        }
    }

    /// <summary>Drops what this node keeps for the database: the next <see cref="Get"/> counts it again (a benchmark's cold start).</summary>
    public static void Forget(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var database = db.Database.GetConnectionString() ?? "";
        foreach (var key in Ledgers.Keys.Where(k => k.Database == database).ToList()) Ledgers.TryRemove(key, out _);
    }

    /// <summary>How the last <see cref="Get"/> on this database and year brought its counts up to date (for tests and the benchmark).</summary>
    public static CandidateUpdate? LastUpdate(LibraryDbContext db, int year)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Ledgers.TryGetValue((db.Database.GetConnectionString() ?? "", year), out var l) ? l.Last : null;
    }

    private sealed class Ledger(int year)
    {
        private static readonly CandidateRules Rules = CandidateRules.Default;

        private Dictionary<int, EnterpriseCandidates> _rows = [];
        private LibraryPosition? _position;
        /// <summary>Bumped when any enterprise's row changed: summaries and scope members made before are stale.</summary>
        private long _version;
        private readonly Dictionary<(string Scope, string Area), (long Version, CandidateSummary Summary)> _summaries = [];
        private readonly Dictionary<string, (long Version, HashSet<int> Members)> _scopes = new(StringComparer.Ordinal);
        /// <summary>The enterprises that changed at each version since the last full count (a scope then asks about those only).</summary>
        private readonly List<(long Version, int[] Ids)> _changed = [];
        private long _counted;

        public CandidateUpdate? Last { get; private set; }

        public void Update(LibraryDbContext db, DateTimeOffset now)
        {
            if (_position is null)
            {
                Rebuild(db, now);
                return;
            }
            var changes = LibraryChanges.Since(db, _position, now);
            if (changes.None)
            {
                _position = changes.Position;
                Last = new CandidateUpdate(false, 0);
                return;
            }
            if (changes.Everything || changes.Enterprises.Count > MaxIncremental || changes.Enterprises.Count > Math.Max(64, _rows.Count / 8))
            {
                Rebuild(db, now);
                return;
            }
            var fresh = RenewalCandidates.CountsOf(db, changes.Enterprises, year, Rules);
            foreach (var id in changes.Enterprises)
            {
                if (fresh.TryGetValue(id, out var row)) _rows[id] = row;
                else _rows.Remove(id);
            }
            // Any change is a new version, even one the counts do not see (a project): a scope may be defined by more
            // than the enterprise's own row, and its members are asked again for these enterprises only.
            _version++;
            _changed.Add((_version, [.. changes.Enterprises]));
            if (_changed.Count > 64) _changed.RemoveAt(0);
            _position = changes.Position;
            Last = new CandidateUpdate(false, changes.Enterprises.Count);
        }

        private void Rebuild(LibraryDbContext db, DateTimeOffset now)
        {
            // The position first: whatever commits after it is named by the next read of the feed, even if the count saw it.
            var position = LibraryChanges.Now(db, now);
            _rows = RenewalCandidates.CountsOf(db, null, year, Rules);
            _position = position;
            _version++;
            _counted = _version;
            _changed.Clear();
            Last = new CandidateUpdate(true, _rows.Count);
        }

        public CandidateSummary Summary(string scopeKey, IQueryable<Enterprise> scope, string? area)
        {
            var key = (scopeKey, area ?? "\u0000all");
            if (_summaries.TryGetValue(key, out var hit) && hit.Version == _version) return hit.Summary;
            if (!_scopes.TryGetValue(scopeKey, out var members) || members.Version != _version)
            {
                if (_scopes.Count > 256) _scopes.Clear();
                _scopes[scopeKey] = members = (_version, Members(scope, members.Members, members.Version));
            }
            var summary = RenewalCandidates.Assemble(year, _rows.Values.Where(r => members.Members.Contains(r.Id) && (area is not { Length: > 0 } || r.Area == area)));
            if (_summaries.Count > 256) _summaries.Clear();
            _summaries[key] = (_version, summary);
            return summary;
        }

        /// <summary>
        /// The enterprises of <paramref name="scope"/>: those it had at <paramref name="since"/>, with the enterprises
        /// changed after that asked again (a scope's membership follows the rows of its enterprises, and a change of
        /// any of them names the enterprise in the feed) — or the whole scope read again when that is not known.
        /// </summary>
        private HashSet<int> Members(IQueryable<Enterprise> scope, HashSet<int>? had, long since)
        {
            if (had is null || since < _counted || _changed.Count == 0 || _changed[0].Version > since + 1)
                return scope.AsNoTracking().Select(e => e.Id).ToHashSet();
            var changed = _changed.Where(c => c.Version > since).SelectMany(c => c.Ids).Distinct().ToList();
            var members = new HashSet<int>(had);
            members.ExceptWith(changed);
            members.UnionWith(scope.AsNoTracking().Where(e => changed.Contains(e.Id)).Select(e => e.Id));
            return members;
        }
    }
}

/// <summary>How the candidate counts were last brought up to date: counted again in full, or for so many changed enterprises.</summary>
public sealed record CandidateUpdate(bool Rebuilt, int Enterprises);
