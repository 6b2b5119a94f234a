using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// The workflow refuses texts longer than their columns before it writes anything, naming the field, on both databases
/// (PostgreSQL used to fail the save and report a concurrency conflict; SQLite stored the text whole).
/// </summary>
public class TextLengthTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Finance = new(6, "caizheng", Role.Finance, null, null);

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AReturnComment_OneOverTheColumn_IsRefused_AtTheColumn_ItPasses(string provider)
    {
        var (options, projectId) = Library(provider);
        using var db = LibraryStore.Create(options);
        var s = Service(db, Monday());
        var id = (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Value!.Id;
        Assert.True((await s.MoveAsync(Firm, id, WorkflowAction.Submit)).Ok);
        var events = await db.ApplicationEvents.CountAsync(e => e.ApplicationId == id);

        var tooLong = await s.MoveAsync(District, id, WorkflowAction.Return, new string('改', TextLimits.MoveComment + 1));
        Assert.Equal(ResultKind.Invalid, tooLong.Kind);
        Assert.Equal("修改意见（comment）不能超过 2000 字", tooLong.Message);
        using (var check = LibraryStore.Create(options))
        {
            Assert.Equal(ApplicationState.Submitted, (await check.Applications.SingleAsync(a => a.Id == id)).State);
            Assert.Equal(events, await check.ApplicationEvents.CountAsync(e => e.ApplicationId == id));
        }

        var atTheLimit = await s.MoveAsync(District, id, WorkflowAction.Return, new string('改', TextLimits.MoveComment));
        Assert.True(atTheLimit.Ok, atTheLimit.Message);
        using var after = LibraryStore.Create(options);
        Assert.Equal(TextLimits.MoveComment, (await after.ApplicationEvents.Where(e => e.ApplicationId == id).OrderBy(e => e.Id).LastAsync()).Comment!.Length);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task APaymentReference_LongerThanItsColumn_IsRefused_AndNothingIsPaid(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId);
        clock.Now = clock.Now.AddDays(7);
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        Assert.True((await s.MoveAsync(Bureau, id, WorkflowAction.Approve)).Ok);

        var r = await s.MoveAsync(Finance, id, WorkflowAction.Pay, new string('Z', TextLimits.PaymentReference + 1));
        Assert.Equal(ResultKind.Invalid, r.Kind);
        Assert.Equal("支付凭证号（comment）不能超过 100 字", r.Message);
        using var check = LibraryStore.Create(options);
        var app = await check.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationState.Approved, app.State);
        Assert.Null(app.PaymentReference);
        Assert.DoesNotContain(check.AwardDecisions, d => d.Status == AwardStatus.Paid);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AnObjectionOrResolution_LongerThanItsColumn_IsRefused_AndNothingIsStored(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId);
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);

        var objection = await s.RaiseObjectionAsync(District, id, new string('异', TextLimits.ObjectionContent + 1));
        Assert.Equal(ResultKind.Invalid, objection.Kind);
        Assert.Equal("异议内容（content）不能超过 2000 字", objection.Message);
        using (var check = LibraryStore.Create(options)) Assert.Equal(0, await check.Objections.CountAsync());

        var raised = (await s.RaiseObjectionAsync(District, id, "设备发票与合同不符")).Value!;
        var resolution = await s.ResolveObjectionAsync(Bureau, raised.Id, new string('处', TextLimits.ObjectionResolution + 1));
        Assert.Equal(ResultKind.Invalid, resolution.Kind);
        Assert.Equal("处理意见（resolution）不能超过 2000 字", resolution.Message);
        using var after = LibraryStore.Create(options);
        var stored = await after.Objections.SingleAsync();
        Assert.Null(stored.Resolution);
        Assert.Null(stored.ResolvedAt);
    }

    /// <summary>One enterprise with a B-eligible project (60,000,000 of equipment in 2025).</summary>
    private static (LibraryDatabaseOptions Options, int ProjectId) Library(string provider)
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
                    Investments = [new ProjectInvestment { Year = 2025, Equipment = 60_000_000m }],
                },
            ],
        };
        db.Enterprises.Add(e);
        db.SaveChanges();
        return (options, e.Projects[0].Id);
    }

    private static ApplicationService Service(LibraryDbContext db, TestClock clock) => new(db, PolicyEngine.Default, clock);

    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static async Task<int> ToNoticeAsync(LibraryDatabaseOptions options, TestClock clock, int projectId)
    {
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        var app = (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Value!;
        foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove) })
        {
            var r = await s.MoveAsync(user, app.Id, action);
            Assert.True(r.Ok, r.Message);
        }
        return app.Id;
    }
}
