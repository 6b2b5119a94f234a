using System.Collections.Immutable;
using Renewal.Policy.Caps;
using Renewal.Policy.Explanation;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Kunshan2024;

/// <summary>One level's share of a balance segment.</summary>
/// <param name="Level">The fiscal level.</param>
/// <param name="Rate">The rate it pays in this segment after the D-3 fill (0 when it does not pay).</param>
/// <param name="Amount">Exact, unrounded amount of the segment.</param>
/// <param name="Reason">Why the level pays nothing here, when it does not (rule ID), else null.</param>
/// <param name="Nominal">The level's own rate (D-2) before the 3-point fill.</param>
public sealed record SegmentLevel(Level Level, Rate Rate, decimal Amount, string? Reason, Rate Nominal = default)
{
    /// <summary>The revision that supplied the level's rate on these days (V-3), or null (the pack).</summary>
    public string? Revision { get; init; }

    /// <summary>For a level that steps back here (D-10): the revision that said so, or null.</summary>
    public string? YieldsRevision { get; init; }
}

/// <summary>
/// A run of days with one interest-bearing balance and one set of rates (D-4): the row of a bank officer's
/// worksheet. <see cref="End"/> is exclusive.
/// </summary>
public sealed record LoanSegment(DateOnly Start, DateOnly End, int Days, Money Balance, Money SubsidisedBalance, Rate Room,
    ImmutableArray<SegmentLevel> Levels);

/// <summary>The segment-by-segment computation of one loan for one award year (before caps).</summary>
public sealed record LoanSchedule(string LoanId, int Year, ImmutableArray<LoanSegment> Segments);

/// <summary>Scheme D — 制造业贷款财政贴息 (loan interest subsidy), Annex §4 and plan §三(二).</summary>
/// <remarks>
/// Eligibility D-E1 manufacturing · D-E2 new-build or expansion project (renovation counts, I-16) · D-E3 one of
/// the four loan categories · D-E4 rate ≤ LPR on the issue date + 50 bp, tenor by term (I-10) · D-E5 equipment
/// financed ≥ 5,000,000 (Annex §4(1)). Amounts: D-1 levels in precedence order · D-2 1 point each, Suzhou only
/// via its platform for digital-transformation loans (I-13) · D-3 total ≤ 3 points and ≤ the loan's own rate ·
/// D-4 actual/360 on the equipment share of the balance (I-11, I-14) · D-5 24-month period inside the programme window
/// (<c>loan.window_start</c>..<c>loan.window_end</c>, I-12) · D-6/D-7 caps · D-8 pro-rata sharing by largest remainder · D-9 per-level approvals.
/// </remarks>
internal static class LoanInterest
{
    private const string ScopeArticle = "Annex §4(1)1";
    private const string EquipmentArticle = "Annex §4(1)2";
    private const string SupportArticle = "Annex §4(2)";

    private static string LevelArticle(Level l) => l switch
    {
        Level.Province => "Annex §4(2)1",
        Level.Suzhou => "Annex §4(2)2",
        Level.Kunshan => "Annex §4(2)3, Plan §三(二)",
        _ => "I-13",
    };

