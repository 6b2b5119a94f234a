using Renewal.Policy.Model;

namespace Renewal.Benchmarks;

/// <summary>
/// The limit the engine is measured against (issue 13 item 3): schemes B and C — and A only where it can decide
/// I-5 — written as one plain <see cref="decimal"/> loop over the same <see cref="Scenario"/> objects the engine
/// reads, with the 2025 parameter values of <c>Kunshan2024/parameters.yaml</c> hard-coded. No parameter store, no
/// outcomes, no rule ids, no traces: only the sums, thresholds, caps and the rounding to the fen.
/// </summary>
/// <remarks>
/// What it does per project: equipment and digital of the award year, the digital of earlier years (for A-2), prior
/// B awards (B-4's life-time cap), B-1..B-4, and A-1..A-4 only when the cumulative digital reaches A-2's threshold
/// (a few hundred projects; without A the B total would differ by I-5). Per enterprise: the C-2 and C-4 sums, the ×2
/// multiplier and the cap. It keeps one amount per project (B after I-5) and per enterprise (C), as an award list
/// needs. The project → enterprise positions are resolved once per scenario before the timed loop
/// (<see cref="Prepare"/>), as the engine caches them per scenario instance (<c>EnterpriseIndex.For</c>).
/// <c>verify</c> checks that its A, B and C totals equal the engine's, so that it computes the same thing.
/// </remarks>
public static class PlainLoop
{
    private const decimal MinDigital = 500_000_000m, RateA = 0.10m, CapA = 30_000_000m;
    private const decimal MinEquipment = 20_000_000m, RateB = 0.08m, CapB = 8_000_000m;
    private const decimal MinTechRenovation = 5_000_000m, RateC = 0.05m, DigitalThreshold = 5_000_000m, Multiplier = 2m, CapC = 10_000_000m;

    private static readonly HashSet<string> Clusters = new(["advanced_materials", "electronic_information", "equipment_manufacturing", "biomedicine"], StringComparer.Ordinal);
    private static readonly HashSet<string> Scopes = new(
    [
        "smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "service_transformation",
        "industrial_internet_infrastructure", "it_innovation", "data_productization", "new_it_renovation",
    ], StringComparer.Ordinal);

    /// <summary>The project → enterprise positions of a scenario, resolved once (not timed, like the engine's cached index).</summary>
    public sealed class Prepared
    {
        internal Prepared(Scenario scenario, int[] owner)
        {
            Scenario = scenario;
            Owner = owner;
        }

        public Scenario Scenario { get; }
        internal int[] Owner { get; }
    }

    /// <summary>
    /// What <see cref="RunFacts"/> reads instead of the objects: per project the equipment and digital of the year, the
    /// cumulative digital, and one byte (counts for C, B-2 holds by cluster or safety, A-1 holds), resolved once per
    /// scenario like the engine's facts table — the limit for a repeated evaluation.
    /// </summary>
    public sealed class PreparedFacts
    {
        internal PreparedFacts(Prepared prepared, decimal[] equipment, decimal[] digital, decimal[] cumulative, byte[] flags)
        {
            Prepared = prepared;
            Equipment = equipment;
            Digital = digital;
            Cumulative = cumulative;
            Flags = flags;
        }

        public Prepared Prepared { get; }
        internal decimal[] Equipment { get; }
        internal decimal[] Digital { get; }
        internal decimal[] Cumulative { get; }
        internal byte[] Flags { get; }
    }

    private const byte CountsForC = 1, InB2 = 2, InA1 = 4;

    /// <summary>Totals of one run, and the amounts per project (B) and enterprise (C).</summary>
    public sealed record Totals(decimal Demonstration, decimal EffectiveInvestment, decimal TechRenovation, decimal[] EffectiveInvestmentByProject, decimal[] TechRenovationByEnterprise)
    {
        public decimal Total => Demonstration + EffectiveInvestment + TechRenovation;
    }

    public static Prepared Prepare(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var enterprises = new Dictionary<string, int>(scenario.Enterprises.Length, StringComparer.Ordinal);
        for (var e = 0; e < scenario.Enterprises.Length; e++) enterprises[scenario.Enterprises[e].Id] = e;
        var owner = new int[scenario.Projects.Length];
        for (var i = 0; i < owner.Length; i++) owner[i] = enterprises[scenario.Projects[i].EnterpriseId];
        return new Prepared(scenario, owner);
    }

