using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Upward;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Upward;

/// <summary>A programme as the bureau sends it (level: Province, Suzhou or Central; matchingShare: yuan Kunshan adds per yuan granted).</summary>
public sealed record ProgrammeRequest(long? Version, string? Name, Level? Level, decimal? MatchingShare, string? Note, bool? Active);

/// <summary>A recommendation: the programme, the project (by id or by code), the year and the reason.</summary>
public sealed record RecommendRequest(int? ProgrammeId, int? ProjectId, string? ProjectCode, int? Year, string? Reason);

/// <summary>A move: the version read and what the move needs (acceptedOn and note; amount, approvedOn and documentNumber; reason).</summary>
public sealed record UpwardMoveRequest(long? Version, DateOnly? AcceptedOn, string? Note, decimal? Amount, DateOnly? ApprovedOn, string? DocumentNumber, string? Reason);

/// <summary>
/// 向上争取 under /api/v1/upward (the same as /upward): programmes (government reads, the bureau writes), recommendations
/// (the bureau and finance all, a district its area's, an enterprise its own projects'; banks refused), and the moves (bureau).
/// </summary>
public static class UpwardEndpoints
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["version"] = "版本号", ["name"] = "项目名称", ["level"] = "项目层级", ["matchingShare"] = "配套比例", ["note"] = "说明", ["active"] = "接受推荐",
        ["programmeId"] = "上级项目", ["projectId"] = "项目", ["projectCode"] = "项目编号", ["year"] = "推荐年度", ["reason"] = "理由",
        ["acceptedOn"] = "受理日期", ["amount"] = "获批金额", ["approvedOn"] = "获批日期", ["documentNumber"] = "批复文号",
    };

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/upward").WithTags("upward");

        g.MapGet("/programmes", async Task<Results<Ok<IReadOnlyList<ProgrammeRow>>, ProblemHttpResult>> (HttpContext http, UpwardService service, CancellationToken ct) =>
        {
            var r = await service.ProgrammesAsync(http.User(), ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).RequireAuthorization(Policies.Government).WithName("ListHigherProgrammes").WithSummary("上级项目（名称、层级、配套比例：每获得 1 元上级资金昆山配套的元数）").Forbids();

        g.MapPost("/programmes", (HttpContext http, UpwardService service, CancellationToken ct) => SaveAsync(http, service, null, ct))
            .RequireAuthorization(Policies.Bureau).Accepts<ProgrammeRequest>("application/json")
            .WithName("AddHigherProgramme").WithSummary("市局新增上级项目（name、level：Province/Suzhou/Central、matchingShare）").Forbids();

        g.MapPost("/programmes/{id:int}", (int id, HttpContext http, UpwardService service, CancellationToken ct) => SaveAsync(http, service, id, ct))
            .RequireAuthorization(Policies.Bureau).Accepts<ProgrammeRequest>("application/json")
            .WithName("UpdateHigherProgramme").WithSummary("市局修改上级项目（须带 version）").Forbids();

        g.MapGet("/recommendations", async Task<Results<Ok<UpwardList>, ProblemHttpResult>> (HttpContext http, UpwardService service, int? programmeId, UpwardStatus? status,
            int? year, string? area, CancellationToken ct) =>
        {
            var r = await service.ListAsync(http.User(), new UpwardFilter(programmeId, status, year, area), ct: ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
        }).WithName("ListUpwardRecommendations").WithSummary("向上争取推荐及按上级项目的汇总：市局与财政见全部，区镇见本区镇的，企业见本企业项目的；银行无权查看").Forbids();

        g.MapGet("/recommendations/{id:int}", async Task<Results<Ok<RecommendationRow>, NotFound>> (int id, HttpContext http, UpwardService service, CancellationToken ct) =>
            await service.FindAsync(http.User(), id, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound())
            .WithName("GetUpwardRecommendation").WithSummary("一条推荐及其办理记录（不在本人范围内的推荐：404）");

        g.MapPost("/recommendations", async Task<Results<Created<RecommendationRow>, ValidationProblem, ProblemHttpResult>> (HttpContext http, UpwardService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<RecommendRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            var user = http.User();
            if (!user.IsBureau) return ApiResults.Forbidden(UpwardService.BureauOnly);
            int projectId;
            if (body.ProjectId is { } pid) projectId = pid;
            else
            {
                var found = await service.FindProjectAsync(user, body.ProjectCode, ct);
                if (!found.Ok) return ApiResults.Refused(found.Kind, found.Message);
                projectId = found.Value;
            }
            if (body.ProgrammeId is not { } programmeId) return TypedResults.Problem("请指定上级项目（programmeId）", statusCode: StatusCodes.Status400BadRequest);
            var r = await service.RecommendAsync(user, programmeId, projectId, body.Year, body.Reason, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/upward/recommendations/{r.Value!.Id}", (await service.FindAsync(user, r.Value.Id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).RequireAuthorization(Policies.Bureau).Accepts<RecommendRequest>("application/json")
            .WithName("RecommendUpward").WithSummary("市局推荐项目至上级项目（programmeId、projectId 或 projectCode、year、reason；同一项目、上级项目、年度只能一次）").Forbids();

        Move(g, "accept", "RecordUpwardAccepted", "已受理（acceptedOn 不填为今天、note；须带 version）",
            (s, u, id, b, ct) => s.AcceptAsync(u, id, b.Version ?? -1, b.AcceptedOn, b.Note, ct));
        Move(g, "approve", "RecordUpwardApproved", "已获批（amount：获批金额（元）、approvedOn、documentNumber；按配套比例计算昆山配套资金；须带 version）",
            (s, u, id, b, ct) => s.ApproveAsync(u, id, b.Version ?? -1, new Approval(b.Amount, b.ApprovedOn, b.DocumentNumber), ct));
        Move(g, "reject", "RecordUpwardRejected", "未获批（reason；须带 version）", (s, u, id, b, ct) => s.RejectAsync(u, id, b.Version ?? -1, b.Reason, ct));
        Move(g, "withdraw", "WithdrawUpward", "撤回（reason；已推荐或已受理时；须带 version）", (s, u, id, b, ct) => s.WithdrawAsync(u, id, b.Version ?? -1, b.Reason, ct));
    }

    private static void Move(RouteGroupBuilder g, string verb, string name, string summary,
        Func<UpwardService, UserContext, int, UpwardMoveRequest, CancellationToken, Task<Result<UpwardRecommendation>>> move) =>
        g.MapPost($"/recommendations/{{id:int}}/{verb}", async Task<Results<Ok<RecommendationRow>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http,
            UpwardService service, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<UpwardMoveRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            if (body.Version is null) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
            var user = http.User();
            var r = await move(service, user, id, body, ct);
            return r.Ok ? TypedResults.Ok((await service.FindAsync(user, id, ct))!) : ApiResults.Refused(r.Kind, r.Message);
        }).RequireAuthorization(Policies.Bureau).Accepts<UpwardMoveRequest>("application/json").WithName(name).WithSummary(summary).Forbids();

    private static async Task<Results<Ok<ProgrammeRow>, ValidationProblem, ProblemHttpResult>> SaveAsync(HttpContext http, UpwardService service, int? id, CancellationToken ct)
    {
        var (body, errors) = await JsonBody.ReadAsync<ProgrammeRequest>(http, Labels);
        if (body is null) return ApiResults.Invalid(errors!);
        if (id is not null && body.Version is null) return TypedResults.Problem("缺少版本号（version）", statusCode: StatusCodes.Status400BadRequest);
        var r = await service.SaveProgrammeAsync(http.User(), id, body.Version, new ProgrammeInput(body.Name, body.Level, body.MatchingShare, body.Note, body.Active ?? true), ct);
        return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Refused(r.Kind, r.Message);
    }
}
