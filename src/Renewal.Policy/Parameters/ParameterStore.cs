using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Renewal.Policy.Parameters;

/// <summary>
/// Every parameter of a policy pack with its dated values, and any what-if overrides. Immutable.
/// </summary>
/// <remarks>
/// POLICY.md "Parameters": an evaluation for award year Y uses the values in force on 31 December of Y;
/// loan rules use the values in force on the loan's issue date (eligibility) and on each day (amounts).
/// An override replaces a parameter's value on every date for that evaluation only.
/// </remarks>
public sealed class ParameterStore
{
    private readonly FrozenDictionary<string, ParameterDefinition> _byName;

    private ParameterStore(IEnumerable<ParameterDefinition> definitions)
    {
        _byName = definitions.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
        Definitions = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        ChangeDates = [.. Definitions
            .SelectMany(d => d.Values)
            .SelectMany(v => v.Until is { } u && u < DateOnly.MaxValue ? new[] { v.From, u.AddDays(1) } : [v.From])
            .Distinct()
            .Order()];
    }

    /// <summary>All parameters, by name.</summary>
    public ImmutableArray<ParameterDefinition> Definitions { get; }

    /// <summary>Every date on which some value starts or stops being in force, ascending.</summary>
    public ImmutableArray<DateOnly> ChangeDates { get; }

    /// <summary>
    /// A short fingerprint of every dated value and source (and any override): stored with each award decision so
    /// that a decision names the exact parameter version that produced it.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    private string? _fingerprint;

    private string ComputeFingerprint()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var d in Definitions)
        {
            sb.Append(d.Name).Append('|').Append(d.Type).Append('\n');
            foreach (var v in d.Values)
            {
                var value = v.Value is ImmutableArray<string> list ? string.Join(",", list) : Convert.ToString(v.Value, CultureInfo.InvariantCulture);
                sb.Append(v.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                  .Append(v.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                  .Append(value).Append('|').Append(v.Source.Reference).Append('|').Append(v.Source.Note).Append('\n');
            }
        }
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>The parameter named <paramref name="name"/>, or null.</summary>
    public ParameterDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The values in force on <paramref name="date"/>.</summary>
    public ResolvedParameters ResolveAt(DateOnly date)
    {
        var values = new Dictionary<string, DatedValue>(_byName.Count, StringComparer.Ordinal);
        foreach (var d in Definitions)
        {
            if (d.At(date) is { } v) values[d.Name] = v;
        }
        return new ResolvedParameters(date, values.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// A copy in which each named parameter has the given value on every date, with source
    /// <see cref="SourceKind.Override"/>.
    /// </summary>
    /// <exception cref="ParameterException">An unknown name or a value of the wrong type.</exception>
    public ParameterStore WithOverrides(IEnumerable<KeyValuePair<string, string>> overrides, string origin = "--set")
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var defs = new Dictionary<string, ParameterDefinition>(_byName, StringComparer.Ordinal);
        var any = false;
        foreach (var (name, text) in overrides)
        {
            if (!defs.TryGetValue(name, out var def))
                throw new ParameterException(name, $"未知参数“{name}”（可用 `renewal params` 查看全部参数）");
            var value = def.ParseValue(text);
            defs[name] = def with
            {
                Values = [new DatedValue(DateOnly.MinValue, null, value, new ParameterSource(SourceKind.Override, origin, $"{name}={text}"))],
            };
            any = true;
        }
        return any ? new ParameterStore(defs.Values) : this;
    }

    /// <summary>Loads the parameters file of the 昆政办发〔2024〕36号 policy pack, embedded in this assembly.</summary>
    public static ParameterStore LoadKunshan2024()
    {
        using var stream = typeof(ParameterStore).Assembly.GetManifestResourceStream("Renewal.Policy.Kunshan2024.parameters.yaml")
            ?? throw new InvalidOperationException("embedded parameters.yaml is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "Kunshan2024/parameters.yaml");
    }

    /// <summary>Parses a parameters file (see Kunshan2024/parameters.yaml for the format).</summary>
    /// <exception cref="ParameterException">The file is malformed; the message names the parameter and line.</exception>
    public static ParameterStore Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml)) stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ParameterException("", $"{fileName}：应为参数名到定义的映射");

        var defs = new List<ParameterDefinition>();
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            string Where(YamlNode n) => $"{fileName} 第 {n.Start.Line} 行，参数 {name}";
            if (valueNode is not YamlMappingNode body) throw new ParameterException(name, $"{Where(keyNode)}：应为映射");
            var typeText = Scalar(body, "type") ?? throw new ParameterException(name, $"{Where(body)}：缺少 type");
            if (typeText == "integer") typeText = nameof(ParameterType.WholeNumber);
            if (!Enum.TryParse<ParameterType>(typeText, ignoreCase: true, out var type))
                throw new ParameterException(name, $"{Where(body)}：未知类型 {typeText}");
            var description = Scalar(body, "description") ?? "";
            if (!body.Children.TryGetValue(new YamlScalarNode("values"), out var valuesNode) || valuesNode is not YamlSequenceNode seq)
                throw new ParameterException(name, $"{Where(body)}：缺少 values 列表");

            var values = ImmutableArray.CreateBuilder<DatedValue>();
            foreach (var item in seq.Children.Cast<YamlMappingNode>())
            {
                var from = ParseDate(Scalar(item, "from"), Where(item), name);
                var untilText = Scalar(item, "until");
                DateOnly? until = untilText is null ? null : ParseDate(untilText, Where(item), name);
                var sourceText = Scalar(item, "source") ?? throw new ParameterException(name, $"{Where(item)}：缺少 source（条款、I-n 或 ASSUMED）");
                if (!item.Children.TryGetValue(new YamlScalarNode("value"), out var vNode))
                    throw new ParameterException(name, $"{Where(item)}：缺少 value");
                var text = vNode is YamlSequenceNode list
                    ? string.Join(',', list.Children.Select(c => ((YamlScalarNode)c).Value))
                    : ((YamlScalarNode)vNode).Value ?? "";
                object value;
                try { value = ParameterDefinition.ParseValue(name, type, text); }
                catch (ParameterException e) { throw new ParameterException(name, $"{Where(vNode)}：{e.Message}"); }
                values.Add(new DatedValue(from, until, value, ParameterSource.Parse(sourceText, Scalar(item, "note"))));
            }
            defs.Add(new ParameterDefinition(name, type, description, values.ToImmutable()));
        }
        return new ParameterStore(defs);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;

    private static DateOnly ParseDate(string? text, string where, string name) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ParameterException(name, $"{where}：日期“{text}”应为 yyyy-MM-dd");
}

/// <summary>The parameter values in force on one date (plus overrides).</summary>
public sealed class ResolvedParameters
{
    private readonly FrozenDictionary<string, DatedValue> _values;

    internal ResolvedParameters(DateOnly date, FrozenDictionary<string, DatedValue> values)
    {
        Date = date;
        _values = values;
    }

    /// <summary>The date the values were looked up for.</summary>
    public DateOnly Date { get; }

    /// <summary>The value of <paramref name="name"/> in force, or null when none is.</summary>
    public DatedValue? Find(string name) => _values.GetValueOrDefault(name);
}
