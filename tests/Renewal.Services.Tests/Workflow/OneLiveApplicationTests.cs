using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// Issue 10, item 1: one live application per scheme, year and subject, guarded by the database's unique index
/// (ux_applications_live_subject), so that simultaneous creates — as from several web nodes — leave exactly one.
/// </summary>
public class OneLiveApplicationTests
{
    private const string Code = "913205837AY4CL12TY";
    private const string OtherCode = "91320583712DD272H2";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext OtherFirm = new(2, "qiye2", Role.Enterprise, OtherCode, null);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static (LibraryDatabaseOptions Options, int EnterpriseId, int ProjectId, int OtherProjectId) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        static Renewal.Data.Entities.Enterprise Firm(string code, string name) => new()
        {
            CreditCode = code, Name = name, Area = "昆山开发区", IndustryCode = "C3421",
            Projects =
            [
                new Project
                {
                    Code = "P-" + name, Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
                    Investments = [new ProjectInvestment { Year = 2025, Equipment = 60_000_000m }],
                },
            ],
        };
        var a = Firm(Code, "甲公司");
        var b = Firm(OtherCode, "乙公司");
        db.Enterprises.AddRange(a, b);
        db.SaveChanges();
        return (options, a.Id, a.Projects[0].Id, b.Projects[0].Id);
    }

    /// <summary>Runs <paramref name="count"/> creates at the same instant, each on its own connection (as separate nodes would).</summary>
    private static Result<AwardApplication>[] CreateAtOnce(LibraryDatabaseOptions options, int count, Func<int, (UserContext User, Scheme Scheme, int? ProjectId)> who)
    {
        var results = new Result<AwardApplication>[count];
        using var barrier = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            using var db = LibraryStore.Create(options);
            var service = new ApplicationService(db, PolicyEngine.Default, new TestClock(Monday));
            var (user, scheme, projectId) = who(i);
            barrier.SignalAndWait();
            results[i] = service.CreateAsync(user, scheme, 2025, projectId, null).GetAwaiter().GetResult();
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        return results;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void SimultaneousCreates_ForOneSubject_LeaveExactlyOne_AndTheOthersNameIt(string provider)
    {
        var (options, enterpriseId, projectId, _) = Library(provider);

        // Scheme B (subject: the project) and scheme C (subject: the enterprise — no project, no loan: the case a
        // unique index over nullable ids would miss), six at once each.
        var b = CreateAtOnce(options, 6, _ => (Firm, Scheme.EffectiveInvestment, projectId));
        var c = CreateAtOnce(options, 6, _ => (Firm, Scheme.TechRenovation, null));

        using var db = LibraryStore.Create(options);
        foreach (var (results, scheme) in new[] { (b, Scheme.EffectiveInvestment), (c, Scheme.TechRenovation) })
        {
            var winner = Assert.Single(results, r => r.Ok).Value!;
            var losers = results.Where(r => !r.Ok).ToList();
            Assert.Equal(5, losers.Count);
            Assert.All(losers, r =>
            {
                Assert.Equal(ResultKind.Conflict, r.Kind);
                Assert.Equal(winner.Id, r.Existing?.Id);
                Assert.Equal(winner.Number, r.Existing?.Number);
                Assert.Contains(winner.Number, r.Message, StringComparison.Ordinal);
            });
            // Counted from the database, not from the answers.
            Assert.Equal(1, db.Applications.Count(a => a.Scheme == scheme && a.Year == 2025 && a.EnterpriseId == enterpriseId));
        }
        Assert.DoesNotContain(db.Applications, a => a.Number.StartsWith('~'));
        Assert.Null(AuditLog.Verify(db));
        Assert.Equal(2, db.Audit.Count(e => e.Action == "create"));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void SimultaneousCreates_ForDifferentSubjects_AllSucceed(string provider)
    {
        // Two enterprises, each its B and its C, eight creates at once: none is a duplicate, none may be refused.
        var (options, _, projectId, otherProjectId) = Library(provider);
        var results = CreateAtOnce(options, 4, i => i switch
        {
            0 => (Firm, Scheme.EffectiveInvestment, projectId),
            1 => (Firm, Scheme.TechRenovation, null),
            2 => (OtherFirm, Scheme.EffectiveInvestment, otherProjectId),
            _ => (OtherFirm, Scheme.TechRenovation, null),
        });

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
        using var db = LibraryStore.Create(options);
        Assert.Equal(4, db.Applications.Count());
        Assert.Equal(4, db.Applications.Select(a => a.Number).Distinct().Count());
        Assert.Null(AuditLog.Verify(db));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void TheDatabaseItself_RefusesASecondLiveApplication(string provider)
    {
        // Past the service, straight into the table: the guard is the index, not the look-up in code.
        var (options, enterpriseId, _, _) = Library(provider);
        using (var db = LibraryStore.Create(options))
        {
            db.Applications.Add(Numbered(AwardApplication.Draft(Scheme.TechRenovation, 2025, enterpriseId, Monday), "SB-1"));
            db.SaveChanges();
        }
        using (var db = LibraryStore.Create(options))
        {
            db.Applications.Add(Numbered(AwardApplication.Draft(Scheme.TechRenovation, 2025, enterpriseId, Monday).MovedTo(ApplicationState.Submitted, Monday), "SB-2"));
            var e = Assert.Throws<DbUpdateException>(() => db.SaveChanges());
            Assert.True(DatabaseErrors.IsUniqueViolation(e, AwardApplication.LiveSubjectIndex), e.InnerException?.Message);
        }
        using (var db = LibraryStore.Create(options))
        {
            // Another year, or another scheme, of the same enterprise is another entitlement.
            db.Applications.Add(Numbered(AwardApplication.Draft(Scheme.TechRenovation, 2026, enterpriseId, Monday), "SB-3"));
            db.SaveChanges();
            Assert.Equal(2, db.Applications.Count());
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ARejectedApplication_FreesItsSubject_ForANewOne(string provider)
    {
        var (options, enterpriseId, _, _) = Library(provider);
        using (var db = LibraryStore.Create(options))
        {
            db.Applications.Add(Numbered(AwardApplication.Draft(Scheme.TechRenovation, 2025, enterpriseId, Monday).MovedTo(ApplicationState.Rejected, Monday), "SB-1"));
            db.SaveChanges();
        }
        using (var db = LibraryStore.Create(options))
        {
            var service = new ApplicationService(db, PolicyEngine.Default, new TestClock(Monday));
            var again = await service.CreateAsync(Firm, Scheme.TechRenovation, 2025, null, null);
            Assert.True(again.Ok, again.Message);
            var twice = await service.CreateAsync(Firm, Scheme.TechRenovation, 2025, null, null);
            Assert.Equal(ResultKind.Conflict, twice.Kind);
            Assert.Equal(again.Value!.Id, twice.Existing?.Id);
        }
    }

    [Fact]
    public void TheSubjectKey_IsTheLoanForD_TheProjectForAAndB_TheEnterpriseForC()
    {
        Assert.Equal("loan:53", AwardApplication.SubjectOf(Scheme.LoanInterest, 9, 7, 53));
        Assert.Equal("project:7", AwardApplication.SubjectOf(Scheme.EffectiveInvestment, 9, 7, null));
        Assert.Equal("project:7", AwardApplication.SubjectOf(Scheme.Demonstration, 9, 7, null));
        Assert.Equal("enterprise:9", AwardApplication.SubjectOf(Scheme.TechRenovation, 9, null, null));
        Assert.Throws<ArgumentException>(() => AwardApplication.SubjectOf(Scheme.LoanInterest, 9, 7, null));
        Assert.Throws<ArgumentException>(() => AwardApplication.SubjectOf(Scheme.EffectiveInvestment, 9, null, null));
        Assert.Equal("loan:53", AwardApplication.Draft(Scheme.LoanInterest, 2025, 9, Monday, 7, 53).SubjectKey);
    }

    private static AwardApplication Numbered(AwardApplication app, string number)
    {
        app.Number = number;
        return app;
    }
}
