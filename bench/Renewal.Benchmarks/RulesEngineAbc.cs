using System.Runtime.InteropServices;
using System.Text.Json;

using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

using RulesEngine.Models;

namespace Renewal.Benchmarks;

/// <summary>What the A and B rules of the RulesEngine workflow read about one project (input "p").</summary>
public sealed class ProjectInput
{
    public required int AwardYear { get; init; }
    public required string[] DigitalScopes { get; init; }
    public required string[] Clusters { get; init; }
    public required bool SafetyRenovation { get; init; }
    /// <summary>GB/T 4754 section letter of the project's enterprise.</summary>
    public required string Section { get; init; }
    public required string Status { get; init; }
    /// <summary>0 when not completed.</summary>
    public required int CompletedYear { get; init; }
    public required decimal CumulativeDigital { get; init; }
    public required decimal Equipment { get; init; }
    public required bool HasPriorDemonstrationAward { get; init; }
    public required decimal PriorEffectiveInvestmentAwards { get; init; }
}

/// <summary>What the C rule reads about one enterprise (input "e"): sums over its projects, made in C#.</summary>
public sealed class EnterpriseInput
{
    public required string Section { get; init; }
    public required decimal TechRenovationInvestment { get; init; }
    public required decimal DigitalInvestment { get; init; }
}

/// <summary>Amounts of A and B per project and of C per enterprise, after I-5 stacking, plus eligibility.</summary>
public sealed class AbcAmounts(int projects, int enterprises)
{
    public decimal[] Demonstration { get; } = new decimal[projects];
    public bool[] DemonstrationEligible { get; } = new bool[projects];
    public decimal[] EffectiveInvestment { get; } = new decimal[projects];
    public bool[] EffectiveInvestmentEligible { get; } = new bool[projects];
    public decimal[] TechRenovation { get; } = new decimal[enterprises];
    public bool[] TechRenovationEligible { get; } = new bool[enterprises];

    public decimal Total => Demonstration.Sum() + EffectiveInvestment.Sum() + TechRenovation.Sum();
}

/// <summary>
/// Schemes A, B and C written as Microsoft RulesEngine 6.0.1 workflows (Workflows/abc.workflows.json): the
/// side-by-side peer of <see cref="PolicyEngine"/>. RulesEngine evaluates one input at a time, so the facts that
/// need a loop (a project's cumulative digital investment, an enterprise's sums over its projects) are made in
/// C# here; the A/B stacking rule (I-5) is applied afterwards, also in C#. The per-project facts can be made once
/// per scenario (<see cref="Prepare"/>), as our engine keeps them per scenario instance, or in the evaluation
/// (<see cref="EvaluateAsync(Scenario)"/>), as our engine's first evaluation of an instance makes them.
/// </summary>
public sealed class RulesEngineAbc
{
    private static readonly string[] SectionNames = [.. Enumerable.Range('A', 26).Select(c => ((char)c).ToString())];

    private readonly RulesEngine.RulesEngine _engine;

    public RulesEngineAbc()
    {
        using var stream = typeof(RulesEngineAbc).Assembly.GetManifestResourceStream("Renewal.Benchmarks.abc.workflows.json")
            ?? throw new InvalidOperationException("embedded abc.workflows.json is missing");
        using var reader = new StreamReader(stream);
        var settings = new ReSettings { CustomTypes = [typeof(MidpointRounding)] };
        // The file is an array of workflows; RulesEngine's string constructor takes one workflow per string.
        using var json = JsonDocument.Parse(reader.ReadToEnd());
        _engine = new RulesEngine.RulesEngine([.. json.RootElement.EnumerateArray().Select(w => w.GetRawText())], settings);
    }

    /// <summary>
    /// The parameter-independent part, once per scenario: per project the facts RulesEngine cannot make (cumulative
    /// digital, equipment and digital of the year, prior awards) as its input object and <see cref="RuleParameter"/>,
    /// the project's enterprise and whether its kind counts for C — what our engine keeps per scenario instance
    /// (<c>EnterpriseIndex</c> and its facts table).
    /// </summary>
    public sealed class Prepared
    {
        internal Prepared(Scenario scenario, int[] owner, RuleParameter[] projectInputs, decimal[] equipment, decimal[] digital, bool[] countsForC, string[] sections)
        {
            Scenario = scenario;
            Owner = owner;
            ProjectInputs = projectInputs;
            Equipment = equipment;
            Digital = digital;
            CountsForC = countsForC;
            Sections = sections;
        }

        public Scenario Scenario { get; }
        internal int[] Owner { get; }
        internal RuleParameter[] ProjectInputs { get; }
        internal decimal[] Equipment { get; }
        internal decimal[] Digital { get; }
        internal bool[] CountsForC { get; }
        internal string[] Sections { get; }
    }