    public static void Evaluate(Scenario s, EnterpriseIndex index, ParameterStore store, LprTable lpr,
        Outcome[] outcomes, TraceBuilder[]? traces, Dictionary<string, LoanSchedule>? schedules = null)
    {
        const int L = CompactResult.LevelCount;
        var year = s.Year;
        var cache = new LoanParameterCache(store);
        var yearEnd = new DateOnly(year, 12, 31);
        var yp = new LoanYearParameters(store.ResolveAt(yearEnd));
        if (!yp.InForce)
        {
            for (var k = 0; k < outcomes.Length; k++)
            {
                outcomes[k].FailedRule = RuleIds.D;
                traces?[k].NotApplicable(RuleIds.D, SupportArticle, yp.NotInForceText(yearEnd), AdviceTexts.NotInForce(year, Scheme.LoanInterest, RuleIds.D));
            }
            return;
        }

        var exact = new decimal[L];
        var bounds = new List<DateOnly>(16);
        var levelFailed = new string?[L];
        for (var i = 0; i < s.Loans.Length; i++)
        {
            var loan = s.Loans[i];
            var enterprise = s.Enterprises[index.LoanEnterprise[i]];
            var project = s.Projects[index.LoanProject[i]];

            // Eligibility uses the values in force on the issue date; a loan issued before the programme's first
            // values is judged by the values in force when the window opens (ADR-004).
            var ep = cache.Eligibility(loan.IssuedOn);
            if (!ep.InForce && loan.IssuedOn < yp.WindowStart) ep = cache.Eligibility(yp.WindowStart);
            if (!ep.InForce)
            {
                for (var l = 0; l < L; l++)
                {
                    outcomes[i * L + l].FailedRule = RuleIds.D;
                    traces?[i * L + l].NotApplicable(RuleIds.D, SupportArticle, ep.NotInForceText(loan.IssuedOn), AdviceTexts.NotInForce(year, Scheme.LoanInterest, RuleIds.D));
                }
                continue;
            }

            var steps = traces is null ? null : new TraceBuilder();
            var failedMask = Eligibility(loan, enterprise, project, ep, lpr, steps);
            var eligibleSteps = steps?.Build();
            // D-E6: each level judges the loan by the rules it does not waive; a rule no level waives fails them all.
            var anyEligible = false;
            for (var l = 0; l < L; l++)
            {
                var m = failedMask & ~(ep.Waived[l] << 3);
                levelFailed[l] = m == 0 ? null : FirstRule(m);
                anyEligible |= m == 0;
            }
            if (!anyEligible)
            {
                for (var l = 0; l < L; l++)
                {
                    outcomes[i * L + l].FailedRule = levelFailed[l];
                    traces?[i * L + l].AddRange(LevelEligibility(eligibleSteps!, ep, (Level)l));
                }
                continue;
            }

            Array.Clear(exact);
            var paidDays = new int[L];
            var reasons = new string?[L];
            var segments = traces is not null || schedules is not null ? ImmutableArray.CreateBuilder<LoanSegment>() : null;
            Segments(loan, year, yp, ep, cache, bounds, exact, paidDays, reasons, segments, levelFailed);
            for (var l = 0; l < L; l++)
            {
                ref var o = ref outcomes[i * L + l];
                o.Amount = new Money(exact[l]).RoundToFen();
                o.Eligible = paidDays[l] > 0;
                if (!o.Eligible) o.FailedRule = levelFailed[l] ?? reasons[l] ?? RuleIds.D5;
                else if (o.Amount == Money.Zero) o.FailedRule = RuleIds.D3;
                if (traces is not null) TraceLevel(traces[i * L + l], loan, year, (Level)l, yp.Window, ep, cache, LevelEligibility(eligibleSteps!, ep, (Level)l), segments!, o, exact[l], levelFailed[l] ?? reasons[l]);
            }
            if (schedules is not null) schedules[loan.Id] = new LoanSchedule(loan.Id, year, segments!.ToImmutable());
        }

        ApplyCaps(s, index, yp, outcomes, traces);
    }

    /// <summary>The rule of the lowest bit of a mask of <see cref="Eligibility"/>.</summary>
    private static string FirstRule(int mask) =>
        (mask & 1) != 0 ? RuleIds.DE1 : (mask & 2) != 0 ? RuleIds.DE2 : (mask & 4) != 0 ? RuleIds.DE3 : (mask & 8) != 0 ? RuleIds.DE4 : RuleIds.DE5;

