using System.Collections.Immutable;
using Renewal.Policy.Model;

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
}
