using System.Collections.Frozen;
using System.Collections.Immutable;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// The typed parameters of one scheme, resolved for one date. <see cref="InForce"/> is false when a value the
/// scheme needs has no value in force on that date (the scheme is then reported as not in force, not crashed).
/// </summary>
public abstract class SchemeParameters
{
    private readonly List<string> _missing = [];
    private readonly List<string> _assumed = [];
    private Dictionary<string, string>? _revisions;

    /// <summary>"（修订编号）" when the value of <paramref name="name"/> came from a revision (for trace text), else "".</summary>
    public string By(string name) => _revisions is not null && _revisions.TryGetValue(name, out var r) ? $"（{r}）" : "";

    private void Note(string name, DatedValue v)
    {
        if (v.Source.IsAssumed) _assumed.Add(name);
        if (v.Revision is not null) (_revisions ??= new(StringComparer.Ordinal))[name] = v.Revision;
    }

    /// <summary>True when every parameter the scheme needs has a value in force.</summary>
    public bool InForce => _missing.Count == 0;

    /// <summary>Parameters without a value in force.</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <summary>Parameters used by the scheme whose value is ASSUMED (flagged on every amount).</summary>
    public IReadOnlyList<string> AssumedParameters => _assumed;

    /// <summary>True when the scheme's amounts rest on an ASSUMED value.</summary>
    public bool Assumed => _assumed.Count > 0;

    private protected T Get<T>(ResolvedParameters p, string name, T fallback)
    {
        var v = p.Find(name);
        if (v is null) { _missing.Add(name); return fallback; }
        Note(name, v);
        return (T)v.Value;
    }

    private protected T GetOptional<T>(ResolvedParameters p, string name, T fallback)
    {
        var v = p.Find(name);
        if (v is null) return fallback;
        Note(name, v);
        return (T)v.Value;
    }

    private protected Money GetMoney(ResolvedParameters p, string name) => new(Get(p, name, 0m));
    private protected Rate GetRate(ResolvedParameters p, string name) => new(Get(p, name, 0m));

    private protected FrozenSet<string> GetSet(ResolvedParameters p, string name) =>
        Get(p, name, ImmutableArray<string>.Empty).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Chinese text for a trace when the scheme is not in force.</summary>
    public string NotInForceText(DateOnly date) =>
        $"{date:yyyy-MM-dd} 无有效参数值（{string.Join("、", _missing)}），该政策当年不在执行期";
}

/// <summary>Enterprise classification shared by B-1 and C-1.</summary>
public sealed class EnterpriseParameters : SchemeParameters
{
    public EnterpriseParameters(ResolvedParameters p)
    {
        var sections = Get(p, "enterprise.industrial_sections", ImmutableArray<string>.Empty);
        IndustrialSections = [.. sections.Where(s => s.Length == 1).Select(s => s[0])];
    }

    /// <summary>GB/T 4754 sections that count as industrial (B, C, D).</summary>
    public ImmutableArray<char> IndustrialSections { get; }

    /// <summary>B-1 / C-1.</summary>
    public bool IsIndustrial(IndustryCode code) => IndustrialSections.Contains(code.Section);
}

/// <summary>Scheme A parameters (Annex §1).</summary>
public sealed class DemonstrationParameters : SchemeParameters
{
    public DemonstrationParameters(ResolvedParameters p)
    {
        Scopes = GetSet(p, "demonstration.scopes");
        MinDigitalInvestment = GetMoney(p, "demonstration.min_digital_investment");
        RequireCompletion = Get(p, "demonstration.require_completion", true);
        Rate = GetRate(p, "demonstration.rate");
        CapPerProject = GetMoney(p, "demonstration.cap_per_project");
    }

    public FrozenSet<string> Scopes { get; }
    public Money MinDigitalInvestment { get; }
    public bool RequireCompletion { get; }
    public Rate Rate { get; }
    public Money CapPerProject { get; }
}

