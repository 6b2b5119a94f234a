using System.Diagnostics;
using System.Globalization;

namespace Renewal.Benchmarks;

/// <summary>
/// <c>summary</c>: every figure of issue 13 measured in one run — the engine (<see cref="EngineFigures"/>: A+B+C over 1M
/// projects, the plain loop, RulesEngine on the subset, the 100k loan book), the what-if on the seeded 100k-project
/// SQLite library (<see cref="WhatIfBench"/>: warm, after a change, the full snapshot read) and the dashboard after a
/// change (<see cref="DashboardBench"/>) — and, last, one JSON line of them with the machine's load.
/// </summary>
internal static class SummaryBench
{
    public static async Task<int> Run()
    {
        var total = Stopwatch.StartNew();
        var log = Console.Out;
        log.WriteLine($"summary: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Measurement.LoadAverage()}");
        // The library first (seeding, if the temp file is missing, is not part of any figure), then the engine on a quiet heap.
        var library = WhatIfBench.Library();
        var engine = await EngineFigures.MeasureAsync(log);
        Measurement.Compact();
        var whatIf = WhatIfBench.Measure(library, log);
        Measurement.Compact();
        var dashboard = DashboardBench.Measure(library, log);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"abc_1m_ms\":{engine.AbcMs:0.0},\"plain_loop_1m_ms\":{engine.PlainLoopMs:0.0},\"rulesengine_subset_ratio\":{engine.RulesEngineSubsetRatio:0.0},"
            + $"\"loans_100k_ms\":{engine.LoansMs:0.0},\"whatif_warm_ms\":{whatIf.WhatIfWarmMs:0.0},\"whatif_after_change_ms\":{whatIf.WhatIfAfterChangeMs:0.0},"
            + $"\"snapshot_full_ms\":{whatIf.SnapshotFullMs:0.0},\"dashboard_after_change_ms\":{dashboard.DashboardAfterChangeMs:0.0},"
            + $"\"abc_ns_per_project\":{engine.AbcNsPerProject:0},\"loans_ns_per_loan\":{engine.LoansNsPerLoan:0},\"abc_to_plain_loop\":{engine.AbcToPlainLoop:0.00},"
            + $"\"abc_1m_first_ms\":{engine.AbcFirstMs:0.0},\"plain_loop_1m_first_ms\":{engine.PlainLoopFirstMs:0.0},\"abc_first_to_plain_loop\":{engine.AbcFirstToPlainLoop:0.00},"
            + $"\"plain_loop_1m_facts_ms\":{engine.PlainLoopFactsMs:0.0},\"rulesengine_subset_ratio_first\":{engine.RulesEngineSubsetRatioFirst:0.0},\"rulesengine_to_plain_loop_subset\":{engine.RulesEngineToPlainLoopSubset:0.0},"
            + $"\"snapshot_patch_ms\":{whatIf.PatchMs:0.0},\"elapsed_s\":{total.Elapsed.TotalSeconds:0},\"load\":\"{Measurement.LoadAverage()}\"}}");
        log.WriteLine(json);
        return 0;
    }
}
