using System.Collections.Immutable;
using System.Globalization;

namespace Renewal.Policy.Parameters;

/// <summary>The type of a parameter's values.</summary>
public enum ParameterType
{
    /// <summary>Yuan, exact decimal ≥ 0 (<see cref="Money"/>).</summary>
    Money,
    /// <summary>A fraction (<see cref="Rate"/>): 0.08 = 8%.</summary>
    Rate,
    /// <summary>Any decimal number, e.g. a multiplier.</summary>
    Number,
    /// <summary>A whole number, e.g. months.</summary>
    WholeNumber,
    /// <summary>true / false.</summary>
    Boolean,
    /// <summary>A calendar date (yyyy-MM-dd).</summary>
    Date,
    /// <summary>A list of identifiers.</summary>
    List,
    /// <summary>One identifier.</summary>
    Text,
    /// <summary>A caps table (D-6): rows <c>{ id, levels: [..], per: project|enterprise, amount }</c>, see <see cref="CapRow"/>.</summary>
    Caps,
}

/// <summary>One value of a parameter, valid from <see cref="From"/> to <see cref="Until"/> (both inclusive).</summary>
/// <remarks>A revision of the rules adds a new dated value; it never edits an old one (OpenFisca's model).</remarks>
public sealed record DatedValue(DateOnly From, DateOnly? Until, object Value, ParameterSource Source)
{
    /// <summary>The id of the revision (V-1) that supplied this value; null for the pack's own values and overrides.</summary>
    public string? Revision { get; init; }

    /// <summary>True when the value is in force on <paramref name="date"/>.</summary>
    public bool InForceOn(DateOnly date) => From <= date && (Until is null || date <= Until.Value);
}

/// <summary>A named parameter with its dated values.</summary>
public sealed record ParameterDefinition(
    string Name, ParameterType Type, string Description, ImmutableArray<DatedValue> Values)
{
    /// <summary>The value in force on <paramref name="date"/>, or null (not in force).</summary>
    public DatedValue? At(DateOnly date)
    {
        // Latest-starting value wins should two overlap: a later revision supersedes.
        DatedValue? found = null;
        foreach (var v in Values)
        {
            if (v.InForceOn(date) && (found is null || v.From >= found.From)) found = v;
        }
        return found;
    }

    /// <summary>Converts text (from <c>--set</c> or a YAML scalar) into a value of this parameter's type.</summary>
    /// <exception cref="ParameterException">The text is not a valid value; the message names the parameter.</exception>
    public object ParseValue(string text) => ParseValue(Name, Type, text);

    internal static object ParseValue(string name, ParameterType type, string text)
    {
        text = text.Trim();
        if (type == ParameterType.Caps) return CapRow.ParseText(name, text);
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ParameterType.Money:
            case ParameterType.Rate:
            case ParameterType.Number:
                if (!decimal.TryParse(text, NumberStyles.Number, inv, out var d))
                    throw new ParameterException(name, $"参数 {name} 的值“{text}”不是数字");
                if (d < 0) throw new ParameterException(name, $"参数 {name} 不能为负数：{text}");
                if (type == ParameterType.Money && decimal.Round(d, 2) != d)
                    throw new ParameterException(name, $"参数 {name} 为金额，最多两位小数：{text}");
                return d;
            case ParameterType.WholeNumber:
                if (!int.TryParse(text, NumberStyles.Integer, inv, out var i) || i < 0)
                    throw new ParameterException(name, $"参数 {name} 的值“{text}”不是非负整数");
                return i;
            case ParameterType.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => true,
                    "false" or "no" or "0" => false,
                    _ => throw new ParameterException(name, $"参数 {name} 的值“{text}”应为 true 或 false"),
                };
            case ParameterType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date))
                    throw new ParameterException(name, $"参数 {name} 的值“{text}”不是 yyyy-MM-dd 格式的日期");
                return date;
            case ParameterType.List:
                var t = text.TrimStart('[').TrimEnd(']');
                return t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
            case ParameterType.Text:
                if (text.Length == 0) throw new ParameterException(name, $"参数 {name} 不能为空");
                return text;
            default:
                throw new ParameterException(name, $"参数 {name} 的类型未知");
        }
    }
}

/// <summary>Canonical text of parameter values (fingerprints, comparisons).</summary>
public static class ParameterValues
{
    /// <summary>One line of text for a value of any parameter type, the same for equal values.</summary>
    public static string Canonical(object value) => value switch
    {
        ImmutableArray<string> list => string.Join(",", list),
        CapsTable rows => string.Join(";", rows.Select(r => r.ToString())),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>True when two values of one parameter are equal (lists and caps by content).</summary>
    public static bool Same(object a, object b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);
}

/// <summary>A parameter name or value that cannot be used. The message is in Chinese and names the parameter.</summary>
public sealed class ParameterException : Exception
{
    public ParameterException(string parameter, string message) : base(message) => Parameter = parameter;
    public ParameterException() { Parameter = ""; }
    public ParameterException(string message) : base(message) { Parameter = ""; }
    public ParameterException(string message, Exception inner) : base(message, inner) { Parameter = ""; }

    /// <summary>The dotted name of the parameter at fault.</summary>
    public string Parameter { get; }
}
