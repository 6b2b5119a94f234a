using System.Globalization;
using Renewal.Policy.Model;

namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// What the enterprise can do when a rule fails or binds, in Chinese, one text per rule ID (RULES.md, "企业可以怎么做"):
/// how much more investment reaches a threshold, how far a rate is over its limit, which period a loan is outside.
/// </summary>
/// <remarks>
/// The rules call these with the very numbers they compared and put the text on the trace step
/// (<see cref="Explanation.TraceStep.Advice"/>), so the enterprise page's "nearest missing condition" is the engine's
/// own finding: no page recomputes a threshold, a tenor (I-10) or the 3-point limit (D-3). Every text ends with its
/// rule ID in full-width brackets. <see cref="WithoutSubject"/> answers for a scheme the enterprise has nothing for
/// in the year (no project, no loan), from the parameters of that year. Texts only: no rule is decided here.
/// </remarks>
public static class AdviceTexts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string IndustrialSections = "B 采矿业、C 制造业、D 电力热力燃气及水";

    // ------------------------------------------------------------------ formats

    /// <summary>¥1,234,567.89</summary>
    public static string Yuan(decimal v) => "¥" + v.ToString("#,##0.00", Inv);

    /// <summary>A threshold as it is spoken: 5 亿元, 2000 万元, or yuan.</summary>
    public static string Threshold(decimal v) =>
        v != 0 && v % 100_000_000m == 0 ? $"{(v / 100_000_000m).ToString("0", Inv)} 亿元"
        : v != 0 && v % 10_000m == 0 ? $"{(v / 10_000m).ToString("0", Inv)} 万元"
        : Yuan(v);

    /// <summary>3.85% (two to four decimals).</summary>
    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.00##", Inv) + "%";

    /// <summary>10% (up to two decimals).</summary>
    private static string Pct(decimal fraction) => (fraction * 100m).ToString("0.##", Inv) + "%";

    private static string Short(Money have, Money need) => Yuan(Math.Max(0, need.Yuan - have.Yuan));

    // ------------------------------------------------------------------ A, B, C

    /// <summary>A, B, C, D alone: the scheme has no values in force in the year.</summary>
    public static string NotInForce(int year, Scheme scheme, string rule) =>
        scheme == Scheme.LoanInterest ? $"{year} 年不在贷款贴息政策执行期（{rule}）" : $"{year} 年不在{Codes.Label(scheme)}政策执行期（{rule}）";

    internal static string A2(int year, Money have, Money need) =>
        $"截至 {year} 年累计智能化数字化投入 {Yuan(have.Yuan)}，还差 {Short(have, need)} 达到 {Threshold(need.Yuan)}门槛（{RuleIds.A2}）";

    internal static string A3AlreadyAwarded() => $"该项目已获重大示范项目奖励，每个项目只奖励一次（{RuleIds.A3}）";

    internal static string A3NotCompleted(int year, ProjectStatus status) =>
        $"示范项目在竣工当年奖励：项目尚未竣工（{Codes.Label(status)}），在 {year} 年内竣工方可按 {year} 年奖励（{RuleIds.A3}）";

    internal static string A3CompletedInAnotherYear(int year, DateOnly completedOn) =>
        $"项目于 {completedOn.ToString("yyyy-MM-dd", Inv)} 竣工，奖励年度是 {completedOn.Year.ToString(Inv)} 年而不是 {year} 年（{RuleIds.A3}）";

    internal static string A3ThresholdReachedEarlier(int year) => $"累计投入在 {year} 年之前已达到门槛，奖励年度已过（{RuleIds.A3}）";

    internal static string A3ThresholdNotReached() => $"累计投入尚未达到门槛（{RuleIds.A3}）";

    internal static string I5(Scheme lost) => lost == Scheme.EffectiveInvestment
        ? $"同一项目同年已享受更高的重大示范项目奖励，按就高不重复不再享受本项（{RuleIds.I5}）"
        : $"同一项目同年的有效投入奖补更高，按就高不重复不再享受本项（{RuleIds.I5}）";

    internal static string NotIndustrial(IndustryCode? industry, Scheme scheme, string rule) =>
        $"企业行业代码 {industry} 不属于工业（{IndustrialSections}），不能享受{Codes.Label(scheme)}（{rule}）";

    internal static string B3(int year, Money have, Money need) =>
        $"{year} 年设备投资额 {Yuan(have.Yuan)}，还差 {Short(have, need)} 达到 {Threshold(need.Yuan)}门槛（{RuleIds.B3}）";

    internal static string B4UsedUp(Money cap) => $"项目全周期 {Threshold(cap.Yuan)}上限已用完（{RuleIds.B4}）";

    internal static string B4Reached(Money cap) => $"已达项目全周期 {Threshold(cap.Yuan)}上限：本年按剩余额度奖补，以后年度不再享受（{RuleIds.B4}）";

    internal static string C2(int year, string kinds, Money have, Money need) =>
        $"{year} 年技改投入（{kinds}项目设备投资合计）{Yuan(have.Yuan)}，还差 {Short(have, need)} 达到 {Threshold(need.Yuan)}门槛（{RuleIds.C2}）";

    internal static string C4(int year, Money have, Money need, decimal multiplier) =>
        $"{year} 年智能化数字化投入 {Yuan(have.Yuan)}，再增加 {Short(have, need)} 达到 {Threshold(need.Yuan)}即可加乘 {multiplier.ToString("0.##", Inv)} 倍（{RuleIds.C4}）";

    internal static string C5Reached(Money cap) => $"已达每家企业每年 {Threshold(cap.Yuan)}上限，增加投入本年不再增加奖补（{RuleIds.C5}）";

    // ------------------------------------------------------------------ D

    internal static string DE1(IndustryCode industry) => $"企业行业代码 {industry} 不属于制造业（C 门类 13–43 大类），贷款不能贴息（{RuleIds.DE1}）";

    internal static string DE2(ProjectKind kind) => $"贷款所投项目类型“{Codes.Label(kind)}”不属于新建或改扩建项目（{RuleIds.DE2}）";

    internal static string DE3(LoanCategory category) => $"贷款类别“{Codes.Label(category)}”不属于四类项目贷款（{RuleIds.DE3}）";

    internal static string DE4NoLpr(DateOnly issuedOn) =>
        $"放款日 {issuedOn.ToString("yyyy-MM-dd", Inv)} 之前没有已公布的 LPR，无法确定利率上限（{RuleIds.DE4}）";

    internal static string DE4(Rate rate, Rate spread, Rate limit, DateOnly issuedOn, bool longTenor, Rate lpr) =>
        $"合同利率 {Percent(rate.Fraction)} 超过 LPR+{(spread.Fraction * 10000m).ToString("0.##", Inv)}BP 上限 {Percent(limit.Fraction)}"
        + $"（放款日 {issuedOn.ToString("yyyy-MM-dd", Inv)} 适用{(longTenor ? " 5 年期以上" : " 1 年期")} LPR {Percent(lpr.Fraction)}），"
        + $"高出 {((rate.Fraction - limit.Fraction) * 100m).ToString("0.00##", Inv)} 个百分点（{RuleIds.DE4}）";

    internal static string DE5(Money have, Money need) =>
        $"贷款用于设备投资（含配套软件）{Yuan(have.Yuan)}，还差 {Short(have, need)} 达到 {Threshold(need.Yuan)}门槛（{RuleIds.DE5}）";

    /// <param name="label">The level's name, or 各级 for every level.</param>
    internal static string D1(string label) => $"{label}贴息率为 0，不贴息（{RuleIds.D1}）";

    /// <param name="label">The level's name, or 各级 for every level.</param>
    internal static string D2(string label) => $"{label}贴息条件不满足（{RuleIds.D2}）";

    /// <param name="viaPlatformMissing">The level requires the Suzhou platform and the loan did not come through it.</param>
    /// <param name="category">The loan's category, when the level does not subsidise it; else null.</param>
    /// <param name="allowed">The categories the level subsidises.</param>
    internal static string D2Suzhou(bool viaPlatformMissing, LoanCategory? category, IEnumerable<LoanCategory> allowed)
    {
        var why = new List<string>(2);
        if (viaPlatformMissing) why.Add("未经苏州综合金融服务平台获得");
        if (category is { } c) why.Add($"类别为“{Codes.Label(c)}”（仅限{string.Join("、", allowed.Select(Codes.Label))}）");
        return $"苏州市级只对经苏州综合金融服务平台获得的智改数转网联类贷款贴息：本笔{(why.Count == 0 ? "不符合" : string.Join("，", why))}（{RuleIds.D2}）";
    }

    internal static string D3(Rate loanRate, Rate maxTotal) =>
        $"合同利率 {Percent(loanRate.Fraction)} 与各级合计 {Percent(maxTotal.Fraction)} 的贴息额度已被前序层级用尽（{RuleIds.D3}）";

    /// <param name="year">The award year.</param>
    /// <param name="label">The level's name, or empty for every level.</param>
    /// <param name="subsidy">The level's subsidy period: from the issue date for its months, not past maturity.</param>
    /// <param name="months">The level's months (D-5).</param>
    /// <param name="window">The programme window (I-12).</param>
    internal static string D5(int year, string label, Period subsidy, int months, Period window) =>
        $"{year} 年不在本笔贷款的{label}贴息期内（贴息期 {subsidy.Start.ToString("yyyy-MM-dd", Inv)} 至 {subsidy.End.AddDays(-1).ToString("yyyy-MM-dd", Inv)}："
        + $"放款起 {months} 个月且不超过到期日{(window.IsEmpty ? "" : $"，且只计 {window.Start.ToString("yyyy-MM-dd", Inv)} 至 {window.Last.ToString("yyyy-MM-dd", Inv)} 政策窗口内的天数")}）（{RuleIds.D5}）";

    /// <param name="label">The level's name, or 各级 for every level.</param>
    internal static string D9(string label) => $"{label}尚未审核同意本笔贷款，未审核的层级不贴息（{RuleIds.D9}）";

    // ------------------------------------------------------------------ no subject

    /// <summary>
    /// For a scheme the enterprise has no subject for in <paramref name="year"/> (no active project, no loan): the
    /// first condition a new project or loan would have to meet, with the values in force on 31 December — the
    /// rule ID and the text.
    /// </summary>
    public static (string Rule, string Text) WithoutSubject(PolicyEngine engine, Enterprise enterprise, Scheme scheme, int year)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(enterprise);
        var ip = new InvestmentParameters(engine.Parameters, year);
        var industrial = ip.Enterprise.IsIndustrial(enterprise.Industry);
        switch (scheme)
        {
            case Scheme.Demonstration:
                if (!ip.Demonstration.InForce) return (RuleIds.A, NotInForce(year, scheme, RuleIds.A));
                return (RuleIds.A2,
                    $"{year} 年没有在建或竣工的项目：利用新一代信息技术实施改造、累计智能化数字化设备及软件投入达到 {Threshold(ip.Demonstration.MinDigitalInvestment.Yuan)}"
                    + $"并竣工的项目，可获重大示范项目奖励（投入的 {Pct(ip.Demonstration.Rate.Fraction)}，最高 {Threshold(ip.Demonstration.CapPerProject.Yuan)}）（{RuleIds.A2}）");
            case Scheme.EffectiveInvestment:
                if (!ip.EffectiveInvestment.InForce || !ip.Enterprise.InForce) return (RuleIds.B, NotInForce(year, scheme, RuleIds.B));
                if (!industrial) return (RuleIds.B1, NotIndustrial(enterprise.Industry, scheme, RuleIds.B1));
                return (RuleIds.B3,
                    $"{year} 年没有设备投资项目：单个项目年度设备投资（含软件）达到 {Threshold(ip.EffectiveInvestment.MinAnnualEquipment.Yuan)}、属于产业创新集群方向或重大安全生产技术改造的，"
                    + $"按设备投资的 {Pct(ip.EffectiveInvestment.Rate.Fraction)} 奖补（{RuleIds.B3}）");
            case Scheme.TechRenovation:
                if (!ip.TechRenovation.InForce || !ip.Enterprise.InForce) return (RuleIds.C, NotInForce(year, scheme, RuleIds.C));
                if (!industrial) return (RuleIds.C1, NotIndustrial(enterprise.Industry, scheme, RuleIds.C1));
                return (RuleIds.C2,
                    $"{year} 年技改投入 {Yuan(0)}，还差 {Yuan(ip.TechRenovation.MinAnnualInvestment.Yuan)} 达到 {Threshold(ip.TechRenovation.MinAnnualInvestment.Yuan)}门槛（{RuleIds.C2}）");
            default:
                if (!enterprise.Industry.IsManufacturing) return (RuleIds.DE1, DE1(enterprise.Industry));
                var lp = new LoanEligibilityParameters(engine.Parameters.ResolveAt(new DateOnly(year, 12, 31)));
                return (RuleIds.DE5,
                    $"{year} 年没有登记贴息期内的贷款：为新建、改扩建或技术改造项目向银行贷款，合同利率不超过 LPR+{(lp.MaxSpread.Fraction * 10000m).ToString("0.##", Inv)}BP、"
                    + $"贷款中用于设备投资（含配套软件）达到 {Threshold(lp.MinEquipmentAmount.Yuan)} 的，可申请省级、苏州市级、昆山市级贴息（{RuleIds.DE5}）");
        }
    }
}
