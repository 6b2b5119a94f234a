using System.Globalization;

using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Tests.Oracle;

// Independent test oracle: a deliberately small model of the scenario file (shared/spec/SCENARIOS.md).
// It shares nothing with the production reader and is lenient: the input is assumed to be valid.

/// <summary>A parameter override: either a scalar (kept as text) or a list of scalars.</summary>
public sealed record OracleParameterValue(string? Scalar, IReadOnlyList<string>? Items);

public sealed record OracleEnterprise(string Id, string CreditCode, string Name, string Area, string IndustryCode);

public sealed record OracleInvestment(decimal Equipment, decimal Digital);

public sealed record OraclePriorAward(string Scheme, int Year, decimal Amount);

public sealed record OracleProject(
    string Id,
    string Enterprise,
    string Name,
    string Kind,
    string Status,
    DateOnly? CompletedOn,
    IReadOnlyList<int> Tasks,
    IReadOnlyList<string> Clusters,
    bool SafetyRenovation,
    IReadOnlyList<string> DigitalScopes,
    IReadOnlyDictionary<int, OracleInvestment> Investment,
    IReadOnlyList<OraclePriorAward> PriorAwards);

public sealed record OracleRepayment(DateOnly Date, decimal Amount);

public sealed record OracleLoan(
    string Id,
    string Enterprise,
    string Project,
    string Category,
    decimal Principal,
    decimal Rate,
    DateOnly IssuedOn,
    DateOnly MaturesOn,
    decimal EquipmentAmount,
    bool ViaSuzhouPlatform,
    IReadOnlyList<string>? Approvals,
    IReadOnlyList<OracleRepayment> Repayments);

