using Renewal.Data;
using Renewal.Testing;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Workflow;

namespace Renewal.Services.Tests.Workflow;

/// <summary>A clock the test moves.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>The application workflow on both providers: moves, roles, scope, notice, caps under concurrency, payment, audit chain.</summary>
public class WorkflowTests
{
    private const string Code = "913205837AY4CL12TY";
    private const string Other = "91320583712DD272H2";

    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext OtherFirm = new(2, "qiye2", Role.Enterprise, Other, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext OtherDistrict = new(4, "quzhen2", Role.DistrictReviewer, null, "周市镇");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Finance = new(6, "caizheng", Role.Finance, null, null);

    /// <summary>One enterprise with a B-eligible project: 60,000,000 of equipment in 2025 and again in 2026 (8% = 4,800,000 a year).</summary>
    internal static (LibraryDatabaseOptions Options, int ProjectId) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise
        {
            CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421",
            Projects =
            [
                new Project
                {
                    Code = "P1", Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
                    Investments = [new ProjectInvestment { Year = 2025, Equipment = 60_000_000m }, new ProjectInvestment { Year = 2026, Equipment = 60_000_000m }],
                },
            ],
        };
        db.Enterprises.Add(e);
        db.Enterprises.Add(new Renewal.Data.Entities.Enterprise { CreditCode = Other, Name = "乙公司", Area = "周市镇", IndustryCode = "C3421" });
        db.SaveChanges();
        return (options, e.Projects[0].Id);
    }

