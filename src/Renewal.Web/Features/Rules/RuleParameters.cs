using System.Collections.Immutable;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>One parameter as 政策参数 shows it: its definition with the revisions applied, the value in force on the day read, and its V-2 layers.</summary>
public sealed record RuleParameter(ParameterDefinition Definition, DatedValue? InForce, ImmutableArray<ParameterLayer> Layers)
{
    public string Name => Definition.Name;

    /// <summary>The value in force is one the seed does not state (source ASSUMED): the page tags it 暂定值.</summary>
    public bool Assumed => InForce?.Source.IsAssumed == true;

    /// <summary>True when <paramref name="value"/> of <paramref name="layer"/> is the one in force on the day read.</summary>
    public bool IsInForce(ParameterLayer layer, DatedValue value) =>
        InForce is { } f && layer.Revision == f.Revision && value.From <= f.From && (value.Until ?? DateOnly.MaxValue) >= (f.Until ?? DateOnly.MaxValue)
        && ReferenceEquals(value.Value, f.Value);
}

/// <summary>The parameters of one scheme (A, B, C, D) or of several (others).</summary>
public sealed record RuleGroup(string Key, IReadOnlyList<RuleParameter> Parameters)
{
    /// <summary>“A 重大示范项目奖励”, …, “其他（多项政策共用）”.</summary>
    public string Title => Key switch
    {
        "A" => "A " + Vocabulary.Of(Scheme.Demonstration).In(Lang.IsEnglish),
        "B" => "B " + Vocabulary.Of(Scheme.EffectiveInvestment).In(Lang.IsEnglish),
        "C" => "C " + Vocabulary.Of(Scheme.TechRenovation).In(Lang.IsEnglish),
        "D" => "D " + Vocabulary.Of(Scheme.LoanInterest).In(Lang.IsEnglish),
        _ => Lang.T("其他（多项政策共用）", "Other (shared by several schemes)"),
    };
}

/// <summary>
/// The parameters in force as the bureau reads them (issue 11 item 3): grouped by scheme, each with its value on one day
/// and its layers (POLICY.md V-2: the pack of 2024-05-14, then each published revision that gives it values).
/// </summary>
public static class RuleParameters
{
    /// <summary>The group keys in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Keys = ["A", "B", "C", "D", "other"];

    /// <summary>The scheme group of a parameter by its dotted name.</summary>
    public static string GroupOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Split('.')[0] switch
        {
            "demonstration" => "A",
            "effective_investment" => "B",
            "tech_renovation" => "C",
            "loan" => "D",
            _ => "other",
        };
    }

    /// <summary>Every parameter of <paramref name="store"/> with its value in force on <paramref name="day"/>, by group.</summary>
    public static IReadOnlyList<RuleGroup> Of(ParameterStore store, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(store);
        var all = store.Definitions.Select(d => new RuleParameter(d, d.At(day), store.LayersOf(d.Name)));
        return [.. all.GroupBy(p => GroupOf(p.Name))
            .OrderBy(g => IndexOf(g.Key))
            .Select(g => new RuleGroup(g.Key, [.. g.OrderBy(p => Order(p.Name)).ThenBy(p => p.Name, StringComparer.Ordinal)]))];
    }

    private static int IndexOf(string key)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (Keys[i] == key) return i;
        }
        return Keys.Count;
    }

    /// <summary>Loan parameters: those of the scheme first, then each level's in the order of D-1 (central, province, Suzhou, Kunshan).</summary>
    private static int Order(string name)
    {
        var parts = name.Split('.');
        return parts.Length > 2 && Codes.TryParse(parts[1], out Level level) ? 1 + (int)level : 0;
    }
}
