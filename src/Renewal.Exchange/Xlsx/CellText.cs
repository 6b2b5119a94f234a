using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;

namespace Renewal.Exchange.Xlsx;

/// <summary>
/// Reading the values people actually type: full-width digits and punctuation, thousands separators, numbers stored
/// as text, dates as serial numbers or text in the usual Chinese forms. Each parser returns the value or a reason.
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
}
