using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Revisions;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>A second bureau administrator publishes a draft (POST /api/v1/rules/revisions/{id}/publish); its drafter is refused with 403 (V-6).</summary>
public static class PublishRevision
{
    public static void Map(RouteGroupBuilder rules) =>
        rules.MapPost("/revisions/{id:int}/publish", async Task<Results<Ok<RevisionDto>, ProblemHttpResult>> (int id, HttpContext http, RevisionService revisions, CancellationToken ct) =>
        {
            var r = await revisions.PublishAsync(http.User(), id, ct);
            return r.Ok ? TypedResults.Ok(RevisionDto.Of(r.Value!)) : RulesEndpoints.Refused(r);
        }).RequireAuthorization(Policies.Admin)
            .WithName("PublishRevision").WithSummary("发布规则修订草稿：须由起草人以外的另一位市局管理员发布（双人规则）；已批准、已拨付的奖补不变").Forbids();
}