    /// <summary>
    /// The eligibility steps as one level reads them: a rule the level waives (D-E6) is not applicable to it, and its
    /// step says so and by which revision.
    /// </summary>
    private static IReadOnlyList<TraceStep> LevelEligibility(IReadOnlyList<TraceStep> steps, LoanEligibilityParameters ep, Level level)
    {
        var waived = ep.Waived[(int)level];
        if (waived == 0) return steps;
        var by = ep.WaivedBy[(int)level] is { } r ? $"（{r}）" : "（D-E6）";
        var label = Codes.Label(level);
        var result = new List<TraceStep>(steps.Count);
        foreach (var s in steps)
        {
            var w = s.Rule == RuleIds.DE4 ? (waived & LoanEligibilityParameters.WaiveDE4) != 0
                : s.Rule == RuleIds.DE5 && (waived & LoanEligibilityParameters.WaiveDE5) != 0;
            result.Add(w ? new TraceStep(RuleIds.DE6, s.Article, RuleStatus.NotApplicable, $"{s.Rule} 不适用于{label}{by}：{s.Text}") : s);
        }
        return result;
    }

    /// <summary>D-E1..D-E5. Returns the rules that failed as a mask: bit 0 = D-E1 … bit 4 = D-E5; 0 when all hold.</summary>
    private static int Eligibility(Loan loan, Enterprise enterprise, Project project, LoanEligibilityParameters p, LprTable lpr, TraceBuilder? t)
    {
        var o = new Outcome();
        var mask = 0;
        var manufacturing = enterprise.Industry.IsManufacturing;
        if (!manufacturing) mask |= 1;
        o.Require(manufacturing, RuleIds.DE1, ScopeArticle, t, t is null ? null
            : $"企业行业代码 {enterprise.Industry}{(manufacturing ? " 属于" : " 不属于")}制造业（C 门类 13–43 大类）",
            t is null ? null : AdviceTexts.DE1(enterprise.Industry));

        var kind = p.KindCounts(project.Kind);
        if (!kind) mask |= 2;
        o.Require(kind, RuleIds.DE2, ScopeArticle, t, t is null ? null
            : $"贷款投向项目 {project.Id}（{Codes.Label(project.Kind)}）{(kind ? "属于" : "不属于")}新建或改扩建项目（技术改造视同改扩建，I-16）",
            t is null ? null : AdviceTexts.DE2(project.Kind));

        var category = p.CategoryCounts(loan.Category);
        if (!category) mask |= 4;
        o.Require(category, RuleIds.DE3, ScopeArticle, t, t is null ? null
            : $"贷款类别“{Codes.Label(loan.Category)}”{(category ? "属于" : "不属于")}四类项目贷款",
            t is null ? null : AdviceTexts.DE3(loan.Category));

        var row = lpr.InForceOn(loan.IssuedOn);
        var longTenor = loan.MaturesOn > loan.IssuedOn.AddMonths(p.LongTenorMonths);
        if (row is null)
        {
            mask |= 8;
            o.Require(false, RuleIds.DE4, ScopeArticle, t, t is null ? null : $"放款日 {loan.IssuedOn:yyyy-MM-dd} 之前没有已公布的 LPR",
                t is null ? null : AdviceTexts.DE4NoLpr(loan.IssuedOn));
        }
        else
        {
            var lprRate = longTenor ? row.FiveYearPlus : row.OneYear;
            var limit = lprRate + p.MaxSpread;
            var within = loan.Rate <= limit;
            if (!within) mask |= 8;
            o.Require(within, RuleIds.DE4, ScopeArticle, t, t is null ? null
                : $"放款日 {loan.IssuedOn:yyyy-MM-dd} 适用{(longTenor ? " 5 年期以上" : " 1 年期")} LPR {lprRate}（{row.PublishedOn:yyyy-MM-dd} 公布；期限至 {loan.MaturesOn:yyyy-MM-dd}，"
                  + $"{(longTenor ? "超过" : "不超过")} {p.LongTenorMonths} 个月，I-10），上限 {lprRate} + {p.MaxSpread}{p.By("loan.max_spread")} = {limit}；合同利率 {loan.Rate} {(within ? "≤" : ">")} {limit}",
                t is null ? null : AdviceTexts.DE4(loan.Rate, p.MaxSpread, limit, loan.IssuedOn, longTenor, lprRate));
        }

        var equipment = loan.EquipmentAmount >= p.MinEquipmentAmount;
        if (!equipment) mask |= 16;
        o.Require(equipment, RuleIds.DE5, EquipmentArticle, t, t is null ? null
            : $"贷款用于设备投资（含配套软件）{loan.EquipmentAmount} {(equipment ? "≥" : "<")} {p.MinEquipmentAmount}{p.By("loan.min_equipment_amount")}",
            t is null ? null : AdviceTexts.DE5(loan.EquipmentAmount, p.MinEquipmentAmount));
        return mask;
    }

