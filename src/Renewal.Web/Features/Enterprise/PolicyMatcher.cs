using System.Collections.Immutable;
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
/// and, for each one it misses, the nearest missing condition. The condition and its wording come from the engine's
/// evaluation trace: the rule that failed (or bound) and the advice the pack attached to that step
/// (<see cref="TraceStep.Advice"/>, texts in <see cref="AdviceTexts"/>), filled with the numbers the engine compared.
/// The matcher decides no rule of its own — no threshold, tenor (I-10) or 3-point limit (D-3) is computed here — it
/// only chooses which lines to show and how to group a loan's levels. Pure: no database, no clock; the caller builds
/// the scenario (LibraryScenario.Build with the enterprise's id).
/// </summary>
public sealed class PolicyMatcher(PolicyEngine engine)
{
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
                if (seen.Contains((e.Id, scheme))) continue;
                var (rule, text) = AdviceTexts.WithoutSubject(ctx.Engine, e, scheme, ctx.Year);
                lines.Add(new PolicyMatch { Scheme = scheme, Subject = "本企业", Eligible = false, Amount = 0, Rule = rule, Missing = text });
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
            // An eligible B line with nothing left is the life-time cap (B-4): the engine's B-4 step says so.
            rule = a.FailedRule ?? a.Trace.FirstOrDefault(t => t.Status == RuleStatus.Fails)?.Rule
                ?? (a.Eligible && a.Scheme == Scheme.EffectiveInvestment ? RuleIds.B4 : null);
            missing = rule is null ? null : Advice(ctx, a, rule, project);
        }
        else if (a.Trace.LastOrDefault(t => t.Advice is not null) is { } bound)
        {
            // Paid, but a step bound: a cap reached (B-4, C-5) or the C-4 multiplier missed; the last one decides.
            rule = bound.Rule;
            tip = bound.Advice;
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
        switch (rule)
        {
            // The two scope lists are named with the labels of the pages (PolicyLists); no rule is computed.
            case RuleIds.A1:
                return project is null || project.DigitalScopes.IsEmpty
                    ? $"项目未填写新一代信息技术改造类型：示范项目须属于{List(ctx.Listed(PolicyLists.ScopesParameter).Take(2))}等 {ctx.Listed(PolicyLists.ScopesParameter).Count()} 类支持范围（A-1）"
                    : $"改造类型“{string.Join("、", project.DigitalScopes.Select(PolicyLists.Label))}”不在示范项目支持范围（{List(ctx.Listed(PolicyLists.ScopesParameter))}）（A-1）";
            case RuleIds.B2:
                return project is null || project.Clusters.IsEmpty
                    ? $"项目未选择产业创新集群方向（{List(ctx.Listed(PolicyLists.ClustersParameter))}），也未标记为重大安全生产技术改造（B-2）"
                    : $"产业方向“{string.Join("、", project.Clusters.Select(PolicyLists.Label))}”不在产业创新集群方向（{List(ctx.Listed(PolicyLists.ClustersParameter))}）内，且未标记为重大安全生产技术改造（B-2）";
            default:
                return a.Trace.LastOrDefault(t => t.Rule == rule && t.Advice is not null)?.Advice ?? Fallback(a, rule);
        }
    }

    // ------------------------------------------------------------------ D

    private static List<PolicyMatch> LoanLines(Context ctx, AwardLine[] levels)
    {
        var loan = ctx.Loan(levels[0].Loan!);
        var subject = $"贷款 {loan.Id}";
        // The central level is off by default (rate 0): shown only when it pays or could.
        var shown = levels.Where(l => l.Level != Level.Central || l.Eligible || l.FailedRule != RuleIds.D1).ToArray();
        if (shown.Length == 0) return [];

        // A loan that misses at every level for the same reason (D-E1..D-E5, or no days this year) is one line.
        if (shown.All(l => !l.Eligible) && shown.Select(l => l.FailedRule).Distinct().Count() == 1)
        {
            var first = shown[0];
            var rule = first.FailedRule ?? RuleIds.D;
            return
            [
                new PolicyMatch
                {
                    Scheme = Scheme.LoanInterest, Project = loan.ProjectId, Loan = loan.Id, Subject = subject, Eligible = false, Amount = 0,
                    Rule = rule, Missing = LoanAdvice(first, rule, everyLevel: true),
                    AlsoMissing = [.. first.Trace.Where(t => t.Status == RuleStatus.Fails && t.Rule != rule).Select(t => t.Rule).Distinct(StringComparer.Ordinal)
                        .Select(r => LoanAdvice(first, r, everyLevel: true))],
                },
            ];
        }

        return
        [
            .. shown.Select(l =>
            {
                var pays = l.Amount.Yuan > 0;
                var rule = pays ? null : l.FailedRule ?? RuleIds.D5;
                return new PolicyMatch
                {
                    Scheme = Scheme.LoanInterest, Level = l.Level, Project = loan.ProjectId, Loan = loan.Id, Subject = subject,
                    Eligible = l.Eligible, Amount = l.Amount.Yuan, Assumed = l.Assumed, Rule = rule,
                    Missing = rule is null ? null : LoanAdvice(l, rule, everyLevel: false),
                };
            }),
        ];
    }

    /// <summary>The advice of the engine's step for <paramref name="rule"/>: of this level, or said of every level for a one-line loan.</summary>
    private static string LoanAdvice(AwardLine line, string rule, bool everyLevel) =>
        line.Trace.LastOrDefault(t => t.Rule == rule && t.Advice is not null) is { } step
            ? everyLevel ? step.AdviceForEveryLevel ?? step.Advice! : step.Advice!
            : Fallback(line, rule);

    // ------------------------------------------------------------------ helpers

    /// <summary>A rule without an advice text: the engine's own explanation of the failed step.</summary>
    private static string Fallback(AwardLine a, string rule)
    {
        var step = a.Trace.LastOrDefault(t => t.Rule == rule && t.Status == RuleStatus.Fails) ?? a.Trace.LastOrDefault(t => t.Rule == rule);
        return step is null ? $"未满足条件（{rule}）" : $"{step.Text}（{rule}）";
    }

    private static string Code(string projectId) => projectId[(projectId.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static string List(IEnumerable<string> codes) => string.Join("、", codes.Select(PolicyLists.Label));

    /// <summary>¥1,234,567.89 (the pack's format, <see cref="AdviceTexts.Yuan"/>).</summary>
    public static string Yuan(decimal v) => AdviceTexts.Yuan(v);

    /// <summary>A threshold as it is spoken: 5 亿元, 2000 万元, or yuan (<see cref="AdviceTexts.Threshold"/>).</summary>
    public static string Threshold(decimal v) => AdviceTexts.Threshold(v);

    /// <summary>The scenario, its engine and the lists of the year.</summary>
    private sealed class Context(PolicyEngine engine, Scenario scenario)
    {
        private readonly Dictionary<string, Project> _projects = scenario.Projects.ToDictionary(p => p.Id, StringComparer.Ordinal);
        private readonly Dictionary<string, Loan> _loans = scenario.Loans.ToDictionary(l => l.Id, StringComparer.Ordinal);
        private readonly ResolvedParameters _yearEnd = engine.Parameters.ResolveAt(new DateOnly(scenario.Year, 12, 31));

        public PolicyEngine Engine => engine;
        public int Year => scenario.Year;

        public Project? Project(string id) => _projects.GetValueOrDefault(id);
        public Loan Loan(string id) => _loans[id];

        /// <summary>A list parameter of the year, in the order the parameters file gives it.</summary>
        public IEnumerable<string> Listed(string name) => _yearEnd.Find(name)?.Value as ImmutableArray<string>? ?? [];
    }
}
