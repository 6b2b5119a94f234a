using System.Collections.Immutable;
using Renewal.Policy.Explanation;

namespace Renewal.Policy.Model;

/// <summary>
/// One line of an evaluation: a scheme and its subject (project for A/B, enterprise for C, loan and level
/// for D), whether it was eligible, the amount, and optionally the explanation.
/// </summary>
/// <remarks>
/// A line is written for every (scheme, subject) considered, eligible or not (SCENARIOS.md "Output").
/// An ineligible line has amount 0 and names the first rule that failed in <see cref="FailedRule"/>.
/// </remarks>
public sealed record AwardLine
{
    public required Scheme Scheme { get; init; }
    public required string Enterprise { get; init; }
    public string? Project { get; init; }
    public string? Loan { get; init; }
    public Level? Level { get; init; }
    public required bool Eligible { get; init; }
    /// <summary>Rounded to the fen (I-9).</summary>
    public required Money Amount { get; init; }
    /// <summary>True when an ASSUMED parameter was used for the amount.</summary>
    public bool Assumed { get; init; }
    /// <summary>The first rule that failed (or "I-5" when the award lost the A/B comparison).</summary>
    public string? FailedRule { get; init; }
    /// <summary>The explanation; empty when tracing was off.</summary>
    public IReadOnlyList<TraceStep> Trace { get; init; } = [];
}

/// <summary>Totals of a scenario by scheme and, for loan interest, by level.</summary>
public sealed record AwardTotals(Money Demonstration, Money EffectiveInvestment, Money TechRenovation, ImmutableArray<Money> LoanInterestByLevel)
{
    /// <summary>Loan interest subsidy of one level.</summary>
    public Money LoanInterest(Level level) => LoanInterestByLevel[(int)level];

    /// <summary>Everything.</summary>
    public Money Total => Demonstration + EffectiveInvestment + TechRenovation + LoanInterestByLevel.Aggregate(Money.Zero, (a, b) => a + b);

    public static AwardTotals Of(IEnumerable<AwardLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        decimal a = 0, b = 0, c = 0;
        var d = new decimal[4];
        foreach (var l in lines)
        {
            switch (l.Scheme)
            {
                case Scheme.Demonstration: a += l.Amount.Yuan; break;
                case Scheme.EffectiveInvestment: b += l.Amount.Yuan; break;
                case Scheme.TechRenovation: c += l.Amount.Yuan; break;
                default: d[(int)l.Level!.Value] += l.Amount.Yuan; break;
            }
        }
        return new AwardTotals(new(a), new(b), new(c), [.. d.Select(x => new Money(x))]);
    }
}

/// <summary>The result of evaluating one scenario.</summary>
public sealed record ScenarioResult(string Name, int Year, IReadOnlyList<AwardLine> Awards)
{
    /// <summary>K the scenario was evaluated as known on (V-4); null = unbounded.</summary>
    public DateOnly? KnownOn { get; init; }

    /// <summary>The ids of the revisions applied (published on or before <see cref="KnownOn"/>), in the order applied (V-2).</summary>
    public IReadOnlyList<string> Revisions { get; init; } = [];

    /// <summary>Sums by scheme and level.</summary>
    public AwardTotals Totals { get; } = AwardTotals.Of(Awards);
}
