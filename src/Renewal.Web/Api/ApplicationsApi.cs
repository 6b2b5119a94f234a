using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Features.Applications;
using Renewal.Web.Features.Notice;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Api;

/// <summary>Applications, their moves and objections; the public notice; the audit chain.</summary>
public static class ApplicationsApi
{
    public sealed record CreateRequest(Scheme Scheme, int Year, int? ProjectId, int? LoanId);

    public sealed record MoveRequest(WorkflowAction Action, string? Comment, long? Version);

    public sealed record ObjectionRequest(string Content);

    public sealed record ApplicationDto(int Id, string Number, Scheme Scheme, int Year, int EnterpriseId, int? ProjectId, int? LoanId,
        ApplicationState State, decimal? SubmittedAmount, string? SubmittedParameterVersion, decimal? ApprovedAmount,
        string? ApprovedParameterVersion, string? ApprovedByLevel, DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, string? PaymentReference,
        long Version, IReadOnlyList<WorkflowAction> AvailableActions);

    public sealed record VerifyResult(bool Intact, long Entries, long? BrokenAt, string? Problem);

    private static ApplicationDto Dto(AwardApplication a, Role role) => new(a.Id, a.Number, a.Scheme, a.Year, a.EnterpriseId, a.ProjectId, a.LoanId,
        a.State, a.SubmittedAmount, a.SubmittedParameterVersion, a.ApprovedAmount, a.ApprovedParameterVersion, a.ApprovedByLevel,
        a.NoticeStartsOn, a.NoticeEndsOn, a.PaymentReference, a.Version, [.. Transitions.Available(a.State, role)]);

    private static ProblemHttpResult Refused(ResultKind kind, string? message) => kind switch
    {
        ResultKind.NotFound => TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound),
        ResultKind.Forbidden => TypedResults.Problem(message, statusCode: StatusCodes.Status403Forbidden),
        ResultKind.Conflict => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(message, statusCode: StatusCodes.Status400BadRequest),
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/applications", (HttpContext http, LibraryDbContext db, ApplicationState? state, Scheme? scheme, int? year, bool? mine) =>
        {
            var user = http.User();
            return user.Role == Role.Bank
                ? Results.Problem("银行人员无权查看申报", statusCode: StatusCodes.Status403Forbidden)
                : Results.Ok(ApplicationList.Query(db, user, state, scheme, year, mine ?? false));
        }).WithSummary("申报列表（按角色范围）");

        api.MapGet("/applications/{id:int}", Results<Ok<ApplicationDto>, NotFound, ForbidHttpResult> (int id, HttpContext http, LibraryDbContext db) =>
        {
            var user = http.User();
            var app = db.Applications.AsNoTracking().VisibleTo(user).FirstOrDefault(a => a.Id == id);
            if (app is null) return db.Applications.Any(a => a.Id == id) ? TypedResults.Forbid() : TypedResults.NotFound();
            return TypedResults.Ok(Dto(app, user.Role));
        }).WithSummary("一个申报及当前用户可办理的事项");

        api.MapPost("/applications", (CreateRequest request, HttpContext http, ApplicationService service) =>
        {
            var user = http.User();
            var r = service.Create(user, request.Scheme, request.Year, request.ProjectId, request.LoanId);
            return r.Ok ? Results.Created($"/api/v1/applications/{r.Value!.Id}", Dto(r.Value, user.Role)) : Refused(r.Kind, r.Message);
        }).WithSummary("企业新建申报（草稿）");

        api.MapPost("/applications/{id:int}/moves", (int id, MoveRequest request, HttpContext http, ApplicationService service, LibraryDbContext db) =>
        {
            var user = http.User();
            var r = service.Move(user, id, request.Action, request.Comment, request.Version);
            if (r.Ok) return Results.Ok(Dto(r.Value!, user.Role));
            return r.Kind == ResultKind.NotFound && db.Applications.Any(a => a.Id == id)
                ? Results.Problem("无权办理该申报", statusCode: StatusCodes.Status403Forbidden)
                : Refused(r.Kind, r.Message);
        }).WithSummary("办理：提交、受理、审核通过、批准、拨付、退回、不予支持");

        api.MapPost("/applications/{id:int}/objections", (int id, ObjectionRequest request, HttpContext http, ApplicationService service, LibraryDbContext db) =>
        {
            var r = service.RaiseObjection(http.User(), id, request.Content);
            if (r.Ok) return Results.Ok(new { r.Value!.Id });
            return r.Kind == ResultKind.NotFound && db.Applications.Any(a => a.Id == id)
                ? Results.Problem("无权对该申报提出异议", statusCode: StatusCodes.Status403Forbidden)
                : Refused(r.Kind, r.Message);
        }).WithSummary("公示期内提出异议");

        api.MapGet("/notice", (LibraryDbContext db, int? year) => TypedResults.Ok(NoticeList.Query(db, year)))
            .AllowAnonymous().WithSummary("公示名单（公开）");

        api.MapGet("/audit/verify", (LibraryDbContext db) =>
        {
            var broken = AuditLog.Verify(db);
            return TypedResults.Ok(new VerifyResult(broken is null, db.Audit.LongCount(), broken?.EntryId, broken?.Problem));
        }).RequireAuthorization(p => p.RequireRole("BureauReviewer", "BureauAdmin", "Finance")).WithSummary("校验审计日志哈希链");
    }
}
