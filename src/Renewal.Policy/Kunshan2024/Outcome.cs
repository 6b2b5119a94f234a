using Renewal.Policy.Explanation;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>The result of one scheme for one subject, before it becomes an <see cref="AwardLine"/>.</summary>
public struct Outcome
{
    /// <summary>Rounded to the fen.</summary>
    public Money Amount { get; set; }
    public bool Eligible { get; set; }
    /// <summary>The first rule that failed, or the rule that set the amount to zero (I-5).</summary>
    public string? FailedRule { get; set; }
    public bool Assumed { get; set; }

    /// <summary>Records a condition: the first failure is remembered; the trace gets every condition.</summary>
    internal bool Require(bool holds, string rule, string article, TraceBuilder? trace, string? text, string? advice = null)
    {
        if (trace is not null) trace.Check(holds, rule, article, text ?? "", holds ? null : advice);
        if (!holds) FailedRule ??= rule;
        return holds;
    }
}

/// <summary>What the investment schemes need to know about one project in award year Y, computed once.</summary>
internal readonly struct ProjectFacts
{
    public ProjectFacts(Project p, int year)
    {
        // The hot path of a library run: decimal additions are skipped for zeros (most values), so a typical
        // project costs at most one addition here.
        decimal before = 0, eq = 0, dig = 0, priorB = 0;
        foreach (var inv in p.Investment)
        {
            if (inv.Year < year)
            {
                var d = inv.Digital.Yuan;
                if (d != 0m) before = before == 0m ? d : before + d;
            }
            else if (inv.Year == year)
            {
                eq = inv.Equipment.Yuan;
                dig = inv.Digital.Yuan;
            }
        }
        var priorA = false;
        foreach (var a in p.PriorAwards)
        {
            if (a.Scheme == Scheme.Demonstration) priorA = true;
            else if (a.Scheme == Scheme.EffectiveInvestment) priorB += a.Amount.Yuan;
        }
        CumulativeDigital = new(dig == 0m ? before : before == 0m ? dig : before + dig);
        CumulativeDigitalBefore = new(before);
        Equipment = new(eq);
        Digital = new(dig);
        HasPriorDemonstrationAward = priorA;
        PriorEffectiveInvestmentAwards = new(priorB);
    }

    /// <summary>Σ digital of all years ≤ Y .</summary>
    public Money CumulativeDigital { get; }
    /// <summary>Σ digital of all years &lt; Y (A-3 when completion is not required).</summary>
    public Money CumulativeDigitalBefore { get; }
    /// <summary>Equipment investment in Y (B-3, C-2).</summary>
    public Money Equipment { get; }
    /// <summary>Digital investment in Y (C-4).</summary>
    public Money Digital { get; }
    public bool HasPriorDemonstrationAward { get; }
    public Money PriorEffectiveInvestmentAwards { get; }
}