/// <summary>Scheme B parameters (Annex §2).</summary>
public sealed class EffectiveInvestmentParameters : SchemeParameters
{
    public EffectiveInvestmentParameters(ResolvedParameters p)
    {
        Clusters = GetSet(p, "effective_investment.clusters");
        MinAnnualEquipment = GetMoney(p, "effective_investment.min_annual_equipment");
        Rate = GetRate(p, "effective_investment.rate");
        CapPerProject = GetMoney(p, "effective_investment.cap_per_project");
        ExclusiveWithDemonstration = Get(p, "stacking.exclusive_project_awards", true);
    }

    public FrozenSet<string> Clusters { get; }
    public Money MinAnnualEquipment { get; }
    public Rate Rate { get; }
    public Money CapPerProject { get; }
    /// <summary>I-5: a project gets at most one of A and B in a year.</summary>
    public bool ExclusiveWithDemonstration { get; }
}

/// <summary>Scheme C parameters (Annex §3).</summary>
public sealed class TechRenovationParameters : SchemeParameters
{
    public TechRenovationParameters(ResolvedParameters p)
    {
        var kinds = Get(p, "tech_renovation.project_kinds", ImmutableArray<string>.Empty);
        foreach (var k in kinds)
        {
            if (Codes.TryParse(k, out ProjectKind kind)) _kindMask |= 1 << (int)kind;
        }
        ProjectKinds = kinds;
        MinAnnualInvestment = GetMoney(p, "tech_renovation.min_annual_investment");
        BaseRate = GetRate(p, "tech_renovation.base_rate");
        BaseRateAssumed = p.Find("tech_renovation.base_rate")?.Source.IsAssumed == true;
        BaseRateRevision = p.Find("tech_renovation.base_rate")?.Revision;
        DigitalThreshold = GetMoney(p, "tech_renovation.digital_threshold");
        DigitalMultiplier = Get(p, "tech_renovation.digital_multiplier", 1m);
        CapPerEnterpriseYear = GetMoney(p, "tech_renovation.cap_per_enterprise_year");
    }

    private readonly int _kindMask;

    public ImmutableArray<string> ProjectKinds { get; }
    /// <summary>C-2 (I-6): does a project of this kind count as tech-renovation investment?</summary>
    public bool Counts(ProjectKind kind) => (_kindMask & (1 << (int)kind)) != 0;
    /// <summary>The kinds that count (C-2), one bit per <see cref="ProjectKind"/>: the engine's fast path tests cached kinds against it.</summary>
    internal int KindMask => _kindMask;
    public Money MinAnnualInvestment { get; }
    public Rate BaseRate { get; }
    public bool BaseRateAssumed { get; }
    /// <summary>The revision that set the base rate (C-3), or null (the pack).</summary>
    public string? BaseRateRevision { get; }
    public Money DigitalThreshold { get; }
    public decimal DigitalMultiplier { get; }
    public Money CapPerEnterpriseYear { get; }
}

/// <summary>
/// The parameters of the three investment schemes resolved for an award year: the values in force on
/// 31 December of that year (POLICY.md "Parameters").
/// </summary>
public sealed class InvestmentParameters
{
    public InvestmentParameters(ParameterStore store, int year)
    {
        ArgumentNullException.ThrowIfNull(store);
        Date = new DateOnly(year, 12, 31);
        var p = store.ResolveAt(Date);
        Enterprise = new EnterpriseParameters(p);
        Demonstration = new DemonstrationParameters(p);
        EffectiveInvestment = new EffectiveInvestmentParameters(p);
        TechRenovation = new TechRenovationParameters(p);
    }

    public DateOnly Date { get; }
    public EnterpriseParameters Enterprise { get; }
    public DemonstrationParameters Demonstration { get; }
    public EffectiveInvestmentParameters EffectiveInvestment { get; }
    public TechRenovationParameters TechRenovation { get; }
}
