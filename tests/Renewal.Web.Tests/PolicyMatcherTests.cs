using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Features.Enterprise;

namespace Renewal.Web.Tests;

/// <summary>The policy matcher: what an enterprise gets, and the nearest condition it misses, in plain Chinese.</summary>
public sealed class PolicyMatcherTests
{
    private const string CreditCode = "91350100M000100Y43";
    private const string E = CreditCode;

    private static readonly PolicyMatcher Matcher = new(PolicyEngine.Default);

    [Fact]
    public void B3_ShortOfThreshold_SaysHowMuchMoreEquipmentOfTheYear()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", clusters: ["electronic_information"], investment: [(2025, 15_000_000m, 0m)])]));

        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal(0m, b.Amount);
        Assert.Equal("B-3", b.Rule);
        Assert.Equal("2025 年设备投资额 ¥15,000,000.00，还差 ¥5,000,000.00 达到 2000 万元门槛（B-3）", b.Missing);
    }

    [Fact]
    public void B2AndB3_BothMissing_FirstIsNearestAndTheOtherIsListed()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 12_000_000m, 0m)])]));

        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal("B-2", b.Rule);
        Assert.Contains("未选择产业创新集群方向", b.Missing, StringComparison.Ordinal);
        Assert.Contains(b.AlsoMissing, t => t.Contains("还差 ¥8,000,000.00 达到 2000 万元门槛（B-3）", StringComparison.Ordinal));
    }

    [Fact]
    public void B_Eligible_ShowsTheAmountAndNothingMissing()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", clusters: ["biomedicine"], investment: [(2025, 25_000_000m, 0m)])]));

        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal(2_000_000m, b.Amount);
        Assert.Null(b.Missing);
        Assert.Equal("测试项目 P1（P1）", b.Subject);
    }

    [Fact]
    public void A2_ShortOfCumulativeDigital_SaysHowMuchMoreToFiveHundredMillion()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", status: ProjectStatus.Completed, completedOn: new DateOnly(2025, 6, 30),
            scopes: ["smart_factory_demo"], investment: [(2024, 200_000_000m, 100_000_000m), (2025, 250_000_000m, 200_000_000m)])]));

        var a = Line(m, Scheme.Demonstration, "P1");
        Assert.Equal("A-2", a.Rule);
        Assert.Equal("截至 2025 年累计智能化数字化投入 ¥300,000,000.00，还差 ¥200,000,000.00 达到 5 亿元门槛（A-2）", a.Missing);
    }

    [Fact]
    public void A3_CompletedInAnotherYear_NamesTheAwardYear()
    {
        var m = Matcher.Match(Scenario(2026, [Project("P1", status: ProjectStatus.Completed, completedOn: new DateOnly(2025, 6, 30),
            scopes: ["smart_factory_demo"], investment: [(2025, 600_000_000m, 520_000_000m)])]));

        var a = Line(m, Scheme.Demonstration, "P1");
        Assert.Equal("A-3", a.Rule);
        Assert.Contains("奖励年度是 2025 年而不是 2026 年", a.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void I5_TheLowerOfAAndB_SaysItLostToTheHigher()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", status: ProjectStatus.Completed, completedOn: new DateOnly(2025, 6, 30),
            scopes: ["smart_factory_demo"], clusters: ["electronic_information"],
            investment: [(2024, 300_000_000m, 260_000_000m), (2025, 300_000_000m, 260_000_000m)])]));

        Assert.Equal(30_000_000m, Line(m, Scheme.Demonstration, "P1").Amount);
        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal(0m, b.Amount);
        Assert.Equal("I-5", b.Rule);
        Assert.Contains("就高不重复", b.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void C2_CountsOnlyRenovationAndExpansion_AndSaysHowMuchMore()
    {
        var m = Matcher.Match(Scenario(2025,
        [
            Project("P1", investment: [(2025, 3_000_000m, 0m)]),
            Project("P2", kind: ProjectKind.New, investment: [(2025, 10_000_000m, 0m)]),
        ]));

        var c = m.Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal("本企业", c.Subject);
        Assert.Equal("C-2", c.Rule);
        Assert.Equal("2025 年技改投入（技术改造、扩建项目设备投资合计）¥3,000,000.00，还差 ¥2,000,000.00 达到 500 万元门槛（C-2）", c.Missing);
    }

    [Fact]
    public void C4_EligibleButNotBoosted_TipSaysHowMuchMoreDigitalDoubles()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 30_000_000m, 3_000_000m)])]));

        var c = m.Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal(1_500_000m, c.Amount);
        Assert.True(c.Assumed);
        Assert.Null(c.Missing);
        Assert.Equal("2025 年智能化数字化投入 ¥3,000,000.00，再增加 ¥2,000,000.00 达到 500 万元即可加乘 2 倍（C-4）", c.Tip);
    }

    [Fact]
    public void B1_NonIndustrialEnterprise_SaysTheIndustryDoesNotQualify()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", clusters: ["electronic_information"], investment: [(2025, 30_000_000m, 0m)])], industry: "I6513"));

        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal("B-1", b.Rule);
        Assert.Contains("I6513 不属于工业", b.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void DE4_RateAboveLprPlus50bp_IsOneLineNamingLimitAndExcess()
    {
        // Issued 2024-08-01 for 3 years: the 1-year LPR of 2024-07-22 (3.35%) applies, limit 3.85%.
        var m = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])],
            [Loan("L1", rate: 0.039m, issued: new DateOnly(2024, 8, 1), matures: new DateOnly(2027, 8, 1))]));

        var d = Assert.Single(m.Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Null(d.Level);
        Assert.Equal("D-E4", d.Rule);
        Assert.Equal("合同利率 3.90% 超过 LPR+50BP 上限 3.85%（放款日 2024-08-01 适用 1 年期 LPR 3.35%），高出 0.05 个百分点（D-E4）", d.Missing);
    }

    [Fact]
    public void DE5_EquipmentBelowFiveMillion_SaysHowMuchMore()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])],
            [Loan("L1", principal: 10_000_000m, equipment: 4_200_000m)]));

        var d = Assert.Single(m.Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Equal("贷款用于设备投资（含配套软件）¥4,200,000.00，还差 ¥800,000.00 达到 500 万元门槛（D-E5）", d.Missing);
    }

    [Fact]
    public void EligibleLoan_PaysByLevel_SuzhouMissesD2_CentralIsHidden()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [Loan("L1")]));

        var d = m.Lines.Where(l => l.Scheme == Scheme.LoanInterest).ToList();
        Assert.Equal([Level.Province, Level.Suzhou, Level.Kunshan], d.Select(l => l.Level!.Value));
        Assert.Equal(365_000m, d.Single(l => l.Level == Level.Province).Amount);
        Assert.Equal(365_000m, d.Single(l => l.Level == Level.Kunshan).Amount);
        var suzhou = d.Single(l => l.Level == Level.Suzhou);
        Assert.Equal("D-2", suzhou.Rule);
        Assert.Contains("未经苏州综合金融服务平台获得", suzhou.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectWhoseInvestmentStartsLater_IsLeftOutOfEarlierYears()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2027, 30_000_000m, 0m)])]));

        Assert.DoesNotContain(m.Lines, l => l.Project == $"{E}/P1");
    }

    [Fact]
    public void Total_IsTheSumOfTheLinesAndOfTheEngine()
    {
        var s = Scenario(2025, [Project("P1", clusters: ["biomedicine"], investment: [(2025, 25_000_000m, 6_000_000m)])], [Loan("L1")]);

        var m = Matcher.Match(s);

        Assert.Equal(m.Lines.Sum(l => l.Amount), m.Total);
        Assert.Equal(PolicyEngine.Default.Evaluate(s).Totals.Total.Yuan, m.Total);
    }

    // ------------------------------------------------------------------ thresholds: need = threshold − current, exactly

    private static string Money(decimal v) => "¥" + v.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0)]
    [InlineData(1_234_567.89)]
    [InlineData(19_999_999.99)]
    public void B3_BelowThreshold_NeedsExactlyTheDifference(decimal have)
    {
        const decimal threshold = 20_000_000m; // B-3
        var m = Matcher.Match(Scenario(2025, [Project("P1", clusters: ["electronic_information"], investment: [(2025, have, 0m)])]));
        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal("B-3", b.Rule);
        Assert.Contains($"设备投资额 {Money(have)}，还差 {Money(threshold - have)} 达到 2000 万元门槛（B-3）", b.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void B3_AtTheThreshold_Pays8Percent()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", clusters: ["electronic_information"], investment: [(2025, 20_000_000m, 0m)])]));
        var b = Line(m, Scheme.EffectiveInvestment, "P1");
        Assert.Equal(20_000_000m * 0.08m, b.Amount);
        Assert.Null(b.Missing);
    }

    [Fact]
    public void C2_OneFenShort_ThenAtTheThreshold()
    {
        var shortBy = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 4_999_999.99m, 0m)])]));
        var c = shortBy.Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Contains($"还差 {Money(0.01m)} 达到 500 万元门槛（C-2）", c.Missing, StringComparison.Ordinal);

        var at = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 5_000_000m, 0m)])]));
        var paid = at.Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal(5_000_000m * 0.05m, paid.Amount); // C-3 base rate (ASSUMED 5%)
        Assert.True(paid.Assumed);
    }

    [Fact]
    public void C4_OneFenShortOfTheDigitalThreshold_TipSaysOneFen_AtItTheAwardDoubles()
    {
        var shortBy = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 10_000_000m, 4_999_999.99m)])]));
        var c = shortBy.Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal(500_000m, c.Amount);
        Assert.Contains($"再增加 {Money(0.01m)} 达到 500 万元即可加乘 2 倍（C-4）", c.Tip, StringComparison.Ordinal);

        var at = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 10_000_000m, 5_000_000m)])]));
        var doubled = at.Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal(1_000_000m, doubled.Amount);
        Assert.Null(doubled.Tip);
    }

    [Fact]
    public void A2_OneFenShortOfFiveHundredMillion_ThenAtIt()
    {
        static Project Demo(decimal digital) => Project("P1", status: ProjectStatus.Completed, completedOn: new DateOnly(2025, 9, 30), scopes: ["smart_factory_demo"],
            investment: [(2024, 300_000_000m, 200_000_000m), (2025, 400_000_000m, digital - 200_000_000m)]);
        var a = Line(Matcher.Match(Scenario(2025, [Demo(499_999_999.99m)])), Scheme.Demonstration, "P1");
        Assert.Equal("A-2", a.Rule);
        Assert.Contains($"累计智能化数字化投入 {Money(499_999_999.99m)}，还差 {Money(0.01m)} 达到 5 亿元门槛（A-2）", a.Missing, StringComparison.Ordinal);

        var paid = Line(Matcher.Match(Scenario(2025, [Demo(500_000_000m)])), Scheme.Demonstration, "P1");
        Assert.Equal(30_000_000m, paid.Amount); // min(10% × 5 亿, 3000 万)
    }

    [Fact]
    public void A3_NotCompleted_SaysCompletionIsRequired()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", status: ProjectStatus.InProgress, scopes: ["smart_factory_demo"],
            investment: [(2025, 600_000_000m, 520_000_000m)])]));
        var a = Line(m, Scheme.Demonstration, "P1");
        Assert.Equal("A-3", a.Rule);
        Assert.Contains("项目尚未竣工", a.Missing, StringComparison.Ordinal);
        Assert.Contains("在 2025 年内竣工", a.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void DE5_OneFenShort_ThenAtFiveMillionTheLoanPays()
    {
        var shortBy = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [Loan("L1", principal: 10_000_000m, equipment: 4_999_999.99m)]));
        var d = Assert.Single(shortBy.Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Contains($"{Money(4_999_999.99m)}，还差 {Money(0.01m)} 达到 500 万元门槛（D-E5）", d.Missing, StringComparison.Ordinal);

        var at = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [Loan("L1", principal: 10_000_000m, equipment: 5_000_000m)]));
        Assert.Contains(at.Lines, l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Province && l.Amount > 0);
    }

    [Fact]
    public void DE4_RateAtTheLimitPays_OneBasisPointAboveSaysByHowMuch()
    {
        // Issued 2024-08-01 for 3 years: 1-year LPR 3.35% + 0.50 = 3.85% (inclusive).
        static Loan At(decimal rate) => Loan("L1", rate: rate, issued: new DateOnly(2024, 8, 1), matures: new DateOnly(2027, 8, 1));
        var ok = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [At(0.0385m)]));
        Assert.Contains(ok.Lines, l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Province && l.Amount > 0);

        var over = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [At(0.0386m)]));
        var d = Assert.Single(over.Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Equal("D-E4", d.Rule);
        Assert.Contains("高出 0.01 个百分点", d.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void B4_PartlyCapped_PaysTheRemainder_AndSaysTheCapIsReached()
    {
        var p = Project("P1", clusters: ["electronic_information"], investment: [(2025, 50_000_000m, 0m)]) with
        {
            PriorAwards = [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(6_000_000m))],
        };
        var b = Line(Matcher.Match(Scenario(2025, [p])), Scheme.EffectiveInvestment, "P1");
        Assert.Equal(8_000_000m - 6_000_000m, b.Amount); // 8% of 5000 万 = 400 万, capped at what is left of 800 万
        Assert.Equal("B-4", b.Rule);
        Assert.Contains("800 万元上限", b.Tip, StringComparison.Ordinal);
    }

    [Fact]
    public void C5_AtTheYearlyCap_TheTipSaysMoreAddsNothing()
    {
        // 5% × 2 亿 = 1000 万 = the cap, even without the C-4 multiplier.
        var c = Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 200_000_000m, 0m)])])).Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal(10_000_000m, c.Amount);
        Assert.Equal("C-5", c.Rule);
        Assert.Contains("1000 万元上限", c.Tip, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ every scheme has a line

    [Fact]
    public void NoLoan_TheLoanSchemeStillSaysWhatWouldQualify()
    {
        var m = Matcher.Match(Scenario(2025, [Project("P1", clusters: ["biomedicine"], investment: [(2025, 25_000_000m, 0m)])]));
        var d = Assert.Single(m.Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Equal(0m, d.Amount);
        Assert.Equal("D-E5", d.Rule);
        Assert.Equal("本企业", d.Subject);
        Assert.Contains("没有登记贴息期内的贷款", d.Missing, StringComparison.Ordinal);
        Assert.Contains("LPR+50BP", d.Missing, StringComparison.Ordinal);
        Assert.Contains("500 万元", d.Missing, StringComparison.Ordinal);
        Assert.Equal(m.Lines.Sum(l => l.Amount), m.Total);
    }

    [Fact]
    public void NoProjectNoLoan_EverySchemeHasALine_NotManufacturingSaysSo()
    {
        var m = Matcher.Match(Scenario(2025, []));
        Assert.Equal([Scheme.Demonstration, Scheme.EffectiveInvestment, Scheme.TechRenovation, Scheme.LoanInterest],
            m.Lines.Select(l => l.Scheme).Distinct().Order());
        Assert.All(m.Lines, l => Assert.False(string.IsNullOrEmpty(l.Missing)));
        Assert.Contains("还差 ¥5,000,000.00 达到 500 万元门槛（C-2）", m.Lines.Single(l => l.Scheme == Scheme.TechRenovation).Missing, StringComparison.Ordinal);
        Assert.Equal(0m, m.Total);

        var power = Matcher.Match(Scenario(2025, [], industry: "D4411"));
        Assert.Equal("D-E1", power.Lines.Single(l => l.Scheme == Scheme.LoanInterest).Rule);
        var software = Matcher.Match(Scenario(2025, [], industry: "I6513"));
        Assert.Equal("B-1", software.Lines.Single(l => l.Scheme == Scheme.EffectiveInvestment).Rule);
    }

    // ------------------------------------------------------------------ the advice is the engine's, not a copy

    [Fact]
    public void Missing_IsTheAdviceOnTheEnginesTraceStep_NotAComputationOfItsOwn()
    {
        var s = Scenario(2025, [Project("P1", clusters: ["electronic_information"], investment: [(2025, 15_000_000m, 0m)])]);
        var result = PolicyEngine.Default.Evaluate(s, explain: true);
        // Replace the advice on the engine's B-3 step: the matcher must show exactly what the trace says.
        var awards = result.Awards.Select(a => a.Scheme != Scheme.EffectiveInvestment ? a : a with
        {
            Trace = [.. a.Trace.Select(t => t.Rule == RuleIds.B3 && t.Advice is not null ? t with { Advice = "来自引擎轨迹的建议（B-3）" } : t)],
        }).ToList();

        var b = Line(Matcher.Match(s, result with { Awards = awards }), Scheme.EffectiveInvestment, "P1");

        Assert.Equal(RuleIds.B3, b.Rule);
        Assert.Equal("来自引擎轨迹的建议（B-3）", b.Missing);
    }

    [Fact]
    public void DE4_TenorOfI10_ComesFromThePack_ChangingLongTenorMonthsChangesTheAdvice()
    {
        // Issued 2024-08-01 for 3 years at 4.2%. With the pack's 60 months (I-10) the 1-year LPR applies (3.35% + 0.5 = 3.85%);
        // with loan.long_tenor_months = 24 the same loan is long-term: 5-year-plus LPR 3.85% + 0.5 = 4.35%, and it qualifies.
        static Scenario At(params KeyValuePair<string, string>[] set) =>
            Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])],
                [Loan("L1", rate: 0.042m, issued: new DateOnly(2024, 8, 1), matures: new DateOnly(2027, 8, 1))]) with { Parameters = [.. set] };

        var d = Assert.Single(Matcher.Match(At()).Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Equal("D-E4", d.Rule);
        Assert.Contains("适用 1 年期 LPR 3.35%", d.Missing, StringComparison.Ordinal);

        var longTerm = Matcher.Match(At(KeyValuePair.Create("loan.long_tenor_months", "24")));
        Assert.Contains(longTerm.Lines, l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Province && l.Amount > 0);

        var wider = Assert.Single(Matcher.Match(At(KeyValuePair.Create("loan.max_spread", "0.001"))).Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Contains("超过 LPR+10BP 上限 3.45%", wider.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void D3_TheLimitComesFromThePack_ChangingMaxTotalRateChangesTheAdvice()
    {
        // A 2% loan: province takes 1 point, Kunshan would take the next but the room is min(limit, 2%).
        static Scenario At(params KeyValuePair<string, string>[] set) =>
            Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [Loan("L1", rate: 0.02m)]) with { Parameters = [.. set] };

        var m = Matcher.Match(At(KeyValuePair.Create("loan.max_total_rate", "0.01")));
        var kunshan = m.Lines.Single(l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Kunshan);
        Assert.Equal("D-3", kunshan.Rule);
        Assert.Equal("合同利率 2.00% 与各级合计 1.00% 的贴息额度已被前序层级用尽（D-3）", kunshan.Missing);

        var m2 = Matcher.Match(At(KeyValuePair.Create("loan.max_total_rate", "0.015")));
        Assert.Contains(m2.Lines, l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Kunshan && l.Amount > 0);
    }

    [Fact]
    public void Threshold_ComesFromThePack_ChangingItChangesHowMuchMore()
    {
        var s = Scenario(2025, [Project("P1", investment: [(2025, 3_000_000m, 0m)])]);
        var c = Matcher.Match(s with { Parameters = [KeyValuePair.Create("tech_renovation.min_annual_investment", "4000000")] }).Lines.Single(l => l.Scheme == Scheme.TechRenovation);
        Assert.Equal("2025 年技改投入（技术改造、扩建项目设备投资合计）¥3,000,000.00，还差 ¥1,000,000.00 达到 400 万元门槛（C-2）", c.Missing);
    }

    [Fact]
    public void D5_OutsideTheSubsidyPeriod_NamesThePeriodAndTheWindow()
    {
        // Issued 2024-01-01 through the Suzhou platform: 24 months to 2025-12-31 at every level, so 2026 has no day at any
        // level — one line. Then the same loan seen by the province line alone, where Suzhou misses D-2 instead.
        var loan = Loan("L1", issued: new DateOnly(2024, 1, 1), matures: new DateOnly(2029, 1, 1), category: LoanCategory.DigitalTransformation)
            with { ViaSuzhouPlatform = true };
        var m = Matcher.Match(Scenario(2026, [Project("P1", investment: [(2026, 1_000_000m, 0m)])], [loan]));
        var d = Assert.Single(m.Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Null(d.Level);
        Assert.Equal("D-5", d.Rule);
        Assert.Equal("2026 年不在本笔贷款的贴息期内（贴息期 2024-01-01 至 2025-12-31：放款起 24 个月且不超过到期日，且只计 2024-01-01 至 2027-12-31 政策窗口内的天数）（D-5）", d.Missing);

        var split = Matcher.Match(Scenario(2026, [Project("P1", investment: [(2026, 1_000_000m, 0m)])], [loan with { ViaSuzhouPlatform = false }]));
        var province = split.Lines.Single(l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Province);
        Assert.Equal("D-5", province.Rule);
        Assert.StartsWith($"2026 年不在本笔贷款的{Codes.Label(Level.Province)}贴息期内（贴息期 2024-01-01 至 2025-12-31", province.Missing, StringComparison.Ordinal);
        Assert.Equal("D-2", split.Lines.Single(l => l.Scheme == Scheme.LoanInterest && l.Level == Level.Suzhou).Rule);
    }

    [Fact]
    public void D9_NoLevelApproved_IsOneLineSaidOfEveryLevel()
    {
        var loan = Loan("L1") with { Approvals = [] };
        var d = Assert.Single(Matcher.Match(Scenario(2025, [Project("P1", investment: [(2025, 1_000_000m, 0m)])], [loan])).Lines, l => l.Scheme == Scheme.LoanInterest);
        Assert.Equal("D-9", d.Rule);
        Assert.Equal("各级尚未审核同意本笔贷款，未审核的层级不贴息（D-9）", d.Missing);
    }

    private static PolicyMatch Line(YearMatches m, Scheme scheme, string project) =>
        m.Lines.Single(l => l.Scheme == scheme && l.Project == $"{E}/{project}");

    private static Scenario Scenario(int year, Project[] projects, Loan[]? loans = null, string industry = "C3421") => new()
    {
        Name = "matcher",
        Year = year,
        Enterprises = [new Enterprise(E, CreditCode, "测试企业", "昆山开发区", IndustryCode.Parse(industry))],
        Projects = [.. projects],
        Loans = [.. loans ?? []],
    };

    private static Project Project(string code, ProjectKind kind = ProjectKind.Renovation, ProjectStatus status = ProjectStatus.InProgress,
        DateOnly? completedOn = null, string[]? clusters = null, string[]? scopes = null, (int Year, decimal Equipment, decimal Digital)[]? investment = null) => new()
        {
            Id = $"{E}/{code}",
            EnterpriseId = E,
            Name = $"测试项目 {code}",
            Kind = kind,
            Status = status,
            CompletedOn = completedOn,
            Clusters = [.. clusters ?? []],
            DigitalScopes = [.. scopes ?? []],
            Investment = [.. (investment ?? []).Select(i => new YearInvestment(i.Year, new Money(i.Equipment), new Money(i.Digital)))],
        };

    private static Loan Loan(string id, decimal principal = 36_000_000m, decimal rate = 0.03m, DateOnly? issued = null, DateOnly? matures = null,
        decimal? equipment = null, LoanCategory category = LoanCategory.EquipmentRenewal) => new()
        {
            Id = id,
            EnterpriseId = E,
            ProjectId = $"{E}/P1",
            Category = category,
            Principal = new Money(principal),
            Rate = new Rate(rate),
            IssuedOn = issued ?? new DateOnly(2025, 1, 1),
            MaturesOn = matures ?? new DateOnly(2028, 1, 1),
            EquipmentAmount = new Money(equipment ?? principal),
        };
}