    public static Prepared Prepare(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var year = scenario.Year;
        var enterprises = scenario.Enterprises;
        var projects = scenario.Projects;
        var index = new Dictionary<string, int>(enterprises.Length, StringComparer.Ordinal);
        for (var e = 0; e < enterprises.Length; e++) index[enterprises[e].Id] = e;
        var sections = new string[enterprises.Length];
        for (var e = 0; e < enterprises.Length; e++) sections[e] = SectionNames[enterprises[e].Industry.Section - 'A'];
        var owner = new int[projects.Length];
        var inputs = new RuleParameter[projects.Length];
        var equipments = new decimal[projects.Length];
        var digitals = new decimal[projects.Length];
        var counts = new bool[projects.Length];
        for (var i = 0; i < projects.Length; i++)
        {
            var p = projects[i];
            var e = owner[i] = index[p.EnterpriseId];
            decimal cumulativeDigital = 0, equipment = 0, digitalOfYear = 0, priorB = 0;
            foreach (var inv in p.Investment)
            {
                if (inv.Year <= year) cumulativeDigital += inv.Digital.Yuan;
                if (inv.Year == year) { equipment = inv.Equipment.Yuan; digitalOfYear = inv.Digital.Yuan; }
            }
            var priorA = false;
            foreach (var award in p.PriorAwards)
            {
                if (award.Scheme == Scheme.Demonstration) priorA = true;
                else if (award.Scheme == Scheme.EffectiveInvestment) priorB += award.Amount.Yuan;
            }
            (equipments[i], digitals[i], counts[i]) = (equipment, digitalOfYear, p.Kind is ProjectKind.Renovation or ProjectKind.Expansion);
            inputs[i] = new RuleParameter("p", new ProjectInput
            {
                AwardYear = year,
                DigitalScopes = ImmutableCollectionsMarshal.AsArray(p.DigitalScopes) ?? [],
                Clusters = ImmutableCollectionsMarshal.AsArray(p.Clusters) ?? [],
                SafetyRenovation = p.SafetyRenovation,
                Section = sections[e],
                Status = Codes.Of(p.Status),
                CompletedYear = p.Status == ProjectStatus.Completed && p.CompletedOn is { } d ? d.Year : 0,
                CumulativeDigital = cumulativeDigital,
                Equipment = equipment,
                HasPriorDemonstrationAward = priorA,
                PriorEffectiveInvestmentAwards = priorB,
            });
        }
        return new Prepared(scenario, owner, inputs, equipments, digitals, counts, sections);
    }

    /// <summary>
    /// Facts made and rules run in one call, project by project (each input dies young): what a first evaluation of a
    /// scenario costs. The harness of issue 4, unchanged.
    /// </summary>
    public async Task<AbcAmounts> EvaluateAsync(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var year = scenario.Year;
        var enterprises = scenario.Enterprises;
        var projects = scenario.Projects;
        var result = new AbcAmounts(projects.Length, enterprises.Length);

        var index = new Dictionary<string, int>(enterprises.Length, StringComparer.Ordinal);
        for (var e = 0; e < enterprises.Length; e++) index[enterprises[e].Id] = e;
        var techRenovation = new decimal[enterprises.Length];
        var digital = new decimal[enterprises.Length];

        for (var i = 0; i < projects.Length; i++)
        {
            var p = projects[i];
            var e = index[p.EnterpriseId];
            decimal cumulativeDigital = 0, equipment = 0, digitalOfYear = 0, priorB = 0;
            foreach (var inv in p.Investment)
            {
                if (inv.Year <= year) cumulativeDigital += inv.Digital.Yuan;
                if (inv.Year == year) { equipment = inv.Equipment.Yuan; digitalOfYear = inv.Digital.Yuan; }
            }
            var priorA = false;
            foreach (var award in p.PriorAwards)
            {
                if (award.Scheme == Scheme.Demonstration) priorA = true;
                else if (award.Scheme == Scheme.EffectiveInvestment) priorB += award.Amount.Yuan;
            }

            // C-2 (I-6) and C-4 (I-7): the enterprise sums RulesEngine cannot make from one input.
            if (p.Kind is ProjectKind.Renovation or ProjectKind.Expansion) techRenovation[e] += equipment;
            digital[e] += digitalOfYear;

            var input = new ProjectInput
            {
                AwardYear = year,
                DigitalScopes = ImmutableCollectionsMarshal.AsArray(p.DigitalScopes) ?? [],
                Clusters = ImmutableCollectionsMarshal.AsArray(p.Clusters) ?? [],
                SafetyRenovation = p.SafetyRenovation,
                Section = SectionNames[enterprises[e].Industry.Section - 'A'],
                Status = Codes.Of(p.Status),
                CompletedYear = p.Status == ProjectStatus.Completed && p.CompletedOn is { } d ? d.Year : 0,
                CumulativeDigital = cumulativeDigital,
                Equipment = equipment,
                HasPriorDemonstrationAward = priorA,
                PriorEffectiveInvestmentAwards = priorB,
            };
            var rules = await _engine.ExecuteAllRulesAsync("ProjectAwards", new RuleParameter("p", input));
            foreach (var r in rules)
            {
                Check(r);
                if (!r.IsSuccess) continue;
                var amount = Amount(r);
                if (r.Rule.RuleName == "A") { result.Demonstration[i] = amount; result.DemonstrationEligible[i] = true; }
                else { result.EffectiveInvestment[i] = amount; result.EffectiveInvestmentEligible[i] = true; }
            }

            // I-5: at most one of A and B, the larger; on a tie, A.
            if (result.DemonstrationEligible[i] && result.EffectiveInvestmentEligible[i]
                && (result.Demonstration[i] != 0 || result.EffectiveInvestment[i] != 0))
            {
                if (result.Demonstration[i] >= result.EffectiveInvestment[i]) result.EffectiveInvestment[i] = 0;
                else result.Demonstration[i] = 0;
            }
        }

        for (var e = 0; e < enterprises.Length; e++)
        {
            var input = new EnterpriseInput
            {
                Section = SectionNames[enterprises[e].Industry.Section - 'A'],
                TechRenovationInvestment = techRenovation[e],
                DigitalInvestment = digital[e],
            };
            var rules = await _engine.ExecuteAllRulesAsync("EnterpriseAwards", new RuleParameter("e", input));
            var c = rules[0];
            Check(c);
            if (c.IsSuccess)
            {
                result.TechRenovation[e] = Amount(c);
                result.TechRenovationEligible[e] = true;
            }
        }
        return result;
    }