    /// <summary>
    /// D-2..D-5: splits the days of the award year that lie in the window and the loan's life into segments of
    /// constant balance and parameters, fills the level rates in precedence order, and adds up exact amounts.
    /// </summary>
    private static void Segments(Loan loan, int year, LoanYearParameters yp, LoanEligibilityParameters ep, LoanParameterCache cache,
        List<DateOnly> bounds, decimal[] exact, int[] paidDays, string?[] reasons, ImmutableArray<LoanSegment>.Builder? segments,
        string?[] levelFailed)
    {
        const int L = CompactResult.LevelCount;
        // The loan's life: the issue day bears interest, the maturity day none (I-11).
        var life = Period.Between(loan.IssuedOn, loan.MaturesOn);
        // The days of the award year inside the programme window and the loan's life (D-5, I-12).
        var counted = Period.Year(year).Intersect(yp.Window).Intersect(life);
        if (counted.IsEmpty)
        {
            for (var l = 0; l < L; l++) reasons[l] = RuleIds.D5;
            return;
        }

        // D-5: each level's subsidy period runs from the issue date for its months (AddMonths keeps the day or
        // takes the month's last), and not past maturity.
        Span<Period> subsidy = stackalloc Period[L];
        bounds.Clear();
        bounds.Add(counted.Start);
        bounds.Add(counted.End);
        for (var l = 0; l < L; l++)
        {
            subsidy[l] = Period.Between(loan.IssuedOn, loan.IssuedOn.AddMonths(ep.PeriodMonths[l])).Intersect(life);
            if (counted.Splits(subsidy[l].End)) bounds.Add(subsidy[l].End);
        }
        foreach (var r in loan.Repayments)
        {
            if (counted.Splits(r.Date)) bounds.Add(r.Date);
        }
        foreach (var c in cache.ChangeDates)
        {
            if (counted.Splits(c)) bounds.Add(c);
        }
        bounds.Sort();

        var principal = loan.Principal.Yuan;
        var equipment = loan.EquipmentAmount.Yuan;
        Span<decimal> numerator = stackalloc decimal[L]; // Σ balance × rate × days, exact; divided once per day-count basis
        numerator.Clear();
        var basis = 0;
        var fullBalance = false;
        var repaid = 0m;
        var next = 0;
        var levelRates = segments is null ? null : new SegmentLevel[L];
        for (var k = 0; k < bounds.Count - 1; k++)
        {
            var a = bounds[k];
            var b = bounds[k + 1];
            if (a == b) continue;
            while (next < loan.Repayments.Length && loan.Repayments[next].Date <= a) repaid += loan.Repayments[next++].Amount.Yuan;
            var balance = principal - repaid;
            var days = b.DayNumber - a.DayNumber;
            var dp = cache.Day(a);
            if (!dp.InForce)
            {
                for (var l = 0; l < L; l++) reasons[l] ??= RuleIds.D1;
                continue;
            }
            if (basis != 0 && (dp.DayCount != basis || dp.FullBalance != fullBalance)) Flush(numerator, exact, basis, fullBalance, principal, equipment);
            basis = dp.DayCount;
            fullBalance = dp.FullBalance;

            // D-3: room = min(3 points, the loan's own rate); levels fill it in precedence order; a level that
            // does not pay leaves its room to the next.
            var room = Rate.Min(dp.MaxTotalRate, loan.Rate);
            var roomAtStart = room;
            if (levelRates is not null) Array.Clear(levelRates);
            var paying = 0; // levels whose D-3 rate on these days is > 0 (D-10)
            foreach (var terms in dp.Levels)
            {
                var l = (int)terms.Level;
                var why = levelFailed[l] ?? Pays(loan, terms, a, subsidy[l], ep.ExplicitApproval[l]);
                // D-10: on days a level it yields to pays, it pays nothing and uses none of the room.
                if (why is null && (terms.YieldsTo & paying) != 0) why = RuleIds.D10;
                if (why is not null)
                {
                    reasons[l] ??= why;
                    if (levelRates is not null) levelRates[l] = new SegmentLevel(terms.Level, Rate.Zero, 0m, why, terms.Rate) { Revision = terms.RateRevision, YieldsRevision = terms.YieldsRevision };
                    continue;
                }
                var take = Rate.Min(terms.Rate, room);
                room -= take;
                if (take.Fraction > 0) paying |= 1 << l;
                paidDays[l] += days;
                numerator[l] += balance * take.Fraction * days;
                if (levelRates is not null)
                    levelRates[l] = new SegmentLevel(terms.Level, take, Amount(balance * take.Fraction * days, dp.DayCount, dp.FullBalance, principal, equipment), take.Fraction == 0 ? RuleIds.D3 : null, terms.Rate) { Revision = terms.RateRevision };
            }
            if (segments is not null)
            {
                for (var l = 0; l < L; l++) levelRates![l] ??= new SegmentLevel((Level)l, Rate.Zero, 0m, RuleIds.D1);
                var subsidised = dp.FullBalance || equipment >= principal ? balance : balance * equipment / principal;
                segments.Add(new LoanSegment(a, b, days, new Money(balance), new Money(subsidised), roomAtStart, [.. levelRates!]));
            }
        }
        if (basis != 0) Flush(numerator, exact, basis, fullBalance, principal, equipment);
    }

