using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

public sealed record ObjectionRequest(string Content);

/// <summary>An objection (异议) to an application in public notice (POST /api/v1/applications/{id}/objections; the page's form).</summary>
public static class RaiseObjection
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications/{id:int}/objections", async (int id, ObjectionRequest request, HttpContext http, ApplicationService service, LibraryDbContext db,
            CancellationToken ct) =>
        {
            var r = await service.RaiseObjectionAsync(http.User(), id, request.Content, ct);
            if (r.Ok) return Results.Ok(new { r.Value!.Id });
            return r.Kind == ResultKind.NotFound && await db.Applications.AnyAsync(a => a.Id == id, ct)
                ? Results.Problem("无权对该申报提出异议", statusCode: StatusCodes.Status403Forbidden)
                : ApiResults.Refused(r.Kind, r.Message);
        }).WithSummary("公示期内提出异议");
}
