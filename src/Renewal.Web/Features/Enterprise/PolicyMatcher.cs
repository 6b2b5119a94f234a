using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy.Explanation;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Web.Features.Enterprise;

/// <summary>
/// One scheme for one subject in one award year, as the enterprise should read it: what it gets, or the nearest
/// condition it misses in plain Chinese.
/// </summary>
public sealed record PolicyMatch
{
    public required Scheme Scheme { get; init; }
    /// <summary>Fiscal level of a loan-interest line; null for A/B/C and for a loan that misses at every level.</summary>
    public Level? Level { get; init; }
    /// <summary>Scenario project id (<c>credit code/project code</c>) for A/B and for loans.</summary>
    public string? Project { get; init; }
    public string? Loan { get; init; }
    /// <summary>What the line is about, in Chinese: the project, 本企业, or the loan.</summary>
    public required string Subject { get; init; }
    public required bool Eligible { get; init; }
    public required decimal Amount { get; init; }
    /// <summary>The amount rests on an ASSUMED parameter (C-3): an estimate, not a decided amount.</summary>
    public bool Assumed { get; init; }
    /// <summary>Rule ID of <see cref="Missing"/> (or of <see cref="Tip"/> when the line pays).</summary>
    public string? Rule { get; init; }
    /// <summary>The nearest missing condition, in Chinese, ending with its rule ID; null when the line pays.</summary>
    public string? Missing { get; init; }
    /// <summary>Other conditions the subject misses for this scheme, in Chinese.</summary>
    public IReadOnlyList<string> AlsoMissing { get; init; } = [];
    /// <summary>When the line pays: how it could pay more (e.g. the C-4 multiplier), or null.</summary>
    public string? Tip { get; init; }
}

/// <summary>The enterprise's lines of one award year and their total.</summary>
public sealed record YearMatches(int Year, decimal Total, bool Assumed, IReadOnlyList<PolicyMatch> Lines);

