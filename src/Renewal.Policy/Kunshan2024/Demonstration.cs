using Renewal.Policy.Explanation;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>Scheme A — 智能化改造数字化转型重大示范项目 (major demonstration project), Annex §1.</summary>
/// <remarks>
/// A-1 scope is a new-generation-IT kind (Annex §1(1)1) · A-2 cumulative digital investment ≥ 500,000,000
/// (Annex §1(1)2) · A-3 award year = year of completion (I-2) or the first year A-2 holds, once per project ·
/// A-4 min(10% × cumulative digital, 30,000,000) (Annex §1(2), I-1).
/// </remarks>
internal static class Demonstration
{
    private const string ScopeArticle = "Annex §1(1)1";
    private const string ThresholdArticle = "Annex §1(1)2";
    private const string AwardArticle = "Annex §1(2)";

    public static Outcome Evaluate(Project project, in ProjectFacts facts, int year, DemonstrationParameters p, TraceBuilder? trace)
    {
        var o = new Outcome();
        if (!p.InForce)
        {
            trace?.NotApplicable(RuleIds.A, AwardArticle, p.NotInForceText(new DateOnly(year, 12, 31)), AdviceTexts.NotInForce(year, Scheme.Demonstration, RuleIds.A));
            o.Fail(RuleCodes.A);
            return o;
        }

        // Without a trace the first failure decides (the fast path); with one, every condition is shown.
        var inScope = InScope(project, p);
        if (!inScope && trace is null) { o.Fail(RuleCodes.A1); return o; }
        o.Require(inScope, RuleIds.A1, ScopeArticle, trace,
            trace is null ? null : project.DigitalScopes.IsEmpty
                ? "项目未填写新一代信息技术改造类型（digital_scopes 为空）"
                : $"改造类型 {string.Join("、", project.DigitalScopes)}{(inScope ? " 属于" : " 不属于")}支持范围");

        var reached = facts.CumulativeDigital >= p.MinDigitalInvestment;
        if (!reached && trace is null) { o.Fail(RuleCodes.A2); return o; }
        o.Require(reached, RuleIds.A2, ThresholdArticle, trace,
            trace is null ? null : $"截至 {year} 年累计智能化数字化设备及软件投入 {facts.CumulativeDigital} {(reached ? "≥" : "<")} {p.MinDigitalInvestment}{p.By("demonstration.min_digital_investment")}",
            trace is null ? null : AdviceTexts.A2(year, facts.CumulativeDigital, p.MinDigitalInvestment));

        var awardYear = AwardYear(project, facts, year, p, trace is not null, out var why, out var advice);
        o.Require(awardYear, RuleIds.A3, "Annex §1(2), I-2", trace, why, advice);
        if (o.Failed) return o;

        // A-4 (I-1): base = cumulative digital investment; min(rate × base, cap), rounded once (I-9).
        var raw = facts.CumulativeDigital * p.Rate;
        var capped = Money.Min(raw, p.CapPerProject);
        o.Amount = capped.RoundToFen();
        o.Eligible = true;
        trace?.Computed(RuleIds.A4, AwardArticle,
            $"min({p.Rate}{p.By("demonstration.rate")} × {facts.CumulativeDigital}, {p.CapPerProject}{p.By("demonstration.cap_per_project")}) = {o.Amount}{(raw > p.CapPerProject ? "（封顶）" : "")}");
        return o;
    }

    /// <summary>A-1: the project's scope is one of the new-generation-IT kinds.</summary>
    private static bool InScope(Project project, DemonstrationParameters p)
    {
        foreach (var s in project.DigitalScopes)
        {
            if (p.Scopes.Contains(s)) return true;
        }
        return false;
    }

    /// <summary>
    /// A-3 (I-2): Y is the award year — completed in Y; or, when completion is not required, the first year
    /// in which A-2 holds. A project already awarded under A gets no second award.
    /// </summary>
    private static bool AwardYear(Project project, in ProjectFacts facts, int year, DemonstrationParameters p, bool explain, out string? why, out string? advice)
    {
        why = null;
        advice = null;
        if (facts.HasPriorDemonstrationAward)
        {
            if (explain) (why, advice) = ("该项目已获重大示范项目奖励，每个项目仅奖励一次", AdviceTexts.A3AlreadyAwarded());
            return false;
        }
        if (p.RequireCompletion)
        {
            var completedInYear = project.Status == ProjectStatus.Completed && project.CompletedOn?.Year == year;
            if (explain) why = project.Status != ProjectStatus.Completed
                ? $"项目未竣工（状态：{Codes.Label(project.Status)}），竣工当年方可奖励"
                : completedInYear
                    ? $"项目于 {project.CompletedOn:yyyy-MM-dd} 竣工，{year} 年为奖励年度"
                    : $"项目于 {project.CompletedOn:yyyy-MM-dd} 竣工，奖励年度为 {project.CompletedOn?.Year} 年而非 {year} 年";
            if (explain && !completedInYear) advice = project.Status != ProjectStatus.Completed || project.CompletedOn is not { } on
                ? AdviceTexts.A3NotCompleted(year, project.Status)
                : AdviceTexts.A3CompletedInAnotherYear(year, on);
            return completedInYear;
        }
        var first = facts.CumulativeDigital >= p.MinDigitalInvestment && facts.CumulativeDigitalBefore < p.MinDigitalInvestment;
        if (explain) why = first
            ? $"不以竣工为条件：{year} 年为累计投入首次达到门槛的年度"
            : facts.CumulativeDigitalBefore >= p.MinDigitalInvestment
                ? $"不以竣工为条件：累计投入在 {year} 年之前已达门槛（{facts.CumulativeDigitalBefore}），奖励年度已过"
                : "不以竣工为条件：累计投入尚未达到门槛";
        if (explain && !first) advice = facts.CumulativeDigitalBefore >= p.MinDigitalInvestment
            ? AdviceTexts.A3ThresholdReachedEarlier(year)
            : AdviceTexts.A3ThresholdNotReached();
        return first;
    }
}