    /// <summary>
    /// Why a level does not pay on a day (rule ID), or null when it pays: D-1 rate, D-9 approval (a level with explicit
    /// approval pays only when listed), D-2 conditions, D-5 period.
    /// </summary>
    private static string? Pays(Loan loan, LevelTerms terms, DateOnly day, Period subsidy, bool explicitApproval)
    {
        if (terms.Rate.Fraction <= 0) return RuleIds.D1;
        if (loan.Approvals is { } approvals ? !approvals.Contains(terms.Level) : explicitApproval) return RuleIds.D9;
        if (terms.RequiresPlatform && !loan.ViaSuzhouPlatform) return RuleIds.D2;
        if (!terms.CategoryAllowed(loan.Category)) return RuleIds.D2;
        if (!subsidy.Contains(day)) return RuleIds.D5;
        return null;
    }

    private static void Flush(Span<decimal> numerator, decimal[] exact, int dayCount, bool fullBalance, decimal principal, decimal equipment)
    {
        for (var l = 0; l < numerator.Length; l++)
        {
            if (numerator[l] == 0) continue;
            exact[l] += Amount(numerator[l], dayCount, fullBalance, principal, equipment);
            numerator[l] = 0;
        }
    }

    /// <summary>D-4: balance-rate-days over the day count, times the equipment share min(1, equipment / principal) (I-14).</summary>
    private static decimal Amount(decimal balanceRateDays, int dayCount, bool fullBalance, decimal principal, decimal equipment) =>
        fullBalance || equipment >= principal
            ? balanceRateDays / dayCount
            : balanceRateDays * equipment / (principal * dayCount);

