using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>A move: the action, its comment (required for return, reject and a request to return; the payment reference for pay),
/// the version the user saw, for an approval whose amount differs from the submitted one the amount confirmed, and for an
/// approval below the computed amount (核减) the amount approved (the comment is then the reason).</summary>
public sealed record MoveRequest(WorkflowAction Action, string? Comment, long? Version, decimal? ConfirmAmount = null, decimal? ApproveAmount = null);

/// <summary>
/// A move of an application: submit, accept, approve, pay, return, reject (POST /api/v1/applications/{id}/moves; the
/// page's buttons). The rules are <see cref="ApplicationService.MoveAsync"/>; an application the user cannot see but that exists is 403.
/// </summary>
public static class MoveApplication
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/moves", async (int id, MoveRequest request, HttpContext http, ApplicationService service, LibraryDbContext db,
            CancellationToken ct) =>
        {
            var user = http.User();
            var r = await service.MoveAsync(user, id, request.Action, request.Comment, request.Version, request.ConfirmAmount, request.ApproveAmount, ct);
            if (r.Ok) return Results.Ok(ApplicationDto.Of(r.Value!, user.Role));
            // 409 with both amounts and why: the client shows them and posts the move again with confirmAmount.
            if (r.AmountChanged is { } change)
                return TypedResults.Problem(r.Message, statusCode: StatusCodes.Status409Conflict, title: "批准金额与申报金额不同，须确认",
                    extensions: new Dictionary<string, object?> { ["amountChanged"] = new { submitted = change.Submitted, computed = change.Computed, reasons = change.Reasons } });
            // Refused by the checks before money (ADR-031): each failure with its rule, entry and source, for the client to show.
            if (r.FailedChecks is { Count: > 0 } failed)
                return TypedResults.Problem(r.Message, statusCode: StatusCodes.Status400BadRequest, title: "未通过拨付前核查",
                    extensions: new Dictionary<string, object?> { ["checks"] = failed.Select(f => new { rule = f.Rule, title = f.Title, entryKey = f.EntryKey, text = f.Text, source = f.Source }).ToList() });
            return r.Kind == ResultKind.NotFound && await db.Applications.AnyAsync(a => a.Id == id, ct)
                ? Results.Problem("无权办理该申报", statusCode: StatusCodes.Status403Forbidden)
                : ApiResults.Refused(r.Kind, r.Message);
        }).WithSummary("办理：提交、撤回、申请退回、受理、审核通过、批准（金额变化时须确认；可核减并说明理由）、拨付、退回修改、退回区镇复核、不予支持");
}
