using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Parameters;

/// <summary>What a cap row groups loans by (D-6).</summary>
public enum CapScope
{
    /// <summary>The loans of one project.</summary>
    Project,
    /// <summary>The loans of one enterprise.</summary>
    Enterprise,
}

/// <summary>
/// One row of the caps table <c>loan.caps</c> (POLICY.md D-6, D-7): the covered levels of the loans of one group (a
/// project or an enterprise) add up to at most <see cref="Amount"/> in an award year. One level = the familiar per-level
/// cap; several = a combined cap.
/// </summary>
public sealed record CapRow(string Id, ImmutableArray<Level> Levels, CapScope Per, Money Amount)
{
    private static readonly string[] Keys = ["id", "levels", "per", "amount"];

    /// <summary>True when the row covers <paramref name="level"/>.</summary>
    public bool Covers(Level level) => Levels.Contains(level);

    public override string ToString() =>
        $"{Id}:{string.Join("+", Levels.Select(Codes.Of))}/{(Per == CapScope.Project ? "project" : "enterprise")}/{Amount.Yuan.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses a caps table given whole as YAML or JSON text (<c>--set</c>, a scenario's <c>parameters:</c>).</summary>
    /// <exception cref="ParameterException">Not a valid table; the message names the parameter, row and field.</exception>
    public static CapsTable ParseText(string name, string text)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ParameterException(name, $"参数 {name} 为上限表，应为 YAML 或 JSON 列表：{e.Message}");
        }
        if (stream.Documents.Count == 0) throw new ParameterException(name, $"参数 {name} 为上限表，不能为空");
        return ParseNode(name, stream.Documents[0].RootNode);
    }

    /// <summary>Parses a caps table from a YAML node: a list of rows <c>{ id, levels, per, amount }</c>.</summary>
    /// <exception cref="ParameterException">Not a valid table; the message names the parameter, row and field.</exception>
    public static CapsTable ParseNode(string name, YamlNode node)
    {
        if (node is not YamlSequenceNode seq)
            throw new ParameterException(name, $"参数 {name} 为上限表，应为行的列表：[{{ id, levels: [..], per: project|enterprise, amount }}, …]");
        var rows = ImmutableArray.CreateBuilder<CapRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var item in seq.Children)
        {
            n++;
            string Where(string field) => $"参数 {name} 第 {n} 行的 {field}";
            if (item is not YamlMappingNode map) throw new ParameterException(name, $"参数 {name} 第 {n} 行应为 {{ id, levels, per, amount }}");
            foreach (var k in map.Children.Keys)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (Array.IndexOf(Keys, key) < 0) throw new ParameterException(name, $"{Where(key)}：未知字段（允许：{string.Join(", ", Keys)}）");
            }
            var id = Scalar(map, "id");
            if (string.IsNullOrWhiteSpace(id)) throw new ParameterException(name, $"{Where("id")}：缺少编号");
            if (!ids.Add(id)) throw new ParameterException(name, $"{Where("id")}：编号 {id} 重复");
            if (!map.Children.TryGetValue(new YamlScalarNode("levels"), out var ln) || ln is not YamlSequenceNode levelsNode || levelsNode.Children.Count == 0)
                throw new ParameterException(name, $"{Where("levels")}：应为非空的层级列表，如 [province, kunshan]");
            var levels = ImmutableArray.CreateBuilder<Level>();
            foreach (var l in levelsNode.Children)
            {
                var t = (l as YamlScalarNode)?.Value;
                if (!Codes.TryParse(t, out Level level)) throw new ParameterException(name, $"{Where("levels")}：“{t}”不是贴息层级（central、province、suzhou、kunshan）");
                if (levels.Contains(level)) throw new ParameterException(name, $"{Where("levels")}：层级 {t} 重复");
                levels.Add(level);
            }
            var per = Scalar(map, "per") switch
            {
                "project" => CapScope.Project,
                "enterprise" => CapScope.Enterprise,
                var other => throw new ParameterException(name, $"{Where("per")}：“{other}”应为 project（每项目）或 enterprise（每企业）"),
            };
            var amountText = Scalar(map, "amount");
            if (!decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                throw new ParameterException(name, $"{Where("amount")}：“{amountText}”不是金额");
            if (amount < 0) throw new ParameterException(name, $"{Where("amount")}：金额不能为负数：{amountText}");
            if (decimal.Round(amount, 2) != amount) throw new ParameterException(name, $"{Where("amount")}：金额最多两位小数：{amountText}");
            rows.Add(new CapRow(id, levels.ToImmutable(), per, new Money(amount)));
        }
        return new CapsTable(rows);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;

    /// <summary>The table as flow YAML text (what <c>--set</c> takes), the inverse of <see cref="ParseText"/>.</summary>
    public static string ToText(IEnumerable<CapRow> rows) =>
        "[" + string.Join(", ", rows.Select(r =>
            $"{{ id: \"{r.Id.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\", levels: [{string.Join(", ", r.Levels.Select(Codes.Of))}], per: {(r.Per == CapScope.Project ? "project" : "enterprise")}, amount: {r.Amount.Yuan.ToString(CultureInfo.InvariantCulture)} }}")) + "]";
}

/// <summary>
/// The value of a parameter of type <see cref="ParameterType.Caps"/>: the rows of the table in order. Equal by content;
/// as text (<see cref="ToString()"/>) it is what <c>--set</c> and a scenario's <c>parameters:</c> take back, so a form
/// that shows the value in force and reads it again changes nothing.
/// </summary>
public sealed class CapsTable : IReadOnlyList<CapRow>, IEquatable<CapsTable>, IFormattable
{
    public CapsTable(IEnumerable<CapRow> rows) => Rows = [.. rows ?? throw new ArgumentNullException(nameof(rows))];

    /// <summary>No row: nothing is capped.</summary>
    public static CapsTable Empty { get; } = new([]);

    public ImmutableArray<CapRow> Rows { get; }

    public int Count => Rows.Length;
    public CapRow this[int index] => Rows[index];
    public IEnumerator<CapRow> GetEnumerator() => ((IEnumerable<CapRow>)Rows).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(CapsTable? other) => other is not null && Rows.SequenceEqual(other.Rows, RowComparer.Instance);
    public override bool Equals(object? obj) => obj is CapsTable t && Equals(t);
    public override int GetHashCode() => Rows.Aggregate(0, (h, r) => HashCode.Combine(h, r.ToString()));

    /// <summary>The table as flow YAML text, e.g. <c>[{ id: "D-6a", levels: [province], per: project, amount: 5000000 }]</c>.</summary>
    public override string ToString() => CapRow.ToText(Rows);
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    private sealed class RowComparer : IEqualityComparer<CapRow>
    {
        public static readonly RowComparer Instance = new();
        public bool Equals(CapRow? x, CapRow? y) => string.Equals(x?.ToString(), y?.ToString(), StringComparison.Ordinal);
        public int GetHashCode(CapRow obj) => obj.ToString().GetHashCode(StringComparison.Ordinal);
    }
}
