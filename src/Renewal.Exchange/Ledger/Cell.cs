using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Renewal.Policy.Model;

namespace Renewal.Exchange.Ledger;

/// <summary>
/// Reads one ledger cell the way people fill them in: numbers stored as text, thousands separators, full-width
/// digits and punctuation, stray blanks, dates as date cells, Excel serial numbers or text (2025-03-01, 2025/3/1,
/// 2025年3月1日). Each reader returns the value or the reason, in Chinese, that the cell is not usable.
/// </summary>
public static partial class Cell
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static bool IsBlank(object? cell) => cell is null || (cell is string s && Clean(s).Length == 0);

    /// <summary>The cell as text: trimmed (also of full-width and zero-width blanks); whole numbers without “.0”.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        string s => Clean(s),
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        decimal m => Normalize(m).ToString(Inv),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", Inv) : t.ToString("yyyy-MM-dd HH:mm:ss", Inv),
        DateOnly d => d.ToString("yyyy-MM-dd", Inv),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, Inv).Trim(),
        _ => Clean(cell.ToString() ?? ""),
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

    private static string Clean(string s) => s.Trim().Trim('\u200B', '\uFEFF', '\u200C', '\u200D', '\u2060').Trim();

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

    /// <summary>A date: a date cell, an Excel serial number, or text such as 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301.</summary>
    public static DateOnly? Date(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        DateOnly? date = cell switch
        {
            DateTime t => DateOnly.FromDateTime(t),
            DateOnly d => d,
            double serial => FromSerial(serial),
            _ => FromText(Folded(cell)),
        };
        if (date is not { } value) { problem = $"“{Text(cell)}”不是有效日期"; return null; }
        if (value.Year is < 2000 or > 2100)
        {
            problem = $"“{Text(cell)}”不是有效日期：{value.ToString("yyyy-MM-dd", Inv)} 不在 2000–2100 年之间";
            return null;
        }
        return value;
    }

    private static DateOnly? FromText(string t)
    {
        var m = DateText().Match(t);
        if (m.Success) return Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);
        m = CompactDate().Match(t);
        if (m.Success) return Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);
        // A serial number that reached us as text (CSV, or a cell formatted as text).
        return double.TryParse(t, NumberStyles.AllowDecimalPoint, Inv, out var serial) ? FromSerial(serial) : null;

        static DateOnly? Make(string y, string mo, string d)
        {
            var year = int.Parse(y, Inv);
            var month = int.Parse(mo, Inv);
            var day = int.Parse(d, Inv);
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
            return new DateOnly(year, month, day);
        }
    }

    /// <summary>Excel's 1900 date system: serial 1 is 1900-01-01, and 60 is the 1900-02-29 that never was.</summary>
    private static DateOnly? FromSerial(double serial)
    {
        if (double.IsNaN(serial) || serial < 1 || serial >= 2958466) return null;
        var days = (int)Math.Floor(serial);
        if (days == 60) return null;
        return DateOnly.FromDayNumber(new DateOnly(1899, 12, days < 60 ? 31 : 30).DayNumber + days);
    }

    /// <summary>是 / 否 (also Y/N, yes/no, true/false, 1/0, √/×, and boolean cells).</summary>
    public static bool? YesNo(object? cell, out string? problem)
    {
        problem = null;
        if (cell is bool b) return b;
        if (IsBlank(cell)) { problem = "不能为空，应填写“是”或“否”"; return null; }
        switch (Folded(cell).ToLowerInvariant())
        {
            case "是" or "y" or "yes" or "true" or "1" or "√" or "✓": return true;
            case "否" or "n" or "no" or "false" or "0" or "×" or "✗": return false;
            default: problem = $"“{Text(cell)}”应填写“是”或“否”"; return null;
        }
    }

    /// <summary>新建 / 扩建 / 技术改造, or new / expansion / renovation.</summary>
    public static ProjectKind? Kind(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        var t = Folded(cell);
        foreach (var k in Enum.GetValues<ProjectKind>())
        {
            if (t == Codes.Label(k) || string.Equals(t, Codes.Of(k), StringComparison.OrdinalIgnoreCase)) return k;
        }
        if (t == "技改") return ProjectKind.Renovation;
        problem = $"“{Text(cell)}”不是有效的项目类型（新建、扩建、技术改造）";
        return null;
    }

    /// <summary>The four loan categories of D-E3, by Chinese name or identifier.</summary>
    public static LoanCategory? Category(object? cell, out string? problem)
    {
        problem = null;
        if (IsBlank(cell)) { problem = "不能为空"; return null; }
        var t = Folded(cell);
        foreach (var c in Enum.GetValues<LoanCategory>())
        {
            if (t == Codes.Label(c) || string.Equals(t, Codes.Of(c), StringComparison.OrdinalIgnoreCase)) return c;
        }
        problem = $"“{Text(cell)}”不是有效的贷款类别（创新载体建设、智改数转网联、产业转型升级、其他设备更新）";
        return null;
    }

    /// <summary>Approved levels (D-9): blank or 全部 = every level (null); else a list such as 省级、苏州市级 or province,kunshan.</summary>
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
            Level? level = token.ToLowerInvariant() switch
            {
                "中央" or "中央级" or "central" => Level.Central,
                "省" or "省级" or "江苏省" or "江苏省级" or "province" => Level.Province,
                "苏州" or "苏州市" or "苏州市级" or "suzhou" => Level.Suzhou,
                "昆山" or "昆山市" or "昆山市级" or "kunshan" => Level.Kunshan,
                _ => null,
            };
            if (level is null) unknown.Add(token);
            else if (!levels.Contains(level.Value)) levels.Add(level.Value);
        }
        if (unknown.Count > 0)
        {
            problem = $"{string.Join("、", unknown.Select(u => $"“{u}”"))}不是贴息层级（中央、省级、苏州市级、昆山市级，或 central、province、suzhou、kunshan；留空表示全部层级）";
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

    [GeneratedRegex(@"^(?<y>\d{4})[-/.年](?<m>\d{1,2})[-/.月](?<d>\d{1,2})日?(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateText();

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactDate();

    [GeneratedRegex(@"[\s、,;/|]+", RegexOptions.CultureInvariant)]
    private static partial Regex ListSeparator();
}
