using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Services.Programme;

/// <summary>
/// The dashboard kept up with the library (ADR-027). Per database, this node keeps every enterprise's share of the
/// figures (<see cref="EnterpriseShare"/>) and per area their running sums, built once by one pass of aggregate
/// queries, and its position in the library's change feed (<see cref="LibraryChanges"/>). A request reads the feed
/// since that position — one indexed query — and for the enterprises it names takes their old shares out of their
/// areas' sums, reads their new shares with <c>EnterpriseId IN (…)</c> queries and puts them in; a bulk load, a lost
/// position, a very large change or other engine parameters (T-3) rebuild it all. The report of the city or of an area
/// is then summed from a dozen area sums, and only the parts whose sums moved are made again (the others are the
/// previous report's own objects). Several nodes on one PostgreSQL each keep their own position, so each sees what the
/// others wrote. A district reviewer's report is made from its own area's sums only.
/// </summary>
public static class ProgrammeCache
{
    private static readonly ConcurrentDictionary<string, Ledger> Ledgers = new(StringComparer.Ordinal);

    /// <summary>A change of more enterprises than this (or of more than an eighth of them) rebuilds everything.</summary>
    public const int MaxIncremental = 1000;

    /// <summary>The report for <paramref name="area"/> (null = all), up to date with the library.</summary>
    /// <param name="db">The library: reads the change feed and the shares of the changed enterprises.</param>
    /// <param name="engine">The engine (T-3; other parameters rebuild the shares).</param>
    /// <param name="today">Kunshan's date.</param>
    /// <param name="area">Only this 区镇; null = all.</param>
    /// <param name="open">Opens a new context on the same database: a full build then runs its queries in parallel, one
    /// context each. Without it everything runs on <paramref name="db"/>, one query after another.</param>
    /// <param name="clock">The clock stamped on the feed position (a position older than a day reads as "everything changed").</param>
    public static ProgrammeReport Get(LibraryDbContext db, PolicyEngine engine, DateOnly today, string? area, Func<LibraryDbContext>? open = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        var key = db.Database.GetConnectionString() ?? "";
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        if (Ledgers.Count > 64 && !Ledgers.ContainsKey(key)) Ledgers.Clear(); // many databases only in tests; never let it grow without bound
        var ledger = Ledgers.GetOrAdd(key, _ => new Ledger());
        lock (ledger)
        {
            ledger.Update(db, open, engine, now);
            return ledger.Report(area, today);
        }
    }

    /// <summary>Drops what this node keeps for the database: the next <see cref="Get"/> builds it again (a benchmark's cold start).</summary>
    public static void Forget(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        Ledgers.TryRemove(db.Database.GetConnectionString() ?? "", out _);
    }

    /// <summary>How the last <see cref="Get"/> on this database brought its figures up to date (for tests and the benchmark).</summary>
    public static ProgrammeUpdate? LastUpdate(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Ledgers.TryGetValue(db.Database.GetConnectionString() ?? "", out var l) ? l.Last : null;
    }

    /// <summary>One database's shares, area sums, feed position and reports made from them.</summary>
    private sealed class Ledger
    {
        private static readonly ProgrammeTargets Targets = ProgrammeTargets.Default;
        private static readonly EquipmentCatalogue Catalogue = EquipmentCatalogue.Default;

        private Dictionary<int, EnterpriseShare> _shares = [];
        private Dictionary<string, AreaSums> _areas = new(StringComparer.Ordinal);
        private AreaSums _city = new(null);
        private LibraryPosition? _position;
        private string? _parameters;
        private readonly Dictionary<string, Made> _reports = new(StringComparer.Ordinal);

        public ProgrammeUpdate? Last { get; private set; }

