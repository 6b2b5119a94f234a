using Renewal.Services;
using Renewal.Data;
using Renewal.Testing;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Simulation;

/// <summary>What-if over the library: the difference is what two independent full evaluations say it is.</summary>
public class WhatIfTests(SimulationLibraries libraries) : IClassFixture<SimulationLibraries>
{
    private static readonly PolicyEngine Engine = PolicyEngine.Default;

    private static List<KeyValuePair<string, string>> Sets(params string[] sets) =>
        [.. sets.Select(s => s.Split('=')).Select(p => new KeyValuePair<string, string>(p[0], p[1]))];

    [Theory]
    [OnSqlite, OnPostgres]
    public void NoChange_GivesZeroDifferenceEverywhere(string provider)
    {
        using var db = libraries.Open(provider);
        var r = WhatIf.Run(new LibrarySnapshots(), db, Engine, 2025, []);
        Assert.True(r.Total.Before > 0, "the seeded library earns awards in 2025");
        Assert.Equal(r.Total.Before, r.Total.After);
        Assert.All(r.ByColumn.Values, f => Assert.Equal(0m, f.Change));
        Assert.All(r.ByLevel.Values, f => Assert.Equal(0m, f.Change));
        Assert.All(r.ByArea, a => Assert.Equal(0m, a.Total.Change));
        Assert.Empty(r.MostAffected);
        Assert.Equal(0, r.AffectedEnterprises);
        Assert.Equal(r.BaselineVersion, r.ChangedVersion);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Difference_EqualsTwoIndependentEvaluationsOfTheLibrary(string provider)
    {
        using var db = libraries.Open(provider);
        var sets = Sets("effective_investment.rate=0.10", "tech_renovation.base_rate=0.08", "loan.kunshan.rate=0.015");
        var r = WhatIf.Run(new LibrarySnapshots(), db, Engine, 2025, sets, top: 1000);

        // Independently: build the scenario afresh and run the full (explained-line) evaluation twice.
        var scenario = LibraryScenario.Build(db, 2025);
        var changedEngine = Engine.With(sets);
        var before = Engine.Evaluate(scenario);
        var after = changedEngine.Evaluate(scenario);
        var tb = LibraryEvaluation.Totals(scenario, before);
        var ta = LibraryEvaluation.Totals(scenario, after);

        foreach (var c in LibraryEvaluation.Columns)
        {
            Assert.Equal(tb.BySchemeAndLevel[c], r.ByColumn[c].Before);
            Assert.Equal(ta.BySchemeAndLevel[c], r.ByColumn[c].After);
        }
        Assert.Equal(tb.Total, r.Total.Before);
        Assert.Equal(ta.Total - tb.Total, r.Total.Change);
        Assert.NotEqual(0m, r.Total.Change);
        foreach (var a in r.ByArea)
        {
            Assert.Equal(tb.ByArea.TryGetValue(a.Area, out var rb) ? rb.Values.Sum() : 0m, a.Total.Before);
            Assert.Equal(ta.ByArea.TryGetValue(a.Area, out var ra) ? ra.Values.Sum() : 0m, a.Total.After);
        }
        // Fiscal levels: A, B and C are Kunshan's; D by its own levels.
        Assert.Equal(ta.Total - ta.BySchemeAndLevel["loan_interest.central"] - ta.BySchemeAndLevel["loan_interest.province"] - ta.BySchemeAndLevel["loan_interest.suzhou"],
            r.ByLevel["kunshan"].After);

        // Enterprises: every one whose total moved, by absolute change.
        var perBefore = before.Awards.GroupBy(a => a.Enterprise).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount.Yuan));
        var perAfter = after.Awards.GroupBy(a => a.Enterprise).ToDictionary(g => g.Key, g => g.Sum(a => a.Amount.Yuan));
        var moved = perAfter.Where(p => p.Value != perBefore.GetValueOrDefault(p.Key)).ToDictionary(p => p.Key, p => p.Value - perBefore.GetValueOrDefault(p.Key));
        Assert.Equal(moved.Count, r.AffectedEnterprises);
        Assert.Equal(moved.Count, r.MostAffected.Count);
        foreach (var e in r.MostAffected)
        {
            Assert.Equal(moved[e.CreditCode], e.Change);
            Assert.Equal(perBefore[e.CreditCode], e.Before);
            Assert.Equal(scenario.Enterprises.Single(x => x.Id == e.CreditCode).Area, e.Area);
        }
        var changes = r.MostAffected.Select(e => Math.Abs(e.Change)).ToList();
        Assert.Equal(changes.OrderByDescending(x => x), changes);
        Assert.Equal(moved.Values.Select(Math.Abs).Max(), changes[0]);

