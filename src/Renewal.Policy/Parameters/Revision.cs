using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Parameters;

/// <summary>
/// A revision of the rules (POLICY.md V-1): a document with an id, title, source and publication day, and dated values
/// for some of the pack's parameters in the parameters file's own form. Layered over the pack by
/// <see cref="ParameterStore.WithRevisions"/> (V-2); it never edits the pack.
/// </summary>
public sealed record Revision(string Id, string Title, string Source, DateOnly PublishedOn,
    ImmutableArray<RevisionValues> Values)
{
    /// <summary>The file the revision was read from, as named (a scenario's <c>revisions:</c> entry); null when not from a file.</summary>
    public string? File { get; init; }

    /// <summary>The dated values this revision gives <paramref name="parameter"/>, or empty.</summary>
    public ImmutableArray<DatedValue> ValuesOf(string parameter)
    {
        foreach (var v in Values)
        {
            if (string.Equals(v.Parameter, parameter, StringComparison.Ordinal)) return v.Values;
        }
        return [];
    }

    /// <summary>One text for the document's content (not its file): equal for equal revisions.</summary>
    public string Canonical()
    {
        var sb = new StringBuilder();
        sb.Append(Id).Append('|').Append(Title).Append('|').Append(Source).Append('|')
          .Append(PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var pv in Values)
        {
            foreach (var v in pv.Values)
            {
                sb.Append(pv.Parameter).Append('|').Append(v.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                  .Append(v.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                  .Append(ParameterValues.Canonical(v.Value)).Append('|').Append(v.Source.Reference).Append('\n');
            }
        }
        return sb.ToString();
    }
}

/// <summary>The dated values of one parameter in one revision, in the order written.</summary>
public sealed record RevisionValues(string Parameter, ImmutableArray<DatedValue> Values);

/// <summary>One problem of a revision file, in Chinese, naming the file and line, revision, parameter and field.</summary>
public sealed record RevisionError(string File, int Line, string? Revision, string? Parameter, string? Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var parts = new List<string>(3);
        if (Revision is not null) parts.Add($"修订 {Revision}");
        if (Parameter is not null) parts.Add($"参数 {Parameter}");
        if (Field is not null) parts.Add($"字段 {Field}");
        return parts.Count == 0 ? $"{where}: {Message}" : $"{where}: {string.Join(" ", parts)}：{Message}";
    }
}

/// <summary>A revision refused whole (V-1); <see cref="Errors"/> lists every problem found.</summary>
public sealed class RevisionFormatException : Exception
{
    public RevisionFormatException(IReadOnlyList<RevisionError> errors)
        : base("修订被拒绝：" + string.Join(Environment.NewLine, errors.Select(e => e.ToString()))) => Errors = errors;

    public RevisionFormatException() => Errors = [];
    public RevisionFormatException(string message) : base(message) => Errors = [];
    public RevisionFormatException(string message, Exception inner) : base(message, inner) => Errors = [];

    public IReadOnlyList<RevisionError> Errors { get; }
}

/// <summary>
/// Reads revision files (SCENARIOS.md "Revision files") strictly, per V-1: only parameters the pack defines, every value
/// of that parameter's type (and the pack's own checks, e.g. <c>yields_to</c> naming only earlier levels), no two values
/// of one parameter overlapping. Any problem refuses the revision whole. Pure: text in, document out.
/// </summary>
public static class RevisionReader
{
    private static readonly string[] RootKeys = ["revision"];
    private static readonly string[] DocumentKeys = ["id", "title", "source", "published_on", "values"];
    private static readonly string[] ValueKeys = ["from", "until", "value", "source", "note"];

    /// <summary>Reads one revision file against <paramref name="pack"/>'s parameters.</summary>
    /// <exception cref="RevisionFormatException">Every problem found, each with its line.</exception>
    public static Revision Read(string text, string fileName, ParameterStore pack)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pack);
        var errors = new List<RevisionError>();
        string? id = null;
        void Error(YamlNode? node, string? parameter, string? field, string message) =>
            errors.Add(new RevisionError(fileName, node is null ? 0 : (int)node.Start.Line, id, parameter, field, message));

        var yaml = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new RevisionFormatException([new RevisionError(fileName, (int)e.Start.Line, null, null, null, $"YAML/JSON 语法错误：{e.Message}")]);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "revision") is not YamlMappingNode doc)
            throw new RevisionFormatException([new RevisionError(fileName, 1, null, null, null, "修订文件应以 revision: 映射开始（id、title、source、published_on、values）")]);
        foreach (var k in root.Children.Keys) Unknown(k, RootKeys, null, "");

        var idNode = Child(doc, "id");
        id = (idNode as YamlScalarNode)?.Value;
        if (string.IsNullOrWhiteSpace(id)) { id = null; Error(idNode ?? doc, null, "id", "缺少修订编号"); }
        foreach (var k in doc.Children.Keys) Unknown(k, DocumentKeys, null, "");
        var title = Required(doc, "title");
        var source = Required(doc, "source");
        var publishedText = Required(doc, "published_on");
        var published = DateOnly.MinValue;
        if (publishedText is not null && !TryDate(publishedText, out published))
            Error(Child(doc, "published_on"), null, "published_on", $"“{publishedText}”不是有效日期（yyyy-MM-dd）");

        var values = ImmutableArray.CreateBuilder<RevisionValues>();
        var valuesNode = Child(doc, "values");
        if (valuesNode is not YamlMappingNode vmap) Error(valuesNode ?? doc, null, "values", "应为“参数名: 取值列表”的映射");
        else
        {
            foreach (var (kn, vn) in vmap.Children)
            {
                var name = (kn as YamlScalarNode)?.Value ?? "";
                var def = pack.Find(name);
                if (def is null) { Error(kn, name, "values", $"未知参数“{name}”：本规则包没有这个参数（可用 `renewal params` 查看全部参数）"); continue; }
                if (vn is not YamlSequenceNode seq) { Error(vn, name, "values", "应为取值列表：- { from, until, value, source }"); continue; }
                var dated = ImmutableArray.CreateBuilder<DatedValue>();
                var n = 0;
                foreach (var item in seq.Children)
                {
                    n++;
                    var field = $"values.{name}[{n}]";
                    if (item is not YamlMappingNode m) { Error(item, name, field, "每个取值应为映射 { from, until, value, source }"); continue; }
                    var before = errors.Count;
                    foreach (var k in m.Children.Keys) Unknown(k, ValueKeys, name, field + ".");
                    var fromText = (Child(m, "from") as YamlScalarNode)?.Value;
                    DateOnly from = default, until = default;
                    if (fromText is null) Error(m, name, field + ".from", "缺少 from（起始日，含）");
                    else if (!TryDate(fromText, out from)) Error(Child(m, "from"), name, field + ".from", $"“{fromText}”不是有效日期（yyyy-MM-dd）");
                    var untilText = (Child(m, "until") as YamlScalarNode)?.Value;
                    var hasUntil = untilText is not null && untilText.Length > 0;
                    if (hasUntil && !TryDate(untilText!, out until)) Error(Child(m, "until"), name, field + ".until", $"“{untilText}”不是有效日期（yyyy-MM-dd）");
                    else if (hasUntil && fromText is not null && until < from) Error(Child(m, "until"), name, field + ".until", $"止日 {untilText} 早于起始日 {fromText}");
                    var src = (Child(m, "source") as YamlScalarNode)?.Value;
                    if (string.IsNullOrWhiteSpace(src)) Error(m, name, field + ".source", "缺少 source（依据：文号或修订编号）");
                    object? value = null;
                    if (Child(m, "value") is not { } vnode) Error(m, name, field + ".value", "缺少 value");
                    else
                    {
                        try
                        {
                            value = ParameterStore.ParseNode(def.Name, def.Type, vnode);
                            if (pack.Check?.Invoke(def.Name, value) is { } problem) { Error(vnode, name, field + ".value", problem); value = null; }
                        }
                        catch (ParameterException e) { Error(vnode, name, field + ".value", $"类型应为 {TypeWords(def.Type)}：{e.Message}"); }
                    }
                    if (errors.Count > before || value is null) continue;
                    dated.Add(new DatedValue(from, hasUntil ? until : null, value, ParameterSource.Parse(src!, (Child(m, "note") as YamlScalarNode)?.Value)));
                }
                // V-1: one revision's values for one parameter do not overlap.
                var list = dated.ToImmutable();
                for (var i = 0; i < list.Length; i++)
                {
                    for (var j = i + 1; j < list.Length; j++)
                    {
                        if (Overlap(list[i], list[j]))
                            Error(seq.Children[j], name, $"values.{name}[{j + 1}]", $"与第 {i + 1} 个取值的有效期重叠（{Span(list[i])} 与 {Span(list[j])}）：同一修订对同一参数的取值不能重叠");
                    }
                }
                if (values.Any(v => v.Parameter == name)) Error(kn, name, "values", "参数重复");
                values.Add(new RevisionValues(name, list));
            }
        }
        if (errors.Count > 0) throw new RevisionFormatException(errors);
        return new Revision(id!, title!, source!, published, values.ToImmutable()) { File = fileName };

        string? Required(YamlMappingNode map, string key)
        {
            var v = (Child(map, key) as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(v)) { Error(Child(map, key) ?? map, null, key, "缺少必填字段"); return null; }
            return v;
        }

        void Unknown(YamlNode k, string[] allowed, string? parameter, string prefix)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (Array.IndexOf(allowed, key) < 0) Error(k, parameter, prefix + key, $"未知字段“{prefix}{key}”（允许：{string.Join(", ", allowed)}）");
        }
    }

    private static bool Overlap(DatedValue a, DatedValue b) =>
        a.From <= (b.Until ?? DateOnly.MaxValue) && b.From <= (a.Until ?? DateOnly.MaxValue);

    private static string Span(DatedValue v) =>
        $"{v.From:yyyy-MM-dd} 至 {(v.Until is { } u ? u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "今后")}";

    private static string TypeWords(ParameterType t) => t switch
    {
        ParameterType.Money => "金额（元）",
        ParameterType.Rate => "比例（小数，如 0.01）",
        ParameterType.Number => "数字",
        ParameterType.WholeNumber => "整数",
        ParameterType.Boolean => "true 或 false",
        ParameterType.Date => "日期",
        ParameterType.List => "标识列表",
        ParameterType.Text => "标识",
        ParameterType.Caps => "上限表",
        _ => t.ToString(),
    };

    private static bool TryDate(string text, out DateOnly d) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;
}
