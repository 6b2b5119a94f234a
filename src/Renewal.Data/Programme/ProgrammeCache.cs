using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Kunshan2024;

namespace Renewal.Data.Programme;

/// <summary>
/// The dashboard's figures, recomputed only when the library changed. A cold computation over 100,000 projects takes
/// over a second on SQLite (the trend reads every progress report); the stamp — counts, largest ids and sums of row
/// versions of the tables the dashboard reads, integer scans only — tells in a fraction of that whether anything
/// changed (ADR-008). Keyed by database, area and day, so a district reviewer never sees another area's figures.
/// </summary>
public static class ProgrammeCache
{
    private static readonly ConcurrentDictionary<(string Database, string Area, DateOnly Today), (Stamp Stamp, ProgrammeReport Report)> Entries = new();

    /// <summary>The report for <paramref name="area"/> (null = all), from the cache when the library has not changed.</summary>
    /// <param name="db">The library.</param>
    /// <param name="engine">The engine (its parameter fingerprint is part of the stamp: T-3 depends on it).</param>
    /// <param name="today">Kunshan's date.</param>
    /// <param name="area">Only this 区镇; null = all.</param>
    /// <param name="open">Opens a new context on the same database: the stamp's and the report's queries then run in
    /// parallel, one context each. Without it everything runs on <paramref name="db"/>, one query after another.</param>
    public static ProgrammeReport Get(LibraryDbContext db, PolicyEngine engine, DateOnly today, string? area, Func<LibraryDbContext>? open = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        var key = (db.Database.GetConnectionString() ?? "", area ?? "\u0000all", today);
        var stamp = Stamp.Of(db, open, engine);
        if (Entries.TryGetValue(key, out var hit) && hit.Stamp == stamp) return hit.Report;
        var report = open is null ? ProgrammeProgress.Compute(db, engine, today, area) : ProgrammeProgress.Compute(open, engine, today, area);
        if (Entries.Count > 256) Entries.Clear(); // many databases only in tests; never let it grow without bound
        Entries[key] = (stamp, report);
        return report;
    }

    /// <summary>What the dashboard reads, as integers; equal stamps mean equal figures.</summary>
    private sealed record Stamp(long[] Values, string Parameters)
    {
        private static readonly Func<LibraryDbContext, long[]>[] Parts =
        [
            db => Agg(db.Enterprises.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            db => Agg(db.Projects.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            // Investments have no id: the sum of (project, year) tells which rows are there.
            db => Agg(db.Investments.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Sum(x => (long)x.ProjectId * 4096 + x.Year) })),
            db => Agg(db.Equipment.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            // Progress reports are never edited, only added or deleted with their project.
            db => Agg(db.ProgressReports.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => (long)x.Id), g.Max(x => (long)x.Id) })),
            db => Agg(db.Applications.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
            db => Agg(db.AwardDecisions.AsNoTracking().GroupBy(_ => 1).Select(g => new[] { g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id) })),
        ];

        public static Stamp Of(LibraryDbContext db, Func<LibraryDbContext>? open, PolicyEngine engine)
        {
            long[][] parts;
            if (open is null)
            {
                parts = [.. Parts.Select(p => p(db))];
            }
            else
            {
                var tasks = Parts.Select(p => Task.Run(() =>
                {
                    using var own = open();
                    return p(own);
                })).ToArray();
                Task.WaitAll(tasks);
                parts = [.. tasks.Select(t => t.Result)];
            }
            return new([.. parts.SelectMany(p => p)], engine.Parameters.Fingerprint);
        }

        private static long[] Agg(IQueryable<long[]> q) => q.FirstOrDefault() ?? [0, 0, 0];

        public bool Equals(Stamp? other) => other is not null && Values.AsSpan().SequenceEqual(other.Values) && Parameters == other.Parameters;

        public override int GetHashCode() => HashCode.Combine(Values.Length, Parameters);
    }
}
