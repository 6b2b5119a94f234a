using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>
/// The engine keeps each scenario instance's project facts (sums over investment years, kind, safety flag) as arrays
/// and reads them on every later evaluation, under any parameters: the outcomes must be those of the traced path,
/// which computes the facts from the projects each time.
/// </summary>
public sealed class FactsCacheTests
{
    private static readonly Enterprise[] Enterprises = [World.Enterprise("E1"), World.Enterprise("E2", industry: "I6510"), World.Enterprise("E3")];

    private static readonly Project[] Projects =
    [
        // Investment before, in and after the award year; a year without digital; no investment in the year.
        World.Project("P1", "E1", clusters: ["biomedicine"], investment: [(2023, 5_000_000m, 1_000_000.5m), (2025, 30_000_000m, 0m), (2026, 9m, 9m)]),
        World.Project("P2", "E1", ProjectKind.New, clusters: ["new_energy"], safety: true, investment: [(2025, 30_000_000.10m, 6_000_000.01m)]),
        World.Project("P3", "E2", ProjectKind.Expansion, clusters: ["biomedicine"], investment: [(2024, 1_000_000m, 700_000m)]),
        World.Project("P4", "E1", ProjectKind.New, ProjectStatus.Completed, new DateOnly(2025, 6, 1), ["biomedicine"], ["scenario_5g"],
            investment: [(2024, 400_000_000m, 300_000_000m), (2025, 300_000_000m, 250_000_000m)]),
        World.Project("P5", "E3", clusters: ["biomedicine"], investment: [(2025, 25_000_000m, 4_000_000m)],
            prior: [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(7_000_000m)), new PriorAward(Scheme.EffectiveInvestment, 2023, new Money(500_000m))]),
        World.Project("P6", "E3", ProjectKind.Expansion, scopes: ["it_innovation"], investment: [(2022, 200_000_000m, 200_000_000m), (2023, 200_000_000m, 200_000_000m), (2025, 6_000_000m, 2_000_000m)]),
        World.Project("P7", "E3", ProjectKind.Renovation, safety: true),
    ];

    private static readonly (string Name, string Value)[][] ParameterSets =
    [
        [],
        [("effective_investment.min_annual_equipment", "500000")],
        [("tech_renovation.project_kinds", "new"), ("tech_renovation.min_annual_investment", "1000000")],
        [("demonstration.min_digital_investment", "1000000"), ("demonstration.require_completion", "false")],
        [("effective_investment.clusters", "new_energy"), ("tech_renovation.digital_threshold", "1")],
    ];

    [Fact]
    public void The_cached_facts_are_the_ones_computed_from_the_project()
    {
        var table = ProjectFactsTable.Of([.. Projects], 2025);
        for (var i = 0; i < Projects.Length; i++)
        {
            var facts = new ProjectFacts(Projects[i], 2025);
            // Equal and of the same scale: the very decimals the objects give.
            Assert.Equal(facts.Equipment.Yuan.ToString(System.Globalization.CultureInfo.InvariantCulture), table.Equipment[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(facts.Digital.Yuan.ToString(System.Globalization.CultureInfo.InvariantCulture), table.Digital[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(facts.CumulativeDigital.Yuan.ToString(System.Globalization.CultureInfo.InvariantCulture), table.CumulativeDigital[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((int)Projects[i].Kind, table.Traits[i] & ProjectFactsTable.KindBits);
            Assert.Equal(Projects[i].SafetyRenovation, (table.Traits[i] & ProjectFactsTable.SafetyBit) != 0);
            Assert.Equal(facts.Equipment.Yuan != 0m, (table.Traits[i] & ProjectFactsTable.EquipmentBit) != 0);
            Assert.Equal(facts.Digital.Yuan != 0m, (table.Traits[i] & ProjectFactsTable.DigitalBit) != 0);
        }
        Assert.Equal(1_000_000.5m, table.CumulativeDigital[0]);
        Assert.Equal(0m, table.Equipment[2]);
        Assert.Equal(402_000_000m, table.CumulativeDigital[5]);
    }

    [Fact]
    public void One_scenario_instance_under_many_parameter_sets_gives_the_traced_lines_each_time()
    {
        var s = World.Scenario(2025, Enterprises, Projects);
        // Twice round: the first evaluation builds the scenario's table, every later one reads it.
        for (var round = 0; round < 2; round++)
        {
            foreach (var set in ParameterSets)
            {
                var engine = PolicyEngine.Default.With(set.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
                FastPathTests.AssertSameAsTraced(engine, s);
            }
        }
    }

    [Fact]
    public void The_cache_is_per_instance_and_year()
    {
        var s = World.Scenario(2025, Enterprises, Projects);
        var in2025 = PolicyEngine.Default.EvaluateCompact(s);
        var in2024 = PolicyEngine.Default.EvaluateCompact(s with { Year = 2024 });
        FastPathTests.AssertSameAsTraced(PolicyEngine.Default, s with { Year = 2024 });
        // P3 invests only in 2024: C of E2 is not industrial either way, but P3's B-3 sees 1,000,000 in 2024 and 0 in 2025.
        Assert.Equal(RuleIds.B1, in2024.EffectiveInvestment[2].FailedRule);
        // P1 receives B in 2025 (30,000,000 ≥ 20,000,000) and nothing in 2024.
        Assert.Equal(2_400_000m, in2025.EffectiveInvestment[0].Amount.Yuan);
        Assert.Equal(RuleIds.B3, in2024.EffectiveInvestment[0].FailedRule);
        Assert.Equal(in2025.Total, PolicyEngine.Default.EvaluateCompact(s).Total);
    }
}