    private static void TraceLevel(TraceBuilder t, Loan loan, int year, Level level, Period window, LoanEligibilityParameters ep,
        LoanParameterCache cache, IReadOnlyList<TraceStep> eligibility,
        ImmutableArray<LoanSegment>.Builder segments, in Outcome o, decimal exact, string? reason)
    {
        t.AddRange(eligibility);
        var article = LevelArticle(level);
        var label = Codes.Label(level);
        var paying = false;
        var filled = false;
        foreach (var seg in segments)
        {
            var lv = seg.Levels[(int)level];
            if (!filled && (lv.Reason is null || lv.Reason == RuleIds.D3))
            {
                filled = true;
                t.Computed(RuleIds.D3, SupportArticle,
                    $"各级合计不超过 min(3 个百分点, 合同利率 {loan.Rate}) = {seg.Room}，按 中央→省级→苏州市级→昆山市级 顺序填充：{label}应贴 {lv.Nominal}{(lv.Revision is { } rr ? $"（{rr}）" : "")}，实贴 {lv.Rate}"
                    + (lv.Rate < lv.Nominal ? "（被额度截减）" : ""),
                    advice: o.FailedRule == RuleIds.D3 ? AdviceTexts.D3(loan.Rate, cache.Day(seg.Start).MaxTotalRate) : null);
            }

            var sl = seg.Levels[(int)level];
            if (sl.Reason == RuleIds.D10)
            {
                t.Computed(RuleIds.D10, SupportArticle,
                    $"{seg.Start:yyyy-MM-dd} 至 {seg.End.AddDays(-1):yyyy-MM-dd}，{seg.Days} 天：前序层级当日贴息，{label}让位，不贴息也不占用额度（{sl.YieldsRevision ?? RuleIds.D10}）");
                continue;
            }
            if (sl.Reason is null || sl.Reason == RuleIds.D3) paying = true;
            if (sl.Reason is not null && sl.Reason != RuleIds.D3) continue;
            var share = seg.SubsidisedBalance == seg.Balance ? "" : $"（余额 {seg.Balance} × 设备占比 {Money.Format(decimal.Round(loan.EquipmentAmount.Yuan / loan.Principal.Yuan, 4))}，I-14）";
            t.Computed(RuleIds.D4, article,
                $"{seg.Start:yyyy-MM-dd} 至 {seg.End.AddDays(-1):yyyy-MM-dd}，{seg.Days} 天，贴息余额 {Money.Format(decimal.Round(seg.SubsidisedBalance.Yuan, 2))}{share}"
                + $" × {sl.Rate}{(sl.Revision is { } rv ? $"（{rv}）" : "")} × {seg.Days}/360 = {Money.Format(decimal.Round(sl.Amount, 2))}"
                + (sl.Reason == RuleIds.D3 ? "（3 个百分点及合同利率额度已被前序层级用尽，D-3）" : ""));
        }
        if (!paying)
        {
            var rule = reason ?? RuleIds.D5;
            // A level that fails an eligibility rule it does not waive (D-E6): the eligibility steps above say which.
            if (rule.StartsWith("D-E", StringComparison.Ordinal)) return;
            if (rule == RuleIds.D10)
            {
                t.Fails(RuleIds.D10, SupportArticle, $"{label}在其让位的层级贴息的日子里让位（D-10），本年度没有贴息天数",
                    $"{label}在该笔贷款获得前序层级（如中央财政）贴息的日子里不贴息；前序层级不贴息的日子里{label}照常贴息（{RuleIds.D10}）");
                return;
            }
            var (advice, everyLevel) = LevelAdvice(loan, year, level, rule, window, ep, cache, segments.Count > 0 ? segments[0].Start : loan.IssuedOn);
            t.Fails(rule, article, reason switch
            {
                RuleIds.D1 => $"{label}贴息率为 0 或未列入贴息层级，不贴息",
                RuleIds.D9 => loan.Approvals is null
                    ? $"{label}须逐笔批准（D-9），该笔贷款未列入批准层级（approvals），不贴息，也不占用 3 个百分点额度"
                    : $"{label}未审核同意该笔贷款（approvals 未列入），不贴息，也不占用 3 个百分点额度",
                RuleIds.D2 => level == Level.Suzhou
                    ? $"苏州市级仅对经苏州综合金融服务等平台获得的智能化改造提升项目贷款贴息：{(loan.ViaSuzhouPlatform ? "经平台" : "未经平台")}，类别“{Codes.Label(loan.Category)}”"
                    : $"{label}贴息条件不满足（类别“{Codes.Label(loan.Category)}”）",
                _ => $"{label}贴息期（放款起 {loan.IssuedOn:yyyy-MM-dd} 计）或政策窗口 {(window.IsEmpty ? "（无）" : $"{window.Start.Year}–{window.Last.Year}")} 内，本年度没有计息天数",
            }, advice, everyLevel);
            return;
        }
        t.Computed(RuleIds.I9, "I-9", $"{label}年度合计 {Money.Format(decimal.Round(exact, 6))}，四舍五入到分 = {new Money(exact).RoundToFen()}");
    }

