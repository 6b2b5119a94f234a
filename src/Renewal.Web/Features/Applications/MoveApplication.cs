using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

public sealed record MoveRequest(WorkflowAction Action, string? Comment, long? Version);

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
            var r = await service.MoveAsync(user, id, request.Action, request.Comment, request.Version, ct);
            if (r.Ok) return Results.Ok(ApplicationDto.Of(r.Value!, user.Role));
            return r.Kind == ResultKind.NotFound && await db.Applications.AnyAsync(a => a.Id == id, ct)
                ? Results.Problem("无权办理该申报", statusCode: StatusCodes.Status403Forbidden)
                : ApiResults.Refused(r.Kind, r.Message);
        }).WithSummary("办理：提交、受理、审核通过、批准、拨付、退回、不予支持");
}
