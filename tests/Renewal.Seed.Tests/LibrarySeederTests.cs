using Renewal.Services;
using Renewal.Data;
using Renewal.Testing;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Scenarios;
using Renewal.Seed;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed.Tests;

/// <summary>The demo-data seeder on SQLite and PostgreSQL: deterministic, valid, evaluable, refusing to overwrite.</summary>
public class LibrarySeederTests(SeededLibraries libraries) : IClassFixture<SeededLibraries>
{
    private static readonly DateOnly Today = SeededLibraries.Today;

    private LibraryDbContext Library(string provider, out SeedSummary summary)
    {
        var (options, s) = libraries.Get(provider);
        summary = s;
        return LibraryStore.Create(options);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Seed_SameOptions_GiveIdenticalData_OtherSeed_Differs(string provider)
    {
        List<string> first, second, other;
        using (var db = Library(provider, out _)) first = LibraryDump.Lines(db);
        using (var db = Databases.Open(provider, out _))
        {
            LibrarySeeder.Seed(db, SeededLibraries.Options);
            db.ChangeTracker.Clear();
            second = LibraryDump.Lines(db);
        }
        LibraryDump.AssertSame(first, second);
        Assert.True(first.Count > 10_000, $"only {first.Count} rows at N = 300");

        using (var db = Databases.Open(provider, out _))
        {
            LibrarySeeder.Seed(db, SeededLibraries.Options with { Seed = 7 });
            db.ChangeTracker.Clear();
            other = LibraryDump.Lines(db);
        }
        Assert.NotEqual(first.Where(l => l.StartsWith("enterprise|", StringComparison.Ordinal)), other.Where(l => l.StartsWith("enterprise|", StringComparison.Ordinal)));
    }

    [Fact]
    public void SqliteAndPostgres_HoldTheSameData()
    {
        using var sqlite = Library("sqlite", out _);
        using var postgres = Library("postgres", out _);
        LibraryDump.AssertSame(LibraryDump.Lines(sqlite), LibraryDump.Lines(postgres));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void PreparedInserts_WriteExactlyWhatSaveChangesWrites(string provider)
    {
        static List<string> Raw(LibraryDbContext db)
        {
            var lines = new List<string>();
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) connection.Open();
            foreach (var table in new[] { "enterprises", "projects", "project_investments", "loans", "repayments", "equipment_items", "progress_reports" })
            {
                using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant table names
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
#pragma warning restore CA2100
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var fields = Enumerable.Range(0, reader.FieldCount)
                        .Select(i => reader.IsDBNull(i) ? "∅" : reader.GetDataTypeName(i) + ":" + Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                    lines.Add(table + "|" + string.Join("|", fields));
                }
            }
            return lines;
        }

        // 60 enterprises: enough rows for the multi-row commands (PostgreSQL) and their remainders.
        var options = new SeedOptions(60, 11, Today);
        using var viaEf = Databases.Open(provider, out _);
        LibrarySeeder.Seed(viaEf, options, reset: false, preparedInserts: false);
        using var prepared = Databases.Open(provider, out _);
        LibrarySeeder.Seed(prepared, options, reset: false, preparedInserts: true);
        var expected = Raw(viaEf);
        Assert.True(expected.Count > 2_000);
        LibraryDump.AssertSame(expected, Raw(prepared));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void CreditCodes_AreValidAndUnique_NamesAndLoanCodesUnique(string provider)
    {
        using var db = Library(provider, out var summary);
        var enterprises = db.Enterprises.AsNoTracking().ToList();
        Assert.Equal(SeededLibraries.Enterprises, enterprises.Count);
        Assert.Equal(summary.Enterprises, enterprises.Count);
        foreach (var e in enterprises)
        {
            Assert.True(CreditCode.IsValid(e.CreditCode), $"{e.CreditCode}: {CreditCode.Problem(e.CreditCode)}");
            Assert.StartsWith("91320583", e.CreditCode, StringComparison.Ordinal);
        }
        Assert.Equal(enterprises.Count, enterprises.Select(e => e.CreditCode).Distinct().Count());
        Assert.Equal(enterprises.Count, enterprises.Select(e => e.Name).Distinct().Count());
        Assert.All(enterprises, e => Assert.Matches("^(昆山.+有限公司|.+（昆山）有限公司|江苏.+股份有限公司)$", e.Name));
        var loans = db.Loans.AsNoTracking().Select(l => l.Code).ToList();
        Assert.Equal(loans.Count, loans.Distinct().Count());
        Assert.All(db.Projects.AsNoTracking().Select(p => p.Code).ToList(), c => Assert.Matches("^XM202[4-7]-[0-9]{4,}$", c));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void EnterprisesAndProjects_AreConsistent(string provider)
    {
        using var db = Library(provider, out var summary);
        var enterprises = db.Enterprises.AsNoTracking().ToList();
        var projects = db.Projects.AsNoTracking().ToList();
        var investments = db.Investments.AsNoTracking().ToList().ToLookup(i => i.ProjectId);
        var parameters = PolicyEngine.Default.Parameters;
        var scopes = SeedProfiles.DigitalScopes.ToHashSet();
        var clusters = new HashSet<string> { "advanced_materials", "electronic_information", "equipment_manufacturing", "biomedicine" };

        Assert.All(enterprises, e =>
        {
            Assert.Contains(e.Area, Codes.DefaultAreas);
            Assert.True(IndustryCode.TryParse(e.IndustryCode, out _, out var problem), problem);
            Assert.False(string.IsNullOrEmpty(e.ContactName));
            Assert.Matches(@"^(1[3-9][0-9]{9}|0512-5[0-9]{7})$", e.ContactPhone!);
        });
        var byArea = enterprises.GroupBy(e => e.Area).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        Assert.Equal(["昆山开发区", "昆山高新区"], byArea.Take(2));
        Assert.True(byArea.Count >= 10, $"only {byArea.Count} areas");
        Assert.Contains(enterprises, e => !e.IndustryCode.StartsWith('C'));

        Assert.Equal(summary.Projects, projects.Count);
        Assert.All(projects.GroupBy(p => p.EnterpriseId), g => Assert.InRange(g.Count(), 1, 8));
        foreach (var p in projects)
        {
            var where = $"{p.Code} {p.Name}";
            Assert.EndsWith("项目", p.Name, StringComparison.Ordinal);
            Assert.NotEmpty(p.Tasks);
            Assert.All(p.Tasks, t => Assert.InRange(t, 1, 12));
            Assert.All(p.Clusters, c => Assert.Contains(c, clusters));
            Assert.All(p.DigitalScopes, s => Assert.Contains(s, scopes));
            switch (p.Status)
            {
                case ProjectStatus.Completed:
                    Assert.True(p.CompletedOn is not null && p.StartedOn is not null && p.StartedOn < p.CompletedOn && p.CompletedOn <= Today, where);
                    break;
                case ProjectStatus.InProgress:
                    Assert.True(p.StartedOn <= Today && p.CompletedOn is null, where);
                    break;
                default:
                    Assert.True(p.StartedOn is null && p.CompletedOn is null, where);
                    break;
            }
            if (p.FinancingNeed is { } need) Assert.True(need > 0 && TwoDecimals(need), where);
            var years = investments[p.Id].ToList();
            Assert.NotEmpty(years);
            foreach (var i in years)
            {
                Assert.InRange(i.Year, 2024, 2027);
                Assert.True(i.Equipment > 0 && i.Digital >= 0 && i.Digital <= i.Equipment, $"{where} {i.Year}: {i.Digital} > {i.Equipment}");
                Assert.True(TwoDecimals(i.Equipment) && TwoDecimals(i.Digital), $"{where} {i.Year}");
                if (p.StartedOn is { } s) Assert.True(i.Year >= s.Year, where);
                if (p.CompletedOn is { } c) Assert.True(i.Year <= c.Year, where);
                if (p.Status == ProjectStatus.Planned) Assert.True(i.Year >= Today.Year, $"{where}: a plan for a past year");
            }
        }
        var withNeed = projects.Count(p => p.FinancingNeed is not null) * 100 / projects.Count;
        Assert.InRange(withNeed, 20, 40);
        Assert.Contains(projects, p => p.SafetyRenovation);
        Assert.Contains(projects, p => p.Tasks.Contains(11));
        foreach (var task in new[] { 1, 2, 3, 5, 7, 8, 9, 10, 12 }) Assert.Contains(projects, p => p.Tasks.Contains(task));
        Assert.Contains(projects, p => p.Status == ProjectStatus.Planned);
        Assert.Contains(projects, p => p.Status == ProjectStatus.InProgress);
        Assert.Contains(projects, p => p.Status == ProjectStatus.Completed && p.CompletedOn!.Value.Year == 2024);

        // A-1 and A-2 hold exactly for the planned demonstration projects.
        var demonstration = projects.Where(p => p.DigitalScopes.Count > 0 && investments[p.Id].Sum(i => i.Digital) >= 500_000_000m).ToList();
        Assert.Equal(summary.DemonstrationProjects, demonstration.Count);
        Assert.InRange(demonstration.Count, 1, 5);
        Assert.Contains(demonstration, p => p.Status == ProjectStatus.Completed && p.CompletedOn!.Value.Year == 2025);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void LoansAndRepayments_AreConsistent(string provider)
    {
        using var db = Library(provider, out var summary);
        var projects = db.Projects.AsNoTracking().ToDictionary(p => p.Id);
        var loans = db.Loans.AsNoTracking().Include(l => l.Repayments).ToList();
        var lpr = PolicyEngine.Default.Lpr;
        Assert.Equal(summary.Loans, loans.Count);
        Assert.Equal(summary.Repayments, loans.Sum(l => l.Repayments.Count));
        Assert.InRange(loans.Select(l => l.ProjectId).Distinct().Count() * 100 / projects.Count, 15, 35);

        var withinSpread = 0;
        foreach (var l in loans)
        {
            var project = projects[l.ProjectId];
            Assert.Equal(project.EnterpriseId, l.EnterpriseId);
            Assert.NotEqual(ProjectStatus.Planned, project.Status);
            Assert.True(l.IssuedOn < l.MaturesOn && l.IssuedOn <= Today, l.Code);
            Assert.InRange(l.IssuedOn.Year, 2024, 2026);
            Assert.Contains(Enumerable.Range(1, 6), years => l.IssuedOn.AddYears(years) == l.MaturesOn);
            Assert.True(l.Rate is > 0 and < 0.24m, l.Code);
            Assert.True(l.Principal > 0 && l.EquipmentAmount > 0 && l.EquipmentAmount <= l.Principal, l.Code);
            Assert.True(TwoDecimals(l.Principal) && TwoDecimals(l.EquipmentAmount), l.Code);
            Assert.False(string.IsNullOrEmpty(l.Bank));
            var row = lpr.InForceOn(l.IssuedOn)!;
            var basis = l.MaturesOn <= l.IssuedOn.AddMonths(60) ? row.OneYear.Fraction : row.FiveYearPlus.Fraction;
            if (l.Rate <= basis + 0.005m) withinSpread++;

            Assert.InRange(l.Repayments.Count, 0, 12);
            Assert.All(l.Repayments, r =>
            {
                Assert.True(r.Date > l.IssuedOn && r.Date < l.MaturesOn, $"{l.Code} repayment {r.Date}");
                Assert.True(r.Amount > 0 && TwoDecimals(r.Amount), l.Code);
            });
            Assert.True(l.Repayments.Sum(r => r.Amount) <= l.Principal, l.Code);
        }
        // Mostly within LPR + 50bp (D-E4), some above.
        Assert.InRange(withinSpread * 100 / loans.Count, 75, 95);
        Assert.Contains(loans, l => l.Approvals is null);
        Assert.Contains(loans, l => l.ViaSuzhouPlatform);
        Assert.Contains(loans, l => l.Repayments.Count == 0);
        Assert.Contains(loans, l => l.Repayments.Count >= 6);
        Assert.Equal(4, loans.Select(l => l.Category).Distinct().Count());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Inventory_UsesTheCatalogue(string provider)
    {
        using var db = Library(provider, out var summary);
        var catalogue = EquipmentCatalogue.Default;
        var items = db.Equipment.AsNoTracking().ToList();
        var industryOf = db.Enterprises.AsNoTracking().ToDictionary(e => e.Id, e => catalogue.IndustryOf(e.IndustryCode));
        Assert.Equal(summary.EquipmentItems, items.Count);
        Assert.All(items.GroupBy(i => i.EnterpriseId), g => Assert.InRange(g.Count(), 5, 40));
        foreach (var item in items)
        {
            var type = catalogue.Type(item.Type);
            Assert.True(item.Quantity >= 1 && item.CommissioningYear <= SeedGenerator.InventoryYear && item.CommissioningYear >= SeedGenerator.InventoryYear - 28, item.Code);
            if (item.EfficiencyGrade is { } grade) Assert.InRange(grade, 1, type.Grades ?? 0);
            if (item.DesignLifeYears is { } life) Assert.Equal(type.DesignLifeYears, life);
            if (item.HazardousCatalogueItem is { } h)
            {
                Assert.Matches(@"^应急厅(函)?〔20(20|24)〕(38|86)号-第[0-9]+项$", h);
                Assert.True(industryOf[item.EnterpriseId]!.HazardousChemicals, h);
            }
        }
        var keyEnergy = items.Where(i => catalogue.Type(i.Type).KeyEnergy && i.EfficiencyGrade is not null).ToList();
        Assert.NotEmpty(keyEnergy);
        Assert.Contains(keyEnergy, i => i.EfficiencyGrade > catalogue.EnergySavingGrade);     // R-2
        Assert.Contains(keyEnergy, i => i.EfficiencyGrade <= catalogue.EnergySavingGrade);
        Assert.Contains(items, i => catalogue.Type(i.Type).MachineTool && Today.Year - i.CommissioningYear > catalogue.MachineToolMaxServiceYears); // R-1
        Assert.Contains(items, i => i.HazardousCatalogueItem is not null);                     // R-3, T-5
        Assert.Contains(items, i => Today.Year - i.CommissioningYear > catalogue.Type(i.Type).DesignLifeYears); // R-4
        foreach (var category in new[] { "boiler_kiln", "motor", "transformer", "refrigeration_heating_compressor", "heat_exchanger", "pump" })
            Assert.Contains(items, i => catalogue.Type(i.Type).Category == category);
        Assert.Contains(items, i => i.Type is "rotor_spinning_frame" or "ring_spinning_frame" or "automatic_winder");
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ProgressReports_FollowTheYearlyInvestment(string provider)
    {
        using var db = Library(provider, out var summary);
        var projects = db.Projects.AsNoTracking().ToList();
        var investments = db.Investments.AsNoTracking().ToList().ToLookup(i => i.ProjectId);
        var reports = db.ProgressReports.AsNoTracking().ToList().ToLookup(r => r.ProjectId);
        Assert.Equal(summary.ProgressReports, reports.Sum(g => g.Count()));
        foreach (var p in projects)
        {
            var list = reports[p.Id].OrderBy(r => r.ReportedOn).ToList();
            var total = investments[p.Id].Sum(i => i.Equipment);
            var totalDigital = investments[p.Id].Sum(i => i.Digital);
            if (p.Status == ProjectStatus.Planned) { Assert.Empty(list); continue; }
            var quarter = (p.StartedOn!.Value.Year * 4) + ((p.StartedOn.Value.Month - 1) / 3);
            decimal previous = 0;
            foreach (var r in list)
            {
                var where = $"{p.Code} {r.Year}Q{r.Quarter}";
                Assert.Equal(quarter++, (r.Year * 4) + r.Quarter - 1);
                var quarterEnd = new DateOnly(r.Year, r.Quarter * 3, 1).AddMonths(1).AddDays(-1);
                Assert.InRange(r.ReportedOn.DayNumber - quarterEnd.DayNumber, 5, 15);
                Assert.True(r.ReportedOn <= Today, where);
                Assert.True(r.CumulativeEquipment >= previous && r.CumulativeEquipment <= total, where);
                Assert.True(r.CumulativeDigital <= r.CumulativeEquipment && r.CumulativeDigital <= totalDigital, where);
                Assert.True(TwoDecimals(r.CumulativeEquipment) && TwoDecimals(r.CumulativeDigital), where);
                previous = r.CumulativeEquipment;
                if (r.Status == ProjectStatus.Completed)
                {
                    Assert.Same(list[^1], r);
                    Assert.Equal(ProjectStatus.Completed, p.Status);
                    Assert.Equal(total, r.CumulativeEquipment);
                    Assert.Equal(totalDigital, r.CumulativeDigital);
                }
            }
            // Every quarter up to the last one filed by today is there.
            var last = list.Count == 0 ? null : list[^1];
            if (last is null || last.Status != ProjectStatus.Completed)
            {
                var next = last is null ? p.StartedOn.Value : new DateOnly(last.Year, last.Quarter * 3, 1).AddMonths(1);
                var nextEnd = new DateOnly(next.Year, ((next.Month - 1) / 3 * 3) + 3, 1).AddMonths(1).AddDays(-1);
                Assert.True(nextEnd.AddDays(5) > Today, $"{p.Code}: report for the quarter ending {nextEnd} missing");
            }
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Library_Evaluates2025_WithAwardsOfEveryScheme(string provider)
    {
        using var db = Library(provider, out _);
        var scenario = LibraryScenario.Build(db, 2025);

        // The scenario reader's validation accepts the seeded library (ids, codes, amounts, dates, references).
        var engine = PolicyEngine.Default;
        var yaml = ScenarioWriter.ToYaml([scenario]);
        var reread = new ScenarioReader(engine.Parameters).Read(yaml, "seeded.yaml");
        Assert.Equal(scenario.Projects.Length, reread.Single().Projects.Length);

        var result = engine.Evaluate(scenario);
        foreach (var scheme in Enum.GetValues<Scheme>())
            Assert.Contains(result.Awards, a => a.Scheme == scheme && a.Amount.Yuan > 0);
        var totals = result.Totals;
        Assert.Equal(new Policy.Money(30_000_000m * result.Awards.Count(a => a.Scheme == Scheme.Demonstration && a.Amount.Yuan > 0)), totals.Demonstration);

        // The library as it was at the end of 2025 (from the progress reports) evaluates too.
        var asOf = engine.Evaluate(LibraryScenario.Build(db, 2025, new DateOnly(2025, 12, 31)));
        Assert.NotEmpty(asOf.Awards);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Seed_RefusesANonEmptyLibrary_UnlessReset(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var first = LibrarySeeder.Seed(db, new SeedOptions(8, 1, Today));
        db.AwardDecisions.Add(new AwardDecision
        {
            Scheme = Scheme.TechRenovation, Year = 2025, EnterpriseId = 1, Amount = 1m, ParameterVersion = "x", Status = AwardStatus.Paid,
        });
        db.SaveChanges();
        db.ChangeTracker.Clear();
        var before = LibraryDump.Lines(db);

        var refused = Assert.Throws<LibraryNotEmptyException>(() => LibrarySeeder.Seed(db, new SeedOptions(5, 2, Today)));
        Assert.Equal(8, refused.ExistingEnterprises);
        Assert.Contains("--reset", refused.Message, StringComparison.Ordinal);
        using (var again = LibraryStore.Create(options))
        {
            LibraryDump.AssertSame(before, LibraryDump.Lines(again));
            Assert.Equal(1, again.AwardDecisions.Count());
        }

        var replaced = LibrarySeeder.Seed(db, new SeedOptions(5, 2, Today), reset: true);
        Assert.Equal(first.Enterprises, replaced.Cleared);
        using (var again = LibraryStore.Create(options))
        {
            Assert.Equal(5, again.Enterprises.Count());
            Assert.Equal(0, again.AwardDecisions.Count());
            Assert.Equal(replaced.Projects, again.Projects.Count());

            // Keys the database generates afterwards do not collide with the seeded ones (PostgreSQL identity sequences).
            var e = new Renewal.Data.Entities.Enterprise { CreditCode = "91350100M000100Y43", Name = "新增企业", Area = "周市镇", IndustryCode = "C3421" };
            again.Enterprises.Add(e);
            again.SaveChanges();
            Assert.True(e.Id > 5);
            again.Projects.Add(new Renewal.Data.Entities.Project { EnterpriseId = e.Id, Code = "P1", Name = "新增项目", Kind = ProjectKind.New, Status = ProjectStatus.Planned });
            again.Equipment.Add(new EquipmentItem { EnterpriseId = e.Id, Code = "Q1", Type = "motor", Name = "电动机", CommissioningYear = 2020 });
            again.SaveChanges();
        }
    }

    [Fact]
    public void Totals_ScaleWithTheLibrary_AndMeetThePlansOrderOfMagnitude()
    {
        // Generation only (no database): N = 2,000 gives about 100亿 of equipment per year (T-2) and 10–20
        // demonstration projects (A-1, A-2), and the totals grow linearly with N.
        static SeedGenerator Generate(int n)
        {
            var g = new SeedGenerator(new SeedOptions(n, 2024, Today), EquipmentCatalogue.Default, PolicyEngine.Default.Lpr);
            var batch = new SeedBatch();
            for (var i = 0; i < n; i++)
            {
                g.Enterprise(i, batch);
                batch.Clear();
            }
            return g;
        }

        var g2000 = Generate(2000);
        foreach (var (year, total) in g2000.EquipmentByYear)
            Assert.True(total is > 5_000_000_000m and < 20_000_000_000m, $"{year}: {total:N0}");
        Assert.InRange(g2000.Demonstrations, 10, 20);
        Assert.InRange(g2000.Projects, 8_000, 10_000);

        var g4000 = Generate(4000);
        var ratio = g4000.EquipmentByYear.Values.Sum() / g2000.EquipmentByYear.Values.Sum();
        Assert.InRange(ratio, 1.7m, 2.3m);
        Assert.InRange(g4000.Demonstrations, 2 * g2000.Demonstrations - 1, 2 * g2000.Demonstrations + 1);
    }

    [Fact]
    public void ALaterToday_AddsProgress_AndChangesNothingDrawnBefore()
    {
        static SeedBatch Generate(DateOnly today)
        {
            var g = new SeedGenerator(new SeedOptions(150, 5, today), EquipmentCatalogue.Default, PolicyEngine.Default.Lpr);
            var batch = new SeedBatch();
            for (var i = 0; i < 150; i++) g.Enterprise(i, batch);
            return batch;
        }

        var early = Generate(new DateOnly(2025, 9, 30));
        var late = Generate(Today);
        Assert.Equal(early.Enterprises.Select(e => (e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode, e.AboveScale, e.ContactName, e.ContactPhone)),
            late.Enterprises.Select(e => (e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode, e.AboveScale, e.ContactName, e.ContactPhone)));
        Assert.Equal(early.Equipment.Select(q => (q.Id, q.Code, q.Type, q.Name, q.Quantity, q.CommissioningYear, q.EfficiencyGrade, q.HazardousCatalogueItem)),
            late.Equipment.Select(q => (q.Id, q.Code, q.Type, q.Name, q.Quantity, q.CommissioningYear, q.EfficiencyGrade, q.HazardousCatalogueItem)));
        Assert.Equal(early.Investments.Select(i => (i.ProjectId, i.Year, i.Equipment, i.Digital)), late.Investments.Select(i => (i.ProjectId, i.Year, i.Equipment, i.Digital)));
        Assert.Equal(early.Projects.Count, late.Projects.Count);
        for (var k = 0; k < early.Projects.Count; k++)
        {
            var (a, b) = (early.Projects[k], late.Projects[k]);
            Assert.Equal((a.Code, a.Name, a.Kind, string.Join(",", a.Tasks), string.Join(",", a.Clusters), string.Join(",", a.DigitalScopes), a.SafetyRenovation, a.FinancingNeed),
                (b.Code, b.Name, b.Kind, string.Join(",", b.Tasks), string.Join(",", b.Clusters), string.Join(",", b.DigitalScopes), b.SafetyRenovation, b.FinancingNeed));
            Assert.True(b.Status >= a.Status, a.Code);
            if (a.StartedOn is not null) Assert.Equal(a.StartedOn, b.StartedOn);
            if (a.CompletedOn is not null) Assert.Equal(a.CompletedOn, b.CompletedOn);
        }

        // Loans issued by the earlier date are all there, unchanged; later ones are added.
        var lateLoans = late.Loans.ToDictionary(l => l.Code);
        Assert.True(late.Loans.Count > early.Loans.Count);
        foreach (var l in early.Loans)
        {
            var m = lateLoans[l.Code];
            Assert.Equal((l.ProjectId, l.Bank, l.Category, l.Principal, l.Rate, l.IssuedOn, l.MaturesOn, l.EquipmentAmount, l.ViaSuzhouPlatform),
                (m.ProjectId, m.Bank, m.Category, m.Principal, m.Rate, m.IssuedOn, m.MaturesOn, m.EquipmentAmount, m.ViaSuzhouPlatform));
            Assert.Equal(early.Repayments.Where(r => r.LoanId == l.Id).Select(r => (r.Date, r.Amount)), late.Repayments.Where(r => r.LoanId == m.Id).Select(r => (r.Date, r.Amount)));
        }

        // Each project's earlier reports are the first of its later ones.
        var lateReports = late.Reports.ToLookup(r => r.ProjectId);
        foreach (var g in early.Reports.GroupBy(r => r.ProjectId))
        {
            var expected = g.Select(r => (r.Year, r.Quarter, r.ReportedOn, r.Status, r.CumulativeEquipment, r.CumulativeDigital, r.Note)).ToList();
            Assert.Equal(expected, lateReports[g.Key].Take(expected.Count).Select(r => (r.Year, r.Quarter, r.ReportedOn, r.Status, r.CumulativeEquipment, r.CumulativeDigital, r.Note)));
        }
        Assert.True(late.Reports.Count > early.Reports.Count);
    }

    private static bool TwoDecimals(decimal d) => decimal.Round(d, 2) == d;
}
