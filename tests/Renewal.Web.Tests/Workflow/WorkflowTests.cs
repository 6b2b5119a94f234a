using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Features.Applications;
using Renewal.Web.Features.Audit;
using Renewal.Web.Features.Library;
using Renewal.Web.Features.Notice;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services.Workflow;

namespace Renewal.Web.Tests.Workflow;

/// <summary>
/// The whole application path over HTTP, on each database: declared and submitted by the enterprise, accepted and
/// approved by the district, approved into public notice by the bureau, approved after the notice, paid by finance —
/// with the refusals on the way (approval during the notice, the wrong role, paying twice).
/// </summary>
public abstract class WorkflowTests(RenewalApp app)
{
    [Fact]
    public async Task WholePath_ThroughThePages_FromDraftToPaid_InChinese()
    {
        var year = 2025;
        using var qiye = await app.SignInAsync("qiye");
        var (id, draft) = await Flow.CreateOnPageAsync(qiye, Scheme.EffectiveInvestment, year, app.Data.OwnProjectId);
        Assert.Equal("草稿", Flow.StateOn(draft));
        Assert.Contains("已创建申报", Session.StatusText(draft));

        var submitted = await Flow.PressAsync(qiye, id, WorkflowAction.Submit);
        Assert.Equal("已提交", Flow.StateOn(submitted));
        Assert.Equal("已提交申报", Session.StatusText(submitted));
        // Until a reviewer accepts it, the enterprise may only take it back (撤回).
        Assert.Contains(">撤回申报</button>", submitted);
        Assert.DoesNotContain(">提交申报</button>", submitted);

        using var quzhen = await app.SignInAsync("quzhen");
        Assert.Equal("区镇审核中", Flow.StateOn(await Flow.PressAsync(quzhen, id, WorkflowAction.Accept)));
        Assert.Equal("市局审核中", Flow.StateOn(await Flow.PressAsync(quzhen, id, WorkflowAction.DistrictApprove)));

        using var shiju = await app.SignInAsync("shiju");
        var inNotice = await Flow.PressAsync(shiju, id, WorkflowAction.BureauApprove);
        Assert.Equal("公示中", Flow.StateOn(inNotice));
        Assert.Contains("公示期", inNotice);

        // The public notice lists it, for anyone.
        using var visitor = app.Anonymous();
        var number = (await Flow.GetAsync(qiye, id)).Number;
        var notice = await visitor.PageAsync("/notice");
        Assert.Contains(number, notice);

        // The bureau may not approve before the notice ends: the page says until when.
        var early = await Flow.PressAsync(shiju, id, WorkflowAction.Approve);
        Assert.Equal("公示中", Flow.StateOn(early));
        Assert.Contains("期满后方可批准", Session.ErrorText(early));

        Flow.PassTheNotice(app);
        using var shijuLater = await app.SignInAsync("shiju");
        Assert.Equal("已批准", Flow.StateOn(await Flow.PressAsync(shijuLater, id, WorkflowAction.Approve)));

        using var caizheng = await app.SignInAsync("caizheng");
        var paid = await Flow.PressAsync(caizheng, id, WorkflowAction.Pay, "ZF-2026-P-0001");
        Assert.Equal("已拨付", Flow.StateOn(paid));
        Assert.Contains("ZF-2026-P-0001", paid);
        Assert.DoesNotContain(">确认拨付</button>", paid);

        // Paying again (a stale or forged form) is refused with the reason, and nothing is paid twice.
        var again = await Flow.PostMoveAsync(caizheng, id, WorkflowAction.Pay, Flow.VersionOn(submitted) + 6, "ZF-2026-P-0002");
        Assert.NotNull(Session.ErrorText(again));
        Assert.Equal("已拨付", Flow.StateOn(again));
        using var db = app.Db();
        Assert.Single(db.AwardDecisions.Where(d => d.ProjectId == app.Data.OwnProjectId && d.Year == year && d.Scheme == Scheme.EffectiveInvestment && d.Status == AwardStatus.Paid));

        // The history on the page names every move and who made it.
        foreach (var label in new[] { "提交申报", "受理", "区镇审核通过", "市局审核通过并公示", "公示期满批准", "确认拨付" }) Assert.Contains(label, paid);
        foreach (var who in new[] { "qiye", "quzhen", "shiju", "caizheng" }) Assert.Contains($"<td>{who}</td>", paid);
    }

