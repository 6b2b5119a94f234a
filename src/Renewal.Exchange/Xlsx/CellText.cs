using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Exchange.Xlsx;

/// <summary>
/// The one reader of cells as people fill them in, for the library workbook (cells of <see cref="XCell"/>) and the
/// ledger (the values MiniExcel gives: null, string, double, DateTime, bool): full-width digits and punctuation,
/// thousands separators, numbers stored as text, stray blanks, dates as date cells, serial numbers or text in the
/// usual Chinese forms. Each parser returns the value or a reason in Chinese; the caller adds sheet, row and column.
/// Words (kinds, categories, levels) are read by the pack's <see cref="Vocabulary"/>.
/// </summary>
public static partial class CellText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Full-width ASCII (Ｐ１，．) to ASCII, ideographic and no-break spaces to spaces, zero-width characters removed, trimmed.</summary>
    public static string Ascii(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            char? replacement = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' => ' ',
                '\uFFE5' => '¥',
                _ => null,
            };
            var drop = c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF';
            if (replacement is null && !drop)
            {
                sb?.Append(c);
                continue;
            }
            sb ??= new StringBuilder(s, 0, i, s.Length);
            if (!drop) sb.Append(replacement!.Value);
        }
        return (sb?.ToString() ?? s).Trim();
    }

    /// <summary>Free text (names): trimmed of ordinary, ideographic and no-break spaces and zero-width characters; inner text kept.</summary>
    public static string Clean(string s) => s.Trim(' ', '\t', '\r', '\n', '\u3000', '\u00A0', '\u200B', '\uFEFF');

    /// <summary>The cell as text: numbers as stored, booleans as TRUE/FALSE.</summary>
    public static string Raw(XCell cell) => cell.Kind switch
    {
        CellKind.Boolean => cell.Value == "1" ? "TRUE" : "FALSE",
        _ => cell.Value,
    };

    /// <summary>
    /// A decimal from a numeric cell. Spreadsheet numbers are doubles: text with more than 15 significant digits is a
    /// binary artefact (0.30000000000000004) and is rounded to 15 significant digits, as Excel shows it.
    /// </summary>
    public static bool TryNumberCell(string raw, out decimal value)
    {
        value = 0;
        if (raw.Length > 200 || !decimal.TryParse(raw, NumberStyles.Float, Inv, out var d)) return false;
        if (SignificantDigits(raw) > 15
            && double.TryParse(raw, NumberStyles.Float, Inv, out var dbl)
            && decimal.TryParse(dbl.ToString("G15", Inv), NumberStyles.Float, Inv, out var rounded))
            d = rounded;
        value = d;
        return true;
    }

    private static int SignificantDigits(string raw)
    {
        var mantissa = raw;
        var e = raw.IndexOfAny(['e', 'E']);
        if (e >= 0) mantissa = raw[..e];
        var digits = mantissa.Where(char.IsAsciiDigit).SkipWhile(c => c == '0').ToArray();
        var n = digits.Length;
        if (mantissa.Contains('.', StringComparison.Ordinal))
            return n; // trailing zeros after the point still count as written
        while (n > 0 && digits[n - 1] == '0') n--;
        return n;
    }

    /// <summary>A number typed as text: full-width, thousands separators (1,234,567.89), a leading ¥, exponent.</summary>
    public static bool TryNumberText(string text, out decimal value, out string? problem)
    {
        value = 0;
        problem = null;
        if (text.Length > 200)
        {
            problem = "不是有效的数字（内容过长）";
            return false;
        }
        var s = Ascii(text).Replace(" ", "", StringComparison.Ordinal);
        if (s.StartsWith('¥')) s = s[1..];
        if (s.Contains(',', StringComparison.Ordinal))
        {
            if (!Grouped().IsMatch(s))
            {
                problem = $"“{text}”不是有效的数字（千分位分隔符位置不对）";
                return false;
            }
            s = s.Replace(",", "", StringComparison.Ordinal);
        }
        if (s.Length == 0 || !decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, Inv, out value))
        {
            problem = $"“{text}”不是有效的数字";
            return false;
        }
        return true;
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateText();

    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactDate();

    /// <summary>Earliest and latest dates the library accepts (a typo such as a money amount in a date column lands outside).</summary>
    public static readonly DateOnly MinDate = new(1980, 1, 1);
    public static readonly DateOnly MaxDate = new(2100, 12, 31);

    /// <summary>A date from an Excel serial number (days since 1899-12-30, or since 1904-01-01 in 1904 workbooks).</summary>
    public static bool TrySerial(decimal serial, bool date1904, out DateOnly date)
    {
        date = default;
        var days = decimal.Floor(serial) + (date1904 ? 1462 : 0);
        if (days < 61 || days > 2_958_465) return false; // before 1900-03-01 Excel's serials are off by one (the 1900 leap-year bug)
        date = DateOnly.FromDayNumber(new DateOnly(1899, 12, 30).DayNumber + (int)days);
        return true;
    }

    /// <summary>The Excel serial number of <paramref name="date"/> (1900 date system).</summary>
    public static int Serial(DateOnly date) => date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    /// <summary>A date typed as text: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, with an optional time; or a serial number as text.</summary>
    public static bool TryDateText(string text, bool date1904, out DateOnly date)
    {
        date = default;
        if (text.Length > 64) return false; // keeps the regular expressions linear on hostile cells
        var s = Ascii(text);
        var m = DateText().Match(s);
        if (!m.Success) m = CompactDate().Match(s);
        if (m.Success)
        {
            var y = int.Parse(m.Groups[1].Value, Inv);
            var mo = int.Parse(m.Groups[2].Value, Inv);
            var d = int.Parse(m.Groups[3].Value, Inv);
            if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y == 0 ? 1 : y, mo)) return false;
            date = new DateOnly(y, mo, d);
            return true;
        }
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, Inv, out var serial) && TrySerial(serial, date1904, out date);
    }

    /// <summary>An ISO 8601 date or date-time (cells of type <c>d</c>).</summary>
    public static bool TryIsoDate(string text, out DateOnly date)
    {
        date = default;
        if (text.Length > 64) return false;
        if (DateTime.TryParse(text, Inv, DateTimeStyles.RoundtripKind, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }
        return false;
    }

    /// <summary>是/否 and the usual spellings of yes and no.</summary>
    public static bool? Boolean(string text) => Ascii(text).ToUpperInvariant() switch
    {
        "是" or "Y" or "YES" or "TRUE" or "1" or "√" or "✓" or "有" => true,
        "否" or "N" or "NO" or "FALSE" or "0" or "×" or "✗" or "无" => false,
        _ => null,
    };

    /// <summary>Splits a list cell on commas, 、, semicolons and spaces (full-width too).</summary>
    public static List<string> Items(string text) =>
        [.. Ascii(text).Split([',', '、', ';', ' ', '\n', '\r', '\t', '/', '，', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A decimal as the shortest invariant text (no trailing zeros, no exponent).</summary>
    public static string Format(decimal value)
    {
        var s = value.ToString("0.############################", Inv);
        return s == "-0" ? "0" : s;
    }

    // ---- cells as MiniExcel gives them (the ledger): null, string, double, DateTime, bool … ---------------------------
    // Each reader returns the value or the reason, in Chinese, that the cell is not usable; the caller adds the place.

    public static bool IsBlank(object? cell) => cell is null || (cell is string s && TrimBlanks(s).Length == 0);

    /// <summary>The cell as text: trimmed (also of full-width and zero-width blanks); whole numbers without “.0”.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        string s => TrimBlanks(s),
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        decimal m => Normalize(m).ToString(Inv),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", Inv) : t.ToString("yyyy-MM-dd HH:mm:ss", Inv),
        DateOnly d => d.ToString("yyyy-MM-dd", Inv),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, Inv).Trim(),
        _ => TrimBlanks(cell.ToString() ?? ""),
    };

    /// <summary>Text folded to its plain form: full-width digits, letters and punctuation become ASCII (NFKC), blanks removed.</summary>
    private static string Folded(object? cell)
    {
        var text = Text(cell).Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format) sb.Append(c);
        }
        return sb.ToString();
    }

    private static string TrimBlanks(string s) => s.Trim().Trim('\u200B', '\uFEFF', '\u200C', '\u200D', '\u2060').Trim();

    private static string FormatNumber(double d) =>
        Math.Abs(d) < 1e15 && d == Math.Floor(d) ? d.ToString("0", Inv) : ToDecimal(d) is { } m ? Normalize(m).ToString(Inv) : d.ToString("R", Inv);

    /// <summary>A double from Excel to decimal, at the 15 significant digits Excel itself shows (so 3.45 stays 3.45).</summary>
    private static decimal? ToDecimal(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 7.9e27) return null;
        return Convert.ToDecimal(d, Inv);
    }

    /// <summary>Drops trailing zeros of the scale (100000000.00 → 100000000), so equal amounts write the same.</summary>
    public static decimal Normalize(decimal v) => v / 1.000000000000000000000000000000000m;

    /// <summary>Required text: an identifier or a name.</summary>
    public static string? Required(object? cell, out string? problem)
    {
        var t = Text(cell);
        problem = t.Length == 0 ? "不能为空" : null;
        return problem is null ? t : null;
    }

    /// <summary>An amount in yuan: ≥ 0, at most two decimals (POLICY.md, “Identifiers and validation”).</summary>
    public static decimal? Money(object? cell, out string? problem)
    {
        problem = null;
        decimal v;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        if (cell is double d)
        {
            if (ToDecimal(d) is not { } m) { problem = $"“{Text(cell)}”不是有效金额"; return null; }
            v = m;
        }
        else
        {
            var t = Folded(cell).Replace(",", "", StringComparison.Ordinal).TrimStart('¥').TrimEnd('元');
            if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, Inv, out v))
            { problem = $"“{Text(cell)}”不是有效金额（应为以元为单位的数字，如 100000000 或 100,000,000.00）"; return null; }
        }
        if (v < 0) { problem = $"金额不能为负数：“{Text(cell)}”"; return null; }
        if (decimal.Round(v, 2) != v) { problem = $"金额最多两位小数（到分）：“{Text(cell)}”"; return null; }
        return Normalize(v);
    }

    /// <summary>
    /// A contract rate written in percent (3.45 = 3.45%), returned as a fraction (0.0345). “3.45%” is accepted too.
    /// Without a % sign a value below 1 is read as a fraction: that is what Excel stores for a percent-formatted
    /// cell showing 3.45% (0.0345), and no contract rate is below 1% per year.
    /// </summary>
    public static decimal? Rate(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        decimal percent;
        if (cell is double d)
        {
            if (ToDecimal(d) is not { } m) { problem = $"“{Text(cell)}”不是有效的年利率"; return null; }
            percent = m < 1 ? m * 100 : m;
        }
        else
        {
            var t = Folded(cell);
            var hasSign = t.EndsWith('%');
            if (hasSign) t = t[..^1];
            if (!decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Inv, out var n))
            { problem = $"“{Text(cell)}”不是有效的年利率（按百分数填写，如 3.45 或 3.45%）"; return null; }
            percent = hasSign || n >= 1 ? n : n * 100;
        }
        if (percent <= 0 || percent >= 24)
        { problem = $"年利率 {Normalize(percent).ToString(Inv)}%（“{Text(cell)}”）应在 0% 到 24% 之间（按百分数填写，如 3.45 表示 3.45%）"; return null; }
        return Normalize(percent / 100);
    }

    /// <summary>
    /// A date: a date cell, an Excel serial number, or text such as 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日,
    /// 20250301 (with an optional time) — the text forms of <see cref="TryDateText"/>; between 2000 and 2100.
    /// </summary>
    public static DateOnly? Date(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        DateOnly? date = cell switch
        {
            DateTime t => DateOnly.FromDateTime(t),
            DateOnly d => d,
            double serial => FromSerial(serial),
            _ => TryDateText(Text(cell), false, out var typed) || TryDateText(Folded(cell), false, out typed) ? typed : null,
        };
        if (date is not { } value) { problem = $"“{Text(cell)}”不是有效日期"; return null; }
        if (value.Year is < 2000 or > 2100)
        {
            problem = $"“{Text(cell)}”不是有效日期：{value.ToString("yyyy-MM-dd", Inv)} 不在 2000–2100 年之间";
            return null;
        }
        return value;
    }

    /// <summary>A serial number of a numeric cell (1900 date system), or null.</summary>
    private static DateOnly? FromSerial(double serial) =>
        double.IsNaN(serial) || double.IsInfinity(serial) || Math.Abs(serial) > 1e7 ? null
        : TrySerial((decimal)serial, false, out var d) ? d : null;

    /// <summary>是 / 否 (also Y/N, yes/no, true/false, 1/0, √/×, 有/无, and boolean cells).</summary>
    public static bool? YesNo(object? cell, out string? problem)
    {
        problem = null;
        if (cell is bool b) return b;
        if (IsBlank(cell)) { problem = "不能为空，应填写“是”或“否”"; return null; }
        var yes = Boolean(Folded(cell));
        if (yes is null) problem = $"“{Text(cell)}”应填写“是”或“否”";
        return yes;
    }

    /// <summary>A project kind as people type it (the pack's <see cref="Vocabulary"/>: 新建、扩建、改扩建、技术改造、技改 …).</summary>
    public static ProjectKind? Kind(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        if (Vocabulary.TryParse(Text(cell), out ProjectKind k)) return k;
        problem = $"“{Text(cell)}”不是有效的项目类型（{Vocabulary.Choices<ProjectKind>()}）";
        return null;
    }

    /// <summary>The four loan categories of D-E3, as people type them (the pack's <see cref="Vocabulary"/>).</summary>
    public static LoanCategory? Category(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        if (Vocabulary.TryParse(Text(cell), out LoanCategory c)) return c;
        problem = $"“{Text(cell)}”不是有效的贷款类别（{Vocabulary.Choices<LoanCategory>()}）";
        return null;
    }

    /// <summary>Approved levels (D-9): blank or 全部 = every level (null); else a list such as 省级、苏州市级.</summary>
    public static (bool Ok, List<Level>? Levels) Approvals(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) return (true, null);
        var t = Text(cell).Normalize(NormalizationForm.FormKC);
        if (t.Trim() == "全部") return (true, null);
        var levels = new List<Level>();
        var unknown = new List<string>();
        foreach (var token in ListSeparator().Split(t).Where(x => x.Length > 0))
        {
            if (!Vocabulary.TryParse(token, out Level level)) unknown.Add(token);
            else if (!levels.Contains(level)) levels.Add(level);
        }
        if (unknown.Count > 0)
        {
            problem = $"{string.Join("、", unknown.Select(u => $"“{u}”"))}不是贴息层级（{Vocabulary.Choices<Level>()}；留空表示全部层级）";
            return (false, null);
        }
        // Precedence order (D-1), so the same approvals written in any order import the same.
        levels.Sort();
        return (true, levels);
    }

    /// <summary>A credit code as people type it: full-width or lower-case letters and blanks are forgiven, then GB 32100 is checked.</summary>
    public static string? CreditCode(object? cell, out string? problem)
    {
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        var code = Folded(cell).ToUpperInvariant();
        problem = Policy.Model.CreditCode.Problem(code);
        if (problem is not null && code != Text(cell)) problem = $"“{Text(cell)}”：{problem}";
        return problem is null ? code : null;
    }

    /// <summary>A GB/T 4754-2017 industry code.</summary>
    public static string? Industry(object? cell, out string? problem)
    {
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        var code = Folded(cell).ToUpperInvariant();
        return IndustryCode.TryParse(code, out var parsed, out problem) ? parsed.Value : null;
    }

    /// <summary>A configured area (区镇); a leading “昆山市” is forgiven.</summary>
    public static string? Area(object? cell, IReadOnlyCollection<string> areas, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        var t = Folded(cell);
        if (areas.Contains(t)) return t;
        if (t.StartsWith("昆山市", StringComparison.Ordinal) && areas.Contains(t[3..])) return t[3..];
        problem = $"“{Text(cell)}”不是已配置的区镇（{string.Join("、", areas)}）";
        return null;
    }

    [GeneratedRegex(@"[\s、,;/|]+", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();
}