        public void Update(LibraryDbContext db, Func<LibraryDbContext>? open, PolicyEngine engine, DateTimeOffset now)
        {
            if (_position is null || _parameters != engine.Parameters.Fingerprint)
            {
                Rebuild(db, open, engine, now);
                return;
            }
            var changes = LibraryChanges.Since(db, _position, now);
            if (changes.None)
            {
                _position = changes.Position;
                Last = new ProgrammeUpdate(false, 0);
                return;
            }
            if (changes.Everything || changes.Enterprises.Count > MaxIncremental || changes.Enterprises.Count > Math.Max(64, _shares.Count / 8))
            {
                Rebuild(db, open, engine, now);
                return;
            }
            var fresh = ProgrammeShares.Read(db, null, engine, Targets, Catalogue, changes.Enterprises);
            // Every old share out before any new one goes in: a project moved between two changed enterprises is then
            // taken out of the one and put into the other, whichever id comes first.
            var moves = changes.Enterprises.Select(id => (Id: id, Old: _shares.GetValueOrDefault(id), New: fresh.GetValueOrDefault(id))).ToList();
            foreach (var (id, old, next) in moves)
            {
                if (old is null) continue;
                var parts = EnterpriseShare.Differ(old, next);
                Sums(old.Area).Add(old, -1, parts);
                _city.Add(old, -1, parts);
                _shares.Remove(id);
            }
            foreach (var (id, old, next) in moves)
            {
                if (next is null) continue;
                var parts = EnterpriseShare.Differ(old, next);
                Sums(next.Area).Add(next, +1, parts);
                _city.Add(next, +1, parts);
                _shares[id] = next;
            }
            _position = changes.Position;
            Last = new ProgrammeUpdate(false, changes.Enterprises.Count);
        }

        private void Rebuild(LibraryDbContext db, Func<LibraryDbContext>? open, PolicyEngine engine, DateTimeOffset now)
        {
            // The position first: whatever commits after it is named by the next read of the feed, even if the build saw it.
            var position = LibraryChanges.Now(db, now);
            var shares = ProgrammeShares.Read(db, open, engine, Targets, Catalogue, null);
            var areas = new Dictionary<string, AreaSums>(StringComparer.Ordinal);
            var city = new AreaSums(null);
            foreach (var s in shares.Values)
            {
                if (!areas.TryGetValue(s.Area, out var a)) areas[s.Area] = a = new AreaSums(s.Area);
                a.Add(s, +1, ProgrammeParts.All);
                city.Add(s, +1, ProgrammeParts.All);
            }
            _shares = shares;
            _areas = areas;
            _city = city;
            _position = position;
            _parameters = engine.Parameters.Fingerprint;
            _reports.Clear();
            Last = new ProgrammeUpdate(true, shares.Count);
        }

        private AreaSums Sums(string area)
        {
            if (!_areas.TryGetValue(area, out var a)) _areas[area] = a = new AreaSums(area);
            return a;
        }

        public ProgrammeReport Report(string? area, DateOnly today)
        {
            var sums = area is null ? _city : Sums(area);
            var month = today.Year * 12 + today.Month - 1;
            var key = area ?? "\u0000all";
            if (_reports.TryGetValue(key, out var made) && made.Month == month && made.Versions.AsSpan().SequenceEqual(sums.Versions))
            {
                if (made.Report.Today == today) return made.Report;
                var dated = made.Report with { Today = today };
                _reports[key] = made with { Report = dated };
                return dated;
            }
            var kept = made is not null && made.Month == month ? made : null;
            bool Same(int part) => made is not null && made.Versions[part] == sums.Versions[part];
            var previous = made?.Report;
            var t = Targets;

            IReadOnlyList<YearFigure> byYear;
            IReadOnlyList<AreaFigure> byArea;
            IReadOnlyList<DivisionFigure> byDivision;
            IReadOnlyList<TaskFigure> byTask;
            decimal cumulative;
            if (Same(AreaSums.Investment))
            {
                (byYear, byArea, byDivision, byTask, cumulative) = (previous!.EquipmentByYear, previous.ByArea, previous.ByDivision, previous.ByTask, previous.CumulativeEquipment);
            }
            else
            {
                (byYear, byArea, byDivision, byTask) = Investment(area is null ? [.. _areas.Values] : [sums], sums);
                cumulative = ProgrammeProgress.Normal(byYear.Sum(y => y.Equipment));
            }
            var demonstrations = Same(AreaSums.Demonstration) ? previous!.Demonstrations
                : [.. sums.Demonstrations.Values.OrderBy(d => d.CompletedOn).ThenBy(d => d.ProjectId)];
            var keyEnergy = Same(AreaSums.Inventory) ? previous!.KeyEnergy
                : new KeyEnergyFigures(sums.KeyTotal, sums.KeyAtSaving, sums.KeyUnrated, Catalogue.EnergySavingGrade);
            var hazardous = Same(AreaSums.Inventory) ? previous!.HazardousRemaining : sums.Hazardous;
            var schemes = Same(AreaSums.Schemes) ? previous!.ByScheme
                : [.. ProgrammeShares.Schemes.Select((s, k) => new SchemeFigure(s, ProgrammeProgress.Normal(sums.SchemeSums[k * 4]),
                    ProgrammeProgress.Normal(sums.SchemeSums[k * 4 + 1]), ProgrammeProgress.Normal(sums.SchemeSums[k * 4 + 2]), ProgrammeProgress.Normal(sums.SchemeSums[k * 4 + 3])))];
            var trend = kept is not null && Same(AreaSums.Trend) ? previous!.Trend : Trend(sums, today);
            var report = new ProgrammeReport
            {
                Area = area,
                Today = today,
                Targets = t,
                CumulativeEquipment = cumulative,
                EquipmentByYear = byYear,
                Demonstrations = demonstrations,
                KeyEnergy = keyEnergy,
                HazardousRemaining = hazardous,
                ByArea = byArea,
                ByDivision = byDivision,
                ByTask = byTask,
                ByScheme = schemes,
                Trend = trend,
            };
            if (_reports.Count > 64) _reports.Clear();
            _reports[key] = new Made([.. sums.Versions], month, report);
            return report;
        }

