using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Codes = Renewal.Policy.Model.Codes;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Services.Candidates;

/// <summary>Counts of an inventory (an area's, an enterprise's, the city's): items and quantities (台/套) in all and per rule.</summary>
/// <remarks>An item with several reasons counts once in <see cref="CandidateItems"/> and once under each of its rules.</remarks>
public sealed record CandidateCounts(
    int Items, int Quantity, int CandidateItems, int CandidateQuantity,
    int R1Items, int R1Quantity, int R2Items, int R2Quantity, int R3Items, int R3Quantity, int R4Items, int R4Quantity,
    int UnratedKeyEnergyItems)
{
    public static readonly CandidateCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Items meeting <paramref name="rule"/> (R-1..R-4).</summary>
    public int ItemsOf(string rule) => rule switch
    {
        CandidateRules.R1 => R1Items, CandidateRules.R2 => R2Items, CandidateRules.R3 => R3Items, CandidateRules.R4 => R4Items,
        _ => throw new ArgumentException($"规则应为 R-1..R-4：{rule}", nameof(rule)),
    };

    /// <summary>Quantity (台/套) of the items meeting <paramref name="rule"/>.</summary>
    public int QuantityOf(string rule) => rule switch
    {
        CandidateRules.R1 => R1Quantity, CandidateRules.R2 => R2Quantity, CandidateRules.R3 => R3Quantity, CandidateRules.R4 => R4Quantity,
        _ => throw new ArgumentException($"规则应为 R-1..R-4：{rule}", nameof(rule)),
    };
}

/// <summary>An area's counts: its enterprises in scope (with or without inventory), those with at least one candidate item, and the item counts.</summary>
public sealed record AreaCandidates(string Area, int Enterprises, int CandidateEnterprises, CandidateCounts Counts);

/// <summary>An enterprise's counts; <c>Industry</c> is the plan industry of its code (catalogue), or null.</summary>
public sealed record EnterpriseCandidates(int Id, string CreditCode, string Name, string Area, string IndustryCode, string? Industry, CandidateCounts Counts);

/// <summary>The summary of a scope as of a reference year; <c>Enterprises</c> holds every enterprise of the scope (after the area filter), most candidate items first.</summary>
public sealed record CandidateSummary(int Year, CandidateCounts Total, IReadOnlyList<AreaCandidates> Areas, IReadOnlyList<EnterpriseCandidates> Enterprises)
{
    /// <summary>The enterprises with at least one item of <paramref name="rule"/> (or with any candidate when null).</summary>
    public IEnumerable<EnterpriseCandidates> With(string? rule) =>
        rule is null ? Enterprises.Where(e => e.Counts.CandidateItems > 0) : Enterprises.Where(e => e.Counts.ItemsOf(rule) > 0);
}

/// <summary>An inventory item with its reasons (none when it is not a candidate); <c>DesignLifeYears</c> is the design life R-4 used: the item's own, else the type's typical.</summary>
public sealed record CandidateItem(
    int Id, int EnterpriseId, string Code, string Name, string Type, string TypeName, int Quantity, int CommissioningYear, int YearsInService,
    int? EfficiencyGrade, int? DesignLifeYears, string? HazardousCatalogueItem, CandidateHits Flags, IReadOnlyList<CandidateReason> Reasons)
{
    public bool IsCandidate => Reasons.Count > 0;
}

/// <summary>
/// Renewal candidates of the library (R-1..R-4) by area and by enterprise. The caller passes the scope of enterprises
/// the user may see (Access.VisibleTo, or the enterprise itself) and the reference year. The summary streams one
/// narrow projection of the inventory and classifies each item in memory with the catalogue's flags — one pass,
/// O(items), no per-item text — so a city of 400,000 items is summarised in about a second.
/// </summary>
public static class RenewalCandidates
{
    /// <summary>Years a reference year may take.</summary>
    public const int MinYear = 1990, MaxYear = 2100;

    /// <summary>The summary of <paramref name="scope"/> (optionally one area) as of <paramref name="year"/>.</summary>
    public static CandidateSummary Summarise(IQueryable<Enterprise> scope, int year, string? area = null, CandidateRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        rules ??= CandidateRules.Default;
        if (area is { Length: > 0 }) scope = scope.Where(e => e.Area == area);
        var enterprises = scope.AsNoTracking()
            .Select(e => new EnterpriseRow(e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode))
            .ToList();
        var items = scope.AsNoTracking().SelectMany(e => e.Equipment)
            .Select(i => new ItemRow(i.EnterpriseId, i.Type, i.Quantity, i.CommissioningYear, i.EfficiencyGrade, i.DesignLifeYears, i.HazardousCatalogueItem))
            .AsEnumerable();
        return Assemble(year, Count(enterprises, items, year, rules).Values);
    }

