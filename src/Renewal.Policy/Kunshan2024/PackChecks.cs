using System.Collections.Immutable;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// The pack's checks of a value beyond its type, applied to revisions (V-1) and what-if overrides: D-E6 waives only
/// D-E4 and D-E5; D-10's <c>yields_to</c> names only levels before the level in precedence order (D-1).
/// </summary>
internal static class PackChecks
{
    private static readonly string[] Waivable = [RuleIds.DE4, RuleIds.DE5];

    /// <summary>What is wrong with <paramref name="value"/> for <paramref name="name"/>, in Chinese; null when nothing.</summary>
    public static string? Problem(string name, object value)
    {
        if (!name.StartsWith("loan.", StringComparison.Ordinal)) return null;
        var parts = name.Split('.');
        if (parts.Length != 3 || !Codes.TryParse(parts[1], out Level level) || value is not ImmutableArray<string> list) return null;
        switch (parts[2])
        {
            case "waived":
                foreach (var rule in list)
                {
                    if (Array.IndexOf(Waivable, rule) < 0)
                        return $"“{rule}”不能豁免：一个层级只能豁免 D-E4、D-E5（D-E6）";
                }
                return null;
            case "yields_to":
                foreach (var code in list)
                {
                    if (!Codes.TryParse(code, out Level other)) return $"“{code}”不是贴息层级（central、province、suzhou、kunshan）";
                    if (other >= level)
                        return $"{Codes.Label(level)}只能让位于排在它前面的层级（D-10，顺序 中央→省级→苏州市级→昆山市级），不能让位于{Codes.Label(other)}（{code}）";
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Compatibility: the per-level cap names of the seed's first parameters file (<c>loan.&lt;level&gt;.cap_per_project_year</c>,
    /// <c>loan.&lt;level&gt;.cap_per_enterprise_year</c>), read-only, derived from the one-level rows of <c>loan.caps</c> in
    /// force (the smallest when two rows cover the same level and group). A combined row has no such name. The engine
    /// reads only <c>loan.caps</c>; these names are for callers outside it until they read the table.
    /// </summary>
    public static void DeriveLegacyNames(Dictionary<string, DatedValue> values)
    {
        if (!values.TryGetValue("loan.caps", out var caps) || caps.Value is not CapsTable table) return;
        foreach (var row in table)
        {
            if (row.Levels.Length != 1) continue;
            var name = $"loan.{Codes.Of(row.Levels[0])}.cap_per_{(row.Per == CapScope.Project ? "project" : "enterprise")}_year";
            if (values.TryGetValue(name, out var existing) && (decimal)existing.Value <= row.Amount.Yuan) continue;
            values[name] = new DatedValue(caps.From, caps.Until, row.Amount.Yuan, caps.Source) { Revision = caps.Revision };
        }
    }
}