    [Fact]
    public async Task WholePath_ThroughTheApi_ComputesTheAwardAtSubmissionAndApproval_AndPaysOnce()
    {
        var project = app.Data.TakeJiaProject();
        using var jia = await app.SignInAsync("jia");
        var draft = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2025, project);
        Assert.Equal(ApplicationState.Draft, draft.State);
        Assert.Equal([WorkflowAction.Submit], draft.AvailableActions);
        Assert.Matches(@"^SB2025-\d{6}$", draft.Number);

        var submitted = await Flow.MoveAsync(jia, draft.Id, WorkflowAction.Submit);
        Assert.Equal(4_800_000m, submitted.SubmittedAmount); // 8% of 60,000,000, the engine's own evaluation of the project
        var evaluation = await jia.JsonAsync<Evaluation>($"/api/v1/projects/{project}/evaluation?year=2025");
        Assert.Equal(evaluation.ParameterVersion, submitted.SubmittedParameterVersion);

        // Only the district may accept; the enterprise is told who may.
        using (var wrong = await Flow.TryMoveAsync(jia, draft.Id, WorkflowAction.Accept))
        {
            var (status, reason) = await Flow.RefusalAsync(wrong);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("区镇审核员", reason);
        }

        using var quzhen = await app.SignInAsync("quzhen");
        await Flow.MoveAsync(quzhen, draft.Id, WorkflowAction.Accept);
        await Flow.MoveAsync(quzhen, draft.Id, WorkflowAction.DistrictApprove);
        using var shiju = await app.SignInAsync("shiju");
        var inNotice = await Flow.MoveAsync(shiju, draft.Id, WorkflowAction.BureauApprove);
        Assert.Equal(app.Clock.Today, inNotice.NoticeStartsOn);
        Assert.Equal(WorkingDays.End(app.Clock.Today, 5), inNotice.NoticeEndsOn);

        using (var early = await Flow.TryMoveAsync(shiju, draft.Id, WorkflowAction.Approve))
        {
            var (status, reason) = await Flow.RefusalAsync(early);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("公示期", reason);
        }

        using var visitor = app.Anonymous();
        var notice = await visitor.JsonAsync<List<NoticeRow>>("/api/v1/notice");
        var row = Assert.Single(notice, n => n.Id == draft.Id);
        Assert.Equal(ApplicationState.PublicNotice, row.State);
        Assert.Equal(4_800_000m, row.Amount);
        Assert.Equal("测试甲精密机械有限公司", row.Enterprise);

        Flow.PassTheNotice(app);
        using var shijuLater = await app.SignInAsync("shiju");
        var approved = await Flow.MoveAsync(shijuLater, draft.Id, WorkflowAction.Approve);
        Assert.Equal(ApplicationState.Approved, approved.State);
        Assert.Equal(4_800_000m, approved.ApprovedAmount);
        Assert.Equal(submitted.SubmittedParameterVersion, approved.ApprovedParameterVersion);

        using var caizheng = await app.SignInAsync("caizheng");
        using (var noReference = await Flow.TryMoveAsync(caizheng, draft.Id, WorkflowAction.Pay))
            Assert.Equal(HttpStatusCode.BadRequest, noReference.StatusCode); // a payment needs its voucher number
        var paid = await Flow.MoveAsync(caizheng, draft.Id, WorkflowAction.Pay, "ZF-2026-A-0001");
        Assert.Equal(ApplicationState.Paid, paid.State);
        Assert.Equal("ZF-2026-A-0001", paid.PaymentReference);