    /// <summary>
    /// The counts of the enterprises <paramref name="ids"/> (stored ids; null = every enterprise of the library) as of
    /// <paramref name="year"/>: what <see cref="CandidateCache"/> keeps per enterprise and reads again for the
    /// enterprises the change feed names.
    /// </summary>
    internal static Dictionary<int, EnterpriseCandidates> CountsOf(LibraryDbContext db, IReadOnlyList<int>? ids, int year, CandidateRules rules)
    {
        var all = ids is null;
        var set = ids?.ToList() ?? [];
        // The filter only when there is a set: "@all OR id IN json_each(@set)" costs SQLite a test per row of a full scan.
        var enterprises = (all ? db.Enterprises.AsNoTracking() : db.Enterprises.AsNoTracking().Where(e => set.Contains(e.Id)))
            .Select(e => new EnterpriseRow(e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode))
            .ToList();
        var items = (all ? db.Equipment.AsNoTracking() : db.Equipment.AsNoTracking().Where(i => set.Contains(i.EnterpriseId)))
            .Select(i => new ItemRow(i.EnterpriseId, i.Type, i.Quantity, i.CommissioningYear, i.EfficiencyGrade, i.DesignLifeYears, i.HazardousCatalogueItem))
            .AsEnumerable();
        return Count(enterprises, items, year, rules);
    }

    private sealed record EnterpriseRow(int Id, string CreditCode, string Name, string Area, string IndustryCode);

    private sealed record ItemRow(int EnterpriseId, string Type, int Quantity, int CommissioningYear, int? EfficiencyGrade, int? DesignLifeYears, string? HazardousCatalogueItem);

    /// <summary>One pass over the items: each classified with the catalogue's flags and counted for its enterprise.</summary>
    private static Dictionary<int, EnterpriseCandidates> Count(List<EnterpriseRow> enterprises, IEnumerable<ItemRow> items, int year, CandidateRules rules)
    {
        var index = new Dictionary<int, int>(enterprises.Count);
        for (var i = 0; i < enterprises.Count; i++) index[enterprises[i].Id] = i;
        var tallies = new Tally[enterprises.Count];
        for (var i = 0; i < tallies.Length; i++) tallies[i] = new Tally();
        foreach (var i in items)
        {
            if (!index.TryGetValue(i.EnterpriseId, out var at)) continue;
            var flags = rules.Flags(new ItemFacts(i.Type, i.CommissioningYear, i.EfficiencyGrade, i.DesignLifeYears, i.HazardousCatalogueItem), year);
            tallies[at].Add(flags, i.Quantity);
        }
        var catalogue = rules.Catalogue;
        var rows = new Dictionary<int, EnterpriseCandidates>(enterprises.Count);
        for (var i = 0; i < enterprises.Count; i++)
        {
            var e = enterprises[i];
            rows[e.Id] = new EnterpriseCandidates(e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode, catalogue.IndustryOf(e.IndustryCode)?.Name, tallies[i].ToCounts());
        }
        return rows;
    }

    /// <summary>The summary of these enterprises' counts: the list most candidate items first, the areas in Kunshan's order, the total.</summary>
    internal static CandidateSummary Assemble(int year, IEnumerable<EnterpriseCandidates> enterprises)
    {
        var rows = enterprises.ToList();
        var byArea = new Dictionary<string, (Tally Tally, int Enterprises, int Candidates)>(StringComparer.Ordinal);
        var total = new Tally();
        foreach (var e in rows)
        {
            var a = byArea.TryGetValue(e.Area, out var existing) ? existing : (Tally: new Tally(), Enterprises: 0, Candidates: 0);
            a.Tally.Add(e.Counts);
            byArea[e.Area] = (a.Tally, a.Enterprises + 1, a.Candidates + (e.Counts.CandidateItems > 0 ? 1 : 0));
            total.Add(e.Counts);
        }
        rows.Sort((x, y) => y.Counts.CandidateItems != x.Counts.CandidateItems ? y.Counts.CandidateItems.CompareTo(x.Counts.CandidateItems) : x.Id.CompareTo(y.Id));
        var order = Codes.DefaultAreas.Select((name, k) => (name, k)).ToDictionary(x => x.name, x => x.k, StringComparer.Ordinal);
        var areas = byArea
            .OrderBy(kv => order.GetValueOrDefault(kv.Key, int.MaxValue)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new AreaCandidates(kv.Key, kv.Value.Enterprises, kv.Value.Candidates, kv.Value.Tally.ToCounts()))
            .ToList();
        return new CandidateSummary(year, total.ToCounts(), areas, rows);
    }

