using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

public sealed record CreateRequest(Scheme Scheme, int Year, int? ProjectId, int? LoanId);

/// <summary>The live application a refused create collided with: its id, number, API address and page.</summary>
public sealed record ExistingApplication(int Id, string Number, string Url, string Page);

/// <summary>An enterprise opens a draft (POST /api/v1/applications; the page is /applications/new). The rules are <see cref="ApplicationService.CreateAsync"/>.</summary>
public static class CreateApplication
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications", async (CreateRequest request, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            var user = http.User();
            var r = await service.CreateAsync(user, request.Scheme, request.Year, request.ProjectId, request.LoanId, ct);
            if (r.Ok) return Results.Created($"/api/v1/applications/{r.Value!.Id}", ApplicationDto.Of(r.Value, user.Role));
            // 409 names and links the live application of the same subject, so a client can continue there.
            return r.Existing is { } e
                ? TypedResults.Problem(r.Message, statusCode: StatusCodes.Status409Conflict, title: "已有申报",
                    extensions: new Dictionary<string, object?> { ["existing"] = new ExistingApplication(e.Id, e.Number, $"/api/v1/applications/{e.Id}", $"/applications/{e.Id}") })
                : ApiResults.Refused(r.Kind, r.Message);
        }).WithSummary("企业新建申报（草稿）");
}
