using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Renewal.Policy.Parameters;

/// <summary>
/// Writes a revision (V-1) as a revision file (SCENARIOS.md "Revision files"): what the platform stores when a bureau
/// administrator drafts one in the forms rather than uploading a file. <see cref="RevisionReader.Read"/> reads it back to
/// the same document (<see cref="Revision.Canonical"/> equal). Pure.
/// </summary>
public static class RevisionWriter
{
    /// <summary>The revision file's text.</summary>
    public static string ToYaml(Revision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var sb = new StringBuilder();
        sb.Append("revision:\n");
        sb.Append("  id: ").Append(Quote(revision.Id)).Append('\n');
        sb.Append("  title: ").Append(Quote(revision.Title)).Append('\n');
        sb.Append("  source: ").Append(Quote(revision.Source)).Append('\n');
        sb.Append("  published_on: ").Append(Day(revision.PublishedOn)).Append('\n');
        sb.Append("  values:");
        if (revision.Values.IsDefaultOrEmpty) sb.Append(" {}");
        sb.Append('\n');
        foreach (var pv in revision.Values.IsDefault ? [] : revision.Values)
        {
            sb.Append("    ").Append(pv.Parameter).Append(":\n");
            foreach (var v in pv.Values)
            {
                sb.Append("      - { from: ").Append(Day(v.From));
                if (v.Until is { } until) sb.Append(", until: ").Append(Day(until));
                sb.Append(", value: ").Append(Value(v.Value));
                sb.Append(", source: ").Append(Quote(v.Source.Reference));
                if (!string.IsNullOrEmpty(v.Source.Note)) sb.Append(", note: ").Append(Quote(v.Source.Note));
                sb.Append(" }\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>A value as YAML flow text of its type.</summary>
    public static string Value(object value) => value switch
    {
        CapsTable caps => caps.ToString(),
        ImmutableArray<string> list => "[" + string.Join(", ", list.Select(Quote)) + "]",
        bool b => b ? "true" : "false",
        DateOnly d => Day(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => Quote(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value?.ToString() ?? ""),
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A double-quoted YAML scalar (every character kept; quotes, backslashes and line breaks escaped).</summary>
    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
}