        /// <summary>T-1, T-2 and the breakdowns, from the areas' sums (one area's for a district, every area's for the city).</summary>
        private static (IReadOnlyList<YearFigure>, IReadOnlyList<AreaFigure>, IReadOnlyList<DivisionFigure>, IReadOnlyList<TaskFigure>) Investment(
            IReadOnlyList<AreaSums> areas, AreaSums total)
        {
            var t = Targets;
            var years = t.Years.ToList();
            var byYear = years.Select((y, k) => new YearFigure(y, ProgrammeProgress.Normal(areas.Sum(a => a.Divisions.Values.Sum(d => d.Equipment[k]))))).ToList();
            var byArea = areas
                .Where(a => a.Divisions.Values.Any(d => d.Rows.Any(r => r > 0)))
                .Select(a => new AreaFigure(a.Area!, a.Divisions.Values.Sum(d => d.Projects),
                    years.Select((y, k) => (y, k)).ToDictionary(x => x.y, x => ProgrammeProgress.Normal(a.Divisions.Values.Sum(d => d.Equipment[x.k])))))
                .OrderByDescending(x => x.Equipment).ThenBy(x => x.Area, StringComparer.Ordinal).ToList();
            var divisions = new Dictionary<string, (decimal Equipment, int Projects, int Rows)>(StringComparer.Ordinal);
            foreach (var a in areas)
            {
                foreach (var (code, d) in a.Divisions)
                {
                    var rows = d.Rows.Sum();
                    if (rows == 0) continue;
                    var x = divisions.GetValueOrDefault(code);
                    divisions[code] = (x.Equipment + d.Equipment.Sum(), x.Projects + d.Projects, x.Rows + rows);
                }
            }
            var byDivision = divisions
                .Select(kv => new DivisionFigure(kv.Key, t.DivisionName(kv.Key), kv.Value.Projects, ProgrammeProgress.Normal(kv.Value.Equipment)))
                .OrderByDescending(x => x.Equipment).ThenBy(x => x.Division, StringComparer.Ordinal).ToList();
            var names = ProgrammeProgress.TaskNames;
            IReadOnlyList<TaskFigure> byTask = [.. Enumerable.Range(1, names.Count).Select(k =>
                new TaskFigure(k, names[k - 1], total.TaskProjects[k - 1], ProgrammeProgress.Normal(total.TaskEquipment[k - 1])))];
            return (byYear, byArea, byDivision, byTask);
        }

        /// <summary>The month ends from January of the first year to this month (at most December of the last), as ProgrammeProgress.Trend.</summary>
        private static List<MonthFigure> Trend(AreaSums sums, DateOnly today)
        {
            var t = Targets;
            var end = new DateOnly(Math.Min(today.Year, t.LastYear), today.Year > t.LastYear ? 12 : today.Month, 1).AddMonths(1).AddDays(-1);
            var start = new DateOnly(t.FirstYear, 1, 1);
            if (end < start) return [];
            var first = start.Year * 12 + start.Month - 1;
            var running = sums.Increases.Where(kv => kv.Key < first).Sum(kv => kv.Value);
            var points = new List<MonthFigure>();
            for (var m = start; m <= end; m = m.AddMonths(1))
            {
                running += sums.Increases.GetValueOrDefault(m.Year * 12 + m.Month - 1);
                points.Add(new MonthFigure(m.AddMonths(1).AddDays(-1), ProgrammeProgress.Normal(running)));
            }
            return points;
        }
    }

