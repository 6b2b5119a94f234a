using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// How an article, an interpretation or an assumption is said to people. The engine keeps its identifiers — a trace
/// step's article is "Annex §2(1)2", a parameter's source "Plan §三(二)", "I-14" or "ASSUMED" (SCENARIOS.md, the
/// tests and the shared cases compare them) — and every page, workbook, PDF and command line shows them through
/// here: 细则二（一）2, 行动计划三（二）, 本平台解释 I-14：…, 暂定值，待市局确定.
/// </summary>
public static partial class Citations
{
    /// <summary>What a value the seed does not state (source <c>ASSUMED</c>) is called.</summary>
    public const string AssumedWords = "暂定值，待市局确定";

    /// <summary>How an interpretation of POLICY.md is introduced: 本平台解释 I-14.</summary>
    public const string InterpretationPrefix = "本平台解释";

    /// <summary>The interpretations of POLICY.md the engine cites, in a few Chinese words each.</summary>
    public static IReadOnlyDictionary<string, string> Interpretations { get; } = new Dictionary<string, string>
    {
        ["I-1"] = "示范项目奖励基数为累计数字化投资",
        ["I-2"] = "示范项目在竣工当年奖励",
        ["I-3"] = "有效投入奖补单个项目上限为项目全周期累计",
        ["I-5"] = "示范项目奖励与有效投入奖补就高不重复",
        ["I-6"] = "技改投资计入技术改造和扩建项目",
        ["I-7"] = "智能化数字化投资达标时奖励翻倍",
        ["I-9"] = "每笔奖励四舍五入到分",
        ["I-10"] = "贷款期限五年以内适用一年期 LPR，以上适用五年期以上 LPR",
        ["I-11"] = "放款日计息，到期日不计息",
        ["I-12"] = "贴息只计行动计划期内的天数",
        ["I-13"] = "各级贴息按次序叠加，总额不超过 3 个百分点",
        ["I-14"] = "只对贷款中用于设备投资的部分贴息",
        ["I-16"] = "技术改造项目视同改扩建项目",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// An article reference in Chinese: "Annex §2(1)2" → 细则二（一）2; "Plan §三(二)" → 行动计划三（二）;
    /// "I-14" → 本平台解释 I-14：只对贷款中用于设备投资的部分贴息; "ASSUMED" → 暂定值，待市局确定. A list
    /// ("Annex §1(2), I-2") is said part by part, joined by “，”; anything else is returned as it is.
    /// </summary>
    public static string Chinese(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return "";
        return string.Join("，", reference.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Part));
    }

    /// <summary>An interpretation in words: 本平台解释 I-14：只对贷款中用于设备投资的部分贴息 (just 本平台解释 I-n when unknown).</summary>
    public static string Interpretation(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Interpretations.TryGetValue(id, out var words) ? $"{InterpretationPrefix} {id}：{words}" : $"{InterpretationPrefix} {id}";
    }

    /// <summary>
    /// The engine's free text (a trace step, an advice) as people read it: the vocabulary's codes in it as labels
    /// (<see cref="Vocabulary.InText"/>), then the citations as words (<see cref="InText"/>).
    /// </summary>
    public static string Explained(string? text) => InText(Vocabulary.InText(text));

    /// <summary>
    /// Free text (a trace step, an advice) with the identifiers in it said in Chinese: every “Annex §…” and
    /// “Plan §…” becomes its Chinese article, every bare “I-n” its interpretation in words, and “ASSUMED” the
    /// words for an assumed value. Rule IDs (B-3, D-E4) stay: they are the platform's names of rules.
    /// </summary>
    public static string InText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = AnnexInText().Replace(text, m => Part(m.Value));
        s = PlanInText().Replace(s, m => Part(m.Value));
        s = InterpretationInText().Replace(s, m => Interpretation(m.Value));
        return AssumedInText().Replace(s, AssumedWords);
    }

    private static string Part(string part)
    {
        var m = AnnexArticle().Match(part);
        if (m.Success)
        {
            var s = "细则" + Numeral(m.Groups[1].Value);
            if (m.Groups[2].Success) s += "（" + Numeral(m.Groups[2].Value) + "）";
            return s + m.Groups[3].Value;
        }
        var p = PlanArticle().Match(part);
        if (p.Success) return "行动计划" + p.Groups[1].Value + (p.Groups[2].Success ? "（" + p.Groups[2].Value + "）" : "");
        if (InterpretationId().IsMatch(part)) return Interpretation(part);
        return part == "ASSUMED" ? AssumedWords : part;
    }

    private static string Numeral(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 10 ? "一二三四五六七八九"[n - 1].ToString() : digits;

    [GeneratedRegex(@"^Annex §(\d+)(?:\((\d+)\))?(\d*)$", RegexOptions.CultureInvariant)]
    private static partial Regex AnnexArticle();

    [GeneratedRegex(@"^Plan §([^(（]+)(?:\(([^)]+)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlanArticle();

    [GeneratedRegex(@"^I-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex InterpretationId();

    [GeneratedRegex(@"Annex §\d+(?:\(\d+\))?\d*", RegexOptions.CultureInvariant)]
    private static partial Regex AnnexInText();

    [GeneratedRegex(@"Plan §[一二三四五六七八九十]+(?:\([一二三四五六七八九十]+\))?", RegexOptions.CultureInvariant)]
    private static partial Regex PlanInText();

    // A bare I-n: not one already introduced by 本平台解释, not part of a longer identifier.
    [GeneratedRegex(@"(?<!本平台解释 )(?<![A-Za-z0-9_-])I-\d+(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex InterpretationInText();

    [GeneratedRegex(@"(?<![A-Za-z])ASSUMED(?![A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex AssumedInText();
}
