using Renewal.Data;
using Renewal.Testing;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Programme;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Seed;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Tests.Programme;

/// <summary>One seeded library per provider, read by the dashboard tests.</summary>
public sealed class ProgrammeLibraries
{
    public const int Enterprises = 240;
    public const int Seed = 8;
    public static readonly DateOnly Today = new(2026, 8, 20);

    private readonly ConcurrentDictionary<string, Lazy<LibraryDatabaseOptions>> _libraries = new();

    public LibraryDbContext Open(string provider) => LibraryStore.Create(Options(provider));

    public LibraryDatabaseOptions Options(string provider) => _libraries.GetOrAdd(provider, p => new(() =>
    {
        using var db = Databases.Open(p, out var options);
        LibrarySeeder.Seed(db, new SeedOptions(Enterprises, Seed, Today));
        return options;
    })).Value;
}

/// <summary>
/// Every figure of the programme dashboard equals an independent sum over the library: the expected values are
/// computed here with plain LINQ over the loaded entities (not the SQL of <see cref="ProgrammeProgress"/>), on SQLite
/// and PostgreSQL, for the whole city and for one area.
/// </summary>
public class ProgrammeProgressTests(ProgrammeLibraries libraries) : IClassFixture<ProgrammeLibraries>
{
    private static readonly DateOnly Today = ProgrammeLibraries.Today;
    private static readonly int[] Years = [2024, 2025, 2026, 2027];

    /// <summary>POLICY.md A-1 (scopes) and A-2 (5亿), written out here rather than read from the engine's parameters.</summary>
    private static readonly HashSet<string> DemonstrationScopes =
    [
        "smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "service_transformation",
        "industrial_internet_infrastructure", "it_innovation", "data_productization", "new_it_renovation",
    ];

    private const decimal DemonstrationThreshold = 500_000_000m;

    /// <summary>The library in memory, as plain lists.</summary>
    private sealed record Loaded(List<Enterprise> Enterprises, List<Project> Projects, List<ProjectInvestment> Investments,
        List<ProgressReport> Reports, List<EquipmentItem> Equipment)
    {
        public static Loaded From(LibraryDbContext db) => new(
            [.. db.Enterprises.AsNoTracking()], [.. db.Projects.AsNoTracking()], [.. db.Investments.AsNoTracking()],
            [.. db.ProgressReports.AsNoTracking()], [.. db.Equipment.AsNoTracking()]);

        public Loaded In(string? area)
        {
            if (area is null) return this;
            var ents = Enterprises.Where(e => e.Area == area).ToList();
            var eids = ents.Select(e => e.Id).ToHashSet();
            var projects = Projects.Where(p => eids.Contains(p.EnterpriseId)).ToList();
            var pids = projects.Select(p => p.Id).ToHashSet();
            return new(ents, projects, [.. Investments.Where(i => pids.Contains(i.ProjectId))], [.. Reports.Where(r => pids.Contains(r.ProjectId))],
                [.. Equipment.Where(e => eids.Contains(e.EnterpriseId))]);
        }
    }

    public static TheoryData<string, bool> Cases => new() { { "sqlite", false }, { "sqlite", true }, { "postgres", false }, { "postgres", true } };

