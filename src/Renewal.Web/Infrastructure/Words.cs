using Renewal.Policy.Kunshan2024;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// What the pages show for the engine's identifiers, in the page's language: the pack's <see cref="Vocabulary"/>
/// for codes and its <see cref="Citations"/> for articles, interpretations and assumed values. No page writes a
/// code, an “Annex §” or an “I-n” of its own.
/// </summary>
public static partial class Words
{
    /// <summary>A scope, cluster, kind, category, level or scheme identifier as a word (unknown identifiers as they are).</summary>
    public static string Term(string code) =>
        Vocabulary.Find(code) is { } t ? t.In(Lang.IsEnglish) : code;

    /// <summary>A list of identifiers as words, joined by 、.</summary>
    public static string Terms(IEnumerable<string> codes) => string.Join(Lang.T("、", ", "), codes.Select(Term));

    /// <summary>The plan tasks of a project: “2 高端先进设备、7 智能工厂”.</summary>
    public static string Tasks(IEnumerable<int> tasks) => string.Join(Lang.T("、", ", "), tasks.Select(Vocabulary.TaskLabel));

    /// <summary>An equipment type of the catalogue by its Chinese name.</summary>
    public static string EquipmentType(string id) => Vocabulary.EquipmentType(id);

    /// <summary>An article reference of a trace step or a parameter: 细则二（一）2, 行动计划三（二）, 本平台解释 I-2：…</summary>
    public static string Article(string? reference) => Citations.InText(Citations.Chinese(reference));

    /// <summary>
    /// A trace step's rule id as shown beside its article: rule ids (B-3, D-E4) as they are, an interpretation (I-9, the
    /// rounding of a loan's yearly sum) in its words — and then the article, the same interpretation, is not said twice.
    /// </summary>
    public static (string Rule, string? Article) RuleAndArticle(string rule, string? article)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!Citations.InText(rule).Equals(rule, StringComparison.Ordinal))
            return (Citations.InText(rule), string.Equals(article, rule, StringComparison.Ordinal) ? null : Article(article));
        return (rule, Article(article));
    }

    /// <summary>Free text from the engine (a trace step, an advice) with its identifiers said in words.</summary>
    public static string Text(string? text) => Citations.Explained(text);

    /// <summary>A parameter value as a person reads it: a list of identifiers as words, anything else as it is.</summary>
    public static string Value(string value) =>
        value.Contains(',', StringComparison.Ordinal) || Vocabulary.Find(value) is not null
            ? string.Join(Lang.T("、", ", "), value.Split(',', StringSplitOptions.TrimEntries).Select(Term))
            : value;

    /// <summary>An application's approved amounts by level as stored (<c>province=1200.5;kunshan=300</c>): “省级 1,200.50 元；昆山市级 300.00 元”.</summary>
    public static string ByLevel(string? stored) => string.Join(Lang.T("；", "; "), (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .Select(p => p.Length == 2 && decimal.TryParse(p[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var yuan)
            ? $"{Term(p[0])} {Display.Yuan(yuan)} {Lang.T("元", "yuan")}" : Term(p[0])));

    /// <summary>The tag of a result that used a value the seed does not state.</summary>
    public static string Assumed => Lang.T("含暂定值（" + Citations.AssumedWords + "）", "includes a provisional value, to be set by the bureau");
}