    /// <summary>What the enterprise can do about a level that pays nothing (D-1, D-2, D-5, D-9): for this level, and said of every level.</summary>
    private static (string Advice, string EveryLevel) LevelAdvice(Loan loan, int year, Level level, string rule, Period window,
        LoanEligibilityParameters ep, LoanParameterCache cache, DateOnly first)
    {
        const string every = "各级";
        var label = Codes.Label(level);
        switch (rule)
        {
            case RuleIds.D1:
                return (AdviceTexts.D1(label), AdviceTexts.D1(every));
            case RuleIds.D9:
                return (AdviceTexts.D9(label), AdviceTexts.D9(every));
            case RuleIds.D2:
            {
                // The terms of the first day counted, where the schedule found that the level does not pay.
                var terms = cache.Day(first).Terms(level);
                if (level != Level.Suzhou || terms is null) return (AdviceTexts.D2(label), AdviceTexts.D2(every));
                var allowed = Enum.GetValues<LoanCategory>().Where(terms.CategoryAllowed);
                var suzhou = AdviceTexts.D2Suzhou(terms.RequiresPlatform && !loan.ViaSuzhouPlatform, terms.CategoryAllowed(loan.Category) ? null : loan.Category, allowed);
                return (suzhou, AdviceTexts.D2(every));
            }
            default:
            {
                var months = ep.PeriodMonths[(int)level];
                var subsidy = Period.Between(loan.IssuedOn, loan.IssuedOn.AddMonths(months)).Intersect(Period.Between(loan.IssuedOn, loan.MaturesOn));
                return (AdviceTexts.D5(year, label, subsidy, months, window), AdviceTexts.D5(year, "", subsidy, months, window));
            }
        }
    }

    /// <summary>
    /// D-6, D-7, D-8: the rows of the caps table <c>loan.caps</c> in order. For each group (a project's or an enterprise's
    /// loans) whose covered levels add up to more than the row's amount, the covered levels are cut in reverse precedence
    /// order (an earlier level keeps up to the cap), and each cut level's new total is shared among its loans of the group
    /// pro rata to their amounts by the largest-remainder method (ties: earlier issue date, then loan id).
    /// </summary>
    private static void ApplyCaps(Scenario s, EnterpriseIndex index, LoanYearParameters yp, Outcome[] outcomes, TraceBuilder[]? traces)
    {
        foreach (var row in yp.Caps)
        {
            if (row.Per == CapScope.Project) CapGroups(s, outcomes, traces, row, yp, index.LoanProject, i => s.Projects[i].Id, "项目");
            else CapGroups(s, outcomes, traces, row, yp, index.LoanEnterprise, i => s.Enterprises[i].Id, "企业");
        }
    }

    /// <param name="s">The scenario.</param>
    /// <param name="outcomes">Loan × level outcomes, capped in place.</param>
    /// <param name="traces">Explanations, or null.</param>
    /// <param name="row">The cap row.</param>
    /// <param name="yp">The year's parameters (precedence order, the revision of the table).</param>
    /// <param name="groupOf">For each loan, the position of the project or enterprise the cap is per.</param>
    /// <param name="name">The id of a group, for the explanation.</param>
    /// <param name="subject">"项目" or "企业".</param>
    private static void CapGroups(Scenario s, Outcome[] outcomes, TraceBuilder[]? traces, CapRow row, LoanYearParameters yp,
        int[] groupOf, Func<int, string> name, string subject)
    {
        const int L = CompactResult.LevelCount;
        var levels = row.Levels.Select(l => (int)l).OrderBy(l => yp.Rank[l]).ThenBy(l => l).ToArray();
        var single = levels.Length == 1;
        var rule = single && levels[0] != (int)Level.Province && levels[0] != (int)Level.Central ? RuleIds.D7 : RuleIds.D6;
        var cap = row.Amount;
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < s.Loans.Length; i++)
        {
            var any = false;
            foreach (var l in levels) any |= outcomes[i * L + l].Amount != Money.Zero;
            if (!any) continue;
            var g = groupOf[i];
            if (!groups.TryGetValue(g, out var list)) groups[g] = list = [];
            list.Add(i);
        }