    private static string? AreaOf(LibraryDbContext db, bool restricted) =>
        restricted ? db.Enterprises.AsNoTracking().GroupBy(e => e.Area).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).First() : null;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Investment_T1_T2_ByArea_ByDivision_ByTask_EqualIndependentSums(string provider, bool restricted)
    {
        using var db = libraries.Open(provider);
        var area = AreaOf(db, restricted);
        var lib = Loaded.From(db).In(area);
        var r = ProgrammeProgress.Compute(db, PolicyEngine.Default, Today, area);

        var inProgramme = lib.Investments.Where(i => Years.Contains(i.Year)).ToList();
        Assert.True(inProgramme.Count > 50, "the seeded library should have investments to sum");
        Assert.Equal(inProgramme.Sum(i => i.Equipment), r.CumulativeEquipment);
        Assert.Equal(Years, r.EquipmentByYear.Select(y => y.Year));
        foreach (var y in Years) Assert.Equal(inProgramme.Where(i => i.Year == y).Sum(i => i.Equipment), r.EquipmentByYear.Single(f => f.Year == y).Equipment);

        var enterpriseOf = lib.Projects.ToDictionary(p => p.Id, p => lib.Enterprises.Single(e => e.Id == p.EnterpriseId));
        var expectedAreas = inProgramme.GroupBy(i => enterpriseOf[i.ProjectId].Area).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expectedAreas.Keys.Order(StringComparer.Ordinal), r.ByArea.Select(a => a.Area).Order(StringComparer.Ordinal));
        if (area is not null) Assert.Equal(area, Assert.Single(r.ByArea).Area);
        foreach (var a in r.ByArea)
        {
            foreach (var y in Years) Assert.Equal(expectedAreas[a.Area].Where(i => i.Year == y).Sum(i => i.Equipment), a.EquipmentByYear[y]);
            Assert.Equal(expectedAreas[a.Area].Select(i => i.ProjectId).Distinct().Count(), a.Projects);
        }

        var expectedDivisions = inProgramme.GroupBy(i => enterpriseOf[i.ProjectId].IndustryCode[..3]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expectedDivisions.Count, r.ByDivision.Count);
        foreach (var d in r.ByDivision)
        {
            Assert.Equal(expectedDivisions[d.Division].Sum(i => i.Equipment), d.Equipment);
            Assert.Equal(expectedDivisions[d.Division].Select(i => i.ProjectId).Distinct().Count(), d.Projects);
            Assert.DoesNotContain("未知", d.Name, StringComparison.Ordinal);
        }
        Assert.Equal(r.CumulativeEquipment, r.ByDivision.Sum(d => d.Equipment));

        var tasksOf = lib.Projects.ToDictionary(p => p.Id, p => p.Tasks);
        Assert.Equal(Enumerable.Range(1, 12), r.ByTask.Select(t => t.Task));
        foreach (var t in r.ByTask)
        {
            var rows = inProgramme.Where(i => tasksOf[i.ProjectId].Contains(t.Task)).ToList();
            Assert.Equal(rows.Sum(i => i.Equipment), t.Equipment);
            Assert.Equal(rows.Select(i => i.ProjectId).Distinct().Count(), t.Projects);
        }
        Assert.Contains(r.ByTask, t => t.Equipment > 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MonthEndTrend_IsTheLatestReportOnOrBeforeEachMonthEnd_SummedOverProjects(string provider, bool restricted)
    {
        using var db = libraries.Open(provider);
        var area = AreaOf(db, restricted);
        var lib = Loaded.From(db).In(area);
        var r = ProgrammeProgress.Compute(db, PolicyEngine.Default, Today, area);

        // January 2024 to the month of "today" (August 2026): 32 month ends.
        Assert.Equal(32, r.Trend.Count);
        Assert.Equal(new DateOnly(2024, 1, 31), r.Trend[0].MonthEnd);
        Assert.Equal(new DateOnly(2026, 8, 31), r.Trend[^1].MonthEnd);
        var byProject = lib.Reports.GroupBy(x => x.ProjectId).ToList();
        foreach (var point in r.Trend)
        {
            var expected = byProject.Sum(g => g.Where(x => x.ReportedOn <= point.MonthEnd).OrderBy(x => x.ReportedOn).ThenBy(x => x.Id)
                .Select(x => x.CumulativeEquipment).LastOrDefault());
            Assert.Equal(expected, point.CumulativeEquipment);
        }
        Assert.True(r.Trend[^1].CumulativeEquipment > 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void T3_T4_T5_EqualIndependentCounts(string provider, bool restricted)
    {
        using var db = libraries.Open(provider);
        var area = AreaOf(db, restricted);
        var lib = Loaded.From(db).In(area);
        var r = ProgrammeProgress.Compute(db, PolicyEngine.Default, Today, area);

        var digitalOf = lib.Investments.ToLookup(i => i.ProjectId);
        var demonstrations = lib.Projects
            .Where(p => p.Status == ProjectStatus.Completed && p.CompletedOn is { Year: >= 2024 and <= 2027 } c
                && p.DigitalScopes.Any(DemonstrationScopes.Contains)
                && digitalOf[p.Id].Where(i => i.Year <= c.Year).Sum(i => i.Digital) >= DemonstrationThreshold)
            .Select(p => p.Id).Order().ToList();
        Assert.Equal(demonstrations, r.Demonstrations.Select(d => d.ProjectId).Order());

        var catalogue = EquipmentCatalogue.Default;
        var key = catalogue.Types.Where(t => t.KeyEnergy).Select(t => t.Id).ToHashSet();
        var keyItems = lib.Equipment.Where(e => key.Contains(e.Type)).ToList();
        Assert.Equal(keyItems.Sum(e => (long)e.Quantity), r.KeyEnergy.Total);
        Assert.Equal(keyItems.Where(e => e.EfficiencyGrade <= catalogue.EnergySavingGrade).Sum(e => (long)e.Quantity), r.KeyEnergy.AtSavingLevel);
        Assert.Equal(keyItems.Where(e => e.EfficiencyGrade is null).Sum(e => (long)e.Quantity), r.KeyEnergy.Unrated);
        Assert.True(r.KeyEnergy.Total > 0);
        Assert.Equal(lib.Equipment.Where(e => e.HazardousCatalogueItem != null).Sum(e => (long)e.Quantity), r.HazardousRemaining);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void HandMadeLibrary_GradeBoundary_Hazardous_Demonstrations_Schemes_AndAreaRestriction(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var catalogue = EquipmentCatalogue.Default;
        var keyType = catalogue.Types.First(t => t.KeyEnergy).Id;
        var otherType = catalogue.Types.First(t => !t.KeyEnergy).Id;
        var line = catalogue.EnergySavingGrade;
        var a = new Enterprise { CreditCode = "91320583MA1XXXXX01", Name = "甲", Area = "玉山镇", IndustryCode = "C3421" };
        var b = new Enterprise { CreditCode = "91320583MA1XXXXX02", Name = "乙", Area = "周市镇", IndustryCode = "C3989" };
        db.Enterprises.AddRange(a, b);
        db.SaveChanges();
        var n = 0;
        EquipmentItem Item(Enterprise e, string type, int qty, int? grade, string? hazardous = null) =>
            new() { EnterpriseId = e.Id, Code = $"ZC{++n:D3}", Type = type, Name = type, Quantity = qty, CommissioningYear = 2015, EfficiencyGrade = grade, HazardousCatalogueItem = hazardous };
        db.Equipment.AddRange(
            Item(a, keyType, 3, line),            // at the line: counts as energy-saving
            Item(a, keyType, 2, line + 1),        // one grade worse: does not
            Item(a, keyType, 4, null),            // unrated: in the total, never energy-saving
            Item(a, keyType, 1, 1),               // best grade
            Item(a, otherType, 50, 1),            // not key energy-using: not counted at all
            Item(a, otherType, 2, null, "应急厅〔2020〕38号-第2项"),
            Item(b, keyType, 7, line + 2),
            Item(b, otherType, 1, null, "应急厅函〔2024〕86号-第1项"));

        // Demonstration candidates: only the first passes A-1..A-3 (scope, ≥ 5亿 digital by the completion year, completed 2024–2027).
        Project P(Enterprise e, string code, ProjectStatus status, DateOnly? completed, string[] scopes, params (int Year, decimal Digital)[] inv) => new()
        {
            EnterpriseId = e.Id, Code = code, Name = code, Kind = ProjectKind.Renovation, Status = status, CompletedOn = completed,
            StartedOn = new DateOnly(2023, 1, 1), DigitalScopes = [.. scopes], Tasks = [4],
            Investments = [.. inv.Select(i => new ProjectInvestment { Year = i.Year, Equipment = i.Digital + 1_000_000m, Digital = i.Digital })],
        };
        db.Projects.AddRange(
            P(a, "A-OK", ProjectStatus.Completed, new DateOnly(2025, 6, 30), ["smart_factory_demo"], (2024, 300_000_000m), (2025, 200_000_000m)),
            P(a, "A-SHORT", ProjectStatus.Completed, new DateOnly(2025, 6, 30), ["scenario_5g"], (2024, 300_000_000m), (2025, 199_999_999.99m)),
            P(a, "A-LATE", ProjectStatus.Completed, new DateOnly(2024, 6, 30), ["scenario_5g"], (2024, 300_000_000m), (2025, 300_000_000m)),
            P(a, "A-NOSCOPE", ProjectStatus.Completed, new DateOnly(2025, 6, 30), [], (2025, 600_000_000m)),
            P(b, "B-RUNNING", ProjectStatus.InProgress, null, ["it_innovation"], (2025, 600_000_000m)),
            P(b, "B-2023", ProjectStatus.Completed, new DateOnly(2023, 12, 31), ["it_innovation"], (2023, 600_000_000m)));
        db.SaveChanges();

        var now = DateTimeOffset.UtcNow;
        var k = 0;
        // One live application per scheme, year and subject (the database's unique index): an enterprise's C
        // applications are of different years.
        AwardApplication App(Enterprise e, Scheme s, int year, ApplicationState state, decimal? submitted, decimal? approved)
        {
            var app = AwardApplication.Draft(s, year, e.Id, now).MovedTo(state, now);
            app.Number = $"SB{year}-{++k:D6}";
            if (submitted is { } declared) app.Declared(1, declared, "", "");
            if (approved is { } amount) app.Approved(amount, null, "", "");
            return app;
        }
        db.Applications.AddRange(
            App(a, Scheme.TechRenovation, 2024, ApplicationState.Approved, 100m, 120.5m),
            App(a, Scheme.TechRenovation, 2025, ApplicationState.Paid, 200m, 210m),
            App(a, Scheme.TechRenovation, 2026, ApplicationState.BureauReview, 330m, null),
            App(a, Scheme.TechRenovation, 2026, ApplicationState.Rejected, 999m, null),
            App(b, Scheme.TechRenovation, 2025, ApplicationState.Paid, 5m, 7m));
        db.SaveChanges();

        var city = ProgrammeProgress.Compute(db, PolicyEngine.Default, new DateOnly(2026, 1, 15), null);
        Assert.Equal(3 + 2 + 4 + 1 + 7, city.KeyEnergy.Total);
        Assert.Equal(3 + 1, city.KeyEnergy.AtSavingLevel);
        Assert.Equal(4, city.KeyEnergy.Unrated);
        Assert.Equal(2 + 7, city.KeyEnergy.BelowSavingLevel);
        Assert.Equal(4m / 17m, city.KeyEnergy.Share);
        Assert.Equal(3, city.HazardousRemaining);
        Assert.Equal(["A-OK"], city.Demonstrations.Select(d => d.Code));
        var c = city.ByScheme.Single(s => s.Scheme == Scheme.TechRenovation);
        Assert.Equal(120.5m + 210m + 7m, c.Approved);
        Assert.Equal(210m + 7m, c.Paid);
        Assert.Equal(330m, c.UnderReview);
        Assert.All(city.ByScheme.Where(s => s.Scheme != Scheme.TechRenovation), s => Assert.Equal(0m, s.Approved + s.Paid + s.UnderReview));

        var yushan = ProgrammeProgress.Compute(db, PolicyEngine.Default, new DateOnly(2026, 1, 15), "玉山镇");
        Assert.Equal(10, yushan.KeyEnergy.Total);
        Assert.Equal(2, yushan.HazardousRemaining);
        Assert.Equal(["A-OK"], yushan.Demonstrations.Select(d => d.Code));
        Assert.Equal(120.5m + 210m, yushan.ByScheme.Single(s => s.Scheme == Scheme.TechRenovation).Approved);
        Assert.Equal("玉山镇", Assert.Single(yushan.ByArea).Area);
        Assert.Equal("C34", Assert.Single(yushan.ByDivision).Division);
        Assert.Equal("通用设备制造业", Assert.Single(yushan.ByDivision).Name);

        var zhoushi = ProgrammeProgress.Compute(db, PolicyEngine.Default, new DateOnly(2026, 1, 15), "周市镇");
        Assert.Empty(zhoushi.Demonstrations);
        Assert.Equal(0m, zhoushi.KeyEnergy.Share);
        Assert.Equal(1, zhoushi.HazardousRemaining);
        // 2023 is outside the programme: B-2023's investment is not in T-1, B-RUNNING's 2025 one is.
        Assert.Equal(601_000_000m, zhoushi.CumulativeEquipment);

        // The cache answers the same report until the library changes, then the new figures.
        var day = new DateOnly(2026, 1, 15);
        var before = ProgrammeCache.Get(db, PolicyEngine.Default, day, "周市镇");
        Assert.Same(before, ProgrammeCache.Get(db, PolicyEngine.Default, day, "周市镇"));
        var running = db.Projects.Single(p => p.Code == "B-RUNNING").Id;
        db.Investments.Add(new ProjectInvestment { ProjectId = running, Year = 2026, Equipment = 5m, Digital = 0m, Version = 1 });
        db.SaveChanges();
        var after = ProgrammeCache.Get(db, PolicyEngine.Default, day, "周市镇");
        Assert.Equal(before.CumulativeEquipment + 5m, after.CumulativeEquipment);

        // With a context factory only the parts whose tables changed are recomputed: a new application touches the
        // schemes, never the trend or the inventory.
        LibraryDbContext Open() => LibraryStore.Create(options);
        var warm = ProgrammeCache.Get(db, PolicyEngine.Default, day, null, Open);
        db.Applications.Add(App(b, Scheme.TechRenovation, 2026, ApplicationState.Approved, 40m, 41m));
        db.SaveChanges();
        var next = ProgrammeCache.Get(db, PolicyEngine.Default, day, null, Open);
        Assert.Equal(120.5m + 210m + 7m + 41m, next.ByScheme.Single(s => s.Scheme == Scheme.TechRenovation).Approved);
        Assert.Same(warm.Trend, next.Trend);
        Assert.Same(warm.ByArea, next.ByArea);
        Assert.Same(warm.Demonstrations, next.Demonstrations);
        Assert.Equal(JsonSerializer.Serialize(ProgrammeProgress.Compute(db, PolicyEngine.Default, day)), JsonSerializer.Serialize(next));
        // A new day of the same month changes only the date on the report.
        var tomorrow = ProgrammeCache.Get(db, PolicyEngine.Default, day.AddDays(1), null, Open);
        Assert.Equal(day.AddDays(1), tomorrow.Today);
        Assert.Same(next.Trend, tomorrow.Trend);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InParallel_OnContextsOfTheirOwn_AndThroughTheCache_TheFiguresAreTheSame(string provider, bool restricted)
    {
        using var db = libraries.Open(provider);
        var area = AreaOf(db, restricted);
        var options = libraries.Options(provider);
        var sequential = JsonSerializer.Serialize(ProgrammeProgress.Compute(db, PolicyEngine.Default, Today, area));
        var parallel = JsonSerializer.Serialize(ProgrammeProgress.Compute(() => LibraryStore.Create(options), PolicyEngine.Default, Today, area));
        Assert.Equal(sequential, parallel);
        var cached = ProgrammeCache.Get(db, PolicyEngine.Default, Today, area, () => LibraryStore.Create(options));
        Assert.Equal(sequential, JsonSerializer.Serialize(cached));
        Assert.Same(cached, ProgrammeCache.Get(db, PolicyEngine.Default, Today, area));
    }

    [Fact]
    public void Targets_AreData_WithTheirSources()
    {
        var t = ProgrammeTargets.Default;
        Assert.Equal(50_000_000_000m, t["T-1"].Value);
        Assert.Equal(10_000_000_000m, t["T-2"].Value);
        Assert.Equal(10m, t["T-3"].Value);
        Assert.Equal(0m, t["T-5"].Value);
        Assert.Equal(TargetDirection.AtMost, t["T-5"].Direction);
        Assert.All(t.Targets, x => Assert.Contains("§一", x.Source, StringComparison.Ordinal));
        Assert.Equal([2024, 2025, 2026, 2027], t.Years);
        Assert.Equal(31, t.Divisions.Keys.Count(k => k.StartsWith('C')));
        Assert.Equal(20, t.Sections.Count);
        Assert.Equal("通用设备制造业", t.DivisionName("C34"));
        var bad = Assert.Throws<FormatException>(() => ProgrammeTargets.Parse("first_year: 2024\nlast_year: 2027\ntargets: []\n", "divisions: {}\nsections: {}\n"));
        Assert.Contains("T-1", bad.Message, StringComparison.Ordinal);
    }
}
