using Renewal.Services;
using Renewal.Testing;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;

namespace Renewal.Data.Tests.Model;

/// <summary>The stored model behaves the same on SQLite and PostgreSQL.</summary>
public class LibraryModelTests
{
    private const string Code = "913205837AY4CL12TY";

    internal static Renewal.Data.Entities.Enterprise SampleEnterprise() => new()
    {
        CreditCode = Code, Name = "昆山某动力电池有限公司", Area = "昆山开发区", IndustryCode = "C3841", AboveScale = true,
        Projects =
        [
            new Project
            {
                Code = "P1", Name = "电池产线智能化改造", Kind = ProjectKind.Renovation, Status = ProjectStatus.InProgress,
                Tasks = [2, 5], Clusters = ["electronic_information"], DigitalScopes = ["new_it_renovation"],
                Investments = [new ProjectInvestment { Year = 2025, Equipment = 120_000_000m, Digital = 60_000_000m }],
            },
        ],
    };

    private static void AddLoan(LibraryDbContext db, Renewal.Data.Entities.Enterprise e)
    {
        db.Loans.Add(new Loan
        {
            Code = "L1", EnterpriseId = e.Id, ProjectId = e.Projects[0].Id, Category = LoanCategory.DigitalTransformation,
            Principal = 100_000_000m, Rate = 0.03m, IssuedOn = new DateOnly(2025, 3, 1), MaturesOn = new DateOnly(2028, 3, 1),
            EquipmentAmount = 80_000_000m, ViaSuzhouPlatform = true,
            Repayments = [new Repayment { Date = new DateOnly(2026, 3, 1), Amount = 20_000_000m }],
        });
        db.SaveChanges();
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Library_RoundTripsExactDecimalsListsAndDates(string provider)
    {
        using (var db = Databases.Open(provider, out var options))
        {
            var e = SampleEnterprise();
            db.Enterprises.Add(e);
            db.SaveChanges();
            AddLoan(db, e);
            using var again = LibraryStore.Create(options);
            var p = again.Projects.Include(x => x.Investments).Single();
            Assert.Equal([2, 5], p.Tasks);
            Assert.Equal(["electronic_information"], p.Clusters);
            Assert.Equal(60_000_000m, p.Investments[0].Digital);
            var loan = again.Loans.Include(l => l.Repayments).Single();
            Assert.Equal(0.03m, loan.Rate);
            Assert.Null(loan.Approvals);
            Assert.Equal(new DateOnly(2026, 3, 1), loan.Repayments[0].Date);
            Assert.Equal(1, loan.Version);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void CreditCode_IsUnique_AndProjectCodeUniqueWithinEnterprise(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        db.Enterprises.Add(SampleEnterprise());
        db.SaveChanges();
        using var second = LibraryStore.Create(options);
        second.Enterprises.Add(new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "重复", Area = "周市镇", IndustryCode = "C3421" });
        Assert.Throws<DbUpdateException>(() => second.SaveChanges());

        using var third = LibraryStore.Create(options);
        var e = third.Enterprises.Single();
        third.Projects.Add(new Project { EnterpriseId = e.Id, Code = "P1", Name = "重复编号", Kind = ProjectKind.New, Status = ProjectStatus.Planned });
        Assert.Throws<DbUpdateException>(() => third.SaveChanges());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ConcurrentEdits_OfTheSameRow_SecondIsRefused(string provider)
    {
        using var setup = Databases.Open(provider, out var options);
        setup.Enterprises.Add(SampleEnterprise());
        setup.SaveChanges();

        using var alice = LibraryStore.Create(options);
        using var bob = LibraryStore.Create(options);
        var a = alice.Projects.Single();
        var b = bob.Projects.Single();
        a.Name = "甲改的名称";
        alice.SaveChanges();
        b.Name = "乙改的名称";
        Assert.Throws<DbUpdateConcurrencyException>(() => bob.SaveChanges());

        using var check = LibraryStore.Create(options);
        var stored = check.Projects.Single();
        Assert.Equal("甲改的名称", stored.Name);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Library_MapsToTheEngine_AndGivesTheHandCheckedLoanAmounts(string provider)
    {
        using var db = Databases.Open(provider, out _);
        var e = SampleEnterprise();
        db.Enterprises.Add(e);
        db.SaveChanges();
        AddLoan(db, e);

        var s = LibraryScenario.Build(db, 2025);
        var r = PolicyEngine.Default.Evaluate(s);
        // The first case of shared/cases/loan-interest.yaml, stored and read back.
        foreach (var level in new[] { Level.Province, Level.Suzhou, Level.Kunshan })
            Assert.Equal(680_000m, r.Awards.Single(a => a.Loan == "L1" && a.Level == level).Amount.Yuan);
        Assert.Equal(10_000_000m, r.Awards.Single(a => a.Scheme == Scheme.TechRenovation).Amount.Yuan);
        Assert.Equal(Code + "/P1", s.Projects[0].Id);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ProgressReports_NeverOverwrite_AndTheLibraryCanBeSeenAsOfAPastDate(string provider)
    {
        using var db = Databases.Open(provider, out _);
        var e = SampleEnterprise();
        e.Projects[0].Status = ProjectStatus.Completed;
        e.Projects[0].CompletedOn = new DateOnly(2025, 11, 30);
        e.Projects[0].DigitalScopes = ["smart_factory_demo"];
        e.Projects[0].Investments = [
            new ProjectInvestment { Year = 2024, Equipment = 300_000_000m, Digital = 280_000_000m },
            new ProjectInvestment { Year = 2025, Equipment = 260_000_000m, Digital = 240_000_000m }];
        db.Enterprises.Add(e);
        db.SaveChanges();
        var p = e.Projects[0];
        db.ProgressReports.AddRange(
            new ProgressReport { ProjectId = p.Id, Year = 2025, Quarter = 2, ReportedOn = new DateOnly(2025, 7, 10), Status = ProjectStatus.InProgress, CumulativeEquipment = 400_000_000m, CumulativeDigital = 380_000_000m },
            new ProgressReport { ProjectId = p.Id, Year = 2025, Quarter = 4, ReportedOn = new DateOnly(2026, 1, 10), Status = ProjectStatus.Completed, CumulativeEquipment = 560_000_000m, CumulativeDigital = 520_000_000m });
        db.SaveChanges();

        Assert.Equal(2, db.ProgressReports.Count(r => r.ProjectId == p.Id));
        var before = PolicyEngine.Default.Evaluate(LibraryScenario.Build(db, 2025, new DateOnly(2025, 9, 30)));
        var after = PolicyEngine.Default.Evaluate(LibraryScenario.Build(db, 2025, new DateOnly(2026, 1, 31)));
        Assert.Equal(0m, before.Awards.Single(a => a.Scheme == Scheme.Demonstration).Amount.Yuan);
        Assert.Equal(30_000_000m, after.Awards.Single(a => a.Scheme == Scheme.Demonstration).Amount.Yuan);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void PaidAwardsOfEarlierYears_BecomePriorAwards(string provider)
    {
        using var db = Databases.Open(provider, out _);
        var e = SampleEnterprise();
        e.Projects[0].Investments = [
            new ProjectInvestment { Year = 2024, Equipment = 75_000_000m, Digital = 0 },
            new ProjectInvestment { Year = 2025, Equipment = 50_000_000m, Digital = 0 }];
        db.Enterprises.Add(e);
        db.SaveChanges();
        db.AwardDecisions.Add(new AwardDecision
        {
            Scheme = Scheme.EffectiveInvestment, Year = 2024, EnterpriseId = e.Id, ProjectId = e.Projects[0].Id, Eligible = true,
            Amount = 6_000_000m, ParameterVersion = "test", Status = AwardStatus.Paid, DecidedAt = DateTimeOffset.UnixEpoch,
        });
        db.SaveChanges();
        var r = PolicyEngine.Default.Evaluate(LibraryScenario.Build(db, 2025));
        Assert.Equal(2_000_000m, r.Awards.Single(a => a.Scheme == Scheme.EffectiveInvestment).Amount.Yuan);
    }
}