        var by = traces is null ? "" : yp.CapsRevision is { } rev ? $"（{row.Id}，{rev}）" : single ? "" : $"（{row.Id}）";
        var title = traces is null ? "" : single
            ? $"{Codes.Label((Level)levels[0])}单个{subject}年度上限 {cap}{by}"
            : $"{string.Join("与", levels.Select(l => Codes.Label((Level)l)))}合计单个{subject}年度上限 {cap}{by}";
        foreach (var (g, members) in groups)
        {
            var k = traces is null ? "" : name(g);
            var total = Money.Zero;
            foreach (var i in members)
            {
                foreach (var l in levels) total += outcomes[i * L + l].Amount;
            }
            if (total <= cap)
            {
                if (traces is not null)
                {
                    foreach (var i in members)
                    {
                        foreach (var l in levels)
                        {
                            if (outcomes[i * L + l].Amount != Money.Zero)
                                traces[i * L + l].Computed(rule, LevelArticle((Level)l), $"{title}：{subject} {k} 合计 {total}，未超限");
                        }
                    }
                }
                continue;
            }

            // D-8 tie-break order: earlier issue date, then loan id.
            members.Sort((x, y) =>
            {
                var c = s.Loans[x].IssuedOn.CompareTo(s.Loans[y].IssuedOn);
                return c != 0 ? c : string.CompareOrdinal(s.Loans[x].Id, s.Loans[y].Id);
            });
            // The covered levels in precedence order: each keeps what the cap still leaves; the last ones are cut.
            var left = cap;
            foreach (var level in levels)
            {
                var own = new List<int>(members.Count);
                var levelTotal = Money.Zero;
                foreach (var i in members)
                {
                    if (outcomes[i * L + level].Amount == Money.Zero) continue;
                    own.Add(i);
                    levelTotal += outcomes[i * L + level].Amount;
                }
                if (own.Count == 0) continue;
                var keep = levelTotal <= left ? levelTotal : left;
                left -= keep;
                var label = Codes.Label((Level)level);
                if (keep == levelTotal)
                {
                    if (traces is not null)
                    {
                        foreach (var i in own)
                            traces[i * L + level].Computed(rule, LevelArticle((Level)level), $"{title}：{subject} {k} 合计 {total}，超过上限；{label}在前，保留 {levelTotal}");
                    }
                    continue;
                }
                var amounts = new Money[own.Count];
                for (var j = 0; j < own.Count; j++) amounts[j] = outcomes[own[j] * L + level].Amount;
                var shares = LargestRemainder.Share(keep, amounts);
                for (var j = 0; j < own.Count; j++)
                {
                    var idx = own[j] * L + level;
                    if (traces is not null)
                    {
                        traces[idx].Computed(rule, LevelArticle((Level)level), single
                            ? $"{title}：{subject} {k} 共 {own.Count} 笔合计 {total}，超过上限"
                            : $"{title}：{subject} {k} 合计 {total}，超过上限；{label}合计 {levelTotal} 削减为 {keep}（后序层级先削减）");
                        traces[idx].Computed(RuleIds.D8, SupportArticle, $"按各笔金额比例分摊上限 {keep}（四舍五入到分，最大余额法补足，使合计恰为上限）：本笔 {amounts[j]} → {shares[j]}");
                    }
                    outcomes[idx].Amount = shares[j];
                }
            }
        }
    }
}
