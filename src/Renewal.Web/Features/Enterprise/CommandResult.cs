using System.Globalization;
using Renewal.Data;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Renewal.Web.Features.Enterprise;

/// <summary>How a use case ended; the page and the API map it to a page or a status code.</summary>
public enum CommandStatus
{
    Ok,
    /// <summary>Bad input: <see cref="CommandResult{T}.Errors"/> names each field (400 / the form again).</summary>
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>Someone else changed the row first (optimistic concurrency): 409.</summary>
    Conflict,
}

/// <summary>
/// Validation messages by field. Keys are the JSON field paths of the API request (<c>code</c>,
/// <c>investments[1].equipment</c>), so the API's problem details and the form show the same text; every
/// message is Chinese and names its field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public IEnumerable<string> Fields => _byField.Keys;

    public void Add(string field, string message)
    {
        // A field whose text could not be read has its one message; checks of the (missing) value would only confuse.
        if (_unreadable.Contains(field)) return;
        if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>The field's text is not a number, date or choice: this message replaces any later one.</summary>
    public void Unreadable(string field, string message)
    {
        _byField[field] = [message];
        _unreadable.Add(field);
    }

    /// <summary>A copy (a use case that runs again starts from the form's own messages).</summary>
    public FieldErrors Copy()
    {
        var c = new FieldErrors();
        foreach (var (k, v) in _byField) c._byField[k] = [.. v];
        c._unreadable.UnionWith(_unreadable);
        return c;
    }

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>The messages of one field joined, or null.</summary>
    public string? For(string field) => _byField.TryGetValue(field, out var list) ? string.Join("；", list) : null;

    /// <summary>Every message, in the order the fields were first reported.</summary>
    public IEnumerable<string> All => _byField.Values.SelectMany(v => v);

    public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(k => k.Key, v => v.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>The result of a use case: a value, field errors, or a refusal with a Chinese reason.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Factory methods read best on the result type itself.")]
public sealed record CommandResult<T>(CommandStatus Status, T? Value, FieldErrors? Errors, string? Message)
{
    public bool Ok => Status == CommandStatus.Ok;
    public static CommandResult<T> Success(T value) => new(CommandStatus.Ok, value, null, null);
    public static CommandResult<T> Invalid(FieldErrors errors) => new(CommandStatus.Invalid, default, errors, "提交的数据有误，请按提示修改");
    public static CommandResult<T> Fail(CommandStatus status, string message) => new(status, default, null, message);
}

/// <summary>Field checks shared by the enterprise and administrator use cases.</summary>
public static class Check
{
    /// <summary>Largest amount accepted (PostgreSQL stores money as numeric(18,2)).</summary>
    public const decimal MaxMoney = 9_999_999_999_999.99m;

    /// <summary>An amount in yuan: not negative (or positive when <paramref name="positive"/>), at most two decimals.</summary>
    public static void Money(FieldErrors errors, string field, string label, decimal? value, bool required, bool positive = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Has(field)) return; // the text did not parse: that message is enough
        if (value is not { } v)
        {
            if (required) errors.Add(field, $"{label}不能为空");
            return;
        }
        if (positive && v <= 0) errors.Add(field, $"{label}应大于 0");
        else if (v < 0) errors.Add(field, $"{label}不能为负数");
        else if (decimal.Round(v, 2) != v) errors.Add(field, $"{label}最多两位小数（到分）");
        else if (v > MaxMoney) errors.Add(field, $"{label}过大");
    }

    /// <summary>Required text, trimmed, with a maximum length; returns the trimmed text.</summary>
    public static string? Text(FieldErrors errors, string field, string label, string? value, int maxLength, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            if (required) errors.Add(field, $"{label}不能为空");
            return null;
        }
        if (TextLimits.Check(t, label, field, maxLength) is { } tooLong) errors.Add(field, tooLong);
        return t;
    }

    /// <summary>A value of a defined enum member (JSON also accepts numbers, so an undefined one is possible).</summary>
    public static T? Enum<T>(FieldErrors errors, string field, string label, T? value) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Has(field)) return null;
        if (value is not { } v) { errors.Add(field, $"请选择{label}"); return null; }
        if (!System.Enum.IsDefined(v)) { errors.Add(field, $"{label}“{v}”不是可选的值"); return null; }
        return v;
    }

    /// <summary>Audit snapshots: readable Chinese in the JSON.</summary>
    public static readonly JsonSerializerOptions AuditJson = Renewal.Data.Audit.AuditLog.SnapshotJson;

    public static string Json(object value) => JsonSerializer.Serialize(value, AuditJson);
}

/// <summary>
/// Parses the text of an HTML form into typed values, recording a Chinese message naming the field when the text is
/// not a number or date. Blank means "not given" (null).
/// </summary>
public static class FormText
{
    public static decimal? Number(FieldErrors errors, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = text?.Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal)
            .Replace("¥", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(t)) return null;
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) return v;
        errors.Unreadable(field, $"{label}应为数字，“{text}”无法识别");
        return null;
    }

    public static int? Whole(FieldErrors errors, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        errors.Unreadable(field, $"{label}应为整数，“{text}”无法识别");
        return null;
    }

    public static DateOnly? Date(FieldErrors errors, string field, string label, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (DateOnly.TryParseExact(t, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Unreadable(field, $"{label}应为日期（如 2025-03-01），“{text}”无法识别");
        return null;
    }

    /// <summary>An enum member by name (not by number).</summary>
    public static T? Enum<T>(FieldErrors errors, string field, string label, string? text) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (!t.All(char.IsAsciiDigit) && System.Enum.TryParse<T>(t, ignoreCase: true, out var v) && System.Enum.IsDefined(v)) return v;
        errors.Unreadable(field, $"{label}“{text}”不是可选的值");
        return null;
    }

    /// <summary>Money for an input's value attribute: plain invariant digits, no separators.</summary>
    public static string Of(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Of(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