        var three = WhatIf.Run(new LibrarySnapshots(), db, Engine, 2025, sets, top: 3);
        Assert.Equal(r.MostAffected.Take(3), three.MostAffected);
    }

    /// <summary>
    /// Kunshan is the last level in the fill order (D-1, D-3): raising its rate can only take room the others left, and
    /// its per-enterprise cap (D-7) is its own, so no other scheme or level moves; the Kunshan amounts grow by at most half.
    /// </summary>
    [Theory]
    [OnSqlite, OnPostgres]
    public void KunshanLoanRate_ChangesOnlyTheKunshanLoanColumn(string provider)
    {
        using var db = libraries.Open(provider);
        var r = WhatIf.Run(new LibrarySnapshots(), db, Engine, 2025, Sets("loan.kunshan.rate=0.015"), top: 1000);
        foreach (var (column, f) in r.ByColumn.Where(c => c.Key != "loan_interest.kunshan")) Assert.True(f.Change == 0m, $"{column} moved by {f.Change}");
        var kunshan = r.ByColumn["loan_interest.kunshan"];
        Assert.True(kunshan.Change > 0m, "a higher Kunshan rate pays more somewhere");
        // At most half as much again (each line is rounded to the fen, hence a fen of slack per loan).
        Assert.True(kunshan.After <= kunshan.Before * 1.5m + 0.01m * r.Loans, $"{kunshan.After} > 1.5 × {kunshan.Before}");
        Assert.Equal(0m, r.ByLevel["province"].Change);
        Assert.Equal(0m, r.ByLevel["suzhou"].Change);

        // The Kunshan cap per enterprise and year still holds under the new rate (independent full evaluation).
        var scenario = LibraryScenario.Build(db, 2025);
        var lines = Engine.With(Sets("loan.kunshan.rate=0.015")).Evaluate(scenario).Awards.Where(a => a.Level == Level.Kunshan);
        Assert.All(lines.GroupBy(a => a.Enterprise), g => Assert.True(g.Sum(a => a.Amount.Yuan) <= 3_000_000m));
        Assert.All(r.MostAffected, e => Assert.True(e.Change > 0m));
    }

    [Theory]
    [InlineData("nonsense.rate=0.1", "nonsense.rate")]
    [InlineData("effective_investment.rate=ten", "effective_investment.rate")]
    [InlineData("effective_investment.rate=-0.1", "effective_investment.rate")]
    [InlineData("tech_renovation.cap_per_enterprise_year=1.234", "tech_renovation.cap_per_enterprise_year")]
    public void BadParameter_IsRefused_WithAChineseMessageNamingIt(string set, string name)
    {
        var e = Assert.Throws<ParameterException>(() => WhatIf.Validate(Engine, 2025, Sets(set)));
        Assert.Equal(name, e.Parameter);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Message);
    }

    [Fact]
    public void YearOutsideTheProgramme_IsRefused()
    {
        var e = Assert.Throws<ParameterException>(() => WhatIf.Validate(Engine, 2028, []));
        Assert.Contains("2024–2027", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_ListTheValueInForceAndTheNewOne()
    {
        var (_, changes) = WhatIf.Validate(Engine, 2025, Sets("effective_investment.rate=0.10", "loan.kunshan.rate=0.015"));
        Assert.Equal(["effective_investment.rate", "loan.kunshan.rate"], changes.Select(c => c.Name));
        Assert.Equal("0.08", changes[0].From);
        Assert.Equal("0.10", changes[0].To);
        Assert.Equal("Annex §2(2)", changes[0].Source);
        Assert.Equal("0.01", changes[1].From);
    }

    [Fact]
    public void ParametersInForce_ListEveryParameterWithItsSource()
    {
        var list = ParameterText.InForce(Engine.Parameters, 2025);
        Assert.Equal(Engine.Parameters.Definitions.Length, list.Count);
        var c = list.Single(p => p.Name == "tech_renovation.base_rate");
        Assert.Equal("0.05", c.Value);
        Assert.True(c.Assumed);
        Assert.True(ParameterText.Same(Engine.Parameters.Find("effective_investment.rate")!, new DateOnly(2025, 12, 31), "0.080"));
        Assert.False(ParameterText.Same(Engine.Parameters.Find("effective_investment.rate")!, new DateOnly(2025, 12, 31), "0.1"));
        Assert.True(ParameterText.Same(Engine.Parameters.Find("loan.levels")!, new DateOnly(2025, 12, 31), "central, province,suzhou,kunshan"));
    }

    [Fact]
    public void FiscalLevels_BookABAndCAtKunshan()
    {
        Assert.Equal(Level.Kunshan, FiscalLevels.Of("demonstration"));
        Assert.Equal(Level.Kunshan, FiscalLevels.Of("effective_investment"));
        Assert.Equal(Level.Kunshan, FiscalLevels.Of("tech_renovation"));
        Assert.Equal(Level.Province, FiscalLevels.Of("loan_interest.province"));
        Assert.Equal("贷款贴息·苏州市级", FiscalLevels.Label("loan_interest.suzhou"));
    }
}
