using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Kunshan2024;

namespace Renewal.Data.Programme;

/// <summary>
/// The dashboard's figures, recomputed only when the library changed. A cold computation over 100,000 projects takes
/// seconds on SQLite (the trend reads every progress report); the stamp — counts, largest ids and sums of row versions
/// of the tables the dashboard reads, integer scans only — tells in a fraction of that whether anything changed
/// (ADR-008). Keyed by database, area and day, so a district reviewer never sees another area's figures.
/// </summary>
public static class ProgrammeCache
{
    private static readonly ConcurrentDictionary<(string Database, string Area, DateOnly Today), (Stamp Stamp, ProgrammeReport Report)> Entries = new();

    /// <summary>The report for <paramref name="area"/> (null = all), from the cache when the library has not changed.</summary>
    public static ProgrammeReport Get(LibraryDbContext db, PolicyEngine engine, DateOnly today, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        var key = (db.Database.GetConnectionString() ?? "", area ?? "\u0000all", today);
        var stamp = Stamp.Of(db, engine);
        if (Entries.TryGetValue(key, out var hit) && hit.Stamp == stamp) return hit.Report;
        var report = ProgrammeProgress.Compute(db, engine, today, area);
        if (Entries.Count > 256) Entries.Clear(); // many databases only in tests; never let it grow without bound
        Entries[key] = (stamp, report);
        return report;
    }

    /// <summary>What the dashboard reads, as integers; equal stamps mean equal figures.</summary>
    private sealed record Stamp(long[] Values, string Parameters)
    {
        public static Stamp Of(LibraryDbContext db, PolicyEngine engine) => new(
        [
            .. Agg(db.Enterprises.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            .. Agg(db.Projects.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            .. Agg(db.Investments.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Sum(x => (long)x.ProjectId * 4096 + x.Year) })),
            .. Agg(db.Equipment.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            .. Agg(db.ProgressReports.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => (long)x.Id), g.Max(x => (long)x.Id) })),
            .. Agg(db.Applications.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            .. Agg(db.AwardDecisions.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
        ], engine.Parameters.Fingerprint);

        private static long[] Agg(IQueryable<long[]> q) => q.FirstOrDefault() ?? [0, 0, 0];

        public bool Equals(Stamp? other) => other is not null && Values.AsSpan().SequenceEqual(other.Values) && Parameters == other.Parameters;

        public override int GetHashCode() => HashCode.Combine(Values.Length, Parameters);
    }
}
