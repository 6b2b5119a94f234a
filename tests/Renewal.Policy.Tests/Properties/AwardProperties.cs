using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Renewal.Policy.Model;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Properties;

/// <summary>Invariants of schemes A, B and C over random amounts (FsCheck).</summary>
public class AwardProperties
{
    /// <summary>Yuan with fen, 0 … 700,000,000.99, dense around the thresholds too.</summary>
    private static Gen<decimal> MoneyGen =>
        Gen.OneOf(
            Gen.Choose(0, 700_000_000).Select(y => (decimal)y),
            Gen.Choose(0, 700_000_000).Zip(Gen.Choose(0, 99)).Select(t => t.Item1 + t.Item2 / 100m),
            Gen.Elements(5_000_000m, 20_000_000m, 100_000_000m, 200_000_000m, 500_000_000m)
                .Zip(Gen.Choose(-3, 3)).Select(t => Math.Max(0, t.Item1 + t.Item2 / 100m)));

    private static Arbitrary<decimal> Money => Arb.From(MoneyGen);
    private static Arbitrary<(decimal, decimal)> TwoMoney => Arb.From(MoneyGen.Zip(MoneyGen));

    private static ScenarioResult Run(decimal equipment, decimal digital, decimal prior = 0, ProjectKind kind = ProjectKind.Renovation, bool exclusive = false)
    {
        var p = Project(kind: kind, status: ProjectStatus.Completed, completedOn: new DateOnly(2025, 5, 1), clusters: ["advanced_materials"],
            scopes: ["it_innovation"], investment: [(2025, equipment, Math.Min(digital, equipment))],
            prior: prior > 0 ? [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(prior))] : null);
        return Evaluate(Scenario(2025, [Enterprise()], [p], null, ("stacking.exclusive_project_awards", exclusive ? "true" : "false")));
    }

    [Property(MaxTest = 300)]
    public Property Awards_NeverExceedTheirCaps() => Prop.ForAll(TwoMoney, t =>
    {
        var (equipment, digital) = t;
        var r = Run(equipment, digital, prior: digital % 9_000_000m);
        var remainingB = Math.Max(0, 8_000_000m - digital % 9_000_000m);
        return r.Amount(Scheme.Demonstration, "P1") <= 30_000_000m
            && r.Amount(Scheme.EffectiveInvestment, "P1") <= remainingB
            && r.Amount(Scheme.TechRenovation, "E1") <= 10_000_000m;
    });

    [Property(MaxTest = 300)]
    public Property Awards_NeverDecrease_WhenInvestmentGrows() => Prop.ForAll(TwoMoney, Money, (t, d) =>
    {
        var (x, y) = t;
        var (lo, hi) = x <= y ? (x, y) : (y, x);
        var digital = Math.Min(d, lo);
        var a = Run(lo, digital);
        var b = Run(hi, digital);
        var aDigital = Run(hi, Math.Min(lo, hi));
        var bDigital = Run(hi, hi);
        return b.Amount(Scheme.EffectiveInvestment, "P1") >= a.Amount(Scheme.EffectiveInvestment, "P1")
            && b.Amount(Scheme.TechRenovation, "E1") >= a.Amount(Scheme.TechRenovation, "E1")
            && bDigital.Amount(Scheme.Demonstration, "P1") >= aDigital.Amount(Scheme.Demonstration, "P1")
            && bDigital.Amount(Scheme.TechRenovation, "E1") >= aDigital.Amount(Scheme.TechRenovation, "E1");
    });

    [Property(MaxTest = 300)]
    public Property Awards_AreZero_BelowTheirThresholds() => Prop.ForAll(Money, m =>
    {
        var belowB = Math.Min(m, 19_999_999.99m);
        var belowC = Math.Min(m, 4_999_999.99m);
        var belowA = Math.Min(m, 499_999_999.99m);
        return Run(belowB, 0).Amount(Scheme.EffectiveInvestment, "P1") == 0
            && Run(belowC, belowC).Amount(Scheme.TechRenovation, "E1") == 0
            && Run(belowA, belowA).Amount(Scheme.Demonstration, "P1") == 0;
    });

    [Property(MaxTest = 300)]
    public Property EveryAmount_HasAtMostTwoDecimals() => Prop.ForAll(TwoMoney, t =>
        Run(t.Item1, t.Item2, exclusive: true).Awards.All(a => a.Amount.HasAtMostTwoDecimals && a.Amount.Yuan >= 0));

    [Property(MaxTest = 200)]
    public Property Stacking_PaysAtMostOneOfAandB() => Prop.ForAll(TwoMoney, t =>
    {
        var r = Run(t.Item1, t.Item2, exclusive: true);
        return r.Amount(Scheme.Demonstration, "P1") == 0 || r.Amount(Scheme.EffectiveInvestment, "P1") == 0;
    });
}
