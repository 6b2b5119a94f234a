using System.Collections.Immutable;
using Renewal.Policy.Explanation;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Kunshan2024;

/// <summary>
/// The amounts of every scheme for every subject of a scenario, in arrays parallel to the scenario's
/// projects, enterprises and loans. The fast form of an evaluation: what-if and budget runs sum these.
/// </summary>
public sealed class CompactResult
{
    internal CompactResult(Scenario scenario)
    {
        Scenario = scenario;
        // Every element of these three is written by the engine (whole), so they need not be zeroed first.
        Demonstration = GC.AllocateUninitializedArray<Outcome>(scenario.Projects.Length);
        EffectiveInvestment = GC.AllocateUninitializedArray<Outcome>(scenario.Projects.Length);
        TechRenovation = GC.AllocateUninitializedArray<Outcome>(scenario.Enterprises.Length);
        LoanInterest = new Outcome[scenario.Loans.Length * LevelCount];
    }

    /// <summary>The number of fiscal levels (<see cref="Level"/>).</summary>
    public const int LevelCount = 4;

    public Scenario Scenario { get; }
    /// <summary>The parameters the scenario was evaluated with (revisions and overrides applied).</summary>
    public ParameterStore Parameters { get; internal init; } = null!;
    /// <summary>Scheme A, one per project.</summary>
    public Outcome[] Demonstration { get; }
    /// <summary>Scheme B, one per project.</summary>
    public Outcome[] EffectiveInvestment { get; }
    /// <summary>Scheme C, one per enterprise.</summary>
    public Outcome[] TechRenovation { get; }
    /// <summary>Scheme D, one per loan and level: index = loan × 4 + (int)level.</summary>
    public Outcome[] LoanInterest { get; }

    /// <summary>Sum of all amounts.</summary>
    public Money Total
    {
        get
        {
            decimal t = 0;
            foreach (var o in Demonstration) t += o.Amount.Yuan;
            foreach (var o in EffectiveInvestment) t += o.Amount.Yuan;
            foreach (var o in TechRenovation) t += o.Amount.Yuan;
            foreach (var o in LoanInterest) t += o.Amount.Yuan;
            return new Money(t);
        }
    }
}

/// <summary>
/// The policy engine for 昆政办发〔2024〕36号: schemes A, B, C (with the A/B stacking rule I-5) and D.
/// Pure: no I/O, no clock — the award year comes in the scenario, parameters and the LPR table in the constructor.
/// </summary>
public sealed class PolicyEngine
{
    private static readonly Lazy<PolicyEngine> LazyDefault =
        new(() => new PolicyEngine(ParameterStore.LoadKunshan2024(), LprTable.LoadKunshan2024()));

