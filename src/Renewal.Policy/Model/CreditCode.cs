namespace Renewal.Policy.Model;

/// <summary>统一社会信用代码, the unified social credit code of GB 32100-2015.</summary>
/// <remarks>
/// 18 characters from <c>0-9 A-H J-N P-R T U W-Y</c> (no I, O, S, V, Z); the last is a check character:
/// 31 − (Σ value(cᵢ)·wᵢ mod 31), with 31 written as 0. POLICY.md, "Identifiers and validation".
/// </remarks>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Why <paramref name="code"/> is not a valid credit code (in Chinese), or null when it is.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "统一社会信用代码不能为空";
        if (code.Length != 18) return $"统一社会信用代码应为 18 位，实际为 {code.Length} 位";
        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
                return $"统一社会信用代码第 {i + 1} 位“{code[i]}”不是允许的字符（0-9 及除 I、O、S、V、Z 外的大写字母）";
        }
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : $"统一社会信用代码校验位应为“{expected}”，实际为“{code[17]}”";
    }

    /// <summary>True when <paramref name="code"/> is a valid credit code.</summary>
    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>The check character for the first 17 characters of a code.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要 17 位", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0) throw new ArgumentException($"非法字符 {first17[i]}", nameof(first17));
            sum += v * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}

/// <summary>An industry code of GB/T 4754-2017: a section letter, optionally followed by 2–4 digits.</summary>
/// <remarks>
/// Industrial enterprises (B-1, C-1) are sections B (mining), C (manufacturing) and D (utilities); manufacturing
/// (D-E1) is section C, divisions 13–43.
/// </remarks>
public readonly record struct IndustryCode
{
    private IndustryCode(string value) => Value = value;

    /// <summary>The code as written, e.g. "C3421".</summary>
    public string Value { get; }

    /// <summary>The section letter A–T.</summary>
    public char Section => Value[0];

    /// <summary>The two-digit division, or null when only the section is given.</summary>
    public int? Division => Value.Length >= 3 ? (Value[1] - '0') * 10 + (Value[2] - '0') : null;

    /// <summary>Section C: manufacturing (D-E1).</summary>
    public bool IsManufacturing => Section == 'C';

    /// <summary>Parses a code, or returns the reason it is invalid (in Chinese).</summary>
    public static bool TryParse(string? text, out IndustryCode code, out string? problem)
    {
        code = default;
        problem = null;
        if (string.IsNullOrEmpty(text)) { problem = "国民经济行业代码不能为空"; return false; }
        if (text[0] < 'A' || text[0] > 'T')
        { problem = $"国民经济行业代码“{text}”应以门类字母 A–T 开头"; return false; }
        var digits = text.Length - 1;
        if (digits != 0 && (digits < 2 || digits > 4))
        { problem = $"国民经济行业代码“{text}”的门类字母后应为 2–4 位数字"; return false; }
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9') { problem = $"国民经济行业代码“{text}”的门类字母后应为数字"; return false; }
        }
        code = new IndustryCode(text);
        if (text[0] == 'C' && code.Division is { } d && (d < 13 || d > 43))
        { problem = $"制造业（C 门类）大类应在 13–43 之间，“{text}”为 {d}"; code = default; return false; }
        return true;
    }

    /// <summary>Parses a code or throws <see cref="FormatException"/>.</summary>
    public static IndustryCode Parse(string text) =>
        TryParse(text, out var code, out var problem) ? code : throw new FormatException(problem);

    public override string ToString() => Value;
}
