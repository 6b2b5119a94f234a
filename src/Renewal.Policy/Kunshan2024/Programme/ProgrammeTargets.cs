using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Kunshan2024.Programme;

/// <summary>Whether a target is reached at or above its value (investment) or at or below it (items left).</summary>
public enum TargetDirection
{
    AtLeast,
    AtMost,
}

/// <summary>One programme target T-n of plan §一, with the sentence it comes from.</summary>
public sealed record ProgrammeTarget(string Id, string Name, string English, decimal Value, string Unit, TargetDirection Direction, string Source)
{
    public bool Reached(decimal actual) => Direction == TargetDirection.AtLeast ? actual >= Value : actual <= Value;
}

/// <summary>
/// The programme targets (<c>Programme/programme-targets.yaml</c>) and the names of the GB/T 4754-2017 manufacturing
/// divisions (<c>Programme/industry-divisions.yaml</c>), both embedded data files.
/// </summary>
public sealed class ProgrammeTargets
{
    private static readonly Lazy<ProgrammeTargets> LazyDefault = new(() => Parse(Embedded("programme-targets.yaml"), Embedded("industry-divisions.yaml")));
    private readonly Dictionary<string, ProgrammeTarget> _byId;

    private ProgrammeTargets(int firstYear, int lastYear, IReadOnlyList<ProgrammeTarget> targets,
        IReadOnlyDictionary<string, string> divisions, IReadOnlyDictionary<string, string> sections)
    {
        FirstYear = firstYear;
        LastYear = lastYear;
        Targets = targets;
        Divisions = divisions;
        Sections = sections;
        _byId = targets.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public static ProgrammeTargets Default => LazyDefault.Value;

    /// <summary>The programme's years, 2024–2027.</summary>
    public int FirstYear { get; }
    public int LastYear { get; }
    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);
    public IReadOnlyList<ProgrammeTarget> Targets { get; }
    /// <summary>Division code (C34) → name (通用设备制造业).</summary>
    public IReadOnlyDictionary<string, string> Divisions { get; }
    /// <summary>Section letter → name, for codes outside the listed divisions.</summary>
    public IReadOnlyDictionary<string, string> Sections { get; }

    public ProgrammeTarget this[string id] => _byId.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"目标文件中没有 {id}");

    /// <summary>The name of a division code (C34) or, failing that, of its section.</summary>
    public string DivisionName(string division)
    {
        ArgumentNullException.ThrowIfNull(division);
        return Divisions.TryGetValue(division, out var n) ? n
            : division.Length > 0 && Sections.TryGetValue(division[..1], out var s) ? s
            : "未知行业";
    }

    /// <summary>Parses the two files; every error names the file and line.</summary>
    public static ProgrammeTargets Parse(string targetsYaml, string divisionsYaml)
    {
        var t = Root(targetsYaml, "programme-targets.yaml");
        var first = Int(t, "first_year", "programme-targets.yaml");
        var last = Int(t, "last_year", "programme-targets.yaml");
        if (last < first) throw new FormatException($"programme-targets.yaml：last_year {last} 早于 first_year {first}");
        var targets = new List<ProgrammeTarget>();
        if (Get(t, "targets") is not YamlSequenceNode seq) throw new FormatException("programme-targets.yaml：缺少 targets 列表");
        foreach (var node in seq)
        {
            if (node is not YamlMappingNode m) throw new FormatException($"programme-targets.yaml 第 {node.Start.Line} 行：目标应为映射");
            string Text(string key) => Get(m, key) is YamlScalarNode { Value: { Length: > 0 } v } ? v
                : throw new FormatException($"programme-targets.yaml 第 {m.Start.Line} 行：缺少 {key}");
            var value = decimal.TryParse(Text("value"), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v
                : throw new FormatException($"programme-targets.yaml 第 {m.Start.Line} 行：value 应为数字");
            var direction = Text("direction") switch
            {
                "at_least" => TargetDirection.AtLeast,
                "at_most" => TargetDirection.AtMost,
                var other => throw new FormatException($"programme-targets.yaml 第 {m.Start.Line} 行：direction 应为 at_least 或 at_most，实为 {other}"),
            };
            targets.Add(new ProgrammeTarget(Text("id"), Text("name"), Text("en"), value, Text("unit"), direction, Text("source")));
        }
        foreach (var id in new[] { RuleIds.T1, RuleIds.T2, RuleIds.T3, RuleIds.T4, RuleIds.T5 })
        {
            if (targets.All(x => x.Id != id)) throw new FormatException($"programme-targets.yaml：缺少目标 {id}");
        }

        var divisions = Root(divisionsYaml, "industry-divisions.yaml");
        return new ProgrammeTargets(first, last, targets, Map(divisions, "divisions"), Map(divisions, "sections"));
    }

    private static Dictionary<string, string> Map(YamlMappingNode root, string key) =>
        Get(root, key) is YamlMappingNode m
            ? m.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => ((YamlScalarNode)c.Value).Value ?? "", StringComparer.Ordinal)
            : throw new FormatException($"industry-divisions.yaml：缺少 {key}");

    private static YamlMappingNode Root(string yaml, string file) =>
        DataFiles.RootMapping(yaml, file) ?? throw new FormatException($"{file}：应为映射");

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static int Int(YamlMappingNode map, string key, string file) =>
        Get(map, key) is YamlScalarNode { Value: { } s } && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
            : throw new FormatException($"{file}：{key} 应为整数");

    private static string Embedded(string name) => DataFiles.Embedded("Renewal.Policy.Kunshan2024.Programme." + name);
}
