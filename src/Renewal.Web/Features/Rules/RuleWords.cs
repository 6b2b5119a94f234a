using System.Globalization;
using Renewal.Data.Entities;
using Renewal.Policy.Parameters;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>How 政策参数 says a dated value's period and source, and a revision's state, in the page's language.</summary>
public static class RuleWords
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>“2024-01-01 至 2027-12-31”, or “2024-08-23 起” when open-ended (both days included, V-1).</summary>
    public static string Span(DatedValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Until is { } until
            ? Lang.T($"{Day(value.From)} 至 {Day(until)}", $"{Day(value.From)} to {Day(until)}")
            : Lang.T($"{Day(value.From)} 起", $"from {Day(value.From)}");
    }

    /// <summary>The source of a value in words (细则二（一）2, 本平台解释 I-2：…, 暂定值，待市局确定, a revision's id), with its note.</summary>
    public static string Source(ParameterSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var words = Words.Article(source.Reference);
        return string.IsNullOrWhiteSpace(source.Note) ? words : $"{words}{Lang.T("（", " (")}{Words.Text(source.Note)}{Lang.T("）", ")")}";
    }

    /// <summary>A stored revision's state: 草稿, 已发布, 已作废.</summary>
    public static string State(RevisionState state) => state switch
    {
        RevisionState.Published => Lang.T("已发布", "Published"),
        RevisionState.Discarded => Lang.T("已作废", "Discarded"),
        _ => Lang.T("草稿", "Draft"),
    };

    /// <summary>A day as yyyy-MM-dd.</summary>
    public static string Date(DateOnly? day) => day is { } d ? Day(d) : "";
}
