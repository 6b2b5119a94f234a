using Renewal.Data;
using Renewal.Testing;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Services.Candidates;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Seed;
using Renewal.Services.Workflow;

namespace Renewal.Services.Tests.Candidates;

/// <summary>
/// The summaries by area and by enterprise equal an independent count over a seeded library, on SQLite and PostgreSQL.
/// The independent count re-states the rules from the catalogue's flags here, item by item, without CandidateRules.
/// </summary>
public class CandidateSummaryTests(SeededLibraries libraries) : IClassFixture<SeededLibraries>
{
    private const int Year = 2026;

    private LibraryDbContext Library(string provider) => LibraryStore.Create(libraries.Get(provider).Options);

    /// <summary>The rules as POLICY.md words them, counted per enterprise: [items, qty, candidates, candidate qty, R1..R4 items, R1..R4 qty, unrated].</summary>
    private static Dictionary<int, int[]> Oracle(List<EquipmentItem> items, int year)
    {
        var c = EquipmentCatalogue.Default;
        var result = new Dictionary<int, int[]>();
        foreach (var i in items)
        {
            var t = c.FindType(i.Type);
            var age = year - i.CommissioningYear;
            var r1 = t is not null && t.MachineTool && age > 10;
            var r2 = t is not null && t.KeyEnergy && (i.EfficiencyGrade is null || i.EfficiencyGrade > 2);
            var r3 = i.HazardousCatalogueItem is { Length: > 0 };
            var life = i.DesignLifeYears ?? t?.DesignLifeYears;
            var r4 = life is not null && age > life;
            if (!result.TryGetValue(i.EnterpriseId, out var row)) result[i.EnterpriseId] = row = new int[13];
            row[0]++;
            row[1] += i.Quantity;
            if (!(r1 || r2 || r3 || r4)) continue;
            row[2]++;
            row[3] += i.Quantity;
            bool[] hits = [r1, r2, r3, r4];
            for (var k = 0; k < 4; k++)
            {
                if (!hits[k]) continue;
                row[4 + k]++;
                row[8 + k] += i.Quantity;
            }
            if (t is { KeyEnergy: true } && i.EfficiencyGrade is null) row[12]++;
        }
        return result;
    }

    private static int[] Row(CandidateCounts c) =>
        [c.Items, c.Quantity, c.CandidateItems, c.CandidateQuantity, c.R1Items, c.R2Items, c.R3Items, c.R4Items, c.R1Quantity, c.R2Quantity, c.R3Quantity, c.R4Quantity, c.UnratedKeyEnergyItems];

