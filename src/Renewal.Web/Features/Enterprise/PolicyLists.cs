using System.Collections.Immutable;
using Renewal.Policy.Kunshan2024;

namespace Renewal.Web.Features.Enterprise;

/// <summary>A choice of a checkbox list: the identifier stored and its Chinese label.</summary>
public sealed record Choice(string Code, string Label);

/// <summary>
/// The choices of the project form that come from the policy parameters: digital scopes (<c>demonstration.scopes</c>,
/// A-1) and innovation clusters (<c>effective_investment.clusters</c>, B-2). Every value any dated revision lists is a
/// choice, so a project declared under an earlier list stays valid after a revision.
/// </summary>
public static class PolicyLists
{
    public const string ScopesParameter = "demonstration.scopes";
    public const string ClustersParameter = "effective_investment.clusters";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["smart_factory_demo"] = "智能制造示范工厂",
        ["industrial_internet_benchmark"] = "工业互联网标杆工厂",
        ["scenario_5g"] = "“5G+工业互联网”融合应用场景",
        ["service_transformation"] = "服务化改造升级标杆",
        ["industrial_internet_infrastructure"] = "工业互联网等新型基础设施",
        ["it_innovation"] = "信息技术应用创新",
        ["data_productization"] = "数据产品化",
        ["new_it_renovation"] = "利用新一代信息技术实施技术改造",
        ["advanced_materials"] = "先进材料",
        ["electronic_information"] = "电子信息",
        ["equipment_manufacturing"] = "装备制造",
        ["biomedicine"] = "生物医药",
    };

    /// <summary>Chinese label of a scope or cluster identifier (the identifier itself when unknown).</summary>
    public static string Label(string code) => Labels.GetValueOrDefault(code, code);

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
            .Select(c => new Choice(c, Label(c)))
            .ToList();
    }
}
