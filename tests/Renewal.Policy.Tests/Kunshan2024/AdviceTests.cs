using Renewal.Policy.Explanation;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>
/// The advice on trace steps: written by the rule with the numbers it compared, only where a condition failed or a
/// computation bound, so that the enterprise page reads it instead of recomputing a rule.
/// </summary>
public class AdviceTests
{
    private static ScenarioResult Run(Scenario s) => PolicyEngine.Default.Evaluate(s, explain: true);

    private static AwardLine Line(ScenarioResult r, Scheme scheme) => r.Awards.First(a => a.Scheme == scheme);

    [Fact]
    public void FailedThreshold_CarriesHowMuchMore_WithTheParameterInForce()
    {
        var s = World.Scenario(2025, [World.Enterprise()], [World.Project(clusters: ["biomedicine"], investment: [(2025, 12_345_678.9m, 0m)])]);
        var b3 = Line(Run(s), Scheme.EffectiveInvestment).Trace.Single(t => t.Rule == RuleIds.B3);
        Assert.Equal(RuleStatus.Fails, b3.Status);
        Assert.Equal("2025 年设备投资额 ¥12,345,678.90，还差 ¥7,654,321.10 达到 2000 万元门槛（B-3）", b3.Advice);

        var lower = Line(Run(s with { Parameters = [new("effective_investment.min_annual_equipment", "15000000")] }), Scheme.EffectiveInvestment)
            .Trace.Single(t => t.Rule == RuleIds.B3);
        Assert.Equal("2025 年设备投资额 ¥12,345,678.90，还差 ¥2,654,321.10 达到 1500 万元门槛（B-3）", lower.Advice);
    }

    [Fact]
    public void ConditionsThatHold_AndUnboundComputations_CarryNoAdvice()
    {
        var s = World.Scenario(2025, [World.Enterprise()], [World.Project(clusters: ["biomedicine"], investment: [(2025, 25_000_000m, 0m)])]);
        var b = Line(Run(s), Scheme.EffectiveInvestment);
        Assert.True(b.Amount > Money.Zero);
        Assert.All(b.Trace, t => Assert.Null(t.Advice));
    }

    [Fact]
    public void TechRenovation_AtTheCap_AdvisesC5_BelowTheDigitalThreshold_AdvisesC4()
    {
        var s = World.Scenario(2025, [World.Enterprise()], [World.Project(investment: [(2025, 200_000_000m, 1_000_000m)])]);
        var c = Line(Run(s), Scheme.TechRenovation);
        Assert.Equal(new Money(10_000_000m), c.Amount);
        Assert.Equal("2025 年智能化数字化投入 ¥1,000,000.00，再增加 ¥4,000,000.00 达到 500 万元即可加乘 2 倍（C-4）", c.Trace.Single(t => t.Rule == RuleIds.C4).Advice);
        Assert.Equal("已达每家企业每年 1000 万元上限，增加投入本年不再增加奖补（C-5）", c.Trace.Single(t => t.Rule == RuleIds.C5).Advice);
    }

    [Fact]
    public void LoanLevelOutsideItsPeriod_AdvisesD5ForTheLevel_AndForEveryLevel()
    {
        var s = World.Scenario(2026, [World.Enterprise()], [World.Project(investment: [(2026, 1_000_000m, 0m)])],
            [World.Loan(issued: "2024-03-15", matures: "2030-01-01")], ("loan.province.period_months", "12"));
        var province = Run(s).Awards.Single(a => a.Level == Level.Province);
        var d5 = province.Trace.Single(t => t.Rule == RuleIds.D5 && t.Status == RuleStatus.Fails);
        Assert.StartsWith($"2026 年不在本笔贷款的{Codes.Label(Level.Province)}贴息期内（贴息期 2024-03-15 至 2025-03-14：放款起 12 个月", d5.Advice, StringComparison.Ordinal);
        Assert.StartsWith("2026 年不在本笔贷款的贴息期内（贴息期 2024-03-15 至 2025-03-14", d5.AdviceForEveryLevel, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000_000, "1 亿元")]
    [InlineData(5_000_000, "500 万元")]
    [InlineData(1_234.5, "¥1,234.50")]
    [InlineData(0, "¥0.00")]
    public void Threshold_IsSpokenInYiOrWan(decimal yuan, string expected) => Assert.Equal(expected, AdviceTexts.Threshold(yuan));

    [Fact]
    public void WithoutSubject_ReadsTheYearsParameters()
    {
        var e = World.Enterprise();
        var (rule, text) = AdviceTexts.WithoutSubject(PolicyEngine.Default.With([new("tech_renovation.min_annual_investment", "6000000")]), e, Scheme.TechRenovation, 2025);
        Assert.Equal(RuleIds.C2, rule);
        Assert.Equal("2025 年技改投入 ¥0.00，还差 ¥6,000,000.00 达到 600 万元门槛（C-2）", text);
        Assert.Equal((RuleIds.B1, "企业行业代码 I6513 不属于工业（B 采矿业、C 制造业、D 电力热力燃气及水），不能享受" + Codes.Label(Scheme.EffectiveInvestment) + "（B-1）"),
            AdviceTexts.WithoutSubject(PolicyEngine.Default, World.Enterprise(industry: "I6513"), Scheme.EffectiveInvestment, 2025));
        Assert.Equal(RuleIds.C, AdviceTexts.WithoutSubject(PolicyEngine.Default, e, Scheme.TechRenovation, 2028).Rule);
    }
}