    public static PreparedFacts PrepareFacts(Scenario scenario)
    {
        var prepared = Prepare(scenario);
        var n = scenario.Projects.Length;
        var year = scenario.Year;
        var (equipment, digital, cumulative, flags) = (new decimal[n], new decimal[n], new decimal[n], new byte[n]);
        for (var i = 0; i < n; i++)
        {
            var p = scenario.Projects[i];
            decimal eq = 0, dig = 0, before = 0;
            foreach (var inv in p.Investment)
            {
                if (inv.Year < year) before += inv.Digital.Yuan;
                else if (inv.Year == year) { eq = inv.Equipment.Yuan; dig = inv.Digital.Yuan; }
            }
            (equipment[i], digital[i], cumulative[i]) = (eq, dig, before + dig);
            flags[i] = (byte)((p.Kind is ProjectKind.Renovation or ProjectKind.Expansion ? CountsForC : 0)
                | (p.SafetyRenovation || InAny(p.Clusters, Clusters) ? InB2 : 0) | (InAny(p.DigitalScopes, Scopes) ? InA1 : 0));
        }
        return new PreparedFacts(prepared, equipment, digital, cumulative, flags);
    }

    /// <summary>
    /// <see cref="Run"/> over the arrays of <see cref="PrepareFacts"/>: the same sums, tests, caps and rounding; only a
    /// project past A-2 or B-3 is read again (completion, prior awards).
    /// </summary>
    public static Totals RunFacts(PreparedFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var s = facts.Prepared.Scenario;
        var owner = facts.Prepared.Owner;
        var year = s.Year;
        var enterprises = s.Enterprises;
        var projects = s.Projects;
        var (equipments, digitals, cumulatives, flags) = (facts.Equipment, facts.Digital, facts.Cumulative, facts.Flags);

        var industrial = new bool[enterprises.Length];
        for (var e = 0; e < industrial.Length; e++) industrial[e] = enterprises[e].Industry.Section is 'B' or 'C' or 'D';
        var techRenovation = new decimal[enterprises.Length];
        var digitalOfYear = new decimal[enterprises.Length];
        var bByProject = new decimal[projects.Length];
        decimal totalA = 0, totalB = 0, totalC = 0;

        for (var i = 0; i < equipments.Length; i++)
        {
            var e = owner[i];
            var equipment = equipments[i];
            var f = flags[i];
            if ((f & CountsForC) != 0) techRenovation[e] += equipment;
            digitalOfYear[e] += digitals[i];

            var a = 0m;
            var aEligible = false;
            var cumulative = cumulatives[i];
            if ((f & InA1) != 0 && cumulative >= MinDigital)
            {
                var p = projects[i];
                if (p.Status == ProjectStatus.Completed && p.CompletedOn?.Year == year)
                {
                    var priorA = false;
                    foreach (var award in p.PriorAwards) priorA |= award.Scheme == Scheme.Demonstration;
                    if (!priorA)
                    {
                        a = decimal.Round(Math.Min(cumulative * RateA, CapA), 2, MidpointRounding.AwayFromZero);
                        aEligible = true;
                    }
                }
            }

            var b = 0m;
            if (equipment >= MinEquipment && industrial[e] && (f & InB2) != 0)
            {
                var priorB = 0m;
                foreach (var award in projects[i].PriorAwards)
                {
                    if (award.Scheme == Scheme.EffectiveInvestment) priorB += award.Amount.Yuan;
                }
                b = decimal.Round(Math.Min(equipment * RateB, Math.Max(0m, CapB - priorB)), 2, MidpointRounding.AwayFromZero);
                if (aEligible && (a != 0m || b != 0m))
                {
                    if (a >= b) b = 0m;
                    else a = 0m;
                }
            }
            bByProject[i] = b;
            totalA += a;
            totalB += b;
        }

        var cByEnterprise = new decimal[enterprises.Length];
        for (var e = 0; e < enterprises.Length; e++)
        {
            if (!industrial[e] || techRenovation[e] < MinTechRenovation) continue;
            var c = techRenovation[e] * RateC;
            if (digitalOfYear[e] >= DigitalThreshold) c *= Multiplier;
            c = decimal.Round(Math.Min(c, CapC), 2, MidpointRounding.AwayFromZero);
            cByEnterprise[e] = c;
            totalC += c;
        }
        return new Totals(totalA, totalB, totalC, bByProject, cByEnterprise);
    }

