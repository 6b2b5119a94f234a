using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Seed;
using Renewal.Services.Programme;
using Renewal.Services.Simulation;

namespace Renewal.Benchmarks;

/// <summary>
/// <c>province [enterprises=223300] [--db NAME] [--seed-only] [--rounds N]</c> (issue 13 item 4): a library of ≈ 1,000,000
/// projects on the PostgreSQL server of <c>RENEWAL_TEST_POSTGRES</c> (e.g. <c>$(bash scripts/postgres.sh start)</c>), in
/// the database <c>renewal_province</c>, kept between runs and seeded only when empty (the load is timed, with the share
/// of time per table sampled from <c>pg_stat_activity</c>). Then, in process, as the web app runs them: the what-if cold,
/// warm and after one investment changed through EF; the memory of one year's snapshot and of all four; the dashboard
/// (<see cref="ProgrammeCache"/>) cold and after one change. Prints each figure and, last, one JSON line of them.
/// </summary>
/// <remarks>223,300 enterprises are the seeder's own proportions for 1M projects: 22,400 give 100,340 projects.</remarks>
internal static class ProvinceBench
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    public static int Run(string[] args)
    {
        var enterprises = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).FirstOrDefault() is { } n
            ? int.Parse(n, CultureInfo.InvariantCulture) : 223_300;
        var name = Option(args, "--db") ?? "renewal_province";
        var rounds = Option(args, "--rounds") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
        var server = Environment.GetEnvironmentVariable("RENEWAL_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server) || server == "skip")
        {
            Console.Error.WriteLine("province: set RENEWAL_TEST_POSTGRES to a PostgreSQL server, e.g. \"$(bash scripts/postgres.sh start)\"");
            return 2;
        }
        var cs = server.TrimEnd(';') + ";Database=" + name + ";Command Timeout=600";
        var options = new LibraryDatabaseOptions("postgres", cs);
        var figures = new Dictionary<string, object?>
        {
            ["cores"] = Environment.ProcessorCount,
            ["load_avg_start"] = LoadAverage(),
        };
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average {LoadAverage()}; database {name}");

        Seed(options, cs, enterprises, figures);
        if (args.Contains("--seed-only")) return Finish(figures);

        using var db = LibraryStore.Create(options);
        var counts = new Dictionary<string, long>
        {
            ["enterprises"] = db.Enterprises.LongCount(),
            ["projects"] = db.Projects.LongCount(),
            ["investments"] = db.Investments.LongCount(),
            ["loans"] = db.Loans.LongCount(),
            ["repayments"] = db.Repayments.LongCount(),
            ["equipment_items"] = db.Equipment.LongCount(),
            ["progress_reports"] = db.ProgressReports.LongCount(),
        };
        Console.WriteLine("library: " + string.Join(", ", counts.Select(c => $"{c.Value:N0} {c.Key}")));
        figures["library"] = counts;

        WhatIfs(db, rounds, figures);
        Memory(options, figures);
        Dashboard(db, options, figures);
        figures["load_avg_end"] = LoadAverage();
        return Finish(figures);
    }

    private static int Finish(Dictionary<string, object?> figures)
    {
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>Seeds an empty library, sampling every 100 ms which table the seeding backend is inserting into.</summary>
    private static void Seed(LibraryDatabaseOptions options, string cs, int enterprises, Dictionary<string, object?> figures)
    {
        using var seed = LibraryStore.Open(options);
        if (seed.Enterprises.Any())
        {
            Console.WriteLine($"library already seeded ({seed.Enterprises.Count():N0} enterprises): load not timed in this run");
            return;
        }
        seed.Database.OpenConnection(); // held for the whole load, so that its backend is the one sampled
        var pid = seed.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").AsEnumerable().First();
        var samples = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() => Sample(cs, pid, samples, stop.Token));
        var sw = Stopwatch.StartNew();
        var summary = LibrarySeeder.Seed(seed, new SeedOptions(enterprises, 2024, Today));
        var seconds = sw.Elapsed.TotalSeconds;
        stop.Cancel();
        sampler.Wait();
        var rows = new Dictionary<string, long>
        {
            ["enterprises"] = summary.Enterprises,
            ["projects"] = summary.Projects,
            ["project_investments"] = summary.Investments,
            ["loans"] = summary.Loans,
            ["repayments"] = summary.Repayments,
            ["equipment_items"] = summary.EquipmentItems,
            ["progress_reports"] = summary.ProgressReports,
        };
        var total = rows.Values.Sum();
        Console.WriteLine($"seeded {summary.Enterprises:N0} enterprises, {summary.Projects:N0} projects, {total:N0} rows in {seconds:N1} s ({total / seconds:N0} rows/s)");
        var all = Math.Max(1, samples.Values.Sum());
        var perTable = new Dictionary<string, object>();
        foreach (var (table, count) in rows)
        {
            var share = samples.GetValueOrDefault(table) / (double)all;
            var rate = share > 0 ? count / (seconds * share) : double.NaN;
            Console.WriteLine($"  {table,-20} {count,12:N0} rows, {share,6:P1} of the time in its INSERTs, {rate,12:N0} rows/s while inserting");
            perTable[table] = new { rows = count, time_share = Math.Round(share, 3), rows_per_s = double.IsNaN(rate) ? 0 : Math.Round(rate) };
        }
        foreach (var (what, count) in samples.Where(s => !rows.ContainsKey(s.Key)).OrderByDescending(s => s.Value))
            Console.WriteLine($"  {what,-20} {count / (double)all,6:P1} of the time");
        figures["seed_s"] = Math.Round(seconds, 1);
        figures["seed_rows"] = total;
        figures["seed_rows_per_s"] = Math.Round(total / seconds);
        figures["seed_tables"] = perTable;
        figures["seed_other"] = samples.Where(s => !rows.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => Math.Round(s.Value / (double)all, 3));
        seed.Database.ExecuteSqlRaw("ANALYZE");
    }

    /// <summary>What the seeding backend is doing: the table of its INSERT, or its state (idle in transaction = the client generating rows).</summary>
    private static void Sample(string cs, int pid, Dictionary<string, int> samples, CancellationToken stop)
    {
        using var connection = new NpgsqlConnection(cs);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT state, left(query, 60) FROM pg_stat_activity WHERE pid = @pid", connection);
        command.Parameters.AddWithValue("pid", pid);
        while (!stop.IsCancellationRequested)
        {
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    var state = reader.IsDBNull(0) ? "?" : reader.GetString(0);
                    var query = reader.IsDBNull(1) ? "" : reader.GetString(1);
                    var key = state == "active" && query.StartsWith("INSERT INTO ", StringComparison.Ordinal)
                        ? query[12..].Split(' ')[0].Trim('"')
                        : state == "active" ? "other SQL: " + query[..Math.Min(40, query.Length)] : state + " (client: generating rows, binding parameters)";
                    lock (samples) samples[key] = samples.GetValueOrDefault(key) + 1;
                }
            }
            stop.WaitHandle.WaitOne(100);
        }
    }

    private static readonly List<KeyValuePair<string, string>>[] Changes =
    [
        [new("effective_investment.rate", "0.10")],
        [new("loan.kunshan.rate", "0.015")],
        [new("tech_renovation.base_rate", "0.08")],
        [new("effective_investment.rate", "0.10"), new("loan.kunshan.rate", "0.015")],
        [new("demonstration.rate", "0.12")],
    ];

    private static void WhatIfs(LibraryDbContext db, int rounds, Dictionary<string, object?> figures)
    {
        var engine = PolicyEngine.Default;
        var snapshots = new LibrarySnapshots();
        const int year = 2025;
        var sw = Stopwatch.StartNew();
        var cold = WhatIf.Run(snapshots, db, engine, year, Changes[0]);
        var coldMs = sw.Elapsed.TotalMilliseconds;
        var build = snapshots.Get(db, year).BuildTime.TotalMilliseconds;
        Console.WriteLine($"what-if cold (B rate 10%): {coldMs:N0} ms, of which snapshot build {build:N0} ms; {cold.Projects:N0} projects, {cold.AffectedEnterprises:N0} enterprises affected [load {LoadAverage()}]");
        figures["whatif_cold_ms"] = Math.Round(coldMs);
        figures["snapshot_build_ms"] = Math.Round(build);
        figures["whatif_projects"] = cold.Projects;

        var warm = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var c in Changes)
            {
                sw.Restart();
                var w = WhatIf.Run(snapshots, db, engine, year, c);
                warm.Add(sw.Elapsed.TotalMilliseconds);
                if (!w.SnapshotReused) throw new InvalidOperationException("the snapshot was rebuilt on an unchanged library");
            }
        }
        Console.WriteLine($"what-if warm ({warm.Count} runs over {Changes.Length} changes): median {Median(warm):N0} ms, max {warm.Max():N0} ms [load {LoadAverage()}]");
        figures["whatif_warm_ms"] = Math.Round(Median(warm));
        figures["whatif_warm_max_ms"] = Math.Round(warm.Max());

        // The engine's share of a warm what-if: the rest is the snapshot cache's check that the library is unchanged, and the sums.
        var scenario = snapshots.Get(db, year).Scenario;
        var changed = engine.With(Changes[0]);
        changed.EvaluateCompact(scenario);
        var compact = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            sw.Restart();
            GC.KeepAlive(changed.EvaluateCompact(scenario));
            compact.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"  of which EvaluateCompact alone (B rate 10%, {scenario.Projects.Length:N0} projects): median {Median(compact):N0} ms");
        figures["evaluate_compact_ms"] = Math.Round(Median(compact));

        // One investment of the year changes through EF, then the next what-if: as after a reviewer's edit.
        var ids = db.Investments.AsNoTracking().Where(i => i.Year == year).OrderBy(i => i.ProjectId).Select(i => i.ProjectId).Take(rounds * 97).ToList();
        var after = new List<double>();
        var change = new List<double>();
        var reused = 0;
        for (var i = 0; i < rounds; i++)
        {
            var projectId = ids[i * 97 % ids.Count];
            sw.Restart();
            var investment = db.Investments.Single(x => x.ProjectId == projectId && x.Year == year);
            investment.Equipment += 10_000m;
            db.SaveChanges();
            db.ChangeTracker.Clear();
            change.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var a = WhatIf.Run(snapshots, db, engine, year, Changes[i % Changes.Length]);
            after.Add(sw.Elapsed.TotalMilliseconds);
            if (a.SnapshotReused) reused++;
        }
        Console.WriteLine($"what-if after one investment changed through EF ({rounds} rounds): median {Median(after):N0} ms, max {after.Max():N0} ms; "
            + $"the change itself (read + SaveChanges) median {Median(change):N0} ms; snapshot reused {reused} of {rounds} times [load {LoadAverage()}]");
        figures["whatif_after_change_ms"] = Math.Round(Median(after));
        figures["whatif_after_change_max_ms"] = Math.Round(after.Max());
        figures["investment_change_ms"] = Math.Round(Median(change), 1);
    }

    /// <summary>The GC-settled managed heap before and after building one year's snapshot, then all four years.</summary>
    private static void Memory(LibraryDatabaseOptions options, Dictionary<string, object?> figures)
    {
        using var db = LibraryStore.Create(options);
        var snapshots = new LibrarySnapshots();
        var before = Settled();
        var one = snapshots.Get(db, 2025);
        var afterOne = Settled();
        GC.KeepAlive(one);
        Console.WriteLine($"snapshot of 2025: {(afterOne - before) / 1048576.0:N0} MiB ({one.Scenario.Projects.Length:N0} projects, {one.Scenario.Enterprises.Length:N0} enterprises)");
        figures["snapshot_one_year_mib"] = Math.Round((afterOne - before) / 1048576.0);
        var all = ProgrammeYears.All.Select(y => snapshots.Get(db, y)).ToList();
        var afterAll = Settled();
        GC.KeepAlive(all);
        Console.WriteLine($"snapshots of {ProgrammeYears.Text} ({all.Count} years): {(afterAll - before) / 1048576.0:N0} MiB; process working set {Environment.WorkingSet / 1048576.0:N0} MiB");
        figures["snapshot_all_years_mib"] = Math.Round((afterAll - before) / 1048576.0);
        figures["working_set_mib"] = Math.Round(Environment.WorkingSet / 1048576.0);
    }

    private static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Dashboard(LibraryDbContext db, LibraryDatabaseOptions options, Dictionary<string, object?> figures)
    {
        var engine = PolicyEngine.Default;
        var sw = Stopwatch.StartNew();
        ProgrammeCache.Get(db, engine, Today, null, () => LibraryStore.Create(options));
        var cold = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        ProgrammeCache.Get(db, engine, Today, null, () => LibraryStore.Create(options));
        var warm = sw.Elapsed.TotalMilliseconds;
        var after = new List<double>();
        var projectId = db.Investments.AsNoTracking().Where(i => i.Year == 2026).OrderByDescending(i => i.ProjectId).Select(i => i.ProjectId).First();
        for (var i = 0; i < 3; i++)
        {
            var investment = db.Investments.Single(x => x.ProjectId == projectId && x.Year == 2026);
            investment.Equipment += 10_000m;
            db.SaveChanges();
            db.ChangeTracker.Clear();
            sw.Restart();
            ProgrammeCache.Get(db, engine, Today, null, () => LibraryStore.Create(options));
            after.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"dashboard (all areas): cold {cold:N0} ms, unchanged {warm:N0} ms, after one investment changed median {Median(after):N0} ms of {after.Count} [load {LoadAverage()}]");
        figures["dashboard_cold_ms"] = Math.Round(cold);
        figures["dashboard_unchanged_ms"] = Math.Round(warm);
        figures["dashboard_after_change_ms"] = Math.Round(Median(after));
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
