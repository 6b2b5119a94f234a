using Renewal.Policy.Model;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>Scheme A (Annex §1): thresholds, completion year, cap, one award per project.</summary>
public class DemonstrationTests
{
    private static ScenarioResult Run(decimal digital2024, decimal digital2025, ProjectStatus status = ProjectStatus.Completed,
        string? completed = "2025-06-30", string[]? scopes = null, PriorAward[]? prior = null, int year = 2025, params (string, string)[] parameters)
    {
        var p = Project(status: status, completedOn: completed is null ? null : DateOnly.Parse(completed, System.Globalization.CultureInfo.InvariantCulture),
            scopes: scopes ?? ["smart_factory_demo"], investment: [(2024, digital2024, digital2024), (2025, digital2025, digital2025)], prior: prior);
        return Evaluate(Scenario(year, [Enterprise()], [p], null, parameters));
    }

    [Fact]
    public void Award_AtThreshold_IsTenPercentCappedAt30Million() =>
        Assert.Equal(30_000_000m, Run(250_000_000m, 250_000_000m).Amount(Scheme.Demonstration, "P1"));

    [Fact]
    public void Award_OneFenBelowThreshold_IsZero_FailingA2()
    {
        var line = Run(250_000_000m, 249_999_999.99m).Line(Scheme.Demonstration, "P1");
        Assert.False(line.Eligible);
        Assert.Equal("A-2", line.FailedRule);
        Assert.Equal(0m, line.Amount.Yuan);
    }

    [Fact]
    public void Award_BelowCap_IsTenPercentOfCumulativeDigital_WhenParametersLowerTheThreshold()
    {
        // 10% × 120,000,000 = 12,000,000 < cap: the formula, not just the cap, is exercised (what-if).
        var r = Run(60_000_000m, 60_000_000m, parameters: [("demonstration.min_digital_investment", "100000000")]);
        Assert.Equal(12_000_000m, r.Amount(Scheme.Demonstration, "P1"));
    }

    [Fact]
    public void Award_JustAboveCap_IsCap() =>
        Assert.Equal(30_000_000m, Run(150_000_000m, 150_000_000.01m, parameters: [("demonstration.min_digital_investment", "100000000")]).Amount(Scheme.Demonstration, "P1"));

    [Fact]
    public void NoScope_FailsA1() => Assert.Equal("A-1", Run(300_000_000m, 300_000_000m, scopes: []).Line(Scheme.Demonstration, "P1").FailedRule);

    [Fact]
    public void NotCompleted_FailsA3() =>
        Assert.Equal("A-3", Run(300_000_000m, 300_000_000m, ProjectStatus.InProgress, null).Line(Scheme.Demonstration, "P1").FailedRule);

    [Fact]
    public void CompletedInAnotherYear_FailsA3() =>
        Assert.Equal("A-3", Run(300_000_000m, 300_000_000m, completed: "2024-12-31").Line(Scheme.Demonstration, "P1").FailedRule);

    [Fact]
    public void PriorDemonstrationAward_BlocksASecondOne() =>
        Assert.Equal(0m, Run(300_000_000m, 300_000_000m, prior: [new PriorAward(Scheme.Demonstration, 2024, new Money(30_000_000m))]).Amount(Scheme.Demonstration, "P1"));

    [Theory]
    [InlineData(2024, 0)]           // cumulative 300,000,000: not yet
    [InlineData(2025, 30_000_000)]  // first year reaching 500,000,000
    public void WithoutCompletion_AwardFallsInFirstYearReachingThreshold(int year, decimal expected)
    {
        var p = Project(status: ProjectStatus.InProgress, scopes: ["data_productization"],
            investment: [(2024, 300_000_000m, 300_000_000m), (2025, 200_000_000m, 200_000_000m), (2026, 100_000_000m, 100_000_000m)]);
        var r = Evaluate(Scenario(year, [Enterprise()], [p], null, ("demonstration.require_completion", "false")));
        Assert.Equal(expected, r.Amount(Scheme.Demonstration, "P1"));
    }

