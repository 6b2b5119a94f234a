using System.Diagnostics;
using System.Globalization;

using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Benchmarks;

/// <summary>The engine's figures of issue 13 (items 3 and 5), all measured in one call.</summary>
/// <param name="AbcMs">A+B+C over the 1M-project library, median, the scenario evaluated before (its per-scenario index and facts table cached): the what-if case.</param>
/// <param name="PlainLoopMs">The plain decimal loop (<see cref="PlainLoop"/>) over the same library's objects, median, same run: the limit for a first evaluation.</param>
/// <param name="RulesEngineSubsetRatio">RulesEngine per project ÷ ours per project, on the same subset, both with their per-project facts made before (rule evaluation against rule evaluation).</param>
/// <param name="LoansMs">D (and A/B/C of its projects) over the 100k-loan book, median.</param>
/// <param name="AbcNsPerProject"><see cref="AbcMs"/> per project.</param>
/// <param name="LoansNsPerLoan"><see cref="LoansMs"/> per loan.</param>
/// <param name="AbcFirstMs">A+B+C over a scenario instance never evaluated before (index and facts table built in the run), median.</param>
/// <param name="PlainLoopFirstMs">The plain loop with its project → enterprise positions resolved in the run, median.</param>
/// <param name="PlainLoopFactsMs">The plain loop over per-project arrays made before (<see cref="PlainLoop.RunFacts"/>): the limit for a repeated evaluation.</param>
/// <param name="RulesEngineSubsetRatioFirst">RulesEngine per project ÷ ours per project with both making the facts in the run (ours: a new scenario instance).</param>
/// <param name="FactsMbPerMillion">What the facts table of a scenario instance holds per million projects (array contents), MB.</param>
/// <param name="IndexMbPerMillion">What a scenario instance's whole cache (positions, masks, facts) keeps alive per million projects, measured, MB.</param>
/// <param name="RulesEngineToPlainLoopSubset">RulesEngine per project ÷ the plain loop over arrays made before, on the same subset, same run: the highest ratio any engine of these rules could show against this RulesEngine harness.</param>
public sealed record EngineSummary(
    double AbcMs, double PlainLoopMs, double RulesEngineSubsetRatio, double LoansMs, double AbcNsPerProject, double LoansNsPerLoan,
    double AbcFirstMs, double PlainLoopFirstMs, double PlainLoopFactsMs, double RulesEngineSubsetRatioFirst, double FactsMbPerMillion, double IndexMbPerMillion,
    double RulesEngineToPlainLoopSubset)
{
    /// <summary>abc_1m_ms ÷ plain_loop_1m_ms (target ≤ 2).</summary>
    public double AbcToPlainLoop => AbcMs / PlainLoopMs;

    /// <summary>A first evaluation (facts made in the run) ÷ the plain loop over the objects with its positions resolved in the run: like for like.</summary>
    public double AbcFirstToPlainLoop => AbcFirstMs / PlainLoopFirstMs;

    /// <summary>A repeated evaluation ÷ the plain loop over arrays made before.</summary>
    public double AbcToPlainLoopFacts => AbcMs / PlainLoopFactsMs;

    /// <summary>One JSON line with the keys of issue 13.</summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"abc_1m_ms\":{AbcMs:0.0},\"plain_loop_1m_ms\":{PlainLoopMs:0.0},\"rulesengine_subset_ratio\":{RulesEngineSubsetRatio:0.0},\"loans_100k_ms\":{LoansMs:0.0},"
        + $"\"abc_ns_per_project\":{AbcNsPerProject:0},\"loans_ns_per_loan\":{LoansNsPerLoan:0},\"abc_1m_first_ms\":{AbcFirstMs:0.0},\"plain_loop_1m_first_ms\":{PlainLoopFirstMs:0.0},"
        + $"\"abc_to_plain_loop\":{AbcToPlainLoop:0.00},\"abc_first_to_plain_loop\":{AbcFirstToPlainLoop:0.00},\"plain_loop_1m_facts_ms\":{PlainLoopFactsMs:0.0},"
        + $"\"abc_to_plain_loop_facts\":{AbcToPlainLoopFacts:0.00},\"rulesengine_subset_ratio_first\":{RulesEngineSubsetRatioFirst:0.0},"
        + $"\"facts_cache_mb_per_1m_projects\":{FactsMbPerMillion:0.0},\"scenario_cache_mb_per_1m_projects\":{IndexMbPerMillion:0.0},\"rulesengine_to_plain_loop_subset\":{RulesEngineToPlainLoopSubset:0.0}}}");
}

