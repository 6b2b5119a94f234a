using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>
/// The compact evaluation (no trace) decides most projects without the rule methods, from cached scope and cluster
/// masks and one-byte rule codes: it must give exactly the lines of the traced evaluation.
/// </summary>
public sealed class FastPathTests
{
    private static void AssertSameAsTraced(Scenario s) => AssertSameAsTraced(PolicyEngine.Default, s);

    internal static void AssertSameAsTraced(PolicyEngine engine, Scenario s)
    {
        var fast = engine.EvaluateCompact(s);
        var traced = engine.Evaluate(s, explain: true).Awards;
        var outcomes = new List<Outcome>();
        for (var i = 0; i < s.Projects.Length; i++) { outcomes.Add(fast.Demonstration[i]); outcomes.Add(fast.EffectiveInvestment[i]); }
        outcomes.AddRange(fast.TechRenovation);
        outcomes.AddRange(fast.LoanInterest);
        Assert.Equal(traced.Count, outcomes.Count);
        for (var k = 0; k < traced.Count; k++)
        {
            var l = traced[k];
            Assert.True(outcomes[k].Amount == l.Amount && outcomes[k].Eligible == l.Eligible && outcomes[k].FailedRule == l.FailedRule && outcomes[k].Assumed == l.Assumed,
                $"{l.Scheme} {l.Project ?? l.Enterprise}: fast {outcomes[k].Amount}/{outcomes[k].Eligible}/{outcomes[k].FailedRule}, traced {l.Amount}/{l.Eligible}/{l.FailedRule}");
        }
    }

    [Fact]
    public void More_than_63_distinct_clusters_and_scopes_give_the_traced_failed_rules()
    {
        // 70 projects, each with its own cluster and scope text; the last one's are in force but numbered past 63.
        var projects = Enumerable.Range(0, 70).Select(i => World.Project($"P{i}", clusters: [i == 69 ? "biomedicine" : $"cluster_{i}"],
            scopes: [i == 69 ? "scenario_5g" : $"scope_{i}"], investment: [(2025, 10_000_000m, 1_000_000m)])).ToArray();
        var s = World.Scenario(2025, [World.Enterprise()], projects);
        AssertSameAsTraced(s);
        var r = PolicyEngine.Default.EvaluateCompact(s);
        Assert.Equal(RuleIds.B3, r.EffectiveInvestment[69].FailedRule); // in a cluster, below the threshold
        Assert.Equal(RuleIds.B2, r.EffectiveInvestment[0].FailedRule);
        Assert.Equal(RuleIds.A2, r.Demonstration[69].FailedRule);
        Assert.Equal(RuleIds.A1, r.Demonstration[0].FailedRule);
    }

    [Fact]
    public void Every_first_failure_of_A_B_and_C_matches_the_traced_path()
    {
        Enterprise[] enterprises = [World.Enterprise("E1"), World.Enterprise("E2", industry: "I6510"), World.Enterprise("E3")];
        Project[] projects =
        [
            World.Project("P1", "E1", clusters: ["biomedicine"], investment: [(2025, 30_000_000m, 0m)]),
            World.Project("P2", "E1", clusters: ["new_energy"], safety: true, investment: [(2025, 30_000_000m, 6_000_000m)]),
            World.Project("P3", "E2", clusters: ["biomedicine"], investment: [(2025, 30_000_000m, 0m)]),
            World.Project("P4", "E1", ProjectKind.New, ProjectStatus.Completed, new DateOnly(2025, 6, 1), ["biomedicine"], ["scenario_5g"],
                investment: [(2024, 400_000_000m, 300_000_000m), (2025, 300_000_000m, 250_000_000m)]),
            World.Project("P5", "E3", clusters: ["biomedicine"], investment: [(2025, 1_000_000m, 0m)],
                prior: [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(7_000_000m))]),
        ];
        AssertSameAsTraced(World.Scenario(2025, enterprises, projects));
        AssertSameAsTraced(World.Scenario(2025, enterprises, projects, null, ("effective_investment.min_annual_equipment", "500000")));
    }

    [Fact]
    public void Failed_rule_keeps_any_text_it_is_given()
    {
        var o = new Outcome { FailedRule = RuleIds.B3 };
        Assert.Same(RuleIds.B3, o.FailedRule);
        o.FailedRule = "X-fast-path-test";
        Assert.Equal("X-fast-path-test", o.FailedRule);
        o.FailedRule = null;
        Assert.Null(o.FailedRule);
        o.Eligible = true;
        o.Assumed = true;
        o.Eligible = false;
        Assert.True(o.Assumed);
        Assert.False(o.Eligible);
    }
}
