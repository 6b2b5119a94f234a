using Renewal.Policy.Model;

namespace Renewal.Policy.Scenarios;

/// <summary>Compares a result with a scenario's <c>expect</c> block (what <c>renewal test</c> does).</summary>
public static class Expectations
{
    /// <summary>
    /// Every expected line must match to the fen; any line with a non-zero amount that is not expected fails.
    /// Returns the mismatches, in Chinese; empty when the scenario passes.
    /// </summary>
    public static IReadOnlyList<string> Check(Scenario scenario, ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        var expected = scenario.Expect ?? [];
        var matched = new HashSet<AwardLine>(ReferenceEqualityComparer.Instance);
        foreach (var e in expected)
        {
            var line = result.Awards.FirstOrDefault(a => Matches(a, e));
            if (line is null)
            {
                problems.Add($"第 {e.Line} 行：没有 {Describe(e.Scheme, e.Enterprise, e.Project, e.Loan, e.Level)} 这一行");
                continue;
            }
            matched.Add(line);
            if (line.Amount.RoundToFen() != e.Amount.RoundToFen())
                problems.Add($"第 {e.Line} 行：{Describe(line)} 期望 {e.Amount}，实得 {line.Amount}");
        }
        foreach (var a in result.Awards)
        {
            if (a.Amount != Money.Zero && !matched.Contains(a))
                problems.Add($"未列入 expect 的非零结果：{Describe(a)} = {a.Amount}");
        }
        return problems;
    }

    private static bool Matches(AwardLine a, ExpectedAward e) => a.Scheme == e.Scheme && e.Scheme switch
    {
        Scheme.Demonstration or Scheme.EffectiveInvestment => a.Project == e.Project,
        Scheme.TechRenovation => a.Enterprise == e.Enterprise,
        _ => a.Loan == e.Loan && a.Level == e.Level,
    };

    /// <summary>"有效投入奖补 项目 P1", "贷款贴息 贷款 L1 省级" …</summary>
    public static string Describe(AwardLine a) => Describe(a.Scheme, a.Enterprise, a.Project, a.Loan, a.Level);

    private static string Describe(Scheme scheme, string? enterprise, string? project, string? loan, Level? level) => scheme switch
    {
        Scheme.Demonstration or Scheme.EffectiveInvestment => $"{Codes.Label(scheme)} 项目 {project}",
        Scheme.TechRenovation => $"{Codes.Label(scheme)} 企业 {enterprise}",
        _ => $"{Codes.Label(scheme)} 贷款 {loan} {(level is { } l ? Codes.Label(l) : "")}",
    };
}
