using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

public sealed record CreateRequest(Scheme Scheme, int Year, int? ProjectId, int? LoanId);

/// <summary>An enterprise opens a draft (POST /api/v1/applications; the page is /applications/new). The rules are <see cref="ApplicationService.CreateAsync"/>.</summary>
public static class CreateApplication
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/applications", async (CreateRequest request, HttpContext http, ApplicationService service, CancellationToken ct) =>
        {
            var user = http.User();
            var r = await service.CreateAsync(user, request.Scheme, request.Year, request.ProjectId, request.LoanId, ct);
            return r.Ok ? Results.Created($"/api/v1/applications/{r.Value!.Id}", ApplicationDto.Of(r.Value, user.Role)) : ApiResults.Refused(r.Kind, r.Message);
        }).WithSummary("企业新建申报（草稿）");
}