    [Fact]
    public void WithoutCompletion_YearAfterThresholdGetsNothing()
    {
        var p = Project(status: ProjectStatus.InProgress, scopes: ["data_productization"],
            investment: [(2024, 300_000_000m, 300_000_000m), (2025, 200_000_000m, 200_000_000m), (2026, 100_000_000m, 100_000_000m)]);
        var r = Evaluate(Scenario(2026, [Enterprise()], [p], null, ("demonstration.require_completion", "false")));
        Assert.Equal("A-3", r.Line(Scheme.Demonstration, "P1").FailedRule);
    }
}

/// <summary>Scheme B (Annex §2): industrial, cluster or safety, 20,000,000 threshold, 8% with an 8,000,000 lifetime cap.</summary>
public class EffectiveInvestmentTests
{
    private static decimal Award(decimal equipment, string industry = "C3421", string[]? clusters = null, bool safety = false, decimal prior = 0)
    {
        var p = Project(clusters: clusters ?? ["biomedicine"], safety: safety, investment: [(2025, equipment, 0m)],
            prior: prior > 0 ? [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(prior))] : null);
        return Evaluate(Scenario(2025, [Enterprise(industry: industry)], [p])).Amount(Scheme.EffectiveInvestment, "P1");
    }

    [Theory]
    [InlineData(20_000_000, 1_600_000)]           // at the threshold
    [InlineData(19_999_999.99, 0)]                // a fen below
    [InlineData(20_000_000.01, 1_600_000.00)]     // a fen above: 1,600,000.0008 rounds to the fen
    [InlineData(99_999_999.99, 7_999_999.9992)]   // just under the cap: 8% of it
    [InlineData(100_000_000, 8_000_000)]          // exactly the cap
    [InlineData(100_000_000.01, 8_000_000)]       // above: capped
    public void Award_IsEightPercentCappedAtEightMillion(decimal equipment, decimal expected) =>
        Assert.Equal(decimal.Round(expected, 2, MidpointRounding.AwayFromZero), Award(equipment));

    [Theory]
    [InlineData("B0610")]
    [InlineData("D4411")]
    [InlineData("C3421")]
    public void IndustrialSections_Qualify(string code) => Assert.Equal(2_400_000m, Award(30_000_000m, code));

    [Theory]
    [InlineData("I6511")]
    [InlineData("G5829")]
    public void NonIndustrial_FailsB1(string code) => Assert.Equal(0m, Award(30_000_000m, code));

    [Fact]
    public void NoClusterNoSafety_FailsB2() => Assert.Equal(0m, Award(30_000_000m, clusters: []));

    [Fact]
    public void SafetyRenovation_QualifiesWithoutCluster() => Assert.Equal(2_400_000m, Award(30_000_000m, clusters: [], safety: true));

    [Theory]
    [InlineData(6_000_000, 2_000_000)]
    [InlineData(7_999_999.99, 0.01)]
    [InlineData(8_000_000, 0)]
    [InlineData(0, 4_000_000)]
    public void LifetimeCap_DeductsEarlierAwards(decimal prior, decimal expected) => Assert.Equal(expected, Award(50_000_000m, prior: prior));
}

/// <summary>Scheme C (Annex §3): enterprise sum of renovation/expansion, digital multiplier, 10,000,000 cap, ASSUMED base rate.</summary>
public class TechRenovationTests
{
    private static AwardLine Line(decimal renovation, decimal digital = 0, decimal newBuild = 0, decimal newDigital = 0, params (string, string)[] parameters)
    {
        var projects = new List<Project> { Project("P1", kind: ProjectKind.Renovation, investment: [(2026, renovation, digital)]) };
        if (newBuild > 0) projects.Add(Project("P2", kind: ProjectKind.New, investment: [(2026, newBuild, newDigital)]));
        return Evaluate(Scenario(2026, [Enterprise()], [.. projects], null, parameters)).Line(Scheme.TechRenovation, "E1");
    }

    [Theory]
    [InlineData(5_000_000, 250_000)]
    [InlineData(4_999_999.99, 0)]
    [InlineData(5_000_000.01, 250_000.00)]
    [InlineData(200_000_000, 10_000_000)]
    [InlineData(200_000_000.01, 10_000_000)]
    [InlineData(199_999_999.99, 9_999_999.9995)]
    public void Award_IsBaseRateTimesInvestment_Capped(decimal investment, decimal expected) =>
        Assert.Equal(decimal.Round(expected, 2, MidpointRounding.AwayFromZero), Line(investment).Amount.Yuan);