    /// <summary>
    /// The rules over facts made before (<see cref="Prepare"/>): the enterprise sums for C (in C#, as our engine makes
    /// them per evaluation), A and B per project, I-5 (in C#), C per enterprise.
    /// </summary>
    public async Task<AbcAmounts> EvaluateAsync(Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var enterprises = prepared.Scenario.Enterprises;
        var n = prepared.Owner.Length;
        var result = new AbcAmounts(n, enterprises.Length);
        var techRenovation = new decimal[enterprises.Length];
        var digital = new decimal[enterprises.Length];
        var owner = prepared.Owner;

        for (var i = 0; i < n; i++)
        {
            var e = owner[i];
            // C-2 (I-6) and C-4 (I-7): the enterprise sums RulesEngine cannot make from one input.
            if (prepared.CountsForC[i]) techRenovation[e] += prepared.Equipment[i];
            digital[e] += prepared.Digital[i];

            var rules = await _engine.ExecuteAllRulesAsync("ProjectAwards", prepared.ProjectInputs[i]);
            foreach (var r in rules)
            {
                Check(r);
                if (!r.IsSuccess) continue;
                var amount = Amount(r);
                if (r.Rule.RuleName == "A") { result.Demonstration[i] = amount; result.DemonstrationEligible[i] = true; }
                else { result.EffectiveInvestment[i] = amount; result.EffectiveInvestmentEligible[i] = true; }
            }

            // I-5: at most one of A and B, the larger; on a tie, A.
            if (result.DemonstrationEligible[i] && result.EffectiveInvestmentEligible[i]
                && (result.Demonstration[i] != 0 || result.EffectiveInvestment[i] != 0))
            {
                if (result.Demonstration[i] >= result.EffectiveInvestment[i]) result.EffectiveInvestment[i] = 0;
                else result.Demonstration[i] = 0;
            }
        }

        for (var e = 0; e < enterprises.Length; e++)
        {
            var input = new EnterpriseInput
            {
                Section = prepared.Sections[e],
                TechRenovationInvestment = techRenovation[e],
                DigitalInvestment = digital[e],
            };
            var rules = await _engine.ExecuteAllRulesAsync("EnterpriseAwards", new RuleParameter("e", input));
            var c = rules[0];
            Check(c);
            if (c.IsSuccess)
            {
                result.TechRenovation[e] = Amount(c);
                result.TechRenovationEligible[e] = true;
            }
        }
        return result;
    }

    /// <summary>RulesEngine reports a bad expression as a failed rule with a message: make it loud.</summary>
    private static void Check(RuleResultTree r)
    {
        if (!string.IsNullOrEmpty(r.ExceptionMessage)) throw new InvalidOperationException($"rule {r.Rule.RuleName}: {r.ExceptionMessage}");
    }

    private static decimal Amount(RuleResultTree r)
    {
        if (r.ActionResult?.Exception is { } ex) throw new InvalidOperationException($"rule {r.Rule.RuleName}: {ex.Message}", ex);
        return r.ActionResult?.Output is decimal d ? d
            : throw new InvalidOperationException($"rule {r.Rule.RuleName} returned {r.ActionResult?.Output?.GetType().Name ?? "null"}");
    }
}
