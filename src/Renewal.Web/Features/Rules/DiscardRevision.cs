using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Revisions;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>A bureau administrator discards a draft (POST /api/v1/rules/revisions/{id}/discard): kept for the record, its id freed.</summary>
public static class DiscardRevision
{
    public static void Map(RouteGroupBuilder rules) =>
        rules.MapPost("/revisions/{id:int}/discard", async Task<Results<Ok<RevisionDto>, ProblemHttpResult>> (int id, HttpContext http, RevisionService revisions, CancellationToken ct) =>
        {
            var r = await revisions.DiscardAsync(http.User(), id, ct);
            return r.Ok ? TypedResults.Ok(RevisionDto.Of(r.Value!)) : RulesEndpoints.Refused(r);
        }).RequireAuthorization(Policies.Admin)
            .WithName("DiscardRevision").WithSummary("作废规则修订草稿（保留记录，编号可再用）").Forbids();
}
