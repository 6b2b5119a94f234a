using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Revisions;

/// <summary>V-2 (layers as known on K, same-day order) and V-3 (the day each value is read).</summary>
public class LayerTests
{
    private static ScenarioResult Run(Scenario s, params Revision[] revisions) =>
        PolicyEngine.Default.Evaluate(s with { Revisions = [.. revisions] }, explain: true);

    // 36,000,000 × 1% / 360 = 1,000 yuan a day; equipment_renewal: Suzhou does not pay.
    private static Scenario Loans(params Loan[] loans) => Scenario(2025, [Enterprise()], [Project()], loans.Length == 0 ? [Loan()] : loans);

    [Fact]
    public void ALaterRevision_OverridesOnlyTheDaysItsValuesCover()
    {
        var a = Rev.One("A", "2025-01-01", "loan.province.rate", "0.02", "2025-01-01");
        var b = Rev.One("B", "2025-02-01", "loan.province.rate", "0.005", "2025-04-01", "2025-04-30");
        var store = PolicyEngine.Default.Parameters.WithRevisions([a, b], null);
        Assert.Equal(0.02m, store.ResolveAt(new DateOnly(2025, 3, 31)).Find("loan.province.rate")!.Value);
        Assert.Equal(0.005m, store.ResolveAt(new DateOnly(2025, 4, 1)).Find("loan.province.rate")!.Value);
        Assert.Equal("B", store.ResolveAt(new DateOnly(2025, 4, 30)).Find("loan.province.rate")!.Revision);
        Assert.Equal(0.02m, store.ResolveAt(new DateOnly(2025, 5, 1)).Find("loan.province.rate")!.Value);
        Assert.Equal(0.01m, store.ResolveAt(new DateOnly(2024, 12, 31)).Find("loan.province.rate")!.Value);
        Assert.Null(store.ResolveAt(new DateOnly(2024, 12, 31)).Find("loan.province.rate")!.Revision);
        // The pack itself is never edited.
        Assert.Equal(0.01m, PolicyEngine.Default.Parameters.ResolveAt(new DateOnly(2025, 4, 1)).Find("loan.province.rate")!.Value);
        // Province: 90 days at 2%, 30 at 0.5%, 245 at 2%; Kunshan keeps its 1 point (2 + 1 = 3).
        var r = Run(Loans(), a, b);
        Assert.Equal(90 * 2000m + 30 * 500m + 245 * 2000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(365_000m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
    }

    [Fact]
    public void PublishedTheSameDay_TheLaterInTheOrderGivenWins()
    {
        var x = Rev.One("X", "2025-03-01", "loan.province.rate", "0.02", "2025-01-01");
        var y = Rev.One("Y", "2025-03-01", "loan.province.rate", "0.005", "2025-01-01");
        Assert.Equal(0.005m, PolicyEngine.Default.Parameters.WithRevisions([x, y], null).ResolveAt(new DateOnly(2025, 6, 1)).Find("loan.province.rate")!.Value);
        Assert.Equal(0.02m, PolicyEngine.Default.Parameters.WithRevisions([y, x], null).ResolveAt(new DateOnly(2025, 6, 1)).Find("loan.province.rate")!.Value);
        // A later publication wins whatever the order given.
        var z = Rev.One("Z", "2025-04-01", "loan.province.rate", "0.015", "2025-01-01");
        Assert.Equal(0.015m, PolicyEngine.Default.Parameters.WithRevisions([z, x, y], null).ResolveAt(new DateOnly(2025, 6, 1)).Find("loan.province.rate")!.Value);
    }

    [Fact]
    public void ARevisionPublishedBeforeThePack_GivesWayToThePackWhereThePackHasAValue()
    {
        // The pack is a layer published 2024-05-14 (V-2): an earlier revision only fills days the pack leaves empty.
        var early = Read("EARLY", "2024-03-01", "    loan.province.rate:\n      - { from: 2023-01-01, value: 0.02, source: EARLY }");
        var store = PolicyEngine.Default.Parameters.WithRevisions([early], null);
        Assert.Equal(0.01m, store.ResolveAt(new DateOnly(2025, 1, 1)).Find("loan.province.rate")!.Value);
        Assert.Equal(0.02m, store.ResolveAt(new DateOnly(2023, 6, 1)).Find("loan.province.rate")!.Value);
        Assert.Equal(0.02m, store.ResolveAt(new DateOnly(2028, 6, 1)).Find("loan.province.rate")!.Value);
    }

    private static Revision Read(string id, string published, string values) => Rev.Read(Rev.Text(id, published, values));

    [Fact]
    public void KnownOn_LeavesOutTheRevisionsPublishedAfterIt_TheDayItselfIncluded()
    {
        var a = Rev.One("A", "2025-03-01", "loan.province.rate", "0.02", "2025-01-01");
        var s = Loans();
        Assert.Equal(365_000m, Run(s with { KnownOn = new DateOnly(2025, 2, 28) }, a).Amount(Scheme.LoanInterest, "L1", Level.Province));
        var on = Run(s with { KnownOn = new DateOnly(2025, 3, 1) }, a);
        Assert.Equal(730_000m, on.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(["A"], on.Revisions);
        Assert.Equal(new DateOnly(2025, 3, 1), on.KnownOn);
        Assert.Empty(Run(s with { KnownOn = new DateOnly(2025, 2, 28) }, a).Revisions);
    }

    [Fact]
    public void AMidYearRateRevision_ChangesOnlyTheDaysAfterIt()
    {
        var rev = Rev.One("MID", "2025-06-01", "loan.province.rate", "0.02", "2025-07-01");
        var r = Run(Loans(), rev);
        // 181 days (Jan–Jun) at 1%, 184 days (Jul–Dec) at 2%.
        Assert.Equal(181 * 1000m + 184 * 2000m, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        var trace = r.Line(Scheme.LoanInterest, "L1", Level.Province).Trace;
        Assert.Contains(trace, t => t.Rule == "D-4" && t.Text.StartsWith("2025-07-01", StringComparison.Ordinal) && t.Text.Contains("（MID）", StringComparison.Ordinal));
        Assert.DoesNotContain(trace, t => t.Rule == "D-4" && t.Text.StartsWith("2025-01-01", StringComparison.Ordinal) && t.Text.Contains("MID", StringComparison.Ordinal));
        // The year before is unchanged.
        var y2024 = Scenario(2024, [Enterprise()], [Project()], [Loan(issued: "2024-01-01", matures: "2027-01-01")]);
        Assert.Equal(Evaluate(y2024).Amount(Scheme.LoanInterest, "L1", Level.Province), Run(y2024, rev).Amount(Scheme.LoanInterest, "L1", Level.Province));
    }

    [Theory]
    [InlineData("2025-06-30", 0)]        // issued the day before the waiver: judged by the old rule (D-E5 fails)
    [InlineData("2025-07-01", 15_333.33)]  // issued on its first day: the province waives D-E5; 3,000,000 × 1% × 184 / 360
    public void Eligibility_IsReadOnTheIssueDate(string issued, decimal province)
    {
        var rev = Rev.One("W", "2025-05-01", "loan.province.waived", "[D-E5]", "2025-07-01");
        // Equipment 3,000,000 < 5,000,000: D-E5 fails unless waived.
        var loan = Loan(issued: issued, matures: "2028-07-01", principal: 3_000_000m, equipment: 3_000_000m);
        var r = Run(Loans(loan), rev);
        Assert.Equal(province, r.Amount(Scheme.LoanInterest, "L1", Level.Province));
        Assert.Equal(0m, r.Amount(Scheme.LoanInterest, "L1", Level.Kunshan));
        Assert.Equal("D-E5", r.Line(Scheme.LoanInterest, "L1", Level.Kunshan).FailedRule);
    }

    [Theory]
    [InlineData("2025-12-31", 2025, 480_000)]  // read on 31 December of the award year
    [InlineData("2026-01-01", 2025, 400_000)]
    public void TheInvestmentSchemes_ReadTheirValuesOn31December(string from, int year, decimal expected)
    {
        var rev = Rev.One("C", "2025-03-01", "tech_renovation.base_rate", "0.06", from);
        var s = Scenario(year, [Enterprise()], [Project(investment: [(year, 8_000_000m, 0m)])]);
        var line = Run(s, rev).Line(Scheme.TechRenovation, "E1");
        Assert.Equal(expected, line.Amount.Yuan);
        Assert.Equal(expected == 400_000m, line.Assumed);
        if (expected == 480_000m) Assert.Contains(line.Trace, t => t.Rule == "C-3" && t.Text.Contains("（C）", StringComparison.Ordinal));
    }

    [Fact]
    public void Overrides_ApplyOnTopOfEveryLayer()
    {
        var rev = Rev.One("A", "2025-01-01", "loan.province.rate", "0.02", "2025-01-01");
        var s = Loans() with { Parameters = [new("loan.province.rate", "0.005")] };
        Assert.Equal(182_500m, Run(s, rev).Amount(Scheme.LoanInterest, "L1", Level.Province));
        var engine = PolicyEngine.Default.With([new("loan.province.rate", "0.005")]);
        Assert.Equal(182_500m, engine.Evaluate(Loans() with { Revisions = [rev] }).Amount(Scheme.LoanInterest, "L1", Level.Province));
    }

    [Fact]
    public void TwoDifferentRevisionsWithOneId_AreRefused_TheSameOneTwiceIsAppliedOnce()
    {
        var a = Rev.One("A", "2025-01-01", "loan.province.rate", "0.02", "2025-01-01");
        var again = Rev.One("A", "2025-01-01", "loan.province.rate", "0.02", "2025-01-01");
        var other = Rev.One("A", "2025-01-01", "loan.province.rate", "0.03", "2025-01-01");
        Assert.Single(PolicyEngine.Default.Parameters.WithRevisions([a, again], null).Revisions);
        Assert.Throws<ParameterException>(() => PolicyEngine.Default.Parameters.WithRevisions([a, other], null));
    }

    [Fact]
    public void Layers_ListThePackThenEachRevision()
    {
        var a = Rev.One("A", "2025-01-01", "loan.province.rate", "0.02", "2025-01-01");
        var b = Rev.One("B", "2024-12-01", "loan.province.rate", "0.015", "2025-06-01");
        var layers = PolicyEngine.Default.Parameters.WithRevisions([a, b], null).LayersOf("loan.province.rate");
        Assert.Equal([null, "B", "A"], layers.Select(l => l.Revision));
        Assert.Single(PolicyEngine.Default.Parameters.LayersOf("loan.province.rate"));
    }

    [Fact]
    public void TraceLines_NameTheRevisionThatSuppliedAValue()
    {
        var rev = Rev.One("B-R", "2025-02-01", "effective_investment.rate", "0.10", "2025-01-01");
        var s = Scenario(2025, [Enterprise()], [Project(clusters: ["biomedicine"], investment: [(2025, 30_000_000m, 0m)])]);
        var line = Run(s, rev).Line(Scheme.EffectiveInvestment, "P1");
        Assert.Equal(3_000_000m, line.Amount.Yuan);
        Assert.Contains(line.Trace, t => t.Rule == "B-4" && t.Text.Contains("10%（B-R）", StringComparison.Ordinal));
        Assert.DoesNotContain(Evaluate(s, explain: true).Line(Scheme.EffectiveInvestment, "P1").Trace, t => t.Text.Contains('（' + "B-R", StringComparison.Ordinal));
    }
}