    /// <summary>A, B and C of the scenario's award year, with the 2025 parameters.</summary>
    public static Totals Run(Prepared prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var s = prepared.Scenario;
        var owner = prepared.Owner;
        var year = s.Year;
        var enterprises = s.Enterprises;
        var projects = s.Projects;

        var industrial = new bool[enterprises.Length];
        for (var e = 0; e < industrial.Length; e++) industrial[e] = enterprises[e].Industry.Section is 'B' or 'C' or 'D';
        var techRenovation = new decimal[enterprises.Length];
        var digitalOfYear = new decimal[enterprises.Length];
        var bByProject = new decimal[projects.Length];
        decimal totalA = 0, totalB = 0, totalC = 0;

        for (var i = 0; i < projects.Length; i++)
        {
            var p = projects[i];
            var e = owner[i];
            decimal equipment = 0, digital = 0, before = 0;
            foreach (var inv in p.Investment)
            {
                if (inv.Year < year) before += inv.Digital.Yuan;
                else if (inv.Year == year) { equipment = inv.Equipment.Yuan; digital = inv.Digital.Yuan; }
            }
            if (p.Kind is ProjectKind.Renovation or ProjectKind.Expansion) techRenovation[e] += equipment;
            digitalOfYear[e] += digital;

            // A (A-1..A-4, completion in the year, once per project): only where it can take the project from B (I-5).
            var a = 0m;
            var aEligible = false;
            var cumulative = before + digital;
            if (cumulative >= MinDigital && p.Status == ProjectStatus.Completed && p.CompletedOn?.Year == year && InAny(p.DigitalScopes, Scopes))
            {
                var priorA = false;
                foreach (var award in p.PriorAwards) priorA |= award.Scheme == Scheme.Demonstration;
                if (!priorA)
                {
                    a = decimal.Round(Math.Min(cumulative * RateA, CapA), 2, MidpointRounding.AwayFromZero);
                    aEligible = true;
                }
            }

            // B-1..B-4: industrial, cluster or safety renovation, equipment of the year ≥ 20M; min(8%, 8M − prior B).
            var b = 0m;
            if (equipment >= MinEquipment && industrial[e] && (p.SafetyRenovation || InAny(p.Clusters, Clusters)))
            {
                var priorB = 0m;
                foreach (var award in p.PriorAwards)
                {
                    if (award.Scheme == Scheme.EffectiveInvestment) priorB += award.Amount.Yuan;
                }
                b = decimal.Round(Math.Min(equipment * RateB, Math.Max(0m, CapB - priorB)), 2, MidpointRounding.AwayFromZero);
                // I-5: the larger of A and B; on a tie, A.
                if (aEligible && (a != 0m || b != 0m))
                {
                    if (a >= b) b = 0m;
                    else a = 0m;
                }
            }
            bByProject[i] = b;
            totalA += a;
            totalB += b;
        }

        // C-1..C-5: industrial, Σ renovation/expansion equipment ≥ 5M; 5% × sum, ×2 when Σ digital ≥ 5M; cap 10M.
        var cByEnterprise = new decimal[enterprises.Length];
        for (var e = 0; e < enterprises.Length; e++)
        {
            if (!industrial[e] || techRenovation[e] < MinTechRenovation) continue;
            var c = techRenovation[e] * RateC;
            if (digitalOfYear[e] >= DigitalThreshold) c *= Multiplier;
            c = decimal.Round(Math.Min(c, CapC), 2, MidpointRounding.AwayFromZero);
            cByEnterprise[e] = c;
            totalC += c;
        }
        return new Totals(totalA, totalB, totalC, bByProject, cByEnterprise);
    }

    private static bool InAny(System.Collections.Immutable.ImmutableArray<string> values, HashSet<string> set)
    {
        foreach (var v in values)
        {
            if (set.Contains(v)) return true;
        }
        return false;
    }
}