    private sealed record Made(int[] Versions, int Month, ProgrammeReport Report);

    /// <summary>The running sums of the shares of one area's enterprises (or of all: <see cref="Area"/> null), with a version per part.</summary>
    private sealed class AreaSums(string? area)
    {
        public const int Investment = 0, Demonstration = 1, Inventory = 2, Schemes = 3, Trend = 4;

        public string? Area { get; } = area;
        /// <summary>Bumped whenever a part's sums move: a report made at the same versions is still right.</summary>
        public int[] Versions { get; } = new int[5];
        public Dictionary<string, DivisionSums> Divisions { get; } = new(StringComparer.Ordinal);
        public decimal[] TaskEquipment { get; } = new decimal[ProgrammeProgress.TaskNames.Count];
        public int[] TaskProjects { get; } = new int[ProgrammeProgress.TaskNames.Count];
        public Dictionary<int, DemonstrationProject> Demonstrations { get; } = [];
        public long KeyTotal { get; private set; }
        public long KeyAtSaving { get; private set; }
        public long KeyUnrated { get; private set; }
        public long Hazardous { get; private set; }
        public decimal[] SchemeSums { get; } = new decimal[ProgrammeShares.Schemes.Length * 4];
        public Dictionary<int, decimal> Increases { get; } = [];

        /// <summary>Adds (<paramref name="sign"/> +1) or takes out (−1) a share; bumps the versions of <paramref name="parts"/>.</summary>
        public void Add(EnterpriseShare s, int sign, ProgrammeParts parts)
        {
            if (parts.HasFlag(ProgrammeParts.Investment)) Versions[Investment]++;
            if (parts.HasFlag(ProgrammeParts.Demonstrations)) Versions[Demonstration]++;
            if (parts.HasFlag(ProgrammeParts.Inventory)) Versions[Inventory]++;
            if (parts.HasFlag(ProgrammeParts.Schemes)) Versions[Schemes]++;
            if (parts.HasFlag(ProgrammeParts.Trend)) Versions[Trend]++;

            if (s.HasInvestment || s.Projects != 0)
            {
                if (!Divisions.TryGetValue(s.Division, out var d)) Divisions[s.Division] = d = new DivisionSums(s.YearEquipment.Length);
                for (var k = 0; k < s.YearEquipment.Length; k++)
                {
                    d.Equipment[k] += sign * s.YearEquipment[k];
                    d.Rows[k] += sign * s.YearRows[k];
                }
                d.Projects += sign * s.Projects;
                for (var k = 0; k < TaskEquipment.Length; k++)
                {
                    TaskEquipment[k] += sign * s.TaskEquipment[k];
                    TaskProjects[k] += sign * s.TaskProjects[k];
                }
            }
            foreach (var p in s.Demonstrations)
            {
                if (sign > 0) Demonstrations[p.ProjectId] = p;
                else Demonstrations.Remove(p.ProjectId);
            }
            KeyTotal += sign * s.KeyTotal;
            KeyAtSaving += sign * s.KeyAtSaving;
            KeyUnrated += sign * s.KeyUnrated;
            Hazardous += sign * s.Hazardous;
            for (var k = 0; k < SchemeSums.Length; k++) SchemeSums[k] += sign * s.SchemeSums[k];
            foreach (var (month, amount) in s.Increases)
            {
                var v = Increases.GetValueOrDefault(month) + sign * amount;
                Increases[month] = v;
            }
        }
    }

    private sealed class DivisionSums(int years)
    {
        public decimal[] Equipment { get; } = new decimal[years];
        public int[] Rows { get; } = new int[years];
        public int Projects { get; set; }
    }
}

/// <summary>How the dashboard's figures were last brought up to date: a full build, or the shares of so many changed enterprises.</summary>
public sealed record ProgrammeUpdate(bool Rebuilt, int Enterprises);
