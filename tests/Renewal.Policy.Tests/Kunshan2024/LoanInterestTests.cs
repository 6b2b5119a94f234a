using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>Scheme D (Annex §4): eligibility D-E1..D-E5, fill D-1..D-3, amounts D-4/D-5, caps D-6..D-8, approvals D-9.</summary>
public class LoanInterestTests
{
    private static ScenarioResult Run(Loan loan, int year = 2025, string industry = "C3421", ProjectKind kind = ProjectKind.Renovation,
        params (string, string)[] parameters) =>
        Evaluate(Scenario(year, [Enterprise(industry: industry)], [Project(kind: kind)], [loan], parameters), explain: true);

    private static decimal Amount(Loan loan, Level level, int year = 2025, params (string, string)[] parameters) =>
        Run(loan, year, parameters: parameters).Amount(Scheme.LoanInterest, loan.Id, level);

    // 36,000,000 × 1% × 365 / 360 = 365,000 for a whole 2025 inside the period.
    private static Loan Whole2025(decimal rate = 0.03m, string category = "equipment_renewal", decimal? equipment = null, bool platform = false, Level[]? approvals = null) =>
        Loan(rate: rate, category: Enum.Parse<LoanCategory>(category.Replace("_", "", StringComparison.Ordinal), ignoreCase: true),
            issued: "2025-01-01", matures: "2027-06-30", equipment: equipment, platform: platform, approvals: approvals);

    [Theory]
    [InlineData(0.036, 365_000)]    // 1-year LPR 3.10% on 2025-01-01 + 0.50 = 3.60%: inclusive
    [InlineData(0.0361, 0)]         // a basis point above
    public void RateLimit_IsLprPlusFiftyBasisPoints_Inclusive(decimal rate, decimal expected) =>
        Assert.Equal(expected, Amount(Whole2025(rate), Level.Province));

    [Theory]
    [InlineData("2029-08-01", 0.0385, 365_000)]   // exactly 60 months: 1-year LPR 3.35% → limit 3.85%
    [InlineData("2029-08-02", 0.0435, 365_000)]   // a day longer: 5-year LPR 3.85% → limit 4.35%
    [InlineData("2029-08-01", 0.0386, 0)]         // 1-year limit exceeded
    public void Tenor_Over60Months_Uses5YearLpr(string matures, decimal rate, decimal expected) =>
        // Issued 2024-08-01: 2025 is a whole year inside the 24-month period: 36,000,000 × 1% × 365/360.
        Assert.Equal(expected, Amount(Loan(rate: rate, issued: "2024-08-01", matures: matures), Level.Province));

    [Theory]
    [InlineData(5_000_000, 50_694.44)]
    [InlineData(4_999_999.99, 0)]
    public void EquipmentAmount_Threshold(decimal equipment, decimal expected) =>
        Assert.Equal(expected, Amount(Whole2025(equipment: equipment), Level.Province));

    [Theory]
    [InlineData("B0610")]   // industrial (mining) but not manufacturing
    [InlineData("G5829")]
    public void NonManufacturing_FailsDE1(string industry)
    {
        var line = Run(Whole2025(), industry: industry).Line(Scheme.LoanInterest, "L1", Level.Province);
        Assert.Equal("D-E1", line.FailedRule);
        Assert.Equal(0m, line.Amount.Yuan);
    }

