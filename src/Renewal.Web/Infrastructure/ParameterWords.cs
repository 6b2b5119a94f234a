using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// A parameter's value as a person reads it, with its unit, in the page's language: a rate as a percent (8%), money in
/// 万元 with the exact 元 behind (3,000 万元（30,000,000.00 元）), 是/否, a list or an identifier in the pack's words,
/// a date as yyyy-MM-dd, months as 个月, a caps table one line a row. The canonical text (what <c>set=name=value</c>
/// takes) is never what a page shows; <see cref="ParameterInput"/> reads what people type back.
/// </summary>
public static class ParameterWords
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The parameter in words (“技改综合奖补基础比例”), for a label or an error.</summary>
    public static string Title(ParameterDefinition definition) => ParameterInput.Title(definition);

    /// <summary>
    /// A value of <paramref name="type"/> as one line of text (the rows of a caps table joined by ；). The value is what
    /// the parameters hold: decimal (money, rate, number), int, bool, DateOnly, ImmutableArray&lt;string&gt;, string or
    /// <see cref="CapsTable"/>; <paramref name="name"/>, when given, lets a count of months say 个月.
    /// </summary>
    public static string Of(ParameterType type, object? value, string? name = null) => string.Join(Lang.T("；", "; "), Lines(type, value, name));

    /// <summary>The value as lines: one for every type but a caps table, which has one a row (none: “不设上限”).</summary>
    public static IReadOnlyList<string> Lines(ParameterType type, object? value, string? name = null)
    {
        if (value is null) return [Lang.T("（不在有效期内）", "(not in force)")];
        return type switch
        {
            ParameterType.Caps when value is CapsTable table => table.Count == 0 ? [Lang.T("不设上限", "no caps")] : [.. table.Select(CapLine)],
            _ => [One(type, value, name)],
        };
    }

    /// <summary>The value of <paramref name="definition"/> in force on <paramref name="date"/>, in words.</summary>
    public static string Of(ParameterDefinition definition, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Of(definition.Type, definition.At(date)?.Value, definition.Name);
    }

    /// <summary>The value in force on <paramref name="date"/> as lines (a caps table one line a row).</summary>
    public static IReadOnlyList<string> Lines(ParameterDefinition definition, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Lines(definition.Type, definition.At(date)?.Value, definition.Name);
    }

    /// <summary>
    /// A value given as canonical text (<c>set=name=value</c>, a <see cref="ParameterChange"/>'s From and To) in words;
    /// text that is not a value of the parameter is shown as it is, blank as not in force.
    /// </summary>
    public static IReadOnlyList<string> LinesOfText(ParameterDefinition definition, string? canonical)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(canonical)) return Lines(definition.Type, null);
        try { return Lines(definition.Type, definition.ParseValue(canonical), definition.Name); }
        catch (ParameterException) { return [canonical]; }
    }

    /// <summary>A <see cref="ParameterInForce"/> (type name and canonical text) as lines.</summary>
    public static IReadOnlyList<string> Lines(ParameterInForce parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!Enum.TryParse<ParameterType>(parameter.Type, out var type)) return [parameter.Value];
        return LinesOfText(new ParameterDefinition(parameter.Name, type, parameter.Description, []), parameter.Value);
    }

    /// <summary>A <see cref="ParameterInForce"/> as one line.</summary>
    public static string Of(ParameterInForce parameter) => string.Join(Lang.T("；", "; "), Lines(parameter));

    /// <summary>A rate as a percent, exact: 0.08 → 8%, 0.015 → 1.5%.</summary>
    public static string Percent(decimal rate) => ParameterInput.PercentText(rate) + "%";

    /// <summary>
    /// Money: from 10,000 元 on in 万元 with the exact 元 behind, “3,000 万元（30,000,000.00 元）”; below, “5,000.00 元”.
    /// English pages: “30,000,000.00 yuan”.
    /// </summary>
    public static string Money(decimal yuan)
    {
        var exact = Display.Yuan(yuan);
        if (Lang.IsEnglish) return exact + " yuan";
        if (Math.Abs(yuan) < 10_000m) return exact + " 元";
        var wan = (yuan / 10_000m).ToString("#,##0.############", Inv);
        return $"{wan} 万元（{exact} 元）";
    }

    /// <summary>One row of a caps table: “D-6a 省级 · 每项目 · 500 万元（5,000,000.00 元）”, a combined row “省级与昆山市级合计 …”.</summary>
    public static string CapLine(CapRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var levels = row.Levels.Select(l => Words.Term(Codes.Of(l))).ToList();
        var who = levels.Count switch
        {
            0 => "",
            1 => levels[0],
            _ => Lang.IsEnglish
                ? string.Join(" + ", levels) + " combined"
                : string.Join("、", levels.Take(levels.Count - 1)) + "与" + levels[^1] + "合计",
        };
        var per = row.Per == CapScope.Project ? Lang.T("每项目", "per project") : Lang.T("每企业", "per enterprise");
        return $"{row.Id} {who} · {per} · {Money(row.Amount.Yuan)}";
    }

    private static string One(ParameterType type, object value, string? name) => (type, value) switch
    {
        (ParameterType.Rate, decimal d) => Percent(d),
        (ParameterType.Money, decimal d) => Money(d),
        (ParameterType.Number, decimal d) => (d / 1.0000000000000000000000000000m).ToString(Inv),
        (ParameterType.WholeNumber, int n) when name?.EndsWith("months", StringComparison.Ordinal) == true => Lang.T($"{n} 个月", $"{n} months"),
        (ParameterType.WholeNumber, int n) => n.ToString(Inv),
        (ParameterType.Boolean, bool b) => b ? Lang.T("是", "yes") : Lang.T("否", "no"),
        (ParameterType.Date, DateOnly d) => d.ToString("yyyy-MM-dd", Inv),
        (ParameterType.List, ImmutableArray<string> { Length: 0 }) => Lang.T("无", "none"),
        (ParameterType.List, ImmutableArray<string> list) => Words.Terms(list),
        (ParameterType.Text, string s) => Words.Term(s),
        (ParameterType.Caps, CapsTable t) => string.Join(Lang.T("；", "; "), t.Select(CapLine)),
        _ => ParameterText.Format(value),
    };
}