/// <summary>
/// The engine's figures: RulesEngine and ours on the subset (facts made before, and in the run), the plain loops and
/// ours on the 1M library (interleaved, so that the load of a shared machine falls on all), the loan book. About 60–90 s.
/// </summary>
internal static class EngineFigures
{
    public const int Runs = 7;

    /// <summary>How many times one timed run of ours evaluates the subset.</summary>
    public const int SubsetRepeats = 8;

    private static decimal Repeat(int times, Func<decimal> run)
    {
        var total = 0m;
        for (var i = 0; i < times; i++) total += run();
        return total;
    }

    public static async Task<EngineSummary> MeasureAsync(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var started = Stopwatch.StartNew();
        log.WriteLine($"{Environment.ProcessorCount} logical cores available to this process; .NET {Environment.Version}; server GC {System.Runtime.GCSettings.IsServerGC}, GC latency mode {System.Runtime.GCSettings.LatencyMode}; load {Measurement.LoadAverage()}");
        var re = new RulesEngineAbc();
        await Measurement.TierUp(re);

        // One data set alive at a time, as in BenchmarkDotNet's process per case: the subset is cut from a library
        // that is then dropped and compacted away, so its projects sit together in memory.
        var subset = SyntheticLibrary.Subset(SyntheticLibrary.Library(), PolicyBenchmarks.SubsetEveryNth);
        Measurement.Compact();
        var n = subset.Projects.Length;
        // Both engines with their per-project facts made before (ours: the instance's cached table; RulesEngine: its
        // inputs made once), then both making them in the run (ours: a new instance; RulesEngine: Prepare inside).
        var rePrepared = RulesEngineAbc.Prepare(subset);
        var subsetFacts = PlainLoop.PrepareFacts(subset);
        // Ours runs the subset SubsetRepeats times per timed run, so that its runs last about as long as RulesEngine's:
        // on a busy machine a 5 ms run is either untouched or loses a whole scheduler slice, and its median is noise.
        var k = SubsetRepeats;
        var subsetTimings = await Measurement.Interleaved(log, Runs,
            new($"    Ours_ABC_Subset ×{k}", n * k, "project", () => Task.FromResult(Repeat(k, () => PolicyEngine.Default.EvaluateCompact(subset).Total.Yuan))),
            new("(b) RulesEngine_ABC (subset)", n, "project", async () => (await re.EvaluateAsync(rePrepared)).Total),
            new($"    Ours_ABC_Subset, first ×{k}", n * k, "project", () => Task.FromResult(Repeat(k, () => PolicyEngine.Default.EvaluateCompact(subset with { }).Total.Yuan))),
            new("    RulesEngine_ABC, facts in run", n, "project", async () => (await re.EvaluateAsync(subset)).Total),
            // The limit on the same subset: how far above RulesEngine any evaluation of these rules can get.
            new($"    PlainLoop_ABC_Subset, arrays ×{k}", n * k, "project", () => Task.FromResult(Repeat(k, () => PlainLoop.RunFacts(subsetFacts).Total))));
        subset = null;
        rePrepared = null;
        subsetFacts = null;
        Measurement.Compact();

        var library = SyntheticLibrary.Library();
        var prepared = PlainLoop.Prepare(library);
        var preparedFacts = PlainLoop.PrepareFacts(library);
        var m = library.Projects.Length;
        var (factsMb, indexMb) = CacheSize(library);
        log.WriteLine($"per-scenario cache of the 1M library: facts table {factsMb:N1} MB ({ProjectFactsTable.BytesFor(1) } bytes a project), whole cache (positions, masks, facts) {indexMb:N1} MB kept alive");
        // What the facts table adds to a first evaluation, at most: made on its own, in a pass of its own over the objects
        // (inside the index's pass the Project objects are already being read).
        var factsAlone = new double[5];
        for (var r = 0; r < factsAlone.Length; r++)
        {
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(ProjectFactsTable.Of(library.Projects, library.Year));
            factsAlone[r] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(factsAlone);
        log.WriteLine($"facts table of the 1M library made alone, in its own pass: median {factsAlone[2]:N0} ms (min {factsAlone[0]:N0}) of 5; load {Measurement.LoadAverage()}");
        // A+B (after I-5) + C: the plain loop's total, to compare with the engine's.
        var libraryTimings = await Measurement.Interleaved(log, Runs,
            new("    PlainLoop_ABC_1M", m, "project", () => Task.FromResult(PlainLoop.Run(prepared).Total)),
            new("    PlainLoop_ABC_1M, arrays", m, "project", () => Task.FromResult(PlainLoop.RunFacts(preparedFacts).Total)),
            new("(a) Ours_ABC_1M", m, "project", () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(library).Total.Yuan)),
            new("    PlainLoop_ABC_1M, first", m, "project", () => Task.FromResult(PlainLoop.Run(PlainLoop.Prepare(library with { })).Total)),
            new("    Ours_ABC_1M, first", m, "project", () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(library with { }).Total.Yuan)));
        library = null;
        prepared = null;
        preparedFacts = null;
        Measurement.Compact();

