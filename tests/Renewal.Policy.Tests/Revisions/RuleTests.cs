using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Revisions;

/// <summary>D-E6 per-level waivers, D-6 the caps table, D-9 explicit approval, D-10 yields_to — at their boundaries.</summary>
public class RuleTests
{
    private static ScenarioResult Run(Scenario s, params Revision[] revisions) =>
        PolicyEngine.Default.Evaluate(s with { Revisions = [.. revisions] }, explain: true);

    private static Scenario Loans(int year, params Loan[] loans) => Scenario(year, [Enterprise()], [Project(), Project("P2")], loans);

    // ---------------------------------------------------------------- D-E6

    [Theory]
    [InlineData(0.036, 365_000, 365_000)]   // 1-year LPR 3.10% + 0.50 = 3.60%: every level pays
    [InlineData(0.0361, 365_000, 0)]       // a basis point above: only the province, which waives D-E4
    public void AWaiverOfDE4_LetsOnlyThatLevelPay_AboveTheLimit(decimal rate, decimal province, decimal kunshan)
    {
        var rev = Rev.One("W4", "2024-12-01", "loan.province.waived", "[D-E4]", "2025-01-01");
        var r = Run(Loans(2025, Loan(rate: rate)), rev);
        Assert.Equal(province, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(kunshan, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        if (kunshan == 0)
        {
            Assert.Equal("D-E4", r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
            var trace = r.Line(Scheme.LoanInterest, "L1", Level.Province).Trace;
            Assert.Contains(trace, t => t.Rule == "D-E6" && t.Text.StartsWith("D-E4 不适用于省级（W4）", StringComparison.Ordinal));
            Assert.DoesNotContain(trace, t => t.Rule == "D-E4");
        }
    }

    [Fact]
    public void AWaiverOfOneRule_DoesNotWaiveAnother_NorARuleNoLevelWaives()
    {
        var rev = Rev.One("W4", "2024-12-01", "loan.province.waived", "[D-E4]", "2025-01-01");
        // D-E5 fails (equipment 4,999,999.99 < 5,000,000): the province waives only D-E4.
        var r = Run(Loans(2025, Loan(principal: 6_000_000m, equipment: 4_999_999.99m, rate: 0.04m)), rev);
        Assert.All(r.Awards.Where(a => a.Scheme == Scheme.LoanInterest), a => Assert.Equal(0m, a.Amount.Yuan));
        Assert.Equal("D-E5", r.Line(Scheme.LoanInterest, "L1", Level.Province).FailedRule);
        Assert.Equal("D-E4", r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
        // D-E1 is never waived: a non-manufacturer gets nothing from any level.
        var s = Scenario(2025, [Enterprise(industry: "D4411")], [Project()], [Loan(rate: 0.05m)]);
        var all = Rev.One("ALL", "2024-12-01", "loan.province.waived", "[D-E4, D-E5]", "2025-01-01");
        Assert.Equal("D-E1", Run(s, all).Line(Scheme.LoanInterest, "L1", Level.Province).FailedRule);
    }

    [Fact]
    public void AWaivedLevel_LeavesNoRoomToTheOthers_ThatItDoesNotUse()
    {
        // Rate 4%: only the province pays (D-E4 waived); it takes 1 point of the 3 and nothing else pays.
        var rev = Rev.One("W4", "2024-12-01", "loan.province.waived", "[D-E4]", "2025-01-01");
        var r = Run(Loans(2025, Loan(rate: 0.04m, platform: true, category: LoanCategory.DigitalTransformation)), rev);
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(0m, r.Amount(Scheme.LoanInterest, "L1", Level.Suzhou));
        Assert.Equal("D-E4", r.Line(Scheme.LoanInterest, "L1", Level.Suzhou).FailedRule);
    }

    // ---------------------------------------------------------------- D-9

    [Fact]
    public void TheNationalLevel_PaysOnlyWhenListed()
    {
        var rev = Rev.One("CN", "2024-12-01", "loan.central.rate", "0.01", "2025-01-01");
        var without = Run(Loans(2025, Loan()), rev);
        Assert.Equal(0m, without.Amount(Scheme.LoanInterest, "L1", Level.Central));
        Assert.Equal("D-9", without.Line(Scheme.LoanInterest, "L1", Level.Central).FailedRule);
        // Not listed, it uses no room: province and Kunshan keep their points.
        Assert.Equal(365_000m, without.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        var listed = Run(Loans(2025, Loan(approvals: [Level.Central, Level.Province, Level.Kunshan])), rev);
        Assert.Equal(365_000m, listed.Amount(Scheme.LoanInterest, "L1", Level.Central));
        Assert.Equal(365_000m, listed.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        // Another level without explicit approval still pays when approvals is absent.
        var off = Rev.One("OFF", "2024-12-01", "loan.central.explicit_approval", "false", "2025-01-01");
        Assert.Equal(365_000m, Run(Loans(2025, Loan()), rev, off).Amount(Scheme.LoanInterest, "L1", Level.Central));
    }

    [Fact]
    public void ExplicitApproval_IsReadOnTheIssueDate()
    {
        var rate = Rev.One("CN", "2024-12-01", "loan.central.rate", "0.01", "2025-01-01");
        var off = Rev.One("OFF", "2024-12-01", "loan.central.explicit_approval", "false", "2025-07-01");
        Assert.Equal(0m, Run(Loans(2025, Loan(issued: "2025-06-30")), rate, off).Amount(Scheme.LoanInterest, "L1", Level.Central));
        Assert.Equal(184_000m, Run(Loans(2025, Loan(issued: "2025-07-01")), rate, off).Amount(Scheme.LoanInterest, "L1", Level.Central));
    }

    // ---------------------------------------------------------------- D-10

    [Fact]
    public void ALevelYields_OnlyOnTheDaysTheOtherPays()
    {
        // Central 1 point from 2025-07-01; Kunshan yields to central all year.
        var cn = Rev.One("CN", "2024-12-01", "loan.central.rate", "0.01", "2025-07-01");
        var y = Rev.One("Y", "2024-12-01", "loan.kunshan.yields_to", "[central]", "2025-01-01");
        var r = Run(Loans(2025, Loan(approvals: [Level.Central, Level.Province, Level.Kunshan])), cn, y);
        Assert.Equal(184_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Central));
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(181_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Contains(r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).Trace,
            t => t.Rule == "D-10" && t.Text.StartsWith("2025-07-01 至 2025-12-31，184 天", StringComparison.Ordinal) && t.Text.Contains("（Y）", StringComparison.Ordinal));
        // Central not approved: Kunshan pays every day.
        var notApproved = Run(Loans(2025, Loan()), cn, y);
        Assert.Equal(365_000m, notApproved.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
    }

    [Fact]
    public void AYieldingLevel_LeavesItsRoomToTheNext()
    {
        // Suzhou yields to central; central 1, province 1 → Suzhou 0 and Kunshan takes the third point.
        var cn = Rev.One("CN", "2024-12-01", "loan.central.rate", "0.01", "2025-01-01");
        var y = Rev.One("Y", "2024-12-01", "loan.suzhou.yields_to", "[central]", "2025-01-01");
        var r = Run(Loans(2025, Loan(platform: true, category: LoanCategory.DigitalTransformation, approvals: [Level.Central, Level.Province, Level.Suzhou, Level.Kunshan])), cn, y);
        Assert.Equal(0m, r.Amount(Scheme.LoanInterest, "L1", Level.Suzhou));
        Assert.Equal("D-10", r.Line(Scheme.LoanInterest, "L1", Level.Suzhou).FailedRule);
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
    }

    [Fact]
    public void ALevelWhoseFilledRateIsZero_DoesNotMakeOthersYield()
    {
        // Loan rate 2%: province 1, Suzhou 1 (room used up); Kunshan yields to Suzhou, which pays that day → D-10.
        var y = Rev.One("Y", "2024-12-01", "loan.kunshan.yields_to", "[suzhou]", "2025-01-01");
        var r = Run(Loans(2025, Loan(rate: 0.02m, platform: true, category: LoanCategory.DigitalTransformation)), y);
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Suzhou));
        Assert.Equal(0m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Equal("D-10", r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
        var y2 = Rev.One("Y2", "2024-12-01", "loan.kunshan.yields_to", "[suzhou]", "2025-01-01");
        var r2 = Run(Loans(2025, Loan(rate: 0.01m, platform: true, category: LoanCategory.DigitalTransformation)), y2);
        // Room 1 point: the province takes it, Suzhou's rate is 0 (D-3): Kunshan does not yield, but has no room either.
        Assert.Equal("D-3", r2.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
    }

    // ---------------------------------------------------------------- D-6 caps table

    private static Revision Caps(string rows) =>
        Rev.Read(Rev.Text("CAPS", "2025-01-01", $"    loan.caps:\n      - from: 2025-01-01\n        source: CAPS\n        value: {rows}"));

    [Theory]
    [InlineData(730_000, 365_000)]        // exactly the cap: nothing is cut
    [InlineData(729_999.99, 364_999.99)]  // a fen under: Kunshan, the later level, is cut
    [InlineData(500_000, 135_000)]        // the province keeps all it has, Kunshan the rest
    [InlineData(300_000, 0)]              // the province alone is over the cap: it keeps the cap, Kunshan gets nothing
    public void ACombinedCap_CutsTheLastLevelFirst(decimal cap, decimal kunshan)
    {
        var rev = Caps($"[{{ id: X, levels: [kunshan, province], per: project, amount: {cap.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}]");
        var r = Run(Loans(2025, Loan()), rev);
        var province = Math.Min(365_000m, cap);
        Assert.Equal(province, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(kunshan, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        if (kunshan < 365_000m)
            Assert.Contains(r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).Trace, t => t.Rule == "D-6" && t.Text.Contains("（X，CAPS）", StringComparison.Ordinal));
    }

    [Fact]
    public void ACutLevel_IsSharedByItsLoansToTheFen()
    {
        // Two projects, 365,000 each at Kunshan; a per-enterprise Kunshan cap of 100,000.01 → 50,000.01 + 50,000.00 (earlier id first).
        var rev = Caps("[{ id: K, levels: [kunshan], per: enterprise, amount: 100000.01 }]");
        var r = Run(Loans(2025, Loan("L1"), Loan("L2", project: "P2")), rev);
        Assert.Equal(50_000.01m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Equal(50_000m, r.Amount(Scheme.LoanInterest, "L2", Level.Kunshan));
        // The table replaces the pack's rows: no province cap is left, so nothing else is cut.
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L2", Level.Province));
    }

    [Fact]
    public void ThePacksCapsTable_IsTheSeedsFourRows()
    {
        var rows = (CapsTable)PolicyEngine.Default.Parameters.ResolveAt(new DateOnly(2025, 12, 31)).Find("loan.caps")!.Value;
        Assert.Equal(["D-6a:province/project/5000000", "D-6b:province/enterprise/10000000", "D-7a:suzhou/enterprise/3000000", "D-7b:kunshan/enterprise/3000000"],
            rows.Select(r => r.ToString()));
    }

    [Fact]
    public void TheCapsTable_CanBeSetWholeAsText()
    {
        var engine = PolicyEngine.Default.With([new("loan.caps", """[{"id": "K", "levels": ["kunshan"], "per": "enterprise", "amount": 1000}]""")]);
        Assert.Equal(1_000m, engine.Evaluate(Loans(2025, Loan())).Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Throws<ParameterException>(() => PolicyEngine.Default.With([new("loan.caps", "[{ id: K, levels: [], per: enterprise, amount: 1 }]")]));
        Assert.Throws<ParameterException>(() => PolicyEngine.Default.With([new("loan.province.yields_to", "kunshan")]).Parameters.Fingerprint);
    }

    [Fact]
    public void TheOldPerLevelCapNames_StayReadable_DerivedFromTheTable()
    {
        var p = PolicyEngine.Default.Parameters.ResolveAt(new DateOnly(2025, 12, 31));
        Assert.Equal(5_000_000m, p.Find("loan.province.cap_per_project_year")!.Value);
        Assert.Equal(10_000_000m, p.Find("loan.province.cap_per_enterprise_year")!.Value);
        Assert.Equal(3_000_000m, p.Find("loan.suzhou.cap_per_enterprise_year")!.Value);
        Assert.Equal(3_000_000m, p.Find("loan.kunshan.cap_per_enterprise_year")!.Value);
        Assert.Null(PolicyEngine.Default.Parameters.Find("loan.kunshan.cap_per_enterprise_year"));
        var revised = PolicyEngine.Default.Parameters.WithRevisions([Caps("[{ id: X, levels: [province, kunshan], per: enterprise, amount: 1 }, { id: K, levels: [kunshan], per: enterprise, amount: 2000000 }]")], null)
            .ResolveAt(new DateOnly(2025, 12, 31));
        Assert.Null(revised.Find("loan.province.cap_per_project_year"));
        Assert.Equal(2_000_000m, revised.Find("loan.kunshan.cap_per_enterprise_year")!.Value);
        Assert.Equal("CAPS", revised.Find("loan.kunshan.cap_per_enterprise_year")!.Revision);
    }
}
