using Renewal.Policy.Explanation;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>What scheme C needs to know about one enterprise in year Y, summed over its projects.</summary>
internal struct EnterpriseFacts
{
    /// <summary>C-2 (I-6): Σ equipment of Y of its renovation/expansion projects.</summary>
    public decimal TechRenovationInvestment;
    /// <summary>C-4 (I-7): Σ digital of Y of all its projects.</summary>
    public decimal DigitalInvestment;
}

/// <summary>Scheme C — 工业企业技术改造综合奖补 (technical-renovation comprehensive award), Annex §3.</summary>
/// <remarks>
/// C-1 industrial enterprise (Annex §3(1)1) · C-2 tech-renovation investment of the year (renovation and
/// expansion projects, I-6) ≥ 5,000,000 (Annex §3(1)2) · C-3 base rate × investment, the rate ASSUMED until the
/// bureau sets it · C-4 × 2 when digital investment of the year ≥ 5,000,000 (I-7) · C-5 cap 10,000,000 per
/// enterprise and year (Annex §3(2)).
/// </remarks>
internal static class TechRenovation
{
    private const string ScopeArticle = "Annex §3(1)1";
    private const string ThresholdArticle = "Annex §3(1)2";
    private const string AwardArticle = "Annex §3(2)";

    public static Outcome Evaluate(Enterprise enterprise, in EnterpriseFacts facts, int year,
        EnterpriseParameters ep, TechRenovationParameters p, TraceBuilder? trace)
    {
        var o = new Outcome();
        if (!p.InForce || !ep.InForce)
        {
            trace?.NotApplicable(RuleIds.C, AwardArticle, p.InForce ? ep.NotInForceText(new DateOnly(year, 12, 31)) : p.NotInForceText(new DateOnly(year, 12, 31)),
                AdviceTexts.NotInForce(year, Scheme.TechRenovation, RuleIds.C));
            o.Fail(RuleCodes.C);
            return o;
        }

        var industrial = ep.IsIndustrial(enterprise.Industry);
        o.Require(industrial, RuleIds.C1, ScopeArticle, trace,
            trace is null ? null : $"企业行业代码 {enterprise.Industry}（门类 {enterprise.Industry.Section}）{(industrial ? "属于" : "不属于")}工业（B、C、D 门类）",
            trace is null ? null : AdviceTexts.NotIndustrial(enterprise.Industry, Scheme.TechRenovation, RuleIds.C1));

        var investment = new Money(facts.TechRenovationInvestment);
        var c2 = investment >= p.MinAnnualInvestment;
        o.Require(c2, RuleIds.C2, ThresholdArticle, trace,
            trace is null ? null : $"{year} 年技改投入（{string.Join("、", p.ProjectKinds.Select(KindLabel))}项目设备投资合计）{investment} {(c2 ? "≥" : "<")} {p.MinAnnualInvestment}{p.By("tech_renovation.min_annual_investment")}",
            trace is null ? null : AdviceTexts.C2(year, string.Join("、", p.ProjectKinds.Select(KindLabel)), investment, p.MinAnnualInvestment));
        if (o.Failed) return o;

        // C-3: base award = base rate × tech-renovation investment (the rate is ASSUMED until the bureau sets it).
        var amount = investment * p.BaseRate;
        o.Assumed = p.BaseRateAssumed;
        trace?.Computed(RuleIds.C3, AwardArticle, $"基础奖补 {p.BaseRate}{(p.BaseRateRevision is { } rev ? $"（{rev}）" : "")} × {investment} = {Money.Format(amount.Yuan)}"
            + (p.BaseRateAssumed ? "（基础比例为假设值 ASSUMED，待主管部门设定）" : ""), p.BaseRateAssumed);

        // C-4 (I-7): × multiplier when the enterprise's digital investment of Y reaches the threshold.
        var digital = new Money(facts.DigitalInvestment);
        var boosted = digital >= p.DigitalThreshold;
        if (boosted) amount *= p.DigitalMultiplier;
        if (trace is not null)
        {
            trace.Check(boosted, RuleIds.C4, AwardArticle, boosted
                ? $"{year} 年智能化数字化设备及软件投入 {digital} ≥ {p.DigitalThreshold}{p.By("tech_renovation.digital_threshold")}，加乘 {p.DigitalMultiplier}{p.By("tech_renovation.digital_multiplier")} 倍 = {Money.Format(amount.Yuan)}"
                : $"{year} 年智能化数字化设备及软件投入 {digital} < {p.DigitalThreshold}，不加乘",
                boosted ? null : AdviceTexts.C4(year, digital, p.DigitalThreshold, p.DigitalMultiplier));
        }

        // C-5: cap per enterprise per year; then round (I-9: multiplier, then caps, then rounding).
        var capped = Money.Min(amount, p.CapPerEnterpriseYear);
        o.Amount = capped.RoundToFen();
        o.Eligible = true;
        trace?.Computed(RuleIds.C5, AwardArticle, $"min({Money.Format(amount.Yuan)}, {p.CapPerEnterpriseYear}{p.By("tech_renovation.cap_per_enterprise_year")}) = {o.Amount}{(amount > p.CapPerEnterpriseYear ? "（封顶）" : "")}", p.BaseRateAssumed,
            o.Amount == p.CapPerEnterpriseYear ? AdviceTexts.C5Reached(p.CapPerEnterpriseYear) : null);
        return o;
    }

    private static string KindLabel(string kind) => Codes.TryParse(kind, out ProjectKind k) ? Codes.Label(k) : kind;
}
