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
    public static int Run(string[] args)
    {
        var enterprises = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 22_400;
        var dbIndex = Array.IndexOf(args, "--db");
        var path = dbIndex >= 0 ? args[dbIndex + 1] : Path.Combine(Path.GetTempPath(), $"renewal-whatif-bench-{enterprises}.db");
        var options = new LibraryDatabaseOptions("sqlite", null, path);
        var sw = Stopwatch.StartNew();
        using (var seed = LibraryStore.Open(options))
        {
            if (!seed.Enterprises.Any())
            {
                var summary = LibrarySeeder.Seed(seed, new SeedOptions(enterprises, 2024, new DateOnly(2026, 6, 30)));
                Console.WriteLine($"seeded {summary.Enterprises:N0} enterprises, {summary.Projects:N0} projects, {summary.Loans:N0} loans into {path} in {sw.Elapsed.TotalSeconds:N1} s");
            }
        }

        using var db = LibraryStore.Create(options);
        Console.WriteLine($"library: {db.Enterprises.Count():N0} enterprises, {db.Projects.Count():N0} projects, {db.Investments.Count():N0} yearly investments, {db.Loans.Count():N0} loans, {db.Repayments.Count():N0} repayments");
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
        Console.WriteLine($"cold what-if (B rate 10%): {coldMs:N0} ms, of which snapshot build {snapshot.BuildTime.TotalMilliseconds:N0} ms; "
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
        Console.WriteLine($"warm what-if (cached snapshot, {warm.Count} runs over {changes.Length} changes): median {warm[warm.Count / 2]:N0} ms, max {warm[^1]:N0} ms");

        var compact = Median(5, () => engine.With(changes[0]).EvaluateCompact(snapshot.Scenario));
        Console.WriteLine($"  of which EvaluateCompact alone: median {compact:N0} ms");

        sw.Restart();
        BudgetReport.Build(db, engine, snapshots);
        Console.WriteLine($"budget, first (builds the 2024, 2026 and 2027 snapshots): {sw.Elapsed.TotalMilliseconds:N0} ms");
        var budget = Median(5, () => BudgetReport.Build(db, engine, snapshots));
        Console.WriteLine($"budget, warm: median {budget:N0} ms");
        return 0;
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