        using (var twice = await Flow.TryMoveAsync(caizheng, draft.Id, WorkflowAction.Pay, "ZF-2026-A-0002"))
        {
            var (status, reason) = await Flow.RefusalAsync(twice);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("已拨付", reason);
        }
        Assert.Contains(await visitor.JsonAsync<List<NoticeRow>>("/api/v1/notice"), n => n.Id == draft.Id && n.State == ApplicationState.Paid);

        using var db = app.Db();
        var decision = Assert.Single(db.AwardDecisions.Where(d => d.ProjectId == project && d.Status == AwardStatus.Paid));
        Assert.Equal(4_800_000m, decision.Amount);
        Assert.Equal(6, await db.ApplicationEvents.CountAsync(e => e.ApplicationId == draft.Id));

        var verify = await shijuLater.JsonAsync<VerifyResult>("/api/v1/audit/verify");
        Assert.True(verify.Intact, verify.Problem);
        Assert.True(verify.Entries >= 7);
    }

    [Fact]
    public async Task ReturnForRevision_NeedsAComment_ThenTheEnterpriseSubmitsAgain()
    {
        using var jia = await app.SignInAsync("jia");
        var draft = await Flow.CreateAsync(jia, Scheme.TechRenovation, 2026);
        await Flow.MoveAsync(jia, draft.Id, WorkflowAction.Submit);
        using var quzhen = await app.SignInAsync("quzhen");
        using (var bare = await Flow.TryMoveAsync(quzhen, draft.Id, WorkflowAction.Return, "  "))
        {
            var (status, reason) = await Flow.RefusalAsync(bare);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("修改意见", reason);
        }
        var returned = await Flow.MoveAsync(quzhen, draft.Id, WorkflowAction.Return, "请补充设备购置合同");
        Assert.Equal(ApplicationState.Returned, returned.State);

        var page = await jia.PageAsync($"/applications/{draft.Id}");
        Assert.Contains("请补充设备购置合同", page);
        Assert.Equal("已退回修改", Flow.StateOn(page));
        Assert.Equal(ApplicationState.Submitted, (await Flow.MoveAsync(jia, draft.Id, WorkflowAction.Submit)).State);
    }

    [Fact]
    public async Task AStaleForm_IsRefused_BecauseSomeoneElseActedFirst()
    {
        using var jia = await app.SignInAsync("jia");
        var draft = await Flow.CreateAsync(jia, Scheme.TechRenovation, 2027);
        var seen = draft.Version;
        await Flow.MoveAsync(jia, draft.Id, WorkflowAction.Submit);
        using var r = await Flow.TryMoveAsync(jia, draft.Id, WorkflowAction.Submit, version: seen);
        var (status, reason) = await Flow.RefusalAsync(r);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("已被他人处理", reason);
    }

    [Fact]
    public async Task AnotherEnterprise_CannotSeeOrMoveTheApplication_EvenByChangingTheUrl()
    {
        using var qiye2 = await app.SignInAsync("qiye2");
        var id = app.Data.OwnApplicationId;
        using (var page = await qiye2.GetAsync($"/applications/{id}")) Assert.StartsWith("/account/denied", Session.RedirectPath(page));
        using (var api = await qiye2.GetAsync($"/api/v1/applications/{id}")) Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using (var move = await Flow.TryMoveAsync(qiye2, id, WorkflowAction.Submit, version: 0)) Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);
        using (var create = await qiye2.PostJsonAsync("/api/v1/applications", new CreateRequest(Scheme.EffectiveInvestment, 2025, app.Data.OwnProjectId, null)))
            Assert.Equal(HttpStatusCode.NotFound, create.StatusCode); // not its project
        using var qiye = await app.SignInAsync("qiye");
        Assert.Equal(ApplicationState.Draft, (await Flow.GetAsync(qiye, id)).State);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class WorkflowOnSqliteTests(SqliteApp app) : WorkflowTests(app);

[Collection(PostgresFixture.Name)]
public sealed class WorkflowOnPostgresTests(PostgresApp app) : WorkflowTests(app);
