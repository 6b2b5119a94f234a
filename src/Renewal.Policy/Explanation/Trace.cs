namespace Renewal.Policy.Explanation;

/// <summary>The outcome of one step of an explanation.</summary>
/// <remarks>
/// "Not applicable" is not "false" (Publicodes' lesson): a rule that was not reached, or a level whose
/// condition does not concern the loan, says <see cref="NotApplicable"/>, not <see cref="Fails"/>.
/// </remarks>
public enum RuleStatus
{
    /// <summary>A condition that held.</summary>
    Holds,
    /// <summary>A condition that failed: the award is not given (or not by this level).</summary>
    Fails,
    /// <summary>The rule does not apply here (e.g. the scheme is not in force this year).</summary>
    NotApplicable,
    /// <summary>A computation step: an amount, a cap, a share.</summary>
    Computed,
}

/// <summary>One step of an award's explanation: a rule, its article, what held, in Chinese.</summary>
/// <param name="Rule">Rule ID of POLICY.md, e.g. "B-3".</param>
/// <param name="Article">Article of the seed, e.g. "Annex §2(1)2".</param>
/// <param name="Status">Held, failed, not applicable, or computed.</param>
/// <param name="Text">What was checked or computed, with the numbers.</param>
/// <param name="Assumed">True when the step used an ASSUMED parameter.</param>
public sealed record TraceStep(string Rule, string Article, RuleStatus Status, string Text, bool Assumed = false)
{
    /// <summary>
    /// For a condition that failed, or a computation that bound (a cap reached, a multiplier missed): what the
    /// enterprise can do, in Chinese, ending with the rule ID — the pack's advice text (<c>Kunshan2024/AdviceTexts.cs</c>)
    /// filled with the numbers this step compared. Null when there is nothing to advise.
    /// </summary>
    public string? Advice { get; init; }

    /// <summary>
    /// For a loan level's step: the same advice said of every level at once, for a loan that misses at every level for
    /// this one reason (e.g. "各级尚未审核同意本笔贷款"); null when <see cref="Advice"/> already says it of the whole loan.
    /// </summary>
    public string? AdviceForEveryLevel { get; init; }

    /// <summary>true / false for conditions, null for computations and non-applicable rules.</summary>
    public bool? Holds => Status switch { RuleStatus.Holds => true, RuleStatus.Fails => false, _ => null };
}

/// <summary>Collects trace steps. Rules call it through <c>trace?.Add(...)</c>, so with tracing off no text is built.</summary>
public sealed class TraceBuilder
{
    private readonly List<TraceStep> _steps = new(8);

    public TraceBuilder Holds(string rule, string article, string text) => Add(rule, article, RuleStatus.Holds, text);
    public TraceBuilder Fails(string rule, string article, string text, string? advice = null, string? adviceForEveryLevel = null) =>
        Add(rule, article, RuleStatus.Fails, text, advice: advice, adviceForEveryLevel: adviceForEveryLevel);
    public TraceBuilder Check(bool holds, string rule, string article, string text, string? advice = null) =>
        Add(rule, article, holds ? RuleStatus.Holds : RuleStatus.Fails, text, advice: advice);
    public TraceBuilder Computed(string rule, string article, string text, bool assumed = false, string? advice = null) =>
        Add(rule, article, RuleStatus.Computed, text, assumed, advice);
    public TraceBuilder NotApplicable(string rule, string article, string text, string? advice = null) =>
        Add(rule, article, RuleStatus.NotApplicable, text, advice: advice);

    public TraceBuilder Add(string rule, string article, RuleStatus status, string text, bool assumed = false, string? advice = null,
        string? adviceForEveryLevel = null)
    {
        _steps.Add(new TraceStep(rule, article, status, text, assumed) { Advice = advice, AdviceForEveryLevel = adviceForEveryLevel });
        return this;
    }

    public TraceBuilder AddRange(IEnumerable<TraceStep> steps)
    {
        _steps.AddRange(steps);
        return this;
    }

    public IReadOnlyList<TraceStep> Build() => _steps.ToArray();
}