    [Theory]
    [InlineData(5_000_000, 500_000)]
    [InlineData(4_999_999.99, 250_000)]
    public void DigitalAtThreshold_DoublesTheAward(decimal digital, decimal expected) =>
        Assert.Equal(expected, Line(5_000_000m, digital).Amount.Yuan);

    [Fact]
    public void Multiplier_AppliesBeforeTheCap() => Assert.Equal(10_000_000m, Line(100_000_000.01m, 5_000_000m).Amount.Yuan);

    [Fact]
    public void NewBuildEquipment_DoesNotCount_ButItsDigitalDoes()
    {
        // Renovation 5,000,000 with no digital; a new-build project's 5,000,000 digital lifts the enterprise over C-4 (I-7).
        Assert.Equal(500_000m, Line(5_000_000m, 0, 40_000_000m, 5_000_000m).Amount.Yuan);
        Assert.Equal(0m, Line(0m, 0, 40_000_000m, 20_000_000m).Amount.Yuan);
    }

    [Fact]
    public void AssumedBaseRate_IsFlagged_UntilTheBureauSetsIt()
    {
        Assert.True(Line(5_000_000m).Assumed);
        var set = Line(5_000_000m, parameters: ("tech_renovation.base_rate", "0.03"));
        Assert.False(set.Assumed);
        Assert.Equal(150_000m, set.Amount.Yuan);
    }

    [Fact]
    public void NonIndustrialEnterprise_FailsC1()
    {
        var r = Evaluate(Scenario(2026, [Enterprise(industry: "I6511")], [Project(investment: [(2026, 50_000_000m, 0m)])]));
        Assert.Equal("C-1", r.Line(Scheme.TechRenovation, "E1").FailedRule);
    }
}

/// <summary>I-5: a project receives at most one of A and B in a year: the larger; a tie goes to A.</summary>
public class StackingTests
{
    private static ScenarioResult Run(decimal bEquipment, params (string, string)[] parameters)
    {
        var p = Project(status: ProjectStatus.Completed, completedOn: new DateOnly(2025, 6, 1), scopes: ["scenario_5g"], clusters: ["electronic_information"],
            investment: [(2024, 500_000_000m, 500_000_000m), (2025, bEquipment, 0m)]);
        return Evaluate(Scenario(2025, [Enterprise()], [p], null, parameters));
    }

    [Fact]
    public void LargerAward_Wins_LoserReportedWithI5()
    {
        var r = Run(100_000_000m);
        Assert.Equal(30_000_000m, r.Amount(Scheme.Demonstration, "P1"));
        var b = r.Line(Scheme.EffectiveInvestment, "P1");
        Assert.Equal(0m, b.Amount.Yuan);
        Assert.Equal("I-5", b.FailedRule);
    }

    [Fact]
    public void B_Wins_WhenLarger()
    {
        // A capped at 5,000,000 by a what-if; B = 8,000,000.
        var r = Run(100_000_000m, ("demonstration.cap_per_project", "5000000"));
        Assert.Equal(0m, r.Amount(Scheme.Demonstration, "P1"));
        Assert.Equal(8_000_000m, r.Amount(Scheme.EffectiveInvestment, "P1"));
    }

    [Fact]
    public void Tie_GoesToA()
    {
        var r = Run(100_000_000m, ("demonstration.cap_per_project", "8000000"));
        Assert.Equal(8_000_000m, r.Amount(Scheme.Demonstration, "P1"));
        Assert.Equal(0m, r.Amount(Scheme.EffectiveInvestment, "P1"));
    }

    [Fact]
    public void NonExclusive_PaysBoth()
    {
        var r = Run(100_000_000m, ("stacking.exclusive_project_awards", "false"));
        Assert.Equal(30_000_000m, r.Amount(Scheme.Demonstration, "P1"));
        Assert.Equal(8_000_000m, r.Amount(Scheme.EffectiveInvestment, "P1"));
    }
}