    public PolicyEngine(ParameterStore parameters, LprTable lpr)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        Lpr = lpr ?? throw new ArgumentNullException(nameof(lpr));
    }

    /// <summary>The engine with the embedded parameters and LPR table.</summary>
    public static PolicyEngine Default => LazyDefault.Value;

    public ParameterStore Parameters { get; }
    public LprTable Lpr { get; }

    /// <summary>The same engine with what-if overrides applied to every date.</summary>
    /// <exception cref="ParameterException">An unknown parameter or a bad value.</exception>
    public PolicyEngine With(IEnumerable<KeyValuePair<string, string>> overrides, string origin = "--set")
    {
        var store = Parameters.WithOverrides(overrides, origin);
        return ReferenceEquals(store, Parameters) ? this : new PolicyEngine(store, Lpr);
    }

    /// <summary>Evaluates a scenario into award lines; with <paramref name="explain"/>, each line carries its trace.</summary>
    public ScenarioResult Evaluate(Scenario scenario, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var traces = explain ? new Traces(scenario) : null;
        var compact = Run(scenario, traces);
        var store = compact.Parameters;
        return new ScenarioResult(scenario.Name, scenario.Year, ToLines(compact, traces))
        {
            KnownOn = store.KnownOn,
            Revisions = [.. store.Revisions.OrderBy(r => r.PublishedOn).Select(r => r.Id)],
        };
    }

    /// <summary>Evaluates a scenario into arrays of outcomes, without traces: the fast path.</summary>
    public CompactResult EvaluateCompact(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Run(scenario, null);
    }

    /// <summary>
    /// The worksheet of one loan for the scenario's year: its balance segments with days and per-level amounts
    /// (before rounding and caps), and its award lines (after caps) with their traces.
    /// </summary>
    /// <exception cref="ArgumentException">No loan with that id.</exception>
    public LoanWorksheet ScheduleLoan(Scenario scenario, string loanId)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var index = scenario.Loans.Select(l => l.Id).ToList().IndexOf(loanId);
        if (index < 0) throw new ArgumentException($"场景“{scenario.Name}”中没有贷款 {loanId}", nameof(loanId));
        var traces = new Traces(scenario);
        var schedules = new Dictionary<string, LoanSchedule>(StringComparer.Ordinal);
        var compact = Run(scenario, traces, schedules);
        var lines = ToLines(compact, traces).Where(l => l.Scheme == Scheme.LoanInterest && l.Loan == loanId).ToArray();
        return new LoanWorksheet(scenario.Loans[index], scenario.Year, schedules.GetValueOrDefault(loanId), lines);
    }

    /// <summary>
    /// The engine a scenario is evaluated with: its revisions layered over the parameters as known on its K (V-2, V-4),
    /// then its what-if overrides on top. Resolved once per evaluation, never per project.
    /// </summary>
    /// <exception cref="ParameterException">Two different revisions with one id, or a bad override.</exception>
    public PolicyEngine ForScenario(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var store = Parameters;
        if (!scenario.Revisions.IsDefaultOrEmpty || scenario.KnownOn is not null)
            store = store.WithRevisions(scenario.Revisions.IsDefault ? [] : scenario.Revisions, scenario.KnownOn ?? store.KnownOn);
        if (!scenario.Parameters.IsDefaultOrEmpty) store = store.WithOverrides(scenario.Parameters, "scenario");
        return ReferenceEquals(store, Parameters) ? this : new PolicyEngine(store, Lpr);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private CompactResult Run(Scenario scenario, Traces? traces, Dictionary<string, LoanSchedule>? schedules = null)
    {
        var engine = ForScenario(scenario);
        var year = scenario.Year;
        var p = new InvestmentParameters(engine.Parameters, year);
        var result = new CompactResult(scenario) { Parameters = engine.Parameters };
        var index = EnterpriseIndex.For(scenario);
        var enterprises = scenario.Enterprises;

        // B-1/C-1 once per enterprise, not once per project.
        var industrial = new bool[enterprises.Length];
        for (var e = 0; e < industrial.Length; e++) industrial[e] = p.Enterprise.IsIndustrial(enterprises[e].Industry);

        var enterpriseFacts = new EnterpriseFacts[enterprises.Length];
        var projects = scenario.Projects;
        var owner = index.ProjectEnterprise;
        var demonstration = result.Demonstration;
        var effective = result.EffectiveInvestment;
        var exclusive = p.EffectiveInvestment.ExclusiveWithDemonstration;
        if (traces is null && p.Demonstration.InForce && p.EffectiveInvestment.InForce && p.Enterprise.InForce)
        {
            // The fast path (no trace): A-1 and B-2 by the scenario's cached scope and cluster masks (no string
            // hashing), the first failed condition decides, and only a project past A-2 or B-3 goes through the rule
            // methods. The outcomes are the ones the rule methods give (tests and `verify` compare them).
            var scopes = index.Scopes.InForce(p.Demonstration.Scopes);
            var clusters = index.Clusters.InForce(p.EffectiveInvestment.Clusters);
            var scopeMask = index.Scopes.Masks;
            var clusterMask = index.Clusters.Masks;
            var minDigital = p.Demonstration.MinDigitalInvestment.Yuan;
            var minEquipment = p.EffectiveInvestment.MinAnnualEquipment.Yuan;
            // The project facts come from the scenario's cached table (arrays, not the Project objects): only a
            // project past A-2 or B-3 is read again, for the rule methods.
            var table = index.Facts;
            var equipments = table.Equipment;
            var digitals = table.Digital;
            var cumulative = table.CumulativeDigital;
            var traits = table.Traits;
            var kinds = p.TechRenovation.KindMask;
            for (var i = 0; i < equipments.Length; i++)
            {
                var e = owner[i];
                ref var ef = ref enterpriseFacts[e];
                var equipment = equipments[i];
                var t = traits[i];
                if ((t & ProjectFactsTable.EquipmentBit) != 0 && ((kinds >> (t & ProjectFactsTable.KindBits)) & 1) != 0) ef.TechRenovationInvestment += equipment;
                if ((t & ProjectFactsTable.DigitalBit) != 0) ef.DigitalInvestment += digitals[i];

                Project? project = null;
                ProjectFacts facts = default;
                Outcome a;
                var inScope = scopeMask[i] & scopes;
                if (inScope == 0) { a = default; a.Fail(RuleCodes.A1); }
                else if (inScope != TagMasks.Overflow && cumulative[i] < minDigital) { a = default; a.Fail(RuleCodes.A2); }
                else
                {
                    project = projects[i];
                    facts = new ProjectFacts(project, year);
                    a = Demonstration.Evaluate(project, facts, year, p.Demonstration, null);
                }

                Outcome b;
                var isIndustrial = industrial[e];
                if (!isIndustrial || equipment < minEquipment)
                {
                    b = default;
                    b.Fail(!isIndustrial ? RuleCodes.B1
                        : (t & ProjectFactsTable.SafetyBit) != 0 || InCluster(clusterMask[i] & clusters, projects, i, p.EffectiveInvestment) ? RuleCodes.B3 : RuleCodes.B2);
                }
                else
                {
                    if (project is null)
                    {
                        project = projects[i];
                        facts = new ProjectFacts(project, year);
                    }
                    b = EffectiveInvestment.Evaluate(project, isIndustrial, null, facts, year, p.Enterprise, p.EffectiveInvestment, null);
                    if (exclusive) Stacking.Apply(ref a, ref b, null, null);
                }
                demonstration[i] = a;
                effective[i] = b;
            }
        }
        else
        {
            for (var i = 0; i < projects.Length; i++)
            {
                var project = projects[i];
                var e = owner[i];
                var facts = new ProjectFacts(project, year);
                ref var ef = ref enterpriseFacts[e];
                if (facts.Equipment.Yuan != 0m && p.TechRenovation.Counts(project.Kind)) ef.TechRenovationInvestment += facts.Equipment.Yuan;
                if (facts.Digital.Yuan != 0m) ef.DigitalInvestment += facts.Digital.Yuan;

                var ta = traces?.Demonstration[i];
                var tb = traces?.EffectiveInvestment[i];
                var a = Demonstration.Evaluate(project, facts, year, p.Demonstration, ta);
                var b = EffectiveInvestment.Evaluate(project, industrial[e], tb is null ? null : enterprises[e], facts, year, p.Enterprise, p.EffectiveInvestment, tb);
                if (exclusive) Stacking.Apply(ref a, ref b, ta, tb);
                demonstration[i] = a;
                effective[i] = b;
            }
        }

        var techRenovation = result.TechRenovation;
        if (traces is null && p.TechRenovation.InForce && p.Enterprise.InForce)
        {
            // The fast path: C-1 (the same test as B-1) and C-2 decide most enterprises without the rule method.
            var minInvestment = p.TechRenovation.MinAnnualInvestment.Yuan;
            for (var e = 0; e < enterprises.Length; e++)
            {
                Outcome c;
                if (!industrial[e]) { c = default; c.Fail(RuleCodes.C1); }
                else if (enterpriseFacts[e].TechRenovationInvestment < minInvestment) { c = default; c.Fail(RuleCodes.C2); }
                else c = TechRenovation.Evaluate(enterprises[e], enterpriseFacts[e], year, p.Enterprise, p.TechRenovation, null);
                techRenovation[e] = c;
            }
        }
        else
        {
            for (var e = 0; e < enterprises.Length; e++)
            {
                techRenovation[e] = TechRenovation.Evaluate(
                    enterprises[e], enterpriseFacts[e], year, p.Enterprise, p.TechRenovation, traces?.TechRenovation[e]);
            }
        }

        if (!scenario.Loans.IsEmpty)
            LoanInterest.Evaluate(scenario, index, engine.Parameters, engine.Lpr, result.LoanInterest, traces?.LoanInterest, schedules);
        return result;
    }

    /// <summary>B-2's cluster test from the masks; only a project with texts beyond the numbered ones needs its texts looked at.</summary>
    private static bool InCluster(ulong matched, ImmutableArray<Project> projects, int i, EffectiveInvestmentParameters p) =>
        matched != 0 && (matched != TagMasks.Overflow || EffectiveInvestment.InCluster(projects[i], p));

    private static AwardLine[] ToLines(CompactResult r, Traces? traces)
    {
        var s = r.Scenario;
        var lines = new List<AwardLine>(s.Projects.Length * 2 + s.Enterprises.Length + s.Loans.Length * 4);
        for (var i = 0; i < s.Projects.Length; i++)
        {
            var pr = s.Projects[i];
            lines.Add(Line(Scheme.Demonstration, pr.EnterpriseId, pr.Id, null, null, r.Demonstration[i], traces?.Demonstration[i]));
            lines.Add(Line(Scheme.EffectiveInvestment, pr.EnterpriseId, pr.Id, null, null, r.EffectiveInvestment[i], traces?.EffectiveInvestment[i]));
        }
        for (var e = 0; e < s.Enterprises.Length; e++)
            lines.Add(Line(Scheme.TechRenovation, s.Enterprises[e].Id, null, null, null, r.TechRenovation[e], traces?.TechRenovation[e]));
        for (var l = 0; l < s.Loans.Length; l++)
        {
            var loan = s.Loans[l];
            for (var level = 0; level < CompactResult.LevelCount; level++)
            {
                var k = l * CompactResult.LevelCount + level;
                lines.Add(Line(Scheme.LoanInterest, loan.EnterpriseId, loan.ProjectId, loan.Id, (Level)level, r.LoanInterest[k], traces?.LoanInterest[k]));
            }
        }
        return [.. lines];
    }

    private static AwardLine Line(Scheme scheme, string enterprise, string? project, string? loan, Level? level, in Outcome o, TraceBuilder? trace) => new()
    {
        Scheme = scheme,
        Enterprise = enterprise,
        Project = project,
        Loan = loan,
        Level = level,
        Eligible = o.Eligible,
        Amount = o.Amount,
        Assumed = o.Assumed,
        FailedRule = o.FailedRule,
        Trace = trace?.Build() ?? [],
    };

    private sealed class Traces
    {
        public Traces(Scenario s)
        {
            Demonstration = New(s.Projects.Length);
            EffectiveInvestment = New(s.Projects.Length);
            TechRenovation = New(s.Enterprises.Length);
            LoanInterest = New(s.Loans.Length * CompactResult.LevelCount);
        }

        private static TraceBuilder[] New(int n)
        {
            var a = new TraceBuilder[n];
            for (var i = 0; i < n; i++) a[i] = new TraceBuilder();
            return a;
        }

        public TraceBuilder[] Demonstration { get; }
        public TraceBuilder[] EffectiveInvestment { get; }
        public TraceBuilder[] TechRenovation { get; }
        public TraceBuilder[] LoanInterest { get; }
    }
}

