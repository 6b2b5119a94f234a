using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Candidates;

/// <summary>
/// Candidate summaries, recomputed only when the inventory or the enterprises changed. The city's summary streams every
/// inventory item (about a second at 270,000 items on SQLite); paging through its enterprise list or switching a rule
/// filter must not pay that again. The stamp — count, sum of row versions and largest id of the enterprises and of the
/// inventory, integer aggregates only — tells in a few tens of milliseconds whether anything changed. The catalogue is
/// embedded, so it cannot change under a running process. Keyed by database, scope, year and area: a district's or an
/// enterprise's summary is never served to anyone else.
/// </summary>
public static class CandidateCache
{
    private static readonly ConcurrentDictionary<(string Database, string Scope, int Year, string Area), (long[] Stamp, CandidateSummary Summary)> Entries = new();

    /// <summary>The summary of <paramref name="scope"/>, named <paramref name="scopeKey"/> (e.g. <c>all</c>, <c>area:周市镇</c>, <c>enterprise:913…</c>).</summary>
    public static CandidateSummary Get(LibraryDbContext db, string scopeKey, IQueryable<Enterprise> scope, int year, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scopeKey);
        var key = (db.Database.GetConnectionString() ?? "", scopeKey, year, area ?? "\u0000all");
        var stamp = Stamp(db);
        if (Entries.TryGetValue(key, out var hit) && hit.Stamp.AsSpan().SequenceEqual(stamp)) return hit.Summary;
        var summary = RenewalCandidates.Summarise(scope, year, area);
        if (Entries.Count > 256) Entries.Clear(); // many databases only in tests; never let it grow without bound
        Entries[key] = (stamp, summary);
        return summary;
    }

    private static long[] Stamp(LibraryDbContext db) =>
        [.. TableStamps.Of(db, [StampedTable.Enterprises, StampedTable.Equipment]).SelectMany(t => t)];
}