    /// <summary>Every inventory item of one enterprise with its reasons, candidates first, as of <paramref name="year"/>.</summary>
    public static IReadOnlyList<CandidateItem> ItemsOf(LibraryDbContext db, Enterprise enterprise, int year, CandidateRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(enterprise);
        rules ??= CandidateRules.Default;
        var industry = rules.Catalogue.IndustryOf(enterprise.IndustryCode);
        var items = db.Equipment.AsNoTracking().Where(i => i.EnterpriseId == enterprise.Id).OrderBy(i => i.Code).ThenBy(i => i.Id).ToList();
        return [.. items.Select(i => Item(rules, i, industry, year)).OrderByDescending(i => i.IsCandidate)];
    }

    /// <summary>
    /// The candidate items of a scope (optionally one area, one rule), streamed in enterprise order with their
    /// enterprise — for the xlsx export, which may hold 100,000s of rows.
    /// </summary>
    public static IEnumerable<(EnterpriseCandidates Enterprise, CandidateItem Item)> CandidateItems(
        IQueryable<Enterprise> scope, CandidateSummary summary, string? rule, string? area = null, CandidateRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(summary);
        rules ??= CandidateRules.Default;
        var want = rule is null ? CandidateHits.R1 | CandidateHits.R2 | CandidateHits.R3 | CandidateHits.R4 : CandidateRules.Flag(rule);
        if (area is { Length: > 0 }) scope = scope.Where(e => e.Area == area);
        var rows = summary.Enterprises.ToDictionary(e => e.Id);
        var industries = new Dictionary<int, PlanIndustry?>();
        var items = scope.AsNoTracking().SelectMany(e => e.Equipment).OrderBy(i => i.EnterpriseId).ThenBy(i => i.Code).ThenBy(i => i.Id).AsEnumerable();
        foreach (var i in items)
        {
            if (!rows.TryGetValue(i.EnterpriseId, out var e)) continue;
            var facts = Facts(i);
            if ((rules.Flags(facts, summary.Year) & want) == 0) continue;
            if (!industries.TryGetValue(e.Id, out var industry)) industries[e.Id] = industry = rules.Catalogue.IndustryOf(e.IndustryCode);
            yield return (e, Item(rules, i, industry, summary.Year));
        }
    }

    private static ItemFacts Facts(EquipmentItem i) => new(i.Type, i.CommissioningYear, i.EfficiencyGrade, i.DesignLifeYears, i.HazardousCatalogueItem);

    private static CandidateItem Item(CandidateRules rules, EquipmentItem i, PlanIndustry? industry, int year)
    {
        var facts = Facts(i);
        var type = rules.Catalogue.FindType(i.Type);
        return new CandidateItem(i.Id, i.EnterpriseId, i.Code, i.Name, i.Type, type?.Name ?? i.Type, i.Quantity, i.CommissioningYear,
            year - i.CommissioningYear, i.EfficiencyGrade, i.DesignLifeYears ?? type?.DesignLifeYears, i.HazardousCatalogueItem,
            rules.Flags(facts, year), rules.Reasons(facts, industry, year));
    }

    /// <summary>A mutable accumulator: one per enterprise, added up per area and for the whole scope.</summary>
    private sealed class Tally
    {
        private int _items, _quantity, _candidateItems, _candidateQuantity, _unrated;
        private readonly int[] _ruleItems = new int[4], _ruleQuantity = new int[4];

        public int CandidateItems => _candidateItems;

        public void Add(CandidateHits flags, int quantity)
        {
            _items++;
            _quantity += quantity;
            if ((flags & (CandidateHits.R1 | CandidateHits.R2 | CandidateHits.R3 | CandidateHits.R4)) == 0) return;
            _candidateItems++;
            _candidateQuantity += quantity;
            for (var r = 0; r < 4; r++)
            {
                if (((int)flags & (1 << r)) == 0) continue;
                _ruleItems[r]++;
                _ruleQuantity[r] += quantity;
            }
            if (flags.HasFlag(CandidateHits.Unrated)) _unrated++;
        }

        public void Add(CandidateCounts c)
        {
            _items += c.Items;
            _quantity += c.Quantity;
            _candidateItems += c.CandidateItems;
            _candidateQuantity += c.CandidateQuantity;
            _unrated += c.UnratedKeyEnergyItems;
            _ruleItems[0] += c.R1Items;
            _ruleItems[1] += c.R2Items;
            _ruleItems[2] += c.R3Items;
            _ruleItems[3] += c.R4Items;
            _ruleQuantity[0] += c.R1Quantity;
            _ruleQuantity[1] += c.R2Quantity;
            _ruleQuantity[2] += c.R3Quantity;
            _ruleQuantity[3] += c.R4Quantity;
        }

        public CandidateCounts ToCounts() => new(_items, _quantity, _candidateItems, _candidateQuantity,
            _ruleItems[0], _ruleQuantity[0], _ruleItems[1], _ruleQuantity[1], _ruleItems[2], _ruleQuantity[2], _ruleItems[3], _ruleQuantity[3], _unrated);
    }
}