    [Theory]
    [OnSqlite, OnPostgres]
    public void SummaryByEnterpriseAndArea_EqualsAnIndependentCount(string provider)
    {
        using var db = Library(provider);
        var items = db.Equipment.AsNoTracking().ToList();
        var enterprises = db.Enterprises.AsNoTracking().ToList();
        var oracle = Oracle(items, Year);

        var summary = RenewalCandidates.Summarise(db.Enterprises, Year);

        Assert.Equal(enterprises.Count, summary.Enterprises.Count);
        foreach (var e in summary.Enterprises)
        {
            var expected = oracle.GetValueOrDefault(e.Id, new int[13]);
            Assert.Equal(expected, Row(e.Counts));
        }
        foreach (var a in summary.Areas)
        {
            var ids = enterprises.Where(e => e.Area == a.Area).Select(e => e.Id).ToList();
            Assert.Equal(ids.Count, a.Enterprises);
            var expected = new int[13];
            foreach (var id in ids)
            {
                var row = oracle.GetValueOrDefault(id, new int[13]);
                for (var k = 0; k < 13; k++) expected[k] += row[k];
            }
            Assert.Equal(expected, Row(a.Counts));
            Assert.Equal(ids.Count(id => oracle.TryGetValue(id, out var r) && r[2] > 0), a.CandidateEnterprises);
        }
        Assert.Equal(enterprises.Select(e => e.Area).Distinct().Count(), summary.Areas.Count);
        Assert.Equal(items.Count, summary.Total.Items);
        // The seeded library has candidates of every rule, so the check above is not vacuous.
        Assert.All(CandidateRules.All, r => Assert.True(summary.Total.ItemsOf(r) > 0, r));
        // Most candidate items first.
        Assert.True(summary.Enterprises.Zip(summary.Enterprises.Skip(1)).All(p => p.First.Counts.CandidateItems >= p.Second.Counts.CandidateItems));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void AreaFilter_AndDistrictScope_CountOnlyThatArea(string provider)
    {
        using var db = Library(provider);
        var area = db.Enterprises.AsNoTracking().GroupBy(e => e.Area).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
        var all = RenewalCandidates.Summarise(db.Enterprises, Year);
        var filtered = RenewalCandidates.Summarise(db.Enterprises, Year, area);
        var district = RenewalCandidates.Summarise(db.Enterprises.VisibleTo(new UserContext(1, "d", Role.DistrictReviewer, null, area)), Year);

        var expected = all.Areas.Single(a => a.Area == area);
        Assert.Equal(expected, Assert.Single(filtered.Areas));
        Assert.Equal(expected, Assert.Single(district.Areas));
        Assert.Equal(expected.Counts, district.Total);
        Assert.All(district.Enterprises, e => Assert.Equal(area, e.Area));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ItemsOfAnEnterprise_AgreeWithItsCounts_AndTheRuleFilter(string provider)
    {
        using var db = Library(provider);
        var summary = RenewalCandidates.Summarise(db.Enterprises, Year);
        var top = summary.Enterprises[0];
        var entity = db.Enterprises.AsNoTracking().Single(e => e.Id == top.Id);
        var items = RenewalCandidates.ItemsOf(db, entity, Year);

        Assert.Equal(top.Counts.Items, items.Count);
        Assert.Equal(top.Counts.CandidateItems, items.Count(i => i.IsCandidate));
        foreach (var rule in CandidateRules.All)
            Assert.Equal(top.Counts.ItemsOf(rule), items.Count(i => i.Reasons.Any(r => r.Rule == rule)));
        Assert.True(items.SkipWhile(i => i.IsCandidate).All(i => !i.IsCandidate), "candidates come first");

        foreach (var rule in CandidateRules.All)
        {
            var listed = RenewalCandidates.CandidateItems(db.Enterprises, summary, rule).ToList();
            Assert.Equal(summary.Total.ItemsOf(rule), listed.Count);
            Assert.Equal(summary.With(rule).Count(), listed.Select(x => x.Enterprise.Id).Distinct().Count());
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Cache_ServesTheSameSummary_UntilTheInventoryChanges(string provider)
    {
        using var db = Databases.Open(provider, out _);
        LibrarySeeder.Seed(db, new SeedOptions(20, 3, SeededLibraries.Today));
        db.ChangeTracker.Clear();
        var first = CandidateCache.Get(db, "all", db.Enterprises, Year, null);
        Assert.Same(first, CandidateCache.Get(db, "all", db.Enterprises, Year, null));

        // A 30-year-old grade-3 motor added to the first enterprise: one more item, under.
        var enterprise = db.Enterprises.AsNoTracking().OrderBy(e => e.Id).First();
        db.Equipment.Add(new EquipmentItem { EnterpriseId = enterprise.Id, Code = "TEST-001", Type = "motor", Name = "三相异步电动机", Quantity = 3, CommissioningYear = Year - 30, EfficiencyGrade = 3, Version = 1 });
        db.SaveChanges();
        var second = CandidateCache.Get(db, "all", db.Enterprises, Year, null);
        Assert.NotSame(first, second);
        Assert.Equal(first.Total.Items + 1, second.Total.Items);
        Assert.Equal(first.Total.R2Quantity + 3, second.Total.R2Quantity);
        Assert.Equal(first.Total.R4Items + 1, second.Total.R4Items);
    }

    [Fact]
    public void Workbook_HasChineseHeaders_AndOneRowPerReason()
    {
        using var db = Library("sqlite");
        var summary = RenewalCandidates.Summarise(db.Enterprises, Year);
        using var ms = new MemoryStream();
        CandidateWorkbook.Write(ms, db.Enterprises, summary, CandidateRules.R1, null);
        using var package = XlsxPackage.Open(new MemoryStream(ms.ToArray()), 100_000_000);
        Assert.Equal(["区镇汇总", "企业汇总", "设备明细"], package.SheetNames);

        // Rows() streams one reused row object: copy each row's values as it goes by.
        var enterprises = package.Rows("企业汇总").Select(r => r.Cells.Select(c => c.Value).ToArray()).ToList();
        Assert.Equal(CandidateWorkbook.EnterpriseHeaders, enterprises[0].Take(CandidateWorkbook.EnterpriseHeaders.Count));
        Assert.Equal(summary.With(CandidateRules.R1).Count(), enterprises.Count - 1);
        var items = package.Rows("设备明细").Select(r => r.Cells.Select(c => c.Value).ToArray()).ToList();
        Assert.Equal(CandidateWorkbook.ItemHeaders, items[0].Take(CandidateWorkbook.ItemHeaders.Count));
        Assert.Equal(summary.Total.R1Items, items.Count - 1);
        Assert.All(items.Skip(1), r => Assert.Equal("R-1", r[12]));
    }
}