    [Fact]
    public void ProjectKind_IsAParameter()
    {
        Assert.Equal(365_000m, Amount(Whole2025(), Level.Kunshan));
        var r = Run(Whole2025(), parameters: [("loan.project_kinds", "new,expansion")]);
        Assert.Equal("D-E2", r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
    }

    [Theory]
    [InlineData(0.03, 365_000, 365_000, 365_000)]
    [InlineData(0.025, 365_000, 365_000, 182_500)]
    [InlineData(0.015, 365_000, 182_500, 0)]
    public void Levels_FillTheRoomInPrecedenceOrder(decimal rate, decimal province, decimal suzhou, decimal kunshan)
    {
        var r = Run(Whole2025(rate, "digital_transformation", platform: true));
        Assert.Equal(province, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(suzhou, r.Amount(Scheme.LoanInterest, "L1", Level.Suzhou));
        Assert.Equal(kunshan, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Equal(0m, r.Amount(Scheme.LoanInterest, "L1", Level.Central));
        if (kunshan == 0) Assert.Equal("D-3", r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
    }

    [Fact]
    public void UnapprovedLevel_LeavesItsRoomToTheNext()
    {
        var r = Run(Whole2025(0.015m, "digital_transformation", platform: true, approvals: [Level.Suzhou, Level.Kunshan]));
        Assert.Equal(0m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal("D-9", r.Line(Scheme.LoanInterest, "L1", Level.Province).FailedRule);
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Suzhou));
        Assert.Equal(182_500m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
    }

    [Theory]
    [InlineData("digital_transformation", false)]
    [InlineData("equipment_renewal", true)]
    public void Suzhou_NeedsPlatformAndDigitalCategory(string category, bool platform)
    {
        var line = Run(Whole2025(category: category, platform: platform)).Line(Scheme.LoanInterest, "L1", Level.Suzhou);
        Assert.Equal(0m, line.Amount.Yuan);
        Assert.Equal("D-2", line.FailedRule);
    }

    [Fact]
    public void CentralLevel_CanBeSwitchedOnByParameter_AndTakesPrecedence()
    {
        // The national programme approves loans one by one (D-9): switched on for a loan without approvals, it must not need them.
        var r = Run(Whole2025(0.025m), parameters: [("loan.central.rate", "0.01"), ("loan.central.explicit_approval", "false")]);
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Central));
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(182_500m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
    }

    [Fact]
    public void IssueDayBearsInterest_MaturityDayDoesNot()
    {
        // Issued 2025-12-31: one day in 2025. Matures 2026-01-02: one day (Jan 1) in 2026.
        var loan = Loan(issued: "2025-12-31", matures: "2026-01-02");
        Assert.Equal(1_000m, Amount(loan, Level.Province, 2025));
        Assert.Equal(1_000m, Amount(loan, Level.Province, 2026));
    }

    [Fact]
    public void Repayment_ReducesTheBalanceFromItsOwnDate()
    {
        // 36,000,000 until 2025-06-30 (181 days), 18,000,000 from 2025-07-01 (184 days): 181,000 + 92,000.
        var loan = Loan(issued: "2025-01-01", matures: "2027-12-31", repayments: [("2025-07-01", 18_000_000m)]);
        Assert.Equal(273_000m, Amount(loan, Level.Province));
    }

    [Fact]
    public void EquipmentShare_ScalesTheBalance_OrNotWhenFullBalanceIsChosen()
    {
        var loan = Whole2025(equipment: 18_000_000m);
        Assert.Equal(182_500m, Amount(loan, Level.Province));
        Assert.Equal(365_000m, Amount(loan, Level.Province, 2025, ("loan.subsidised_base", "full_balance")));
    }

    [Fact]
    public void SubsidyPeriod_Is24Months_WithMonthEndClamping()
    {
        // Issued 2024-02-29 → period ends 2026-02-28 (excluded): 58 days in 2026.
        var loan = Loan(issued: "2024-02-29", matures: "2029-02-28", rate: 0.0395m);
        Assert.Equal(58_000m, Amount(loan, Level.Province, 2026));
        Assert.Equal(0m, Amount(loan, Level.Province, 2027));
        Assert.Equal("D-5", Run(loan, 2027).Line(Scheme.LoanInterest, "L1", Level.Province).FailedRule);
    }

    [Fact]
    public void ProgrammeWindow_EndsWith2027()
    {
        var loan = Loan(issued: "2027-07-01", matures: "2030-07-01", rate: 0.03m);
        Assert.Equal(184_000m, Amount(loan, Level.Province, 2027));
        var y2028 = Run(loan, 2028).Line(Scheme.LoanInterest, "L1", Level.Province);
        Assert.Equal(0m, y2028.Amount.Yuan);
        Assert.False(y2028.Eligible);
    }

    [Fact]
    public void LoanIssuedBeforeTheProgramme_IsSubsidisedForDaysInsideTheWindow()
    {
        // Issued 2023-07-01 (1-year LPR 3.55% + 0.5): its period runs to 2025-07-01; 2024 is inside the window.
        var loan = Loan(issued: "2023-07-01", matures: "2026-07-01", rate: 0.035m);
        Assert.Equal(366_000m, Amount(loan, Level.Province, 2024));
        Assert.Equal(181_000m, Amount(loan, Level.Province, 2025));
    }

    [Fact]
    public void RateRevisedMidYear_SplitsTheSegment()
    {
        // A revision of Kunshan's rate to 1.5 points from 2025-07-01 (as a dated parameter) changes only the days after it.
        var yaml = ParameterStoreWith("loan.kunshan.rate", "rate",
            "{ from: 2024-01-01, until: 2025-06-30, value: 0.01, source: Plan }", "{ from: 2025-07-01, until: 2027-12-31, value: 0.015, source: 修订 }");
        var engine = new PolicyEngine(yaml, LprTable.LoadKunshan2024());
        var s = Scenario(2025, [Enterprise()], [Project()], [Whole2025(0.03m)]);
        var r = engine.Evaluate(s);
        // 36,000,000 × (1% × 181 + 1.5% × 184) / 360 = 181,000 + 276,000
        Assert.Equal(457_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
    }

    private static Renewal.Policy.Parameters.ParameterStore ParameterStoreWith(string name, string type, params string[] values)
    {
        using var stream = typeof(PolicyEngine).Assembly.GetManifestResourceStream("Renewal.Policy.Kunshan2024.parameters.yaml")!;
        var text = new StreamReader(stream).ReadToEnd();
        var start = text.IndexOf(name + ":", StringComparison.Ordinal);
        var end = text.IndexOf("\nloan.", start + name.Length, StringComparison.Ordinal);
        var replacement = $"{name}:\n  type: {type}\n  values:\n" + string.Concat(values.Select(v => $"    - {v}\n"));
        return Renewal.Policy.Parameters.ParameterStore.Parse(text[..start] + replacement + text[(end + 1)..], "revised.yaml");
    }

    [Fact]
    public void ProjectCap_ExactlyReached_IsNotShared_OneFenOver_IsShared()
    {
        // Two loans of one project, each 1,800,000,000 × 1% × 50 days / 360 = 2,500,000 → 5,000,000 exactly.
        static Loan Big(string id, decimal principal) => Loan(id, principal: principal, issued: "2025-11-12", matures: "2028-11-12");
        var exact = Evaluate(Scenario(2025, [Enterprise()], [Project()], [Big("L1", 1_800_000_000m), Big("L2", 1_800_000_000m)]));
        Assert.Equal(2_500_000m, exact.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(2_500_000m, exact.Amount(Scheme.LoanInterest, "L2", Level.Province));

        var over = Evaluate(Scenario(2025, [Enterprise()], [Project()], [Big("L1", 1_800_000_000m), Big("L2", 1_800_000_072m)]));
        var a = over.Amount(Scheme.LoanInterest, "L1", Level.Province);
        var b = over.Amount(Scheme.LoanInterest, "L2", Level.Province);
        Assert.Equal(5_000_000m, a + b);
        Assert.True(b >= a);
    }

    [Fact]
    public void EnterpriseCaps_ApplyPerLevel_AndShareToTheFen()
    {
        // Three projects × 2,027,777.78 of Kunshan interest = 6,083,333.34 > 3,000,000.
        var projects = new[] { Project("P1"), Project("P2"), Project("P3") };
        var loans = projects.Select((p, i) => Loan($"L{i + 1}", project: p.Id, principal: 200_000_000m, issued: "2025-01-01", matures: "2029-01-01")).ToArray();
        var r = Evaluate(Scenario(2025, [Enterprise()], projects, loans), explain: true);
        var shares = loans.Select(l => r.Amount(Scheme.LoanInterest, l.Id, Level.Kunshan)).ToArray();
        Assert.Equal(3_000_000m, shares.Sum());
        Assert.Equal([1_000_000m, 1_000_000m, 1_000_000m], shares);
        // Province: per-project caps do not bind (2,027,777.78 each); the enterprise's 10,000,000 does not either.
        Assert.Equal(6_083_333.34m, loans.Sum(l => r.Amount(Scheme.LoanInterest, l.Id, Level.Province)));
        Assert.Contains(r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).Trace, t => t.Rule == "D-8" && t.Text.Contains("最大余额法", StringComparison.Ordinal));
    }

    [Fact]
    public void Trace_ShowsLprLimitSegmentsAndCaps()
    {
        var loan = Loan(issued: "2025-03-01", matures: "2028-03-01", repayments: [("2025-09-01", 6_000_000m)]);
        var trace = Run(loan).Line(Scheme.LoanInterest, "L1", Level.Province).Trace;
        Assert.Contains(trace, t => t.Rule == "D-E4" && t.Text.Contains("LPR 3.1%", StringComparison.Ordinal) && t.Text.Contains("3.6%", StringComparison.Ordinal));
        Assert.Equal(2, trace.Count(t => t.Rule == "D-4"));
        Assert.Contains(trace, t => t.Rule == "D-4" && t.Text.Contains("184 天", StringComparison.Ordinal));
        Assert.Contains(trace, t => t.Rule == "D-6");
    }
}
