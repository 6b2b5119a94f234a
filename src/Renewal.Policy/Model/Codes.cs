using Renewal.Policy.Kunshan2024;

namespace Renewal.Policy.Model;

/// <summary>
/// The identifiers used in scenario files, stored rows and outputs: <c>Of</c> writes one, <c>TryParse</c> reads one
/// strictly (identifiers only). Labels and the parser of what people type are the pack's <see cref="Vocabulary"/>.
/// </summary>
public static class Codes
{
    public static string Of(ProjectKind k) => Vocabulary.Of(k).Code;

    public static string Of(ProjectStatus s) => Vocabulary.Of(s).Code;

    public static string Of(LoanCategory c) => Vocabulary.Of(c).Code;

    public static string Of(Level l) => Vocabulary.Of(l).Code;

    public static string Of(Scheme s) => Vocabulary.Of(s).Code;

    public static bool TryParse(string? text, out ProjectKind value) => Vocabulary.TryParseCode(text, out value);

    public static bool TryParse(string? text, out ProjectStatus value) => Vocabulary.TryParseCode(text, out value);

    public static bool TryParse(string? text, out LoanCategory value) => Vocabulary.TryParseCode(text, out value);

    public static bool TryParse(string? text, out Level value) => Vocabulary.TryParseCode(text, out value);

    public static bool TryParse(string? text, out Scheme value) => Vocabulary.TryParseCode(text, out value);

    // The Chinese labels live in the pack's vocabulary (Kunshan2024/Vocabulary.cs), with the spellings people type.

    /// <summary>Chinese name of a scheme (<see cref="Vocabulary"/>).</summary>
    public static string Label(Scheme s) => Vocabulary.Label(s);

    /// <summary>Chinese name of a level (<see cref="Vocabulary"/>).</summary>
    public static string Label(Level l) => Vocabulary.Label(l);

    /// <summary>Chinese name of a project status (<see cref="Vocabulary"/>).</summary>
    public static string Label(ProjectStatus s) => Vocabulary.Label(s);

    /// <summary>Chinese name of a project kind (<see cref="Vocabulary"/>).</summary>
    public static string Label(ProjectKind k) => Vocabulary.Label(k);

    /// <summary>Chinese name of a loan category (<see cref="Vocabulary"/>).</summary>
    public static string Label(LoanCategory c) => Vocabulary.Label(c);

    /// <summary>The 12 plan areas (区镇) — the default configuration.</summary>
    public static readonly IReadOnlyList<string> DefaultAreas =
    [
        "昆山开发区", "昆山高新区", "花桥经济开发区", "旅游度假区", "周市镇", "陆家镇", "张浦镇",
        "巴城镇", "千灯镇", "淀山湖镇", "锦溪镇", "周庄镇",
    ];
}