/// <summary>A bank officer's worksheet for one loan and year: segments (null when the loan is not eligible) and final lines.</summary>
public sealed record LoanWorksheet(Loan Loan, int Year, LoanSchedule? Schedule, IReadOnlyList<AwardLine> Lines);

/// <summary>
/// Enterprise and project ids to indexes. Built once per scenario instance and cached (scenarios are immutable), so a
/// what-if that re-runs the same library under other parameters does not hash every id again.
/// </summary>
internal sealed class EnterpriseIndex
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Scenario, EnterpriseIndex> Cache = new();

    private EnterpriseIndex(int[] projectEnterprise, int[] loanEnterprise, int[] loanProject, TagMasks scopes, TagMasks clusters, ProjectFactsTable facts)
    {
        Facts = facts;
        ProjectEnterprise = projectEnterprise;
        LoanEnterprise = loanEnterprise;
        LoanProject = loanProject;
        Scopes = scopes;
        Clusters = clusters;
    }

    /// <summary>Each project's facts of the scenario's award year (sums over its investment years), kind and safety flag.</summary>
    public ProjectFactsTable Facts { get; }

    /// <summary>Each project's digital scopes as a bit mask.</summary>
    public TagMasks Scopes { get; }

    /// <summary>Each project's clusters (B-2) as a bit mask.</summary>
    public TagMasks Clusters { get; }

    /// <summary>For each project (by position), the position of its enterprise.</summary>
    public int[] ProjectEnterprise { get; }

    /// <summary>For each loan (by position), the position of its enterprise.</summary>
    public int[] LoanEnterprise { get; }

    /// <summary>For each loan (by position), the position of its project.</summary>
    public int[] LoanProject { get; }

    /// <summary>The index of <paramref name="s"/>, built on first use.</summary>
    public static EnterpriseIndex For(Scenario s) => Cache.GetValue(s, Build);

    private static EnterpriseIndex Build(Scenario s)
    {
        var e = new Dictionary<string, int>(s.Enterprises.Length, StringComparer.Ordinal);
        for (var i = 0; i < s.Enterprises.Length; i++) e[s.Enterprises[i].Id] = i;
        // Project ids are only looked up by loans: a library without loans does not hash them.
        var p = s.Loans.IsEmpty ? null : new Dictionary<string, int>(s.Projects.Length, StringComparer.Ordinal);
        var owner = new int[s.Projects.Length];
        // The project facts in the same pass: the Project objects are touched here once per scenario instance.
        var facts = ProjectFactsTable.Allocate(s.Projects.Length);
        var scopes = new TagMasks.Builder(s.Projects.Length);
        var clusters = new TagMasks.Builder(s.Projects.Length);
        var year = s.Year;
        for (var i = 0; i < s.Projects.Length; i++)
        {
            var project = s.Projects[i];
            if (p is not null) p[project.Id] = i;
            facts.Set(i, project, year);
            scopes.Add(i, project.DigitalScopes);
            clusters.Add(i, project.Clusters);
            owner[i] = e.TryGetValue(project.EnterpriseId, out var k) ? k
                : throw new ArgumentException($"项目 {project.Id} 引用的企业 {project.EnterpriseId} 不存在");
        }
        var loanEnterprise = new int[s.Loans.Length];
        var loanProject = new int[s.Loans.Length];
        for (var i = 0; i < s.Loans.Length; i++)
        {
            var loan = s.Loans[i];
            loanEnterprise[i] = e.TryGetValue(loan.EnterpriseId, out var k) ? k : throw new ArgumentException($"贷款 {loan.Id} 引用的企业 {loan.EnterpriseId} 不存在");
            loanProject[i] = p!.TryGetValue(loan.ProjectId, out var j) ? j : throw new ArgumentException($"贷款 {loan.Id} 引用的项目 {loan.ProjectId} 不存在");
        }
        return new EnterpriseIndex(owner, loanEnterprise, loanProject,
            scopes.Build(), clusters.Build(), facts);
    }
}