        var book = SyntheticLibrary.LoanBook();
        var loans = (await Measurement.Interleaved(log, Runs,
            new Measurement.Case("(c) Ours_Loans_100k", book.Loans.Length, "loan", () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(book).Total.Yuan))))[0];

        var scale = 1_000_000.0 / m;
        var summary = new EngineSummary(
            AbcMs: libraryTimings[2].MedianMs,
            PlainLoopMs: libraryTimings[0].MedianMs,
            RulesEngineSubsetRatio: subsetTimings[1].PerItemNs / subsetTimings[0].PerItemNs,
            LoansMs: loans.MedianMs,
            AbcNsPerProject: libraryTimings[2].PerItemNs,
            LoansNsPerLoan: loans.PerItemNs,
            AbcFirstMs: libraryTimings[4].MedianMs,
            PlainLoopFirstMs: libraryTimings[3].MedianMs,
            PlainLoopFactsMs: libraryTimings[1].MedianMs,
            RulesEngineSubsetRatioFirst: subsetTimings[3].PerItemNs / subsetTimings[2].PerItemNs,
            FactsMbPerMillion: factsMb * scale,
            IndexMbPerMillion: indexMb * scale,
            RulesEngineToPlainLoopSubset: subsetTimings[1].PerItemNs / subsetTimings[4].PerItemNs);
        log.WriteLine();
        log.WriteLine($"RulesEngine per project / ours per project (same subset, facts made before): {summary.RulesEngineSubsetRatio:N1}× (target ≥ 20); facts made in the run: {summary.RulesEngineSubsetRatioFirst:N1}×; RulesEngine / the plain loop over arrays on the same subset: {summary.RulesEngineToPlainLoopSubset:N1}×");
        log.WriteLine($"ours / plain loop on the 1M library: {summary.AbcToPlainLoop:N2} (target ≤ 2); first evaluation / plain loop: {summary.AbcFirstToPlainLoop:N2}; first / first: {summary.AbcFirstMs / summary.PlainLoopFirstMs:N2}; repeated / plain loop over arrays: {summary.AbcToPlainLoopFacts:N2}");
        log.WriteLine($"(a) {summary.AbcMs:N0} ms for 1M projects ({summary.AbcNsPerProject:N0} ns/project); (c) {summary.LoansMs:N0} ms for {book.Loans.Length:N0} loans ({summary.LoansNsPerLoan:N0} ns/loan)");
        log.WriteLine($"engine figures measured in {started.Elapsed.TotalSeconds:N0} s; load {Measurement.LoadAverage()}");
        return summary;
    }

    /// <summary>
    /// The facts table's contents (exact, from its arrays) and what a new instance's whole cache keeps alive (the heap
    /// after a full collection, with and without it), in MB.
    /// </summary>
    private static (double FactsMb, double IndexMb) CacheSize(Scenario library)
    {
        var fresh = library with { };
        Measurement.Compact();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = EnterpriseIndex.For(fresh);
        Measurement.Compact();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var facts = index.Facts;
        var factsBytes = (long)facts.Equipment.Length * sizeof(decimal) + facts.Digital.Length * sizeof(decimal) + facts.CumulativeDigital.Length * sizeof(decimal) + facts.Traits.Length;
        GC.KeepAlive(fresh);
        return (factsBytes / 1048576.0, (after - before) / 1048576.0);
    }
}

/// <summary>Stopwatch timing shared by <c>quick</c>, <c>revisions</c> and <see cref="EngineFigures"/>.</summary>
internal static class Measurement
{
    /// <summary>One timed case: a name, how many items it evaluates, and a run that returns a checksum (the same on every run).</summary>
    public sealed record Case(string Name, int Items, string Unit, Func<Task<decimal>> Run);

    public sealed record Timing(double MedianMs, double PerItemNs, long AllocatedBytes);

