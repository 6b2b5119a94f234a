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
    /// <summary>The day the pack itself was published (the seed's date, 昆政办发〔2024〕36号): its layer's place in V-2.</summary>
    public static readonly DateOnly PackPublishedOn = new(2024, 5, 14);

    private readonly FrozenDictionary<string, ParameterDefinition> _byName;
    private readonly FrozenDictionary<string, ParameterDefinition> _packByName;
    private readonly ImmutableArray<ParameterDefinition> _pack;
    private readonly ImmutableArray<Revision> _given;
    private readonly ImmutableArray<Override> _overrides;

    private sealed record Override(string Name, object Value, string Origin, string Text);

    private ParameterStore(IEnumerable<ParameterDefinition> definitions)
        : this([.. definitions], [], null, [], null)
    {
    }

    private ParameterStore(ImmutableArray<ParameterDefinition> pack, ImmutableArray<Revision> given, DateOnly? knownOn,
        ImmutableArray<Override> overrides, Func<string, object, string?>? check, Action<Dictionary<string, DatedValue>>? derive = null)
    {
        _pack = pack;
        _given = given;
        _overrides = overrides;
        KnownOn = knownOn;
        Check = check;
        Derive = derive;
        _packByName = pack.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
        // V-2: the pack and the revisions known on K, by publication day; the same day keeps the order given (the pack first).
        Revisions = [.. given.Where(r => knownOn is null || r.PublishedOn <= knownOn.Value)];
        var layers = Revisions.Select((r, i) => (Revision: (Revision?)r, Order: i + 1))
            .Prepend((Revision: null, Order: 0))
            .OrderBy(x => x.Revision?.PublishedOn ?? PackPublishedOn).ThenBy(x => x.Order)
            .Select(x => x.Revision).ToArray();
        var defs = new List<ParameterDefinition>(pack.Length);
        foreach (var d in pack)
        {
            var values = d.Values;
            if (!Revisions.IsEmpty && Revisions.Any(r => !r.ValuesOf(d.Name).IsEmpty))
            {
                values = [];
                foreach (var layer in layers)
                {
                    if (layer is null) { values = Overlay(values, d.Values); continue; }
                    var own = layer.ValuesOf(d.Name);
                    if (!own.IsEmpty) values = Overlay(values, [.. own.Select(v => v with { Revision = layer.Id })]);
                }
            }
            foreach (var o in overrides)
            {
                if (o.Name == d.Name)
                    values = [new DatedValue(DateOnly.MinValue, null, o.Value, new ParameterSource(SourceKind.Override, o.Origin, $"{o.Name}={o.Text}"))];
            }
            defs.Add(values == d.Values ? d : d with { Values = values });
        }
        _byName = defs.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
        Definitions = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
        ChangeDates = [.. Definitions
            .SelectMany(d => d.Values)
            .SelectMany(v => v.Until is { } u && u < DateOnly.MaxValue ? new[] { v.From, u.AddDays(1) } : [v.From])
            .Distinct()
            .Order()];
    }

    /// <summary>
    /// <paramref name="newer"/> over <paramref name="older"/>: on the days a newer value covers, it gives the value; the
    /// older values keep the days no newer value covers (V-2: a revision never edits an earlier layer).
    /// </summary>
    private static ImmutableArray<DatedValue> Overlay(ImmutableArray<DatedValue> older, ImmutableArray<DatedValue> newer)
    {
        if (older.IsEmpty) return newer;
        var pieces = new List<DatedValue>(older);
        foreach (var n in newer)
        {
            var next = new List<DatedValue>(pieces.Count + 1);
            foreach (var p in pieces)
            {
                var pEnd = p.Until ?? DateOnly.MaxValue;
                var nEnd = n.Until ?? DateOnly.MaxValue;
                if (n.From > pEnd || p.From > nEnd) { next.Add(p); continue; }
                if (p.From < n.From) next.Add(p with { Until = n.From.AddDays(-1) });
                if (nEnd < pEnd) next.Add(p with { From = nEnd.AddDays(1) });
            }
            pieces = next;
        }
        pieces.AddRange(newer);
        return [.. pieces.OrderBy(v => v.From)];
    }

    /// <summary>All parameters, by name, with the revisions and overrides applied.</summary>
    public ImmutableArray<ParameterDefinition> Definitions { get; }

    /// <summary>Every date on which some value starts or stops being in force, ascending.</summary>
    public ImmutableArray<DateOnly> ChangeDates { get; }

    /// <summary>The pack's own checks of a value (beyond its type), e.g. D-10's earlier levels; null = none. Message in Chinese.</summary>
    internal Func<string, object, string?>? Check { get; }

    /// <summary>
    /// Adds read-only values under names the pack no longer defines, derived from those it does (compatibility for
    /// callers of <see cref="ResolvedParameters.Find"/>); null = none. Such names are not in <see cref="Definitions"/>.
    /// </summary>
    internal Action<Dictionary<string, DatedValue>>? Derive { get; }

    /// <summary>The revisions applied (published on or before <see cref="KnownOn"/>), in the order given.</summary>
    public ImmutableArray<Revision> Revisions { get; }

    /// <summary>K of V-2/V-4: the revisions published after it are not applied; null = every revision given.</summary>
    public DateOnly? KnownOn { get; }

    /// <summary>The pack's own definition of <paramref name="name"/> (without revisions or overrides), or null.</summary>
    public ParameterDefinition? FindInPack(string name) => _packByName.GetValueOrDefault(name);

    /// <summary>
    /// The layers of one parameter (V-2), lowest first: the pack's values, then each applied revision that gives it values
    /// (by publication day), then a what-if override. Empty for an unknown name.
    /// </summary>
    public ImmutableArray<ParameterLayer> LayersOf(string name)
    {
        if (!_packByName.TryGetValue(name, out var pack)) return [];
        var layers = ImmutableArray.CreateBuilder<ParameterLayer>();
        layers.Add(new ParameterLayer(null, "本规则包（昆政办发〔2024〕36号）", PackPublishedOn, pack.Values));
        foreach (var r in Revisions.OrderBy(r => r.PublishedOn))
        {
            var own = r.ValuesOf(name);
            if (!own.IsEmpty) layers.Add(new ParameterLayer(r.Id, r.Title, r.PublishedOn, [.. own.Select(v => v with { Revision = r.Id })]));
        }
        if (_byName[name].Values is [{ Source.Kind: SourceKind.Override } o]) layers.Add(new ParameterLayer(null, "覆盖值（假设分析）", null, [o]));
        return layers.ToImmutable();
    }

    /// <summary>
    /// A copy with <paramref name="revisions"/> layered over the pack after any already applied (V-2), as known on
    /// <paramref name="knownOn"/> (null = every revision); what-if overrides still apply on top of every layer.
    /// The same revision (same id and content) given twice is applied once.
    /// </summary>
    /// <exception cref="ParameterException">Two different revisions with one id.</exception>
    public ParameterStore WithRevisions(IEnumerable<Revision> revisions, DateOnly? knownOn)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var list = _given.ToBuilder();
        foreach (var r in revisions)
        {
            var same = list.FirstOrDefault(x => x.Id == r.Id);
            if (same is null) { list.Add(r); continue; }
            if (!ReferenceEquals(same, r) && same.Canonical() != r.Canonical())
                throw new ParameterException("", $"修订编号 {r.Id} 重复：{same.File ?? "（未命名）"} 与 {r.File ?? "（未命名）"} 的内容不同");
        }
        if (list.Count == _given.Length && knownOn == KnownOn) return this;
        return new ParameterStore(_pack, list.ToImmutable(), knownOn, _overrides, Check, Derive);
    }

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
                var value = ParameterValues.Canonical(v.Value);
                sb.Append(v.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                  .Append(v.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                  .Append(value).Append('|').Append(v.Source.Reference).Append('|').Append(v.Source.Note);
                if (v.Revision is not null) sb.Append('|').Append(v.Revision);
                sb.Append('\n');
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
        Derive?.Invoke(values);
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
        var list = _overrides.ToBuilder();
        var any = false;
        foreach (var (name, text) in overrides)
        {
            if (!_packByName.TryGetValue(name, out var def))
                throw new ParameterException(name, $"未知参数“{name}”（可用 `renewal params` 查看全部参数）");
            var value = def.ParseValue(text);
            if (Check?.Invoke(name, value) is { } problem) throw new ParameterException(name, $"参数 {name}：{problem}");
            list.RemoveAll(o => o.Name == name);
            list.Add(new Override(name, value, origin, text));
            any = true;
        }
        return any ? new ParameterStore(_pack, _given, KnownOn, list.ToImmutable(), Check, Derive) : this;
    }

    /// <summary>Loads the parameters file of the 昆政办发〔2024〕36号 policy pack, embedded in this assembly.</summary>
    public static ParameterStore LoadKunshan2024()
    {
        using var stream = typeof(ParameterStore).Assembly.GetManifestResourceStream("Renewal.Policy.Kunshan2024.parameters.yaml")
            ?? throw new InvalidOperationException("embedded parameters.yaml is missing");
        using var reader = new StreamReader(stream);
        var store = Parse(reader.ReadToEnd(), "Kunshan2024/parameters.yaml");
        return new ParameterStore(store._pack, [], null, [], Kunshan2024.PackChecks.Problem, Kunshan2024.PackChecks.DeriveLegacyNames);
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
                object value;
                try { value = ParseNode(name, type, vNode); }
                catch (ParameterException e) { throw new ParameterException(name, $"{Where(vNode)}：{e.Message}"); }
                values.Add(new DatedValue(from, until, value, ParameterSource.Parse(sourceText, Scalar(item, "note"))));
            }
            defs.Add(new ParameterDefinition(name, type, description, values.ToImmutable()));
        }
        return new ParameterStore(defs);
    }

    /// <summary>A value of type <paramref name="type"/> from a YAML node: a scalar, a list of scalars, or a caps table.</summary>
    /// <exception cref="ParameterException">Not a value of that type.</exception>
    internal static object ParseNode(string name, ParameterType type, YamlNode node)
    {
        if (type == ParameterType.Caps) return CapRow.ParseNode(name, node);
        string text;
        if (node is YamlSequenceNode list)
        {
            if (type != ParameterType.List) throw new ParameterException(name, $"参数 {name} 应为单个值，不是列表");
            if (list.Children.Any(c => c is not YamlScalarNode)) throw new ParameterException(name, $"参数 {name} 应为标识列表");
            text = string.Join(',', list.Children.Select(c => ((YamlScalarNode)c).Value));
        }
        else if (node is YamlScalarNode sc)
        {
            text = sc.Value ?? "";
        }
        else throw new ParameterException(name, $"参数 {name} 的值应为单个值或列表");
        return ParameterDefinition.ParseValue(name, type, text);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s ? s.Value : null;

    private static DateOnly ParseDate(string? text, string where, string name) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ParameterException(name, $"{where}：日期“{text}”应为 yyyy-MM-dd");
}

/// <summary>One layer of a parameter (V-2): the pack, a revision, or an override, with its own dated values.</summary>
/// <param name="Revision">The revision's id; null for the pack and for an override.</param>
/// <param name="Title">What the layer is, in Chinese.</param>
/// <param name="PublishedOn">When it became known; null for an override.</param>
/// <param name="Values">Its values for the parameter, as written.</param>
public sealed record ParameterLayer(string? Revision, string Title, DateOnly? PublishedOn, ImmutableArray<DatedValue> Values);

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