/// <summary>
/// The policy matcher (issue 6): for one enterprise and award year, the engine's award for each scheme and subject
/// and, for each one it misses, the nearest missing condition — derived from the rule that failed and the facts of
/// the scenario (how much more investment reaches a threshold, how far a rate is over its limit). Pure: no database,
/// no clock; the caller builds the scenario (LibraryScenario.Build with the enterprise's id).
/// </summary>
public sealed class PolicyMatcher(PolicyEngine engine)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Evaluates <paramref name="scenario"/> with explanations and matches every line.</summary>
    public YearMatches Match(Scenario scenario) => Match(scenario, Engine(scenario).Evaluate(scenario, explain: true));

    /// <summary>Matches the lines of a result evaluated with <c>explain: true</c>.</summary>
    public YearMatches Match(Scenario scenario, ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var ctx = new Context(Engine(scenario), scenario);
        var lines = new List<PolicyMatch>();
        var seen = new HashSet<(string Enterprise, Scheme Scheme)>();
        foreach (var a in result.Awards.Where(a => a.Scheme != Scheme.LoanInterest))
        {
            if (a.Amount.Yuan == 0 && a.Project is { } id && ctx.Project(id) is { } p && NotYetActive(p, ctx.Year)) continue;
            lines.Add(Investment(ctx, a));
            seen.Add((a.Enterprise, a.Scheme));
        }
        foreach (var group in result.Awards.Where(a => a.Scheme == Scheme.LoanInterest).GroupBy(a => a.Loan!, StringComparer.Ordinal))
        {
            if (ctx.Loan(group.Key).IssuedOn.Year > ctx.Year && group.All(a => a.Amount.Yuan == 0)) continue;
            var loanLines = LoanLines(ctx, [.. group]);
            lines.AddRange(loanLines);
            if (loanLines.Count > 0) seen.Add((group.First().Enterprise, Scheme.LoanInterest));
        }
        // Every scheme gets a line: one the enterprise has nothing for (no project this year, no loan) says what would qualify.
        foreach (var e in scenario.Enterprises)
        {
            foreach (var scheme in new[] { Scheme.Demonstration, Scheme.EffectiveInvestment, Scheme.TechRenovation, Scheme.LoanInterest })
            {
                if (!seen.Contains((e.Id, scheme))) lines.Add(Nothing(ctx, e, scheme));
            }
        }
        return new YearMatches(scenario.Year, lines.Sum(l => l.Amount), lines.Any(l => l.Assumed && l.Amount > 0), lines);
    }

    /// <summary>
    /// A project whose declared investment all lies after the award year: "还差 2000 万元" for a year before it started
    /// tells the enterprise nothing, so such lines are left out (a project with no investment at all is kept).
    /// </summary>
    private static bool NotYetActive(Project p, int year) => !p.Investment.IsEmpty && p.Investment.All(i => i.Year > year);

    private PolicyEngine Engine(Scenario s) => s.Parameters.IsDefaultOrEmpty ? engine : engine.With(s.Parameters, "scenario");

    // ------------------------------------------------------------------ A, B, C

    private static PolicyMatch Investment(Context ctx, AwardLine a)
    {
        var project = a.Project is { } id ? ctx.Project(id) : null;
        var subject = project is null ? "本企业" : $"{project.Name}（{Code(project.Id)}）";
        var pays = a.Amount.Yuan > 0;
        string? rule = null, missing = null, tip = null;
        if (!pays)
        {
            rule = a.FailedRule ?? a.Trace.FirstOrDefault(t => t.Status == RuleStatus.Fails)?.Rule
                ?? (a.Eligible && a.Scheme == Scheme.EffectiveInvestment ? "B-4" : null);
            missing = rule is null ? null : Advice(ctx, a, rule, project);
        }
        else if (a.Scheme == Scheme.EffectiveInvestment && project is not null
            && a.Amount.Yuan < Math.Round(ctx.Investment.EffectiveInvestment.Rate.Fraction * Equipment(project, ctx.Year), 2, MidpointRounding.AwayFromZero))
        {
            // Paid, but less than the rate gives: the lifetime cap bound (I-3). Nothing more will come in later years.
            rule = "B-4";
            tip = $"已达项目全周期 {Threshold(ctx.Investment.EffectiveInvestment.CapPerProject.Yuan)}上限：本年按剩余额度奖补，以后年度不再享受（B-4）";
        }
        else if (a.Scheme == Scheme.TechRenovation && a.Amount.Yuan == ctx.Investment.TechRenovation.CapPerEnterpriseYear.Yuan)
        {
            // At the yearly cap more investment (or the C-4 multiplier) adds nothing this year.
            rule = "C-5";
            tip = $"已达每家企业每年 {Threshold(ctx.Investment.TechRenovation.CapPerEnterpriseYear.Yuan)}上限，增加投入本年不再增加奖补（C-5）";
        }
        else if (a.Trace.FirstOrDefault(t => t.Status == RuleStatus.Fails && t.Rule == "C-4") is not null)
        {
            rule = "C-4";
            tip = Advice(ctx, a, "C-4", project);
        }
        return new PolicyMatch
        {
            Scheme = a.Scheme, Project = a.Project, Subject = subject, Eligible = a.Eligible, Amount = a.Amount.Yuan, Assumed = a.Assumed,
            Rule = rule, Missing = missing, Tip = tip, AlsoMissing = pays ? [] : Others(ctx, a, rule, project),
        };
    }

    private static IReadOnlyList<string> Others(Context ctx, AwardLine a, string? rule, Project? project) =>
    [
        .. a.Trace.Where(t => t.Status == RuleStatus.Fails && t.Rule != rule).Select(t => t.Rule).Distinct(StringComparer.Ordinal)
            .Select(r => Advice(ctx, a, r, project)),
    ];

    private static string Advice(Context ctx, AwardLine a, string rule, Project? project)
    {
        var y = ctx.Year;
        var ip = ctx.Investment;
        var enterprise = ctx.Scenario.Enterprises.FirstOrDefault(e => e.Id == a.Enterprise);
        switch (rule)
        {
            case "A" or "B" or "C" or "D":
                return $"{y} 年不在{Codes.Label(a.Scheme)}政策执行期（{rule}）";

            case "A-1":
                return project is null || project.DigitalScopes.IsEmpty
                    ? $"项目未填写新一代信息技术改造类型：示范项目须属于{List(ctx.Listed(PolicyLists.ScopesParameter).Take(2))}等 {ctx.Listed(PolicyLists.ScopesParameter).Count()} 类支持范围（A-1）"
                    : $"改造类型“{string.Join("、", project.DigitalScopes.Select(PolicyLists.Label))}”不在示范项目支持范围（{List(ctx.Listed(PolicyLists.ScopesParameter))}）（A-1）";
            case "A-2":
            {
                var have = project is null ? 0m : CumulativeDigital(project, y);
                var need = ip.Demonstration.MinDigitalInvestment.Yuan;
                return $"截至 {y} 年累计智能化数字化投入 {Yuan(have)}，还差 {Yuan(Math.Max(0, need - have))} 达到 {Threshold(need)}门槛（A-2）";
            }
            case "A-3":
                if (project is null) return Fallback(a, rule);
                if (project.PriorAwards.Any(p => p.Scheme == Scheme.Demonstration)) return "该项目已获重大示范项目奖励，每个项目只奖励一次（A-3）";
                if (ip.Demonstration.RequireCompletion)
                {
                    return project.Status != ProjectStatus.Completed || project.CompletedOn is null
                        ? $"示范项目在竣工当年奖励：项目尚未竣工（{Codes.Label(project.Status)}），在 {y} 年内竣工方可按 {y} 年奖励（A-3）"
                        : $"项目于 {project.CompletedOn:yyyy-MM-dd} 竣工，奖励年度是 {project.CompletedOn.Value.Year} 年而不是 {y} 年（A-3）";
                }
                return CumulativeDigital(project, y - 1) >= ip.Demonstration.MinDigitalInvestment.Yuan
                    ? $"累计投入在 {y} 年之前已达到门槛，奖励年度已过（A-3）"
                    : "累计投入尚未达到门槛（A-3）";
            case "I-5":
                return a.Scheme == Scheme.EffectiveInvestment
                    ? "同一项目同年已享受更高的重大示范项目奖励，按就高不重复不再享受本项（I-5）"
                    : "同一项目同年的有效投入奖补更高，按就高不重复不再享受本项（I-5）";

            case "B-1" or "C-1":
                return $"企业行业代码 {enterprise?.Industry} 不属于工业（B 采矿业、C 制造业、D 电力热力燃气及水），不能享受{Codes.Label(a.Scheme)}（{rule}）";
            case "B-2":
                return project is null || project.Clusters.IsEmpty
                    ? $"项目未选择产业创新集群方向（{List(ctx.Listed(PolicyLists.ClustersParameter))}），也未标记为重大安全生产技术改造（B-2）"
                    : $"产业方向“{string.Join("、", project.Clusters.Select(PolicyLists.Label))}”不在产业创新集群方向（{List(ctx.Listed(PolicyLists.ClustersParameter))}）内，且未标记为重大安全生产技术改造（B-2）";
            case "B-3":
            {
                var have = project is null ? 0m : Equipment(project, y);
                var need = ip.EffectiveInvestment.MinAnnualEquipment.Yuan;
                return $"{y} 年设备投资额 {Yuan(have)}，还差 {Yuan(Math.Max(0, need - have))} 达到 {Threshold(need)}门槛（B-3）";
            }
            case "B-4":
                return $"项目全周期 {Threshold(ip.EffectiveInvestment.CapPerProject.Yuan)}上限已用完（B-4）";

            case "C-2":
            {
                var have = ctx.TechRenovationInvestment(a.Enterprise);
                var need = ip.TechRenovation.MinAnnualInvestment.Yuan;
                var kinds = string.Join("、", ip.TechRenovation.ProjectKinds.Select(k => Codes.TryParse(k, out ProjectKind pk) ? Codes.Label(pk) : k));
                return $"{y} 年技改投入（{kinds}项目设备投资合计）{Yuan(have)}，还差 {Yuan(Math.Max(0, need - have))} 达到 {Threshold(need)}门槛（C-2）";
            }
            case "C-4":
            {
                var have = ctx.DigitalInvestment(a.Enterprise);
                var need = ip.TechRenovation.DigitalThreshold.Yuan;
                return $"{y} 年智能化数字化投入 {Yuan(have)}，再增加 {Yuan(Math.Max(0, need - have))} 达到 {Threshold(need)}即可加乘 {ip.TechRenovation.DigitalMultiplier.ToString("0.##", Inv)} 倍（C-4）";
            }
            default:
                return Fallback(a, rule);
        }
    }

    /// <summary>
    /// A scheme the enterprise has no subject for in the year (no active project, no loan): not a failed rule of the
    /// engine but still the nearest missing condition — the first threshold a new project or loan would have to meet.
    /// </summary>
    private static PolicyMatch Nothing(Context ctx, Renewal.Policy.Model.Enterprise e, Scheme scheme)
    {
        var y = ctx.Year;
        var ip = ctx.Investment;
        var industrial = e.Industry.Section is 'B' or 'C' or 'D';
        var (rule, text) = scheme switch
        {
            Scheme.Demonstration => ("A-2",
                $"{y} 年没有在建或竣工的项目：利用新一代信息技术实施改造、累计智能化数字化设备及软件投入达到 {Threshold(ip.Demonstration.MinDigitalInvestment.Yuan)}"
                + $"并竣工的项目，可获重大示范项目奖励（投入的 {Pct(ip.Demonstration.Rate.Fraction)}，最高 {Threshold(ip.Demonstration.CapPerProject.Yuan)}）（A-2）"),
            Scheme.EffectiveInvestment when !industrial => ("B-1",
                $"企业行业代码 {e.Industry} 不属于工业（B 采矿业、C 制造业、D 电力热力燃气及水），不能享受{Codes.Label(scheme)}（B-1）"),
            Scheme.EffectiveInvestment => ("B-3",
                $"{y} 年没有设备投资项目：单个项目年度设备投资（含软件）达到 {Threshold(ip.EffectiveInvestment.MinAnnualEquipment.Yuan)}、属于产业创新集群方向或重大安全生产技术改造的，"
                + $"按设备投资的 {Pct(ip.EffectiveInvestment.Rate.Fraction)} 奖补（B-3）"),
            Scheme.TechRenovation when !industrial => ("C-1",
                $"企业行业代码 {e.Industry} 不属于工业（B 采矿业、C 制造业、D 电力热力燃气及水），不能享受{Codes.Label(scheme)}（C-1）"),
            Scheme.TechRenovation => ("C-2",
                $"{y} 年技改投入 {Yuan(0)}，还差 {Yuan(ip.TechRenovation.MinAnnualInvestment.Yuan)} 达到 {Threshold(ip.TechRenovation.MinAnnualInvestment.Yuan)}门槛（C-2）"),
            _ when !e.Industry.IsManufacturing => ("D-E1",
                $"企业行业代码 {e.Industry} 不属于制造业（C 门类 13–43 大类），贷款不能贴息（D-E1）"),
            _ => ("D-E5",
                $"{y} 年没有登记贴息期内的贷款：为新建、改扩建或技术改造项目向银行贷款，合同利率不超过 LPR+{((Dec(ctx.YearEnd, "loan.max_spread") ?? 0m) * 10000m).ToString("0.##", Inv)}BP、"
                + $"贷款中用于设备投资（含配套软件）达到 {Threshold(Dec(ctx.YearEnd, "loan.min_equipment_amount") ?? 0m)} 的，可申请省级、苏州市级、昆山市级贴息（D-E5）"),
        };
        return new PolicyMatch { Scheme = scheme, Subject = "本企业", Eligible = false, Amount = 0, Rule = rule, Missing = text };
    }

    private static string Pct(decimal fraction) => (fraction * 100m).ToString("0.##", Inv) + "%";

    // ------------------------------------------------------------------ D

    private static List<PolicyMatch> LoanLines(Context ctx, AwardLine[] levels)
    {
        var loan = ctx.Loan(levels[0].Loan!);
        var subject = $"贷款 {loan.Id}";
        // The central level is off by default (rate 0): shown only when it pays or could.
        var shown = levels.Where(l => l.Level != Level.Central || l.Eligible || l.FailedRule != "D-1").ToArray();
        if (shown.Length == 0) return [];

        // A loan that misses at every level for the same reason (D-E1..D-E5, or no days this year) is one line.
        if (shown.All(l => !l.Eligible) && shown.Select(l => l.FailedRule).Distinct().Count() == 1)
        {
            var first = shown[0];
            var rule = first.FailedRule ?? "D";
            return
            [
                new PolicyMatch
                {
                    Scheme = Scheme.LoanInterest, Project = loan.ProjectId, Loan = loan.Id, Subject = subject, Eligible = false, Amount = 0,
                    Rule = rule, Missing = LoanAdvice(ctx, loan, null, rule, first),
                    AlsoMissing = [.. first.Trace.Where(t => t.Status == RuleStatus.Fails && t.Rule != rule).Select(t => t.Rule).Distinct(StringComparer.Ordinal)
                        .Select(r => LoanAdvice(ctx, loan, null, r, first))],
                },
            ];
        }

        return
        [
            .. shown.Select(l =>
            {
                var pays = l.Amount.Yuan > 0;
                var rule = pays ? null : l.FailedRule ?? "D-5";
                return new PolicyMatch
                {
                    Scheme = Scheme.LoanInterest, Level = l.Level, Project = loan.ProjectId, Loan = loan.Id, Subject = subject,
                    Eligible = l.Eligible, Amount = l.Amount.Yuan, Assumed = l.Assumed, Rule = rule,
                    Missing = rule is null ? null : LoanAdvice(ctx, loan, l.Level, rule, l),
                };
            }),
        ];
    }

    private static string LoanAdvice(Context ctx, Loan loan, Level? level, string rule, AwardLine line)
    {
        var onIssue = ctx.LoanParameters(loan);
        var label = level is { } lv ? Codes.Label(lv) : "各级";
        switch (rule)
        {
            case "D":
                return $"{ctx.Year} 年不在贷款贴息政策执行期（D）";
            case "D-E1":
                var industry = ctx.Scenario.Enterprises.FirstOrDefault(e => e.Id == loan.EnterpriseId)?.Industry;
                return $"企业行业代码 {industry} 不属于制造业（C 门类 13–43 大类），贷款不能贴息（D-E1）";
            case "D-E2":
                var kind = ctx.Project(loan.ProjectId)?.Kind;
                return $"贷款所投项目类型“{(kind is { } k ? Codes.Label(k) : "未知")}”不属于新建或改扩建项目（D-E2）";
            case "D-E3":
                return $"贷款类别“{Codes.Label(loan.Category)}”不属于四类项目贷款（D-E3）";
            case "D-E4":
            {
                var row = ctx.Lpr.InForceOn(loan.IssuedOn);
                if (row is null) return $"放款日 {loan.IssuedOn:yyyy-MM-dd} 之前没有已公布的 LPR，无法确定利率上限（D-E4）";
                var spread = Dec(onIssue, "loan.max_spread") ?? 0m;
                var longTenor = loan.MaturesOn > loan.IssuedOn.AddMonths(Int(onIssue, "loan.long_tenor_months") ?? 60);
                var lpr = longTenor ? row.FiveYearPlus.Fraction : row.OneYear.Fraction;
                var limit = lpr + spread;
                return $"合同利率 {Percent(loan.Rate.Fraction)} 超过 LPR+{(spread * 10000m).ToString("0.##", Inv)}BP 上限 {Percent(limit)}"
                    + $"（放款日 {loan.IssuedOn:yyyy-MM-dd} 适用{(longTenor ? " 5 年期以上" : " 1 年期")} LPR {Percent(lpr)}），高出 {((loan.Rate.Fraction - limit) * 100m).ToString("0.00##", Inv)} 个百分点（D-E4）";
            }
            case "D-E5":
            {
                var need = Dec(onIssue, "loan.min_equipment_amount") ?? 0m;
                var have = loan.EquipmentAmount.Yuan;
                return $"贷款用于设备投资（含配套软件）{Yuan(have)}，还差 {Yuan(Math.Max(0, need - have))} 达到 {Threshold(need)}门槛（D-E5）";
            }
            case "D-1":
                return $"{label}贴息率为 0，不贴息（D-1）";
            case "D-2":
                if (level != Level.Suzhou) return $"{label}贴息条件不满足（D-2）";
                var why = new List<string>();
                if (Bool(onIssue, "loan.suzhou.requires_platform") == true && !loan.ViaSuzhouPlatform) why.Add("未经苏州综合金融服务平台获得");
                var allowed = List(onIssue, "loan.suzhou.categories");
                if (allowed is { } cats && !cats.Contains(Codes.Of(loan.Category)))
                    why.Add($"类别为“{Codes.Label(loan.Category)}”（仅限{string.Join("、", cats.Select(c => Codes.TryParse(c, out LoanCategory lc) ? Codes.Label(lc) : c))}）");
                return $"苏州市级只对经苏州综合金融服务平台获得的智改数转网联类贷款贴息：本笔{(why.Count == 0 ? "不符合" : string.Join("，", why))}（D-2）";
            case "D-3":
                return $"合同利率 {Percent(loan.Rate.Fraction)} 与各级合计 {Percent(Dec(ctx.YearEnd, "loan.max_total_rate") ?? 0.03m)} 的贴息额度已被前序层级用尽（D-3）";
            case "D-5":
            {
                var months = Int(onIssue, $"loan.{Codes.Of(level ?? Level.Province)}.period_months") ?? 24;
                var end = loan.IssuedOn.AddMonths(months);
                if (loan.MaturesOn < end) end = loan.MaturesOn;
                var ws = Date(ctx.YearEnd, "loan.window_start");
                var we = Date(ctx.YearEnd, "loan.window_end");
                var window = ws is { } s && we is { } e ? $"，且只计 {s:yyyy-MM-dd} 至 {e:yyyy-MM-dd} 政策窗口内的天数" : "";
                return $"{ctx.Year} 年不在本笔贷款的{(level is null ? "" : label)}贴息期内（贴息期 {loan.IssuedOn:yyyy-MM-dd} 至 {end.AddDays(-1):yyyy-MM-dd}：放款起 {months} 个月且不超过到期日{window}）（D-5）";
            }
            case "D-9":
                return $"{label}尚未审核同意本笔贷款，未审核的层级不贴息（D-9）";
            default:
                return Fallback(line, rule);
        }
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>A rule without a tailored text: the engine's own explanation of the failed step.</summary>
    private static string Fallback(AwardLine a, string rule)
    {
        var step = a.Trace.LastOrDefault(t => t.Rule == rule && t.Status == RuleStatus.Fails) ?? a.Trace.LastOrDefault(t => t.Rule == rule);
        return step is null ? $"未满足条件（{rule}）" : $"{step.Text}（{rule}）";
    }

    private static string Code(string projectId) => projectId[(projectId.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static decimal Equipment(Project p, int year) => p.Investment.Where(i => i.Year == year).Sum(i => i.Equipment.Yuan);

    private static decimal CumulativeDigital(Project p, int year) => p.Investment.Where(i => i.Year <= year).Sum(i => i.Digital.Yuan);


    private static string List(IEnumerable<string> codes) => string.Join("、", codes.Select(PolicyLists.Label));

    /// <summary>¥1,234,567.89</summary>
    public static string Yuan(decimal v) => "¥" + v.ToString("#,##0.00", Inv);

    /// <summary>A threshold as it is spoken: 5 亿元, 2000 万元, or yuan.</summary>
    public static string Threshold(decimal v) =>
        v != 0 && v % 100_000_000m == 0 ? $"{(v / 100_000_000m).ToString("0", Inv)} 亿元"
        : v != 0 && v % 10_000m == 0 ? $"{(v / 10_000m).ToString("0", Inv)} 万元"
        : Yuan(v);

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.00##", Inv) + "%";

    private static decimal? Dec(ResolvedParameters p, string name) => p.Find(name)?.Value as decimal?;
    private static int? Int(ResolvedParameters p, string name) => p.Find(name)?.Value as int?;
    private static bool? Bool(ResolvedParameters p, string name) => p.Find(name)?.Value as bool?;
    private static DateOnly? Date(ResolvedParameters p, string name) => p.Find(name)?.Value as DateOnly?;
    private static ImmutableArray<string>? List(ResolvedParameters p, string name) => p.Find(name)?.Value as ImmutableArray<string>?;

    /// <summary>The scenario, its parameters for the year, and the sums scheme C needs.</summary>
    private sealed class Context(PolicyEngine engine, Scenario scenario)
    {
        private readonly Dictionary<string, Project> _projects = scenario.Projects.ToDictionary(p => p.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, Loan> _loans = scenario.Loans.ToDictionary(l => l.Id, StringComparer.Ordinal);

        public Scenario Scenario => scenario;
        public int Year => scenario.Year;
        public InvestmentParameters Investment { get; } = new(engine.Parameters, scenario.Year);
        public ResolvedParameters YearEnd { get; } = engine.Parameters.ResolveAt(new DateOnly(scenario.Year, 12, 31));
        public LprTable Lpr => engine.Lpr;

        public Project? Project(string id) => _projects.GetValueOrDefault(id);

        /// <summary>A list parameter of the year, in the order the parameters file gives it.</summary>
        public IEnumerable<string> Listed(string name) => List(YearEnd, name) ?? [];
        public Loan Loan(string id) => _loans[id];

        /// <summary>Loan eligibility values are those in force on the issue date, or when the window opens for an earlier loan (ADR-004).</summary>
        public ResolvedParameters LoanParameters(Loan loan)
        {
            var p = engine.Parameters.ResolveAt(loan.IssuedOn);
            if (p.Find("loan.max_spread") is null && Date(YearEnd, "loan.window_start") is { } start && loan.IssuedOn < start)
                p = engine.Parameters.ResolveAt(start);
            return p;
        }

        /// <summary>C-2 (I-6): equipment of the year of the enterprise's projects whose kind counts.</summary>
        public decimal TechRenovationInvestment(string enterpriseId) => scenario.Projects
            .Where(p => p.EnterpriseId == enterpriseId && Investment.TechRenovation.Counts(p.Kind))
            .Sum(p => Equipment(p, Year));

        /// <summary>C-4 (I-7): digital investment of the year of all the enterprise's projects.</summary>
        public decimal DigitalInvestment(string enterpriseId) => scenario.Projects
            .Where(p => p.EnterpriseId == enterpriseId)
            .Sum(p => p.Investment.Where(i => i.Year == Year).Sum(i => i.Digital.Yuan));
    }
}
