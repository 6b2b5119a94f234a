using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Policy.Model;
using Renewal.Seed;
using Renewal.Services.Programme;
using Renewal.Testing;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Programme;

/// <summary>
/// The dashboard kept by adding and taking out enterprise shares on the change feed (ADR-027) equals the full
/// computation from scratch after every round of random edits — projects, investments, reports, equipment,
/// applications, decisions, an enterprise moving to another area — for the city and for an area, on both providers.
/// </summary>
public class IncrementalDashboardTests
{
    private static readonly DateOnly Today = new(2026, 8, 20);

    /// <summary>The random edits, each written through a context of its own, as another request or node would.</summary>
    internal static class Edits
    {
        private static readonly string[] Scopes = ["smart_factory_demo", "scenario_5g", "it_innovation"];

        public static string Apply(LibraryDbContext db, Random r, int round)
        {
            var enterprises = db.Enterprises.OrderBy(e => e.Id).Select(e => e.Id).ToList();
            var enterprise = enterprises[r.Next(enterprises.Count)];
            switch (r.Next(12))
            {
                case 0:
                {
                    // A completed project with a demonstration scope, sometimes with enough digital investment for T-3.
                    var digital = r.Next(2) == 0 ? 300_000_000m : 10_000_000m;
                    db.Projects.Add(new Project
                    {
                        EnterpriseId = enterprise, Code = $"R{round}-{r.Next(1_000_000)}", Name = "随机项目", Kind = ProjectKind.Renovation,
                        Status = ProjectStatus.Completed, StartedOn = new DateOnly(2024, 1, 1), CompletedOn = new DateOnly(2025, 6, 30),
                        DigitalScopes = [Scopes[r.Next(Scopes.Length)]], Tasks = [1 + r.Next(12), 1 + r.Next(12)],
                        Investments =
                        [
                            new ProjectInvestment { Year = 2024, Equipment = digital + 1_000.5m, Digital = digital },
                            new ProjectInvestment { Year = 2025, Equipment = digital + 0.25m, Digital = digital },
                        ],
                    });
                    return "project added";
                }
                case 1:
                {
                    // A project nothing else refers to (loans, applications and decisions keep theirs).
                    var free = db.Projects.Where(x => !db.Loans.Any(l => l.ProjectId == x.Id) && !db.Applications.Any(a => a.ProjectId == x.Id)
                        && !db.AwardDecisions.Any(d => d.ProjectId == x.Id));
                    var p = free.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, free.Count()))).FirstOrDefault();
                    if (p is null) return "none";
                    db.Projects.Remove(p);
                    return "project deleted";
                }
                case 2:
                {
                    var i = db.Investments.OrderBy(x => x.ProjectId).ThenBy(x => x.Year).Skip(r.Next(Math.Max(1, db.Investments.Count()))).FirstOrDefault();
                    if (i is null) return "none";
                    i.Equipment += r.Next(1, 1_000_000) / 100m;
                    return "investment edited";
                }
                case 3:
                {
                    var i = db.Investments.OrderBy(x => x.ProjectId).ThenBy(x => x.Year).Skip(r.Next(Math.Max(1, db.Investments.Count()))).FirstOrDefault();
                    if (i is null) return "none";
                    db.Investments.Remove(i);
                    return "investment deleted";
                }
                case 4:
                {
                    var p = db.Projects.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, db.Projects.Count()))).Select(x => x.Id).FirstOrDefault();
                    if (p == 0) return "none";
                    var last = db.ProgressReports.Where(x => x.ProjectId == p).OrderByDescending(x => x.ReportedOn).Select(x => (decimal?)x.CumulativeEquipment).FirstOrDefault() ?? 0m;
                    var on = new DateOnly(2024, 1, 1).AddDays(r.Next(1000));
                    db.ProgressReports.Add(new ProgressReport
                    {
                        ProjectId = p, Year = on.Year, Quarter = (on.Month + 2) / 3, ReportedOn = on, Status = ProjectStatus.InProgress,
                        CumulativeEquipment = last + r.Next(0, 5_000_000), CumulativeDigital = 0m,
                    });
                    return "report added";
                }
                case 5:
                {
                    var c = EquipmentCatalogue.Default;
                    var types = c.Types.ToList();
                    db.Equipment.Add(new EquipmentItem
                    {
                        EnterpriseId = enterprise, Code = $"RZ{round}-{r.Next(1_000_000)}", Type = types[r.Next(types.Count)].Id, Name = "随机设备",
                        Quantity = 1 + r.Next(5), CommissioningYear = 2000 + r.Next(26), EfficiencyGrade = r.Next(3) == 0 ? null : 1 + r.Next(5),
                        HazardousCatalogueItem = r.Next(4) == 0 ? "应急厅〔2020〕38号-第1项" : null,
                    });
                    return "equipment added";
                }
                case 6:
                {
                    var e = db.Equipment.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, db.Equipment.Count()))).FirstOrDefault();
                    if (e is null) return "none";
                    if (r.Next(2) == 0) db.Equipment.Remove(e);
                    else
                    {
                        e.EfficiencyGrade = e.EfficiencyGrade is null ? 3 : null;
                        e.Quantity += 1;
                        e.CommissioningYear -= 3;
                    }
                    return "equipment edited or deleted";
                }
                case 7:
                {
                    var e = db.Enterprises.Single(x => x.Id == enterprise);
                    var areas = db.Enterprises.Select(x => x.Area).Distinct().OrderBy(x => x).ToList();
                    e.Area = areas[r.Next(areas.Count)] == e.Area ? areas[(areas.IndexOf(e.Area) + 1) % areas.Count] : areas[r.Next(areas.Count)];
                    if (r.Next(2) == 0) e.IndustryCode = r.Next(2) == 0 ? "C3421" : "C3989";
                    return "enterprise moved";
                }
                case 8:
                {
                    var scheme = Scheme.TechRenovation; // per enterprise (A and B are per project)
                    var year = 2024 + r.Next(4);
                    if (db.Applications.Any(a => a.EnterpriseId == enterprise && a.Scheme == scheme && a.Year == year)) return "none";
                    var states = new[] { ApplicationState.Submitted, ApplicationState.BureauReview, ApplicationState.Approved, ApplicationState.Paid, ApplicationState.Rejected };
                    var now = DateTimeOffset.UtcNow;
                    var app = AwardApplication.Draft(scheme, year, enterprise, now).MovedTo(states[r.Next(states.Length)], now);
                    app.Number = $"SB{year}-R{round:D3}{r.Next(100_000):D5}";
                    app.Declared(1, r.Next(1, 100_000) + 0.5m, "", "");
                    if (app.State is ApplicationState.Approved or ApplicationState.Paid) app.Approved(r.Next(1, 100_000), null, "", "");
                    db.Applications.Add(app);
                    return "application added";
                }
                case 9:
                {
                    db.AwardDecisions.Add(new AwardDecision
                    {
                        Scheme = Scheme.EffectiveInvestment, Year = 2025, EnterpriseId = enterprise, Eligible = true, Amount = r.Next(1, 1_000_000) / 10m,
                        ParameterVersion = "test", Status = AwardStatus.Computed, DecidedAt = DateTimeOffset.UnixEpoch,
                    });
                    return "decision added";
                }
                case 10:
                {
                    var p = db.Projects.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, db.Projects.Count()))).Select(x => x.Id).FirstOrDefault();
                    if (p == 0) return "none";
                    var year = 2023 + r.Next(6);
                    if (db.Investments.Any(i => i.ProjectId == p && i.Year == year)) return "none";
                    db.Investments.Add(new ProjectInvestment { ProjectId = p, Year = year, Equipment = r.Next(0, 3) * 1_000m, Digital = 0m });
                    return "investment added";
                }
                default:
                {
                    var p = db.Projects.OrderBy(x => x.Id).Skip(r.Next(Math.Max(1, db.Projects.Count()))).FirstOrDefault();
                    if (p is null) return "none";
                    p.Tasks = [1 + r.Next(12)];
                    p.Status = p.Status == ProjectStatus.Completed ? ProjectStatus.InProgress : ProjectStatus.Completed;
                    p.CompletedOn = p.Status == ProjectStatus.Completed ? new DateOnly(2026, 3, 31) : null;
                    return "project edited";
                }
            }
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void AfterRandomEdits_TheKeptDashboard_EqualsTheFullComputation_ForTheCityAndAnArea(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        LibrarySeeder.Seed(db, new SeedOptions(60, 11, Today));
        LibraryDbContext Open() => LibraryStore.Create(options);
        var engine = PolicyEngine.Default;
        var area = db.Enterprises.GroupBy(e => e.Area).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).First();

        void Check(string what)
        {
            foreach (var view in new[] { null, area })
            {
                using var reader = Open();
                var kept = ProgrammeCache.Get(reader, engine, Today, view, Open);
                using var fresh = Open();
                var full = ProgrammeProgress.Compute(fresh, engine, Today, view);
                Assert.True(JsonSerializer.Serialize(full) == JsonSerializer.Serialize(kept), $"{provider}, {view ?? "全市"}, after {what}: the kept dashboard differs from the full computation");
            }
        }

        Check("the first build");
        Assert.True(ProgrammeCache.LastUpdate(db)!.Rebuilt || ProgrammeCache.LastUpdate(db)!.Enterprises == 0);
        var random = new Random(20_26);
        var incremental = 0;
        for (var round = 0; round < 40; round++)
        {
            var done = new List<string>();
            using (var writer = Open())
            {
                for (var k = 0; k < 1 + random.Next(3); k++)
                {
                    done.Add(Edits.Apply(writer, random, round));
                    writer.SaveChanges();
                }
            }
            using (var reader = Open())
            {
                ProgrammeCache.Get(reader, engine, Today, null, Open);
                var update = ProgrammeCache.LastUpdate(reader)!;
                Assert.False(update.Rebuilt, $"round {round} ({string.Join(", ", done)}) rebuilt everything instead of the changed enterprises");
                if (update.Enterprises > 0) incremental++;
            }
            Check($"round {round}: {string.Join(", ", done)}");
        }
        Assert.True(incremental > 30, $"only {incremental} rounds were applied as changes of enterprises");
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ABulkLoad_RebuildsEverything_AndTheFiguresFollow(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        LibrarySeeder.Seed(db, new SeedOptions(20, 3, Today));
        LibraryDbContext Open() => LibraryStore.Create(options);
        var before = ProgrammeCache.Get(db, PolicyEngine.Default, Today, null, Open);
        using (var writer = Open())
        using (var tx = writer.Database.BeginTransaction())
        {
            Renewal.Data.Changes.LibraryChanges.BeginBulk(writer);
            var p = writer.Projects.Where(x => !x.Investments.Any(i => i.Year == 2027)).OrderBy(x => x.Id).Select(x => x.Id).First();
            writer.Investments.Add(new ProjectInvestment { ProjectId = p, Year = 2027, Equipment = 12_345m, Digital = 0m });
            writer.SaveChanges();
            Renewal.Data.Changes.LibraryChanges.EndBulk(writer, null);
            tx.Commit();
        }
        var after = ProgrammeCache.Get(db, PolicyEngine.Default, Today, null, Open);
        Assert.True(ProgrammeCache.LastUpdate(db)!.Rebuilt);
        Assert.Equal(before.CumulativeEquipment + 12_345m, after.CumulativeEquipment);
        Assert.Equal(JsonSerializer.Serialize(ProgrammeProgress.Compute(db, PolicyEngine.Default, Today)), JsonSerializer.Serialize(after));
    }
}
