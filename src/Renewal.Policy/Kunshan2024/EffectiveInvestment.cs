using Renewal.Policy.Explanation;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>Scheme B — 工业企业有效投入奖补 (effective-investment award), Annex §2.</summary>
/// <remarks>
/// B-1 industrial enterprise (Annex §2(1)1) · B-2 innovation-cluster direction or major safety renovation
/// (Annex §2(1)1) · B-3 equipment investment of the year ≥ 20,000,000 (Annex §2(1)2) · B-4 min(8% × equipment
/// of the year, 8,000,000 − earlier awards), the cap being per project over its life (Annex §2(2), I-3).
/// </remarks>
internal static class EffectiveInvestment
{
    private const string ScopeArticle = "Annex §2(1)1";
    private const string ThresholdArticle = "Annex §2(1)2";
    private const string AwardArticle = "Annex §2(2)";

    /// <param name="project">The project.</param>
    /// <param name="industrial">B-1, decided once per enterprise.</param>
    /// <param name="enterprise">The enterprise, only needed to explain B-1 (null without a trace).</param>
    /// <param name="facts">The project's sums for the year.</param>
    /// <param name="year">Award year.</param>
    /// <param name="ep">Enterprise classification parameters.</param>
    /// <param name="p">Scheme B parameters.</param>
    /// <param name="trace">Explanation, or null.</param>
    public static Outcome Evaluate(Project project, bool industrial, Enterprise? enterprise, in ProjectFacts facts, int year,
        EnterpriseParameters ep, EffectiveInvestmentParameters p, TraceBuilder? trace)
    {
        var o = new Outcome();
        if (!p.InForce || !ep.InForce)
        {
            trace?.NotApplicable(RuleIds.B, AwardArticle, p.InForce ? ep.NotInForceText(new DateOnly(year, 12, 31)) : p.NotInForceText(new DateOnly(year, 12, 31)),
                AdviceTexts.NotInForce(year, Scheme.EffectiveInvestment, RuleIds.B));
            o.Fail(RuleCodes.B);
            return o;
        }

        // B-3 first on the fast path: most projects fail it, and it costs one comparison.
        var b3 = facts.Equipment >= p.MinAnnualEquipment;
        if (trace is null && (!b3 || !industrial))
        {
            o.Fail(!industrial ? RuleCodes.B1 : FirstCluster(project, p) is null && !project.SafetyRenovation ? RuleCodes.B2 : RuleCodes.B3);
            return o;
        }

        // B-1: the enterprise is industrial (GB/T 4754-2017 sections B, C, D).
        o.Require(industrial, RuleIds.B1, ScopeArticle, trace,
            trace is null || enterprise is null ? null : $"企业行业代码 {enterprise.Industry}（门类 {enterprise.Industry.Section}）{(industrial ? "属于" : "不属于")}工业（B、C、D 门类）",
            trace is null ? null : AdviceTexts.NotIndustrial(enterprise?.Industry, Scheme.EffectiveInvestment, RuleIds.B1));

        // B-2: an innovation-cluster direction, or a major safety-production renovation.
        var cluster = FirstCluster(project, p);
        var b2 = cluster is not null || project.SafetyRenovation;
        o.Require(b2, RuleIds.B2, ScopeArticle, trace,
            trace is null ? null : cluster is not null ? $"项目属于产业创新集群方向（{cluster}）"
                : project.SafetyRenovation ? "项目为重大安全生产技术改造"
                : "项目既不属于产业创新集群方向，也不是重大安全生产技术改造");

        // B-3: equipment investment (incl. software) of Y ≥ 20,000,000.
        o.Require(b3, RuleIds.B3, ThresholdArticle, trace,
            trace is null ? null : $"{year} 年设备投资额 {facts.Equipment} {(b3 ? "≥" : "<")} {p.MinAnnualEquipment}{p.By("effective_investment.min_annual_equipment")}",
            trace is null ? null : AdviceTexts.B3(year, facts.Equipment, p.MinAnnualEquipment));
        if (o.Failed) return o;

        // B-4 (I-3): min(rate × equipment of Y, cap − awards of earlier years); the cap is per project over its life.
        var raw = facts.Equipment * p.Rate;
        var remaining = p.CapPerProject.LessOrZero(facts.PriorEffectiveInvestmentAwards);
        o.Amount = Money.Min(raw, remaining).RoundToFen();
        o.Eligible = true;
        if (trace is not null)
        {
            var capText = facts.PriorEffectiveInvestmentAwards > Money.Zero
                ? $"{p.CapPerProject}{p.By("effective_investment.cap_per_project")} − 以前年度已奖 {facts.PriorEffectiveInvestmentAwards} = {remaining}"
                : $"{p.CapPerProject}{p.By("effective_investment.cap_per_project")}";
            // The cap bound when the award is less than the rate gives: used up (nothing) or reached (the remainder).
            var advice = o.Amount == Money.Zero ? AdviceTexts.B4UsedUp(p.CapPerProject)
                : o.Amount < raw.RoundToFen() ? AdviceTexts.B4Reached(p.CapPerProject)
                : null;
            trace.Computed(RuleIds.B4, AwardArticle, $"min({p.Rate}{p.By("effective_investment.rate")} × {facts.Equipment}, {capText}) = {o.Amount}{(raw > remaining ? "（封顶）" : "")}", advice: advice);
        }
        return o;
    }

    /// <summary>B-2's cluster half: some cluster of the project is in force.</summary>
    public static bool InCluster(Project project, EffectiveInvestmentParameters p) => FirstCluster(project, p) is not null;

    private static string? FirstCluster(Project project, EffectiveInvestmentParameters p)
    {
        foreach (var c in project.Clusters)
        {
            if (p.Clusters.Contains(c)) return c;
        }
        return null;
    }
}

/// <summary>I-5 — in one award year a project receives at most one of A and B: the larger; on a tie, A.</summary>
internal static class Stacking
{
    /// <summary>Zeroes the losing award (its line stays, with the reason I-5).</summary>
    public static void Apply(ref Outcome a, ref Outcome b, TraceBuilder? traceA, TraceBuilder? traceB)
    {
        if (!a.Eligible || !b.Eligible || a.Amount == Money.Zero && b.Amount == Money.Zero) return;
        if (a.Amount >= b.Amount)
        {
            traceB?.Computed(RuleIds.I5, "I-5", $"同一项目同一年度 A、B 就高不重复：示范项目奖励 {a.Amount} ≥ 有效投入奖补 {b.Amount}，本项为 0",
                advice: AdviceTexts.I5(Scheme.EffectiveInvestment));
            b.Amount = Money.Zero;
            b.Fail(RuleCodes.I5);
        }
        else
        {
            traceA?.Computed(RuleIds.I5, "I-5", $"同一项目同一年度 A、B 就高不重复：有效投入奖补 {b.Amount} > 示范项目奖励 {a.Amount}，本项为 0",
                advice: AdviceTexts.I5(Scheme.Demonstration));
            a.Amount = Money.Zero;
            a.Fail(RuleCodes.I5);
        }
    }
}
