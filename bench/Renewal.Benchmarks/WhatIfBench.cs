using System.Diagnostics;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Services.Budget;
using Renewal.Seed;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Benchmarks;

/// <summary>
/// <c>whatif [enterprises=22400] [--db PATH]</c>: a what-if over a seeded library of ≈ 100,000 projects in SQLite, as
/// the web app runs it (issue 6, target under 2 s warm): cold = snapshot build + baseline + changed evaluation; warm =
/// the cached snapshot (the stamp query, the changed evaluation, the sums). A Stopwatch, median of several runs.
/// </summary>
internal static class WhatIfBench
{
    /// <summary>The figures of one run, ms (medians).</summary>
    public sealed record Figures(double SnapshotFullMs, double WhatIfColdMs, double WhatIfWarmMs, double WhatIfAfterChangeMs, double PatchMs, double BudgetWarmMs);

    /// <summary>The seeded library the what-if and dashboard benchmarks share (seeded on first use, kept in the temp folder).</summary>
    public static LibraryDatabaseOptions Library(int enterprises = 22_400, string? path = null)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"renewal-whatif-bench-{enterprises}.db");
        var options = new LibraryDatabaseOptions("sqlite", null, path);
        var sw = Stopwatch.StartNew();
        using var seed = LibraryStore.Open(options);
        if (!seed.Enterprises.Any())
        {
            var summary = LibrarySeeder.Seed(seed, new SeedOptions(enterprises, 2024, new DateOnly(2026, 6, 30)));
            Console.WriteLine($"seeded {summary.Enterprises:N0} enterprises, {summary.Projects:N0} projects, {summary.Loans:N0} loans into {path} in {sw.Elapsed.TotalSeconds:N1} s");
        }
        return options;
    }

    public static int Run(string[] args)
    {
        var enterprises = args.Skip(1).FirstOrDefault(a => a.Length > 0 && a.All(char.IsAsciiDigit)) is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 22_400;
        var dbIndex = Array.IndexOf(args, "--db");
        Measure(Library(enterprises, dbIndex >= 0 ? args[dbIndex + 1] : null), Console.Out);
        return 0;
    }

    /// <summary>
    /// Cold, warm and after-change what-ifs, the full snapshot read and the budget on <paramref name="options"/>. After a
    /// change: one yearly investment is edited through EF (as the web's project page saves it), then the what-if runs —
    /// the feed read, the patch of that enterprise, the changed evaluation and the sums; median of 9 rounds.
    /// </summary>
    public static Figures Measure(LibraryDatabaseOptions options, TextWriter log)
    {
        var sw = Stopwatch.StartNew();

        using var db = LibraryStore.Create(options);
        log.WriteLine($"library: {db.Enterprises.Count():N0} enterprises, {db.Projects.Count():N0} projects, {db.Investments.Count():N0} yearly investments, {db.Loans.Count():N0} loans, {db.Repayments.Count():N0} repayments");
        var engine = PolicyEngine.Default;
        List<KeyValuePair<string, string>>[] changes =
        [
            [new("effective_investment.rate", "0.10")],
            [new("loan.kunshan.rate", "0.015")],
            [new("tech_renovation.base_rate", "0.08")],
            [new("effective_investment.rate", "0.10"), new("loan.kunshan.rate", "0.015")],
            [new("demonstration.rate", "0.12")],
        ];

        var snapshots = new LibrarySnapshots();
        sw.Restart();
        var cold = WhatIf.Run(snapshots, db, engine, 2025, changes[0]);
        var coldMs = sw.Elapsed.TotalMilliseconds;
        var snapshot = snapshots.Get(db, 2025);
        log.WriteLine($"cold what-if (B rate 10%): {coldMs:N0} ms, of which snapshot build {snapshot.BuildTime.TotalMilliseconds:N0} ms; "
            + $"{cold.Projects:N0} projects, change {cold.Total.Change:N2} yuan, {cold.AffectedEnterprises:N0} enterprises affected");

        var warm = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var c in changes)
            {
                sw.Restart();
                var r = WhatIf.Run(snapshots, db, engine, 2025, c);
                warm.Add(sw.Elapsed.TotalMilliseconds);
                if (!r.SnapshotReused) throw new InvalidOperationException("the snapshot was rebuilt on an unchanged library");
            }
        }
        warm.Sort();
        log.WriteLine($"warm what-if (cached snapshot, {warm.Count} runs over {changes.Length} changes): median {warm[warm.Count / 2]:N0} ms, max {warm[^1]:N0} ms");

        var compact = Median(5, () => engine.With(changes[0]).EvaluateCompact(snapshot.Scenario));
        log.WriteLine($"  of which EvaluateCompact alone: median {compact:N0} ms");

        // A second, fresh cache for the full read alone (the cold what-if above includes the baseline and the changed run).
        var full = Median(3, () => new LibrarySnapshots().Get(db, 2025));
        log.WriteLine($"snapshot, full read of the 2025 library: median {full:N0} ms");

        // After a change: one investment of a different enterprise each round, saved through EF on another context.
        var targets = db.Investments.Where(i => i.Year == 2025).OrderBy(i => i.ProjectId).Select(i => i.ProjectId).Take(2_000).ToList();
        var after = new List<double>();
        var patch = new List<double>();
        // Three rounds first, not counted: the patch path's code and queries are compiled on first use, as the warm
        // what-ifs above were warmed by the cold one.
        for (var round = -3; round < 9; round++)
        {
            using (var edit = LibraryStore.Create(options))
            {
                var projectId = targets[(round + 3) * 150];
                var investment = edit.Investments.Single(i => i.ProjectId == projectId && i.Year == 2025);
                investment.Equipment += 1_000_000m;
                edit.SaveChanges();
            }
            sw.Restart();
            var r = WhatIf.Run(snapshots, db, engine, 2025, changes[(round + 3) % changes.Length]);
            var elapsed = sw.Elapsed.TotalMilliseconds;
            var s = snapshots.Get(db, 2025);
            if (r.SnapshotReused || s.PatchedEnterprises != 1) throw new InvalidOperationException("the change was not patched in");
            if (round < 0) continue;
            after.Add(elapsed);
            patch.Add(s.BuildTime.TotalMilliseconds);
        }
        after.Sort();
        patch.Sort();
        log.WriteLine($"what-if after one investment changed (feed read + patch of 1 enterprise + evaluation, {after.Count} rounds): median {after[after.Count / 2]:N0} ms, max {after[^1]:N0} ms; of which the patch median {patch[patch.Count / 2]:N1} ms; builds {snapshots.Builds}, patches {snapshots.Patches}");

        sw.Restart();
        BudgetReport.Build(db, engine, snapshots);
        log.WriteLine($"budget, first (builds the 2024, 2026 and 2027 snapshots): {sw.Elapsed.TotalMilliseconds:N0} ms");
        var budget = Median(5, () => BudgetReport.Build(db, engine, snapshots));
        log.WriteLine($"budget, warm: median {budget:N0} ms");
        return new Figures(full, coldMs, warm[warm.Count / 2], after[after.Count / 2], patch[patch.Count / 2], budget);
    }

    private static double Median(int runs, Func<object> action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(action());
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[runs / 2];
    }
}