    private static ApplicationService Service(LibraryDbContext db, TestClock clock) => new(db, PolicyEngine.Default, clock);

    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Creates and moves an application to public notice; returns its id.</summary>
    private static async Task<int> ToNoticeAsync(LibraryDatabaseOptions options, TestClock clock, int projectId, int year)
    {
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        var app = (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, year, projectId, null)).Value!;
        foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove) })
        {
            var r = await s.MoveAsync(user, app.Id, action);
            Assert.True(r.Ok, r.Message);
        }
        return app.Id;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task WholePath_ComputesAtSubmissionAndApproval_AndPaysOnce(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId, 2025);
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);

        var app = db.Applications.Single(a => a.Id == id);
        Assert.Equal(4_800_000m, app.SubmittedAmount);
        Assert.Equal(PolicyEngine.Default.Parameters.Fingerprint, app.SubmittedParameterVersion);
        Assert.Equal(new DateOnly(2026, 3, 6), app.NoticeEndsOn); // five working days, Monday to Friday

        var early = await s.MoveAsync(Bureau, id, WorkflowAction.Approve);
        Assert.Equal(ResultKind.Invalid, early.Kind);
        Assert.Contains("公示期", early.Message);

        clock.Now = clock.Now.AddDays(7);
        Assert.True((await s.MoveAsync(Bureau, id, WorkflowAction.Approve)).Ok);
        Assert.Equal(ResultKind.Invalid, (await s.MoveAsync(Finance, id, WorkflowAction.Pay)).Kind); // a payment reference is required
        var paid = await s.MoveAsync(Finance, id, WorkflowAction.Pay, "ZF-2026-0001");
        Assert.True(paid.Ok, paid.Message);
        Assert.Equal(ApplicationState.Paid, paid.Value!.State);
        Assert.Equal(ResultKind.Forbidden, (await s.MoveAsync(Finance, id, WorkflowAction.Pay, "ZF-2026-0002")).Kind);

        var decision = db.AwardDecisions.Single(d => d.Status == AwardStatus.Paid);
        Assert.Equal(4_800_000m, decision.Amount);
        Assert.Equal(6, db.ApplicationEvents.Count(e => e.ApplicationId == id));
        Assert.Null(AuditLog.Verify(db));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task IllegalMoves_AreRefusedWithAReason(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        var app = (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Value!;

        var skip = await s.MoveAsync(Bureau, app.Id, WorkflowAction.BureauApprove);
        Assert.Equal(ResultKind.Forbidden, skip.Kind);
        Assert.Contains("当前状态为“草稿”", skip.Message);

        Assert.True((await s.MoveAsync(Firm, app.Id, WorkflowAction.Submit)).Ok);
        var wrongRole = await s.MoveAsync(Firm, app.Id, WorkflowAction.Accept);
        Assert.Contains("区镇审核员", wrongRole.Message);
        Assert.Equal(ResultKind.NotFound, (await s.MoveAsync(OtherDistrict, app.Id, WorkflowAction.Accept)).Kind); // another area cannot even see it
        Assert.Equal(ResultKind.NotFound, (await s.MoveAsync(OtherFirm, app.Id, WorkflowAction.Submit)).Kind);
        Assert.Equal(ResultKind.Invalid, (await s.MoveAsync(District, app.Id, WorkflowAction.Return, "  ")).Kind);
        Assert.True((await s.MoveAsync(District, app.Id, WorkflowAction.Return, "请补充设备清单")).Ok);
        Assert.True((await s.MoveAsync(Firm, app.Id, WorkflowAction.Submit)).Ok);
        Assert.Equal(ResultKind.Conflict, (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Kind); // one per scheme, year, subject
        Assert.Equal(ResultKind.NotFound, (await s.CreateAsync(OtherFirm, Scheme.EffectiveInvestment, 2025, projectId, null)).Kind);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Objection_BlocksApprovalUntilResolved(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId, 2025);
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        var o = (await s.RaiseObjectionAsync(OtherFirm, id, "异议")).Kind;
        Assert.Equal(ResultKind.NotFound, o); // outside its scope
        var objection = (await s.RaiseObjectionAsync(District, id, "设备发票与合同不符")).Value!;
        clock.Now = clock.Now.AddDays(10);
        Assert.Contains("异议", (await s.MoveAsync(Bureau, id, WorkflowAction.Approve)).Message);
        Assert.True((await s.ResolveObjectionAsync(Bureau, objection.Id, "经核实发票无误")).Ok);
        Assert.True((await s.MoveAsync(Bureau, id, WorkflowAction.Approve)).Ok);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoReviewersApprovingAtOnce_NeverPushTheProjectPastItsCap(string provider)
    {
        // 2025 and 2026 each compute 4,800,000 while neither is approved: together 9,600,000 > 8,000,000. Approved awards
        // count as committed (ADR-016): an approval that runs after the other one committed gets what is left instead.
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var first = await ToNoticeAsync(options, clock, projectId, 2025);
        var second = await ToNoticeAsync(options, clock, projectId, 2026);
        clock.Now = clock.Now.AddDays(10);

        var results = new Result<AwardApplication>[2];
        using var barrier = new Barrier(2);
        var threads = new[] { first, second }.Select((id, i) => new Thread(() =>
        {
            using var db = LibraryStore.Create(options);
            var s = Service(db, clock);
            barrier.SignalAndWait();
            results[i] = s.MoveAsync(Bureau, id, WorkflowAction.Approve).GetAwaiter().GetResult();
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();

        Assert.Contains(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ResultKind.Conflict, r.Kind));
        using var check = LibraryStore.Create(options);
        // Overlapping: one is refused. One after the other: 2025 first leaves 3,200,000 to 2026; 2026 first leaves 2025 no room.
        var approved = check.Applications.Where(a => a.State == ApplicationState.Approved).OrderBy(a => a.Year).ToList();
        Assert.Equal(results.Count(r => r.Ok), approved.Count);
        Assert.Equal(approved.Count == 1 ? new[] { 4_800_000m } : new[] { 4_800_000m, 3_200_000m }, approved.Select(a => a.ApprovedAmount ?? 0));
        Assert.Equal(approved.Sum(a => a.ApprovedAmount ?? 0), check.CapLedgers.Single(c => c.Key.StartsWith("B|")).Used);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoFinanceOfficersPayingAtOnce_PayOnce(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId, 2025);
        clock.Now = clock.Now.AddDays(10);
        using (var db = LibraryStore.Create(options)) Assert.True((await Service(db, clock).MoveAsync(Bureau, id, WorkflowAction.Approve)).Ok);

        var results = new Result<AwardApplication>[2];
        using var barrier = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            using var db = LibraryStore.Create(options);
            var s = Service(db, clock);
            barrier.SignalAndWait();
            results[i] = s.MoveAsync(Finance, id, WorkflowAction.Pay, $"ZF-{i}").GetAwaiter().GetResult();
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();

        Assert.Single(results, r => r.Ok);
        using var check = LibraryStore.Create(options);
        Assert.Single(check.AwardDecisions.Where(d => d.Status == AwardStatus.Paid));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AuditChain_DetectsTampering(string provider)
    {
        var (options, projectId) = Library(provider);
        await ToNoticeAsync(options, Monday(), projectId, 2025);
        using var db = LibraryStore.Create(options);
        Assert.Null(AuditLog.Verify(db));
        var victim = db.Audit.OrderBy(a => a.Id).Skip(2).First();
        db.Audit.Where(a => a.Id == victim.Id).ExecuteUpdate(u => u.SetProperty(a => a.After, "{\"state\":\"Paid\"}"));
        var broken = AuditLog.Verify(db);
        Assert.NotNull(broken);
        Assert.Equal(victim.Id, broken.Value.EntryId);

        using var db2 = LibraryStore.Create(options);
        var all = db2.Audit.OrderBy(a => a.Id).ToList();
        db2.Audit.Where(a => a.Id == all[1].Id).ExecuteDelete();
        Assert.NotNull(AuditLog.Verify(db2));
    }
}
