using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Services.Simulation;

/// <summary>One row of a caps table as a person fills it in a form; every field as typed (empty or null when left blank).</summary>
/// <param name="Id">The row's id, e.g. D-6a.</param>
/// <param name="Levels">The levels it covers: codes (province) or words (省级), one per entry.</param>
/// <param name="Per">project / enterprise, or 每项目 / 每企业.</param>
/// <param name="Amount">The cap in 元, as <see cref="ParameterInput"/> reads money: 500万, 5,000,000, ￥5,000,000.00.</param>
public sealed record CapRowInput(string? Id, IReadOnlyList<string> Levels, string? Per, string? Amount)
{
    /// <summary>Nothing typed: an empty row of the form, skipped.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Id) && Levels.All(string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(Amount);
}

/// <summary>
/// The known choices of a list or text parameter: the pack's <see cref="Vocabulary"/> group its values are drawn from.
/// <see cref="Open"/> lists (the scopes of A-1, the clusters of B-2: “等”) also take a new identifier; the others only these.
/// </summary>
public sealed record ParameterChoices(IReadOnlyList<Term> Terms, bool Open);

/// <summary>
/// Parameter values as a person types them on a form, read into the value of the parameter's type and into the
/// canonical text that <see cref="ParameterDefinition.ParseValue"/>, <c>--set</c> and the query <c>set=name=value</c> take.
/// </summary>
/// <remarks>
/// Full-width characters are read as their ASCII forms (NFKC: １０％ = 10%). Rates are typed in percent (10, 10%, 1.5 →
/// 0.10, 0.10, 0.015); money in 元 or 万元 (500万, 5,000,000, ￥5,000,000.00), at most two decimals in 元; booleans as
/// 是/否, true/false, yes/no; lists separated by , 、 ； each item a code or its word in the pack's vocabulary (an empty
/// list: 无 or []); dates as 2024-01-01, 2024/1/1 or 2024年1月1日; a caps table as the YAML text <c>--set</c> takes, or
/// as rows (<see cref="ParseRows"/>). Every refusal is a <see cref="ParameterException"/> whose Chinese message names the
/// parameter in words and by its id: “技改综合奖补基础比例（tech_renovation.base_rate）：“abc”不是百分比，例如 8%”.
/// </remarks>
public static class ParameterInput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ---- names ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The parameter in words: its scheme and the head of its description, “技改综合奖补基础比例”,
    /// “重大示范项目奖励比例”, “昆山市级贴息期”.
    /// </summary>
    public static string Title(ParameterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var description = definition.Description ?? "";
        var end = description.IndexOfAny(['（', '(', '：', ':', '，', ',', '；', ';']);
        var head = (end < 0 ? description : description[..end]).Trim();
        if (head.Length == 0) return definition.Name;
        var scope = Scope(definition.Name, head);
        if (scope.Length == 0 || head.Contains(scope, StringComparison.Ordinal)) return head;
        // 技改综合奖补 + 综合奖补基础比例 = 技改综合奖补基础比例: the words they share are said once.
        for (var n = Math.Min(scope.Length, head.Length); n > 0; n--)
        {
            if (head.StartsWith(scope[^n..], StringComparison.Ordinal)) return scope + head[n..];
        }
        return scope + head;
    }

    /// <summary>The parameter in words with its id behind: “技改综合奖补基础比例（tech_renovation.base_rate）”.</summary>
    public static string Named(ParameterDefinition definition) => $"{Title(definition)}（{definition?.Name}）";

    // The scheme a parameter belongs to, when its description does not say it already.
    private static string Scope(string name, string head)
    {
        var first = name.Split('.')[0];
        if (Codes.TryParse(first, out Scheme scheme)) return Codes.Label(scheme);
        if (first != "loan") return "";
        var parts = name.Split('.');
        if (parts.Length > 2 && Codes.TryParse(parts[1], out Level _)) return ""; // 昆山市级贴息期: the level says it
        return head.Contains("贷款", StringComparison.Ordinal) || head.Contains("贴息", StringComparison.Ordinal) ? "" : Codes.Label(Scheme.LoanInterest);
    }

    // ---- parsing ----------------------------------------------------------------------------------------------------

    /// <summary>The value <paramref name="text"/> means for <paramref name="definition"/>, of the type its values have.</summary>
    /// <exception cref="ParameterException">Not a value of the parameter; the message names it in words and by id.</exception>
    public static object Parse(ParameterDefinition definition, string text)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(text);
        var t = Fold(text);
        return definition.Type switch
        {
            ParameterType.Rate => ParseRate(definition, text, t),
            ParameterType.Money => ParseMoney(definition, text, t, null),
            ParameterType.Number => ParseNumber(definition, text, t),
            ParameterType.WholeNumber => ParseWholeNumber(definition, text, t),
            ParameterType.Boolean => ParseBoolean(definition, text, t),
            ParameterType.Date => ParseDate(definition, text, t),
            ParameterType.List => ParseList(definition, t),
            ParameterType.Text => ParseText(definition, text, t),
            ParameterType.Caps => ParseCapsText(definition, text),
            _ => throw Refused(definition, "类型未知"),
        };
    }

    /// <summary>
    /// The canonical text of what <paramref name="text"/> means: what <see cref="ParameterDefinition.ParseValue"/> and
    /// <c>set=name=value</c> take (10% → 0.1, 500万 → 5000000, 省级、昆山市级 → province,kunshan, an empty list → []).
    /// </summary>
    /// <exception cref="ParameterException">Not a value of the parameter; the message names it in words and by id.</exception>
    public static string ToCanonicalText(ParameterDefinition definition, string text) => Canonical(Parse(definition, text));

    /// <summary>The canonical text of a value (of any parameter type); an empty list is <c>[]</c>, never blank.</summary>
    public static string Canonical(object value) => value switch
    {
        ImmutableArray<string> { Length: 0 } => "[]",
        decimal d => Normal(d).ToString(Inv),
        _ => ParameterText.Format(value),
    };

    /// <summary>A rate as the percent a person types: 0.08 → 8, 0.015 → 1.5 (exact, no trailing zeros).</summary>
    public static string PercentText(decimal rate) => Normal(rate * 100m).ToString(Inv);

    /// <summary>
    /// A caps table from the rows of a form. Rows left wholly empty are skipped; every other row needs an id (unique),
    /// at least one level, a scope and an amount in 元. No row at all is the empty table (nothing capped).
    /// </summary>
    /// <exception cref="ParameterException">A row is incomplete or wrong; the message names the parameter, the row and the field.</exception>
    public static CapsTable ParseRows(ParameterDefinition definition, IEnumerable<CapRowInput> rows)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rows);
        if (definition.Type != ParameterType.Caps) throw Refused(definition, "不是上限表");
        var result = new List<CapRow>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var row in rows)
        {
            n++;
            if (row is null || row.IsEmpty) continue;
            string Where(string field) => $"第 {n} 行的{field}";
            var id = Fold(row.Id ?? "").Trim();
            if (id.Length == 0) throw Refused(definition, $"{Where("编号")}未填写");
            if (!ids.Add(id)) throw Refused(definition, $"{Where("编号")}“{id}”与前面的行重复");
            var levels = new List<Level>();
            foreach (var typed in row.Levels.Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                if (!Vocabulary.TryParse(typed, out Level level))
                    throw Refused(definition, $"{Where("层级")}“{typed.Trim()}”不是贴息层级（{Vocabulary.Choices<Level>()}）");
                if (levels.Contains(level)) throw Refused(definition, $"{Where("层级")}“{Codes.Label(level)}”重复");
                levels.Add(level);
            }
            if (levels.Count == 0) throw Refused(definition, $"{Where("层级")}未选择：至少选一个层级");
            var per = Fold(row.Per ?? "").Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "project" or "每项目" or "项目" or "每个项目" => CapScope.Project,
                "enterprise" or "每企业" or "企业" or "每家企业" => CapScope.Enterprise,
                "" => throw Refused(definition, $"{Where("范围")}未选择：每项目或每企业"),
                _ => throw Refused(definition, $"{Where("范围")}“{row.Per!.Trim()}”应为每项目或每企业"),
            };
            if (string.IsNullOrWhiteSpace(row.Amount)) throw Refused(definition, $"{Where("金额")}未填写");
            var amount = ParseMoney(definition, row.Amount, Fold(row.Amount), Where("金额"));
            result.Add(new CapRow(id, [.. levels], per, new Money(amount)));
        }
        return new CapsTable(result);
    }

    /// <summary>
    /// The known choices of a list or text parameter, or null (no group of the vocabulary holds its values; type words or
    /// codes). The group is the one that holds every value the parameter ever had; D-10's <c>yields_to</c> names levels.
    /// </summary>
    public static ParameterChoices? Choices(ParameterDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Type is not (ParameterType.List or ParameterType.Text)) return null;
        var items = definition.Values.SelectMany(v => v.Value switch
        {
            ImmutableArray<string> list => list.AsEnumerable(),
            string s => [s],
            _ => [],
        }).ToHashSet(StringComparer.Ordinal);
        if (items.Count == 0)
            return definition.Name.EndsWith(".yields_to", StringComparison.Ordinal) ? new ParameterChoices(Groups.Value[0].Terms, false) : null;
        return Groups.Value.FirstOrDefault(g => items.All(i => g.Terms.Any(t => t.Code == i)));
    }

    // The groups of the vocabulary a list parameter draws from: the closed enumerations, then the open lists.
    private static readonly Lazy<IReadOnlyList<ParameterChoices>> Groups = new(() =>
    [
        new([.. Enum.GetValues<Level>().Select(Vocabulary.Of)], false),
        new([.. Enum.GetValues<ProjectKind>().Select(Vocabulary.Of)], false),
        new([.. Enum.GetValues<ProjectStatus>().Select(Vocabulary.Of)], false),
        new([.. Enum.GetValues<LoanCategory>().Select(Vocabulary.Of)], false),
        new([.. Enum.GetValues<Scheme>().Select(Vocabulary.Of)], false),
        new(Vocabulary.Scopes, true),
        new(Vocabulary.Clusters, true),
    ]);

    private static decimal ParseRate(ParameterDefinition d, string typed, string t)
    {
        var s = Compact(t);
        if (s.EndsWith('%')) s = s[..^1];
        else if (s.StartsWith("百分之", StringComparison.Ordinal)) s = s[3..];
        if (!TryDecimal(s, out var percent)) throw Refused(d, $"“{typed.Trim()}”不是百分比，例如 8%");
        if (percent < 0) throw Refused(d, $"不能为负数：{typed.Trim()}");
        if (percent > 100) throw Refused(d, $"不能超过 100%：{typed.Trim()}");
        return Normal(percent / 100m);
    }

    private static decimal ParseMoney(ParameterDefinition d, string typed, string t, string? where)
    {
        var prefix = where is null ? "" : where + "：";
        var s = Compact(t).TrimStart('¥', '￥').Replace("人民币", "", StringComparison.Ordinal);
        var factor = 1m;
        if (s.EndsWith("万元", StringComparison.Ordinal)) (s, factor) = (s[..^2], 10_000m);
        else if (s.EndsWith('万')) (s, factor) = (s[..^1], 10_000m);
        else if (s.EndsWith('元')) s = s[..^1];
        if (!TryDecimal(s, out var number)) throw Refused(d, $"{prefix}“{typed.Trim()}”不是金额，例如 500万 或 5,000,000");
        decimal yuan;
        try { yuan = number * factor; }
        catch (OverflowException) { throw Refused(d, $"{prefix}金额过大：{typed.Trim()}"); }
        if (yuan < 0) throw Refused(d, $"{prefix}金额不能为负数：{typed.Trim()}");
        if (decimal.Round(yuan, 2) != yuan) throw Refused(d, $"{prefix}金额最多到分（两位小数的元）：{typed.Trim()}");
        return Normal(yuan);
    }

    private static decimal ParseNumber(ParameterDefinition d, string typed, string t)
    {
        var s = Compact(t).TrimEnd('倍');
        if (!TryDecimal(s, out var v)) throw Refused(d, $"“{typed.Trim()}”不是数字");
        if (v < 0) throw Refused(d, $"不能为负数：{typed.Trim()}");
        return Normal(v);
    }

    private static int ParseWholeNumber(ParameterDefinition d, string typed, string t)
    {
        var s = Compact(t);
        foreach (var unit in (string[])["个月", "月", "天", "日"])
        {
            if (s.EndsWith(unit, StringComparison.Ordinal)) { s = s[..^unit.Length]; break; }
        }
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, Inv, out var v) || v < 0) throw Refused(d, $"“{typed.Trim()}”不是非负整数");
        return v;
    }

    private static bool ParseBoolean(ParameterDefinition d, string typed, string t) => Compact(t).ToLowerInvariant() switch
    {
        "是" or "true" or "yes" or "y" or "1" => true,
        "否" or "false" or "no" or "n" or "0" => false,
        _ => throw Refused(d, $"“{typed.Trim()}”应为是或否"),
    };

    private static DateOnly ParseDate(ParameterDefinition d, string typed, string t)
    {
        var s = Compact(t);
        string[] formats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];
        if (!DateOnly.TryParseExact(s, formats, Inv, DateTimeStyles.None, out var date)) throw Refused(d, $"“{typed.Trim()}”不是日期，例如 2024-01-01");
        return date;
    }

    private static ImmutableArray<string> ParseList(ParameterDefinition d, string t)
    {
        var s = t.Trim();
        if (s.StartsWith('[') && s.EndsWith(']')) s = s[1..^1];
        var items = s.Split([',', '、', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items is ["无"] or ["（无）"] or ["(无)"]) return [];
        var choices = Choices(d);
        var codes = ImmutableArray.CreateBuilder<string>();
        foreach (var item in items)
        {
            var code = Item(choices, item) ?? throw Refused(d, choices is null
                ? $"“{item}”不是已知的名称，请填写编号或词表中的名称"
                : $"“{item}”不是可选项（可选：{string.Join("、", choices.Terms.Select(x => x.Label))}）");
            if (codes.Contains(code)) throw Refused(d, $"“{item}”重复");
            codes.Add(code);
        }
        return codes.ToImmutable();
    }

    private static string ParseText(ParameterDefinition d, string typed, string t)
    {
        var s = t.Trim();
        if (s.Length == 0) throw Refused(d, "不能为空");
        var choices = Choices(d);
        return Item(choices, s) ?? throw Refused(d, choices is null
            ? $"“{typed.Trim()}”不是已知的名称，请填写编号"
            : $"“{typed.Trim()}”不是可选项（可选：{string.Join("、", choices.Terms.Select(x => x.Label))}）");
    }

    // An item of a list or text: a code or word of its group; an identifier, when the group is open or unknown; a word
    // of any group, when unknown.
    private static string? Item(ParameterChoices? choices, string item)
    {
        if (choices is not null)
        {
            if (Vocabulary.ParseListItem(item, choices.Terms) is { } known) return known;
            return choices.Open && IsIdentifier(item) ? item : null;
        }
        if (IsIdentifier(item)) return item;
        return Vocabulary.ParseListItem(item, Groups.Value.SelectMany(g => g.Terms));
    }

    private static bool IsIdentifier(string s) => s.Length > 0 && s.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.');

    private static CapsTable ParseCapsText(ParameterDefinition d, string text)
    {
        try
        {
            return CapRow.ParseText(d.Name, text.Trim());
        }
        catch (ParameterException e)
        {
            // The table's own message names the row and field by their keys; say which parameter in words too.
            var own = $"参数 {d.Name} ";
            var message = e.Message.StartsWith(own + "第", StringComparison.Ordinal) ? e.Message[own.Length..] : e.Message;
            throw new ParameterException(d.Name, $"{Named(d)}：{message}");
        }
    }

    // ---- text ---------------------------------------------------------------------------------------------------------

    private static ParameterException Refused(ParameterDefinition d, string what) => new(d.Name, $"{Named(d)}：{what}");

    // Full-width to ASCII (１０％ → 10%, ，→ ,, ￥ → ¥) and the ideographic space to a space.
    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC);

    // No blanks inside a number: 10 %, 5 000 000, 500 万元.
    private static string Compact(string folded)
    {
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format) sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool TryDecimal(string s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, Inv, out value);

    // 0.100 → 0.1, 5000000.00 → 5000000: equal values have one text.
    private static decimal Normal(decimal d) => d / 1.0000000000000000000000000000m;
}
