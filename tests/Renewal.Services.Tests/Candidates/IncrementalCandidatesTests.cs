using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Seed;
using Renewal.Services.Candidates;
using Renewal.Services.Tests.Programme;
using Renewal.Testing;

namespace Renewal.Services.Tests.Candidates;

/// <summary>
/// The candidate counts kept per enterprise on the change feed (ADR-027) equal a summary counted from scratch after
/// every round of random edits — equipment added, edited and deleted, enterprises moving area, projects and the rest —
/// for the city, for an area and for one enterprise's scope, on both providers.
/// </summary>
public class IncrementalCandidatesTests
{
    private const int Year = 2026;

    [Theory]
    [OnSqlite, OnPostgres]
    public void AfterRandomEdits_TheKeptSummaries_EqualTheSummariesCountedFromScratch(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        LibrarySeeder.Seed(db, new SeedOptions(60, 13, new DateOnly(2026, 8, 20)));
        LibraryDbContext Open() => LibraryStore.Create(options);
        var area = db.Enterprises.GroupBy(e => e.Area).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).First();
        var code = db.Enterprises.OrderBy(e => e.Id).Select(e => e.CreditCode).Skip(7).First();

        void Check(string what)
        {
            using var reader = Open();
            using var fresh = Open();
            (string Key, IQueryable<Enterprise> Kept, IQueryable<Enterprise> Full, string? Area)[] views =
            [
                ("all", reader.Enterprises, fresh.Enterprises, null),
                ("all", reader.Enterprises, fresh.Enterprises, area),
                ("area:" + area, reader.Enterprises.Where(e => e.Area == area), fresh.Enterprises.Where(e => e.Area == area), null),
                ("enterprise:" + code, reader.Enterprises.Where(e => e.CreditCode == code), fresh.Enterprises.Where(e => e.CreditCode == code), null),
            ];
            foreach (var (key, kept, full, a) in views)
            {
                var expected = JsonSerializer.Serialize(RenewalCandidates.Summarise(full, Year, a));
                var actual = JsonSerializer.Serialize(CandidateCache.Get(reader, key, kept, Year, a));
                Assert.True(expected == actual, $"{provider}, {key} {a}, after {what}: the kept summary differs from the one counted from scratch");
            }
        }

        Check("the first count");
        var random = new Random(4_754);
        var incremental = 0;
        for (var round = 0; round < 40; round++)
        {
            var done = new List<string>();
            using (var writer = Open())
            {
                for (var k = 0; k < 1 + random.Next(3); k++)
                {
                    // Mostly the inventory and the enterprises, the rest of the library now and then.
                    done.Add(random.Next(3) == 0 ? IncrementalDashboardTests.Edits.Apply(writer, random, round) : Inventory(writer, random, round));
                    writer.SaveChanges();
                }
            }
            using (var reader = Open())
            {
                CandidateCache.Get(reader, "all", reader.Enterprises, Year, null);
                var update = CandidateCache.LastUpdate(reader, Year)!;
                Assert.False(update.Rebuilt, $"round {round} ({string.Join(", ", done)}) counted everything again");
                if (update.Enterprises > 0) incremental++;
            }
            Check($"round {round}: {string.Join(", ", done)}");
        }
        Assert.True(incremental > 30, $"only {incremental} rounds were applied as changes of enterprises");
    }

    private static string Inventory(LibraryDbContext db, Random r, int round)
    {
        var ids = db.Enterprises.OrderBy(e => e.Id).Select(e => e.Id).ToList();
        var enterprise = ids[r.Next(ids.Count)];
        var types = EquipmentCatalogue.Default.Types.ToList();
        switch (r.Next(4))
        {
            case 0:
                db.Equipment.Add(new EquipmentItem
                {
                    EnterpriseId = enterprise, Code = $"CZ{round}-{r.Next(1_000_000)}", Type = types[r.Next(types.Count)].Id, Name = "随机设备",
                    Quantity = 1 + r.Next(9), CommissioningYear = 1995 + r.Next(32), EfficiencyGrade = r.Next(3) == 0 ? null : 1 + r.Next(5),
                    DesignLifeYears = r.Next(3) == 0 ? 5 + r.Next(20) : null, HazardousCatalogueItem = r.Next(5) == 0 ? "应急厅函〔2024〕86号-第1项" : null,
                });
                return "item added";
            case 1:
            {
                var e = db.Equipment.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, db.Equipment.Count()))).FirstOrDefault();
                if (e is null) return "none";
                db.Equipment.Remove(e);
                return "item deleted";
            }
            case 2:
            {
                var e = db.Equipment.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, db.Equipment.Count()))).FirstOrDefault();
                if (e is null) return "none";
                e.CommissioningYear = 1995 + r.Next(32);
                e.EfficiencyGrade = r.Next(3) == 0 ? null : 1 + r.Next(5);
                e.Type = types[r.Next(types.Count)].Id;
                return "item edited";
            }
            default:
            {
                var e = db.Enterprises.Single(x => x.Id == enterprise);
                var areas = db.Enterprises.Select(x => x.Area).Distinct().OrderBy(x => x).ToList();
                e.Area = areas[(areas.IndexOf(e.Area) + 1 + r.Next(areas.Count - 1)) % areas.Count];
                e.Name += "改";
                return "enterprise moved";
            }
        }
    }
}
