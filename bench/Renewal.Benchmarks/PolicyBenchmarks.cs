using System.Globalization;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Benchmarks;

/// <summary>
/// The engine on a whole synthetic library (A+B+C), the same schemes in Microsoft RulesEngine on a subset of that
/// library, and the engine on a loan book (D, all four levels, caps).
/// </summary>
/// <remarks>
/// RulesEngine takes tens of microseconds per rule evaluation, so it runs on the subset
/// (<see cref="SubsetEveryNth"/>: every 50th enterprise with all its projects, ≈ 20,000 projects / 4,000
/// enterprises); compare the "Per item" column (mean ÷ projects, or ÷ loans), and <c>Ours_ABC_Subset</c> for the
/// engine on exactly the same subset. Each case runs in its own process and builds only the data it needs.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 7)]
[Config(typeof(PerItemConfig))]
public class PolicyBenchmarks
{
    /// <summary>The RulesEngine subset: every 50th enterprise of the library, with all its projects.</summary>
    public const int SubsetEveryNth = 50;

    private Scenario _library = null!;
    private Scenario _subset = null!;
    private Scenario _loans = null!;
    private RulesEngineAbc _rulesEngine = null!;

    private PlainLoop.Prepared _plain = null!;

    [GlobalSetup(Target = nameof(Ours_ABC_1M))]
    public void SetupLibrary()
    {
        _library = SyntheticLibrary.Library();
    }

    [GlobalSetup(Target = nameof(PlainLoop_ABC_1M))]
    public void SetupPlainLoop()
    {
        _plain = PlainLoop.Prepare(SyntheticLibrary.Library());
    }

    [GlobalSetup(Targets = [nameof(Ours_ABC_Subset), nameof(RulesEngine_ABC)])]
    public void SetupSubset()
    {
        _subset = SyntheticLibrary.Subset(SyntheticLibrary.Library(), SubsetEveryNth);
        _rulesEngine = new RulesEngineAbc();
    }

    [GlobalSetup(Target = nameof(Ours_Loans_100k))]
    public void SetupLoans()
    {
        _loans = SyntheticLibrary.LoanBook();
    }

    /// <summary>(a) A+B+C with enterprise aggregation and I-5 on 1,000,000 projects / 200,000 enterprises.</summary>
    [Benchmark(Baseline = true)]
    public decimal Ours_ABC_1M() => PolicyEngine.Default.EvaluateCompact(_library).Total.Yuan;

    /// <summary>The limit: B and C (and A where it decides I-5) as one plain decimal loop over the same library (<see cref="PlainLoop"/>).</summary>
    [Benchmark]
    public decimal PlainLoop_ABC_1M() => PlainLoop.Run(_plain).Total;

    /// <summary>The engine on the RulesEngine subset: the same-size comparison.</summary>
    [Benchmark]
    public decimal Ours_ABC_Subset() => PolicyEngine.Default.EvaluateCompact(_subset).Total.Yuan;

    /// <summary>(b) A+B+C as RulesEngine workflows on the subset (facts and enterprise sums made in C# inside).</summary>
    [Benchmark]
    public async Task<decimal> RulesEngine_ABC() => (await _rulesEngine.EvaluateAsync(_subset)).Total;

    /// <summary>(c) D on 100,000 loans with up to 36 repayments each: all four levels, D-3 fill, D-6/D-7 caps, D-8 sharing.</summary>
    [Benchmark]
    public decimal Ours_Loans_100k() => PolicyEngine.Default.EvaluateCompact(_loans).Total.Yuan;
}

/// <summary>Adds the "Per item" column: mean time divided by the number of projects (or loans) the case evaluates.</summary>
public sealed class PerItemConfig : ManualConfig
{
    public PerItemConfig()
    {
        AddColumn(new PerItemColumn());
        // Keep the reports beside the build output (ignored by git) rather than in the caller's directory.
        ArtifactsPath = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}

/// <summary>Mean ÷ items. Each case runs in its own process, so the host recomputes the counts (the generator is deterministic).</summary>
public sealed class PerItemColumn : IColumn
{
    private static readonly Lazy<Dictionary<string, (int Count, string Unit)>> Counts = new(() =>
    {
        var library = SyntheticLibrary.Library();
        var subset = SyntheticLibrary.Subset(library, PolicyBenchmarks.SubsetEveryNth).Projects.Length;
        return new(StringComparer.Ordinal)
        {
            [nameof(PolicyBenchmarks.Ours_ABC_1M)] = (library.Projects.Length, "project"),
            [nameof(PolicyBenchmarks.PlainLoop_ABC_1M)] = (library.Projects.Length, "project"),
            [nameof(PolicyBenchmarks.Ours_ABC_Subset)] = (subset, "project"),
            [nameof(PolicyBenchmarks.RulesEngine_ABC)] = (subset, "project"),
            [nameof(PolicyBenchmarks.Ours_Loans_100k)] = (SyntheticLibrary.DefaultLoans, "loan"),
        };
    });

    public string Id => nameof(PerItemColumn);
    public string ColumnName => "Per item";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Mean divided by the projects (or loans) evaluated by the case";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is null) return "NA";
        if (!Counts.Value.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var item)) return "?";
        return string.Create(CultureInfo.InvariantCulture, $"{mean.Value / item.Count:N0} ns/{item.Unit} (n={item.Count:N0})");
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
