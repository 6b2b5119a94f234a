using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Services.Visits;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Visits;

/// <summary>A move of a 征集项目 by its enterprise: the version read, and the reason (未确认).</summary>
public sealed record DraftMoveRequest(long? Version, string? Reason);

/// <summary>办结 of a follow-up: the version read.</summary>
public sealed record FollowUpRequest(long? Version);

/// <summary>
/// 走访与项目征集 under /api/v1/visits (the same as /visits and /enterprise/collected): district officers and the bureau record
/// visits and read them and the coverage of their scope; the enterprise reads its 征集项目 and confirms or declines them.
/// Another area's visit is not there for a district (404); refusals are problems with the service's Chinese message.
/// </summary>
public static class VisitEndpoints
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["enterpriseId"] = "企业", ["visitedOn"] = "走访日期", ["people"] = "走访对象", ["name"] = "姓名或项目名称", ["title"] = "职务",
        ["intentions"] = "更新意向", ["kind"] = "项目类型", ["fromYear"] = "计划开始年度", ["toYear"] = "计划结束年度", ["equipment"] = "计划设备投资",
        ["digital"] = "计划智能化数字化投入", ["tasks"] = "重点任务", ["equipmentSeen"] = "设备现场情况", ["followUps"] = "跟进事项", ["text"] = "跟进内容",
        ["dueOn"] = "跟进期限", ["version"] = "版本号", ["reason"] = "未确认原因",
    };

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/visits").WithTags("visits");
        var officers = g.MapGroup("").RequireAuthorization(p => p.RequireRole(VisitAccess.Roles.Split(',')));

        officers.MapGet("", async Task<Ok<IReadOnlyList<VisitRow>>> (HttpContext http, VisitService service, string? area, int? enterpriseId, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(http.User(), area, enterpriseId, ct: ct)))
            .WithName("ListVisits").WithSummary("走访记录：区镇见本区镇企业的，市局见全部（可按区镇 area、企业 enterpriseId 筛选），最近的在前").Forbids();

        officers.MapGet("/{id:int}", async Task<Results<Ok<VisitDetail>, NotFound>> (int id, HttpContext http, VisitService service, CancellationToken ct) =>
            await service.FindAsync(http.User(), id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound())
            .WithName("GetVisit").WithSummary("一次走访：走访对象、设备现场情况、更新意向（征集项目及其状态）、跟进事项（他区镇的走访：404）").Forbids();

        officers.MapPost("", async Task<Results<Created<VisitDetail>, ValidationProblem, ProblemHttpResult>> (HttpContext http, VisitService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<VisitInput>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var user = http.User();
            var r = await service.RecordAsync(user, body, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/visits/{r.Value!.Id}", (await service.FindAsync(user, r.Value.Id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<VisitInput>("application/json").WithName("RecordVisit")
            .WithSummary("登记走访：企业（本区镇）、走访日期（北京时间，不晚于今天）、走访对象、更新意向（项目名称、计划年度 2024–2027、计划设备投资与智能化数字化投入（元）、重点任务 1–12）、设备现场情况、跟进事项（内容与期限）；每个更新意向成为待企业确认的征集项目").Forbids();

        officers.MapGet("/coverage", async Task<Ok<Coverage>> (HttpContext http, VisitService service, string? area, CancellationToken ct) =>
            TypedResults.Ok((await service.CoverageAsync(http.User(), area, ct))!))
            .WithName("VisitCoverage").WithSummary("走访覆盖：本行动计划期内已走访企业/全部企业（按区镇、按行业大类）、每月走访、逾期跟进事项、征集项目（待确认与已入库，按年度计划设备投资）对照目标 T-1/T-2；区镇只见本区镇").Forbids();

        officers.MapPost("/follow-ups/{id:int}/done", async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, VisitService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<FollowUpRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.Version is not { } version) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.CompleteFollowUpAsync(http.User(), id, version, ct);
            return r.Ok ? TypedResults.Ok() : ApiResults.Refused(r.Kind, r.Message);
        }).Accepts<FollowUpRequest>("application/json").WithName("CompleteVisitFollowUp").WithSummary("跟进事项办结（须带 version）").Forbids();

        g.MapGet("/drafts", async Task<Results<Ok<IReadOnlyList<DraftRow>>, ProblemHttpResult>> (HttpContext http, VisitService service, CollectionStatus? status, CancellationToken ct) =>
        {
            var user = http.User();
            if (user.Role is not (Role.Enterprise or Role.DistrictReviewer or Role.BureauReviewer or Role.BureauAdmin))
                return ApiResults.Forbidden("征集项目由企业确认，区镇审核员与市局查看");
            return TypedResults.Ok(await service.DraftsAsync(user, status, ct));
        }).WithName("ListCollectedProjects").WithSummary("征集项目：企业见本企业的，区镇见本区镇的，市局见全部（status：Pending 待企业确认、Confirmed 已入库、Declined 企业未确认）").Forbids();

        g.MapPost("/drafts/{id:int}/confirm", (int id, HttpContext http, VisitService service, CancellationToken ct) =>
            MoveAsync(http, service, id, (b, user) => service.ConfirmAsync(user, id, b.Version!.Value, ct)))
            .Accepts<DraftMoveRequest>("application/json").WithName("ConfirmCollectedProject")
            .WithSummary("企业确认征集项目：项目（编号 ZJ-征集号，状态计划）及年度投资登记入项目库，同一事务并记入审计日志（须带 version）").Forbids();

        g.MapPost("/drafts/{id:int}/decline", (int id, HttpContext http, VisitService service, CancellationToken ct) =>
            MoveAsync(http, service, id, (b, user) => service.DeclineAsync(user, id, b.Version!.Value, b.Reason, ct)))
            .Accepts<DraftMoveRequest>("application/json").WithName("DeclineCollectedProject").WithSummary("企业答复未确认（reason：原因；须带 version）").Forbids();
    }

    private static async Task<Results<Ok<DraftRow>, ValidationProblem, ProblemHttpResult>> MoveAsync(HttpContext http, VisitService service, int id,
        Func<DraftMoveRequest, Renewal.Services.Workflow.UserContext, Task<Renewal.Services.Workflow.Result<CollectedProject>>> move)
    {
        var user = http.User();
        if (user.Role != Role.Enterprise) return ApiResults.Forbidden(VisitService.EnterprisesOnly);
        var (body, errors) = await JsonBody.ReadAsync<DraftMoveRequest>(http, Labels);
        if (body is null) return ApiResults.Invalid(errors!);
        if (body.Version is null) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
        var r = await move(body, user);
        return r.Ok ? TypedResults.Ok((await service.FindDraftAsync(user, id, http.RequestAborted))!) : ApiResults.Refused(r.Kind, r.Message);
    }
}
