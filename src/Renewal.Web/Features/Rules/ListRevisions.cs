using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Revisions;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>Every stored revision, newest first: drafts, published, discarded (GET /api/v1/rules/revisions).</summary>
public static class ListRevisions
{
    public static void Map(RouteGroupBuilder rules) =>
        rules.MapGet("/revisions", async Task<Results<Ok<IReadOnlyList<RevisionDto>>, ProblemHttpResult>> (HttpContext http, RevisionService revisions, CancellationToken ct) =>
        {
            var r = await revisions.ListAsync(http.User(), ct);
            if (!r.Ok) return RulesEndpoints.Refused(r);
            return TypedResults.Ok<IReadOnlyList<RevisionDto>>([.. r.Value!.Select(x => RevisionDto.Of(x))]);
        }).WithName("ListRevisions").WithSummary("规则修订列表：草稿、已发布（起草人、发布人、时间）、已作废").Forbids();
}
