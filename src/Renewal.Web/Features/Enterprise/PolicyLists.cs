using System.Collections.Immutable;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Enterprise;

/// <summary>A choice of a checkbox list: the identifier stored and its Chinese label.</summary>
public sealed record Choice(string Code, string Label);

/// <summary>
/// The choices of the project form that come from the policy parameters: digital scopes (<c>demonstration.scopes</c>,
/// A-1) and innovation clusters (<c>effective_investment.clusters</c>, B-2). Every value any dated revision lists is a
/// choice, so a project declared under an earlier list stays valid after a revision. The words are the pack's
/// <see cref="Vocabulary"/>.
/// </summary>
public static class PolicyLists
{
    public const string ScopesParameter = "demonstration.scopes";
    public const string ClustersParameter = "effective_investment.clusters";

    /// <summary>Chinese label of a scope or cluster identifier (the pack's <see cref="Vocabulary"/>).</summary>
    public static string Label(string code) => Vocabulary.Label(code);

    public static IReadOnlyList<Choice> Scopes(PolicyEngine engine) => Of(engine, ScopesParameter);

    public static IReadOnlyList<Choice> Clusters(PolicyEngine engine) => Of(engine, ClustersParameter);

    private static List<Choice> Of(PolicyEngine engine, string parameter)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var def = engine.Parameters.Find(parameter);
        if (def is null) return [];
        return def.Values
            .SelectMany(v => v.Value is ImmutableArray<string> list ? list : [])
            .Distinct(StringComparer.Ordinal)
            .Select(c => new Choice(c, Lang.T(Vocabulary.Label(c), Vocabulary.Find(c)?.English ?? Vocabulary.Label(c))))
            .ToList();
    }
}