/// <summary>
/// A list of texts per project (its digital scopes, its clusters) as a bit mask over the distinct texts of the
/// scenario, so that "does any of them belong to the set in force" is one AND per project whatever the parameters.
/// A scenario with more than 63 distinct texts gives the projects using the others the bit <see cref="Overflow"/>,
/// which <see cref="InForce"/> always sets: a mask that matches on that bit alone is confirmed on the texts themselves.
/// </summary>
internal sealed class TagMasks
{
    /// <summary>The bit of "some text beyond the 63 numbered ones": a match to be confirmed on the texts.</summary>
    public const ulong Overflow = 1UL << 63;

    private readonly string[] _names;

    private TagMasks(ulong[] masks, string[] names)
    {
        Masks = masks;
        _names = names;
    }

    /// <summary>Per project (by position), the bits of its texts.</summary>
    public ulong[] Masks { get; }

    /// <summary>The bits of the texts in <paramref name="set"/>, plus <see cref="Overflow"/>.</summary>
    public ulong InForce(IReadOnlySet<string> set)
    {
        var m = Overflow;
        for (var b = 0; b < _names.Length; b++)
        {
            if (set.Contains(_names[b])) m |= 1UL << b;
        }
        return m;
    }

    public static TagMasks Of(ImmutableArray<Project> projects, Func<Project, ImmutableArray<string>> texts)
    {
        var builder = new Builder(projects.Length);
        for (var i = 0; i < projects.Length; i++) builder.Add(i, texts(projects[i]));
        return builder.Build();
    }

    /// <summary>Masks made project by project, so that the index's one pass over the projects makes both kinds.</summary>
    public sealed class Builder(int projects)
    {
        private readonly Dictionary<string, int> _bits = new(StringComparer.Ordinal);
        private readonly ulong[] _masks = new ulong[projects];
        // Lists are often shared between projects (a reader or a generator reuses them): remember the last one.
        private string[]? _last;
        private ulong _lastMask;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Add(int i, ImmutableArray<string> list)
        {
            var array = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(list);
            if (array is null || array.Length == 0) return;
            if (ReferenceEquals(array, _last)) { _masks[i] = _lastMask; return; }
            _masks[i] = Mask(array);
        }

        private ulong Mask(string[] array)
        {
            ulong m = 0;
            foreach (var t in array)
            {
                if (!_bits.TryGetValue(t, out var b))
                {
                    b = _bits.Count < 63 ? _bits.Count : 63;
                    if (b < 63) _bits[t] = b;
                }
                m |= 1UL << b;
            }
            (_last, _lastMask) = (array, m);
            return m;
        }

        public TagMasks Build()
        {
            var names = new string[_bits.Count];
            foreach (var (t, b) in _bits) names[b] = t;
            return new TagMasks(_masks, names);
        }
    }
}