public sealed record OracleScenario(
    string Name,
    int Year,
    IReadOnlyDictionary<string, OracleParameterValue> Parameters,
    IReadOnlyList<OracleEnterprise> Enterprises,
    IReadOnlyList<OracleProject> Projects,
    IReadOnlyList<OracleLoan> Loans,
    IReadOnlyList<OracleAward>? Expected)
{
    /// <summary>Parses a scenario document (YAML, or JSON of the same shape) into oracle scenarios.</summary>
    public static IReadOnlyList<OracleScenario> ParseAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        YamlStream stream = new();
        using (StringReader reader = new(yaml))
        {
            stream.Load(reader);
        }

        List<OracleScenario> result = [];
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return result;
        }

        foreach (YamlNode node in Seq(Get(root, "scenarios")))
        {
            result.Add(ParseScenario((YamlMappingNode)node));
        }

        return result;
    }

    private static OracleScenario ParseScenario(YamlMappingNode m)
    {
        Dictionary<string, OracleParameterValue> parameters = new(StringComparer.Ordinal);
        if (Get(m, "parameters") is YamlMappingNode p)
        {
            FlattenParameters(p, "", parameters);
        }

        List<OracleEnterprise> enterprises = [.. Seq(Get(m, "enterprises")).Select(static n => ParseEnterprise((YamlMappingNode)n))];
        List<OracleProject> projects = [.. Seq(Get(m, "projects")).Select(static n => ParseProject((YamlMappingNode)n))];
        List<OracleLoan> loans = [.. Seq(Get(m, "loans")).Select(static n => ParseLoan((YamlMappingNode)n))];

        List<OracleAward>? expected = null;
        if (Get(m, "expect") is YamlMappingNode expect)
        {
            expected = [.. Seq(Get(expect, "awards")).Select(static n => ParseExpectedAward((YamlMappingNode)n))];
        }

        return new OracleScenario(
            Str(m, "name") ?? "",
            Int(Str(m, "year")!),
            parameters,
            enterprises,
            projects,
            loans,
            expected);
    }

    private static void FlattenParameters(YamlMappingNode m, string prefix, Dictionary<string, OracleParameterValue> into)
    {
        foreach (KeyValuePair<YamlNode, YamlNode> kv in m.Children)
        {
            string name = prefix + ((YamlScalarNode)kv.Key).Value;
            switch (kv.Value)
            {
                case YamlMappingNode nested:
                    FlattenParameters(nested, name + ".", into);
                    break;
                case YamlSequenceNode rows when rows.Children.Any(static c => c is YamlMappingNode):
                    // A caps table (D-6): each row as "id|level+level|per|amount".
                    into[name] = new OracleParameterValue(null, [.. rows.Children.Cast<YamlMappingNode>().Select(static r =>
                        string.Join('|',
                            ((YamlScalarNode)r.Children[new YamlScalarNode("id")]).Value,
                            string.Join('+', ((YamlSequenceNode)r.Children[new YamlScalarNode("levels")]).Children.Select(static l => ((YamlScalarNode)l).Value)),
                            ((YamlScalarNode)r.Children[new YamlScalarNode("per")]).Value,
                            ((YamlScalarNode)r.Children[new YamlScalarNode("amount")]).Value))]);
                    break;
                case YamlSequenceNode list:
                    into[name] = new OracleParameterValue(null, [.. list.Children.Select(static c => ((YamlScalarNode)c).Value ?? "")]);
                    break;
                case YamlScalarNode scalar:
                    into[name] = new OracleParameterValue(scalar.Value ?? "", null);
                    break;
                default:
                    break;
            }
        }
    }

    private static OracleEnterprise ParseEnterprise(YamlMappingNode m)
    {
        return new OracleEnterprise(
            Str(m, "id")!,
            Str(m, "credit_code") ?? "",
            Str(m, "name") ?? "",
            Str(m, "area") ?? "",
            Str(m, "industry_code") ?? "");
    }

    private static OracleProject ParseProject(YamlMappingNode m)
    {
        Dictionary<int, OracleInvestment> investment = [];
        if (Get(m, "investment") is YamlMappingNode inv)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> kv in inv.Children)
            {
                YamlMappingNode year = (YamlMappingNode)kv.Value;
                investment[Int(((YamlScalarNode)kv.Key).Value!)] = new OracleInvestment(
                    Dec(Str(year, "equipment") ?? "0"),
                    Dec(Str(year, "digital") ?? "0"));
            }
        }

        List<OraclePriorAward> prior = [.. Seq(Get(m, "prior_awards")).Select(static n =>
        {
            YamlMappingNode a = (YamlMappingNode)n;
            return new OraclePriorAward(Str(a, "scheme")!, Int(Str(a, "year")!), Dec(Str(a, "amount")!));
        })];

        string? completed = Str(m, "completed_on");
        return new OracleProject(
            Str(m, "id")!,
            Str(m, "enterprise")!,
            Str(m, "name") ?? "",
            Str(m, "kind")!,
            Str(m, "status") ?? "",
            completed is null ? null : Date(completed),
            [.. Strings(Get(m, "tasks")).Select(Int)],
            Strings(Get(m, "clusters")),
            Bool(Str(m, "safety_renovation") ?? "false"),
            Strings(Get(m, "digital_scopes")),
            investment,
            prior);
    }

    private static OracleLoan ParseLoan(YamlMappingNode m)
    {
        List<OracleRepayment> repayments = [.. Seq(Get(m, "repayments")).Select(static n =>
        {
            YamlMappingNode r = (YamlMappingNode)n;
            return new OracleRepayment(Date(Str(r, "date")!), Dec(Str(r, "amount")!));
        })];

        YamlNode? approvals = Get(m, "approvals");
        return new OracleLoan(
            Str(m, "id")!,
            Str(m, "enterprise")!,
            Str(m, "project")!,
            Str(m, "category")!,
            Dec(Str(m, "principal")!),
            Dec(Str(m, "rate")!),
            Date(Str(m, "issued_on")!),
            Date(Str(m, "matures_on")!),
            Dec(Str(m, "equipment_amount")!),
            Bool(Str(m, "via_suzhou_platform") ?? "false"),
            approvals is null || IsNull(approvals) ? null : Strings(approvals),
            repayments);
    }

    private static OracleAward ParseExpectedAward(YamlMappingNode m)
    {
        string scheme = Str(m, "scheme")!;
        string subject = scheme switch
        {
            "tech_renovation" => Str(m, "enterprise")!,
            "loan_interest" => Str(m, "loan")!,
            _ => Str(m, "project")!,
        };
        return new OracleAward(scheme, subject, Str(m, "level"), Dec(Str(m, "amount")!));
    }

    // ---- tiny YAML helpers ----

    private static YamlNode? Get(YamlMappingNode m, string key)
    {
        foreach (KeyValuePair<YamlNode, YamlNode> kv in m.Children)
        {
            if (kv.Key is YamlScalarNode k && k.Value == key)
            {
                return kv.Value;
            }
        }

        return null;
    }

    private static bool IsNull(YamlNode node)
    {
        return node is YamlScalarNode s && (s.Value is null or "" or "~" or "null") && s.Style == YamlDotNet.Core.ScalarStyle.Plain;
    }

    private static IEnumerable<YamlNode> Seq(YamlNode? node)
    {
        return node is YamlSequenceNode s ? s.Children : [];
    }

    private static List<string> Strings(YamlNode? node)
    {
        return [.. Seq(node).Select(static n => ((YamlScalarNode)n).Value ?? "")];
    }

    private static string? Str(YamlMappingNode m, string key)
    {
        YamlNode? node = Get(m, key);
        return node is YamlScalarNode s && !IsNull(s) ? s.Value : null;
    }

    internal static decimal Dec(string s)
    {
        return decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    internal static int Int(string s)
    {
        return int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    internal static bool Bool(string s)
    {
        return s.Trim().ToUpperInvariant() is "TRUE" or "YES" or "ON";
    }

    internal static DateOnly Date(string s)
    {
        return DateOnly.ParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
