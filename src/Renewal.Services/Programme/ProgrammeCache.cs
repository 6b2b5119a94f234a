using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Kunshan2024;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Programme;

/// <summary>
/// The dashboard's figures, recomputed only when the library changed, and then only the parts that read what changed.
/// A cold computation over 100,000 projects takes over a second on SQLite (the trend reads every progress report); the
/// stamp — per table the count, largest id and sum of row versions in one round trip (<see cref="TableStamps"/>), plus
/// the parameter fingerprint and the month — tells in a fraction of that what changed (ADR-008). Keyed by database and area, so a district
/// reviewer never sees another area's figures.
/// </summary>
public static class ProgrammeCache
{
    private static readonly ConcurrentDictionary<(string Database, string Area), (Stamp Stamp, ProgrammeReport Report)> Entries = new();

    /// <summary>The report for <paramref name="area"/> (null = all), from the cache when the library has not changed.</summary>
    /// <param name="db">The library.</param>
    /// <param name="engine">The engine (its parameter fingerprint is part of the stamp: T-3 depends on it).</param>
    /// <param name="today">Kunshan's date.</param>
    /// <param name="area">Only this 区镇; null = all.</param>
    /// <param name="open">Opens a new context on the same database: the report's queries then run in parallel, one
    /// context each, and only the parts whose tables changed are recomputed. Without it everything runs
    /// on <paramref name="db"/>, one query after another.</param>
    public static ProgrammeReport Get(LibraryDbContext db, PolicyEngine engine, DateOnly today, string? area, Func<LibraryDbContext>? open = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        var key = (db.Database.GetConnectionString() ?? "", area ?? "\u0000all");
        var stamp = Stamp.Of(db, engine, today);
        ProgrammeReport report;
        if (Entries.TryGetValue(key, out var hit))
        {
            var changed = hit.Stamp.Changed(stamp);
            if (changed == ProgrammeParts.None)
                return hit.Report.Today == today ? hit.Report : hit.Report with { Today = today };
            report = open is null
                ? ProgrammeProgress.Compute(db, engine, today, area)
                : ProgrammeProgress.Compute(open, engine, today, area, parts: changed, previous: hit.Report);
        }
        else
        {
            report = open is null ? ProgrammeProgress.Compute(db, engine, today, area) : ProgrammeProgress.Compute(open, engine, today, area);
        }
        if (Entries.Count > 256) Entries.Clear(); // many databases only in tests; never let it grow without bound
        Entries[key] = (stamp, report);
        return report;
    }

    /// <summary>What the dashboard reads, as integers per table; equal stamps mean equal figures.</summary>
    private sealed record Stamp(long[][] Tables, string Parameters, int Month)
    {
        private const int Enterprises = 0, Projects = 1, Investments = 2, Equipment = 3, Reports = 4, Applications = 5, Decisions = 6;

        // In the order of the indexes above.
        private static readonly StampedTable[] Read =
        [
            StampedTable.Enterprises, StampedTable.Projects, StampedTable.Investments, StampedTable.Equipment,
            StampedTable.ProgressReports, StampedTable.Applications, StampedTable.Decisions,
        ];

        public static Stamp Of(LibraryDbContext db, PolicyEngine engine, DateOnly today) =>
            new(TableStamps.Of(db, Read), engine.Parameters.Fingerprint, today.Year * 12 + today.Month);

        /// <summary>
        /// The parts to recompute: each part depends on the tables it reads. An enterprise's area or industry feeds
        /// every breakdown, so a change there recomputes everything; a project's enterprise never changes (a deleted
        /// project takes its reports with it), so the trend follows the reports alone.
        /// </summary>
        public ProgrammeParts Changed(Stamp now)
        {
            bool Diff(int table) => !Tables[table].AsSpan().SequenceEqual(now.Tables[table]);
            if (Diff(Enterprises)) return ProgrammeParts.All;
            var parts = ProgrammeParts.None;
            if (Diff(Projects) || Diff(Investments)) parts |= ProgrammeParts.Investment | ProgrammeParts.Demonstrations;
            if (Parameters != now.Parameters) parts |= ProgrammeParts.Demonstrations;
            if (Diff(Equipment)) parts |= ProgrammeParts.Inventory;
            if (Diff(Reports) || Month != now.Month) parts |= ProgrammeParts.Trend;
            if (Diff(Applications) || Diff(Decisions)) parts |= ProgrammeParts.Schemes;
            return parts;
        }

    }
}