    /// <summary>The 1-, 5- and 15-minute load averages, or "?" where /proc/loadavg is absent.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static void Compact()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>
    /// Runs every code path on tiny scenarios until the JIT has promoted it to fully optimised (tier-1) code, as
    /// BenchmarkDotNet's many invocations do: <c>PolicyEngine.Run</c> and the loan loop are called once per
    /// evaluation, so five timed runs alone would measure them in their on-stack-replacement form.
    /// </summary>
    public static async Task TierUp(RulesEngineAbc? re)
    {
        var tiny = SyntheticLibrary.Library(enterprises: 200, projects: 1_000, seed: 1);
        var tinyBook = SyntheticLibrary.LoanBook(loans: 1_000, enterprises: 200, projects: 500, seed: 2);
        var prepared = PlainLoop.Prepare(tiny);
        var tinyFacts = PlainLoop.PrepareFacts(tiny);
        var tinyPrepared = RulesEngineAbc.Prepare(tiny);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                _ = PolicyEngine.Default.EvaluateCompact(tiny).Total;
                _ = PolicyEngine.Default.EvaluateCompact(tiny with { }).Total;
                _ = PolicyEngine.Default.EvaluateCompact(tinyBook).Total;
                _ = PlainLoop.Run(prepared).Total;
                _ = PlainLoop.Run(PlainLoop.Prepare(tiny)).Total;
                _ = PlainLoop.RunFacts(tinyFacts).Total;
                if (re is not null) _ = (await re.EvaluateAsync(tiny)).Total + (await re.EvaluateAsync(tinyPrepared)).Total;
            }
            Thread.Sleep(300); // the tier-1 compiles happen on a background thread
        }
    }

    public static async Task<Timing> Measure(TextWriter log, string name, int items, string unit, int runs, Func<Task<decimal>> run) =>
        (await Interleaved(log, runs, new Case(name, items, unit, run)))[0];

    /// <summary>
    /// One warm-up run of each case, then <paramref name="runs"/> rounds in which every case runs once, in turn, so
    /// that a busy spell of a shared machine falls on all of them; per case the median (wall and CPU), allocations
    /// per run and GCs. Throws when a run's checksum differs from its warm-up's.
    /// </summary>
    public static async Task<Timing[]> Interleaved(TextWriter log, int runs, params Case[] cases)
    {
        var totals = new decimal[cases.Length];
        var warm = new double[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            var sw = Stopwatch.StartNew();
            totals[c] = await cases[c].Run();
            warm[c] = sw.Elapsed.TotalMilliseconds;
        }
        var ms = new double[cases.Length][];
        var cpu = new double[cases.Length][];
        var allocated = new long[cases.Length];
        var gen0 = new int[cases.Length];
        var gen2 = new int[cases.Length];
        var pause = new TimeSpan[cases.Length];
        for (var c = 0; c < cases.Length; c++) (ms[c], cpu[c]) = (new double[runs], new double[runs]);
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var g0 = GC.CollectionCount(0);
                var g2 = GC.CollectionCount(2);
                var p = GC.GetTotalPauseDuration();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                var t = await cases[c].Run();
                sw.Stop();
                process.Refresh();
                cpu[c][i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                allocated[c] = GC.GetTotalAllocatedBytes(precise: true) - before;
                ms[c][i] = sw.Elapsed.TotalMilliseconds;
                gen0[c] += GC.CollectionCount(0) - g0;
                gen2[c] += GC.CollectionCount(2) - g2;
                pause[c] += GC.GetTotalPauseDuration() - p;
                if (t != totals[c]) throw new InvalidOperationException($"{cases[c].Name}: run {i} gave {t}, warm-up {totals[c]}");
            }
        }
        var timings = new Timing[cases.Length];
        for (var c = 0; c < cases.Length; c++)
        {
            Array.Sort(ms[c]);
            Array.Sort(cpu[c]);
            var median = ms[c][runs / 2];
            timings[c] = new Timing(median, median * 1e6 / cases[c].Items, allocated[c]);
            log.WriteLine($"{cases[c].Name,-30} median {median,9:N1} ms  (min {ms[c][0]:N1}, max {ms[c][^1]:N1}, warm-up {warm[c]:N0}; CPU median {cpu[c][runs / 2]:N0} ms)"
                + $"  {timings[c].PerItemNs,8:N0} ns/{cases[c].Unit}  alloc {allocated[c] / 1048576.0,8:N1} MB/run  GCs gen0 {gen0[c]} gen2 {gen2[c]} (pause {pause[c].TotalMilliseconds / runs:N0} ms/run)  total {Format(totals[c])}");
        }
        return timings;
    }

    public static string Format(decimal yuan) => yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
