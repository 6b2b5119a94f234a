using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Revisions;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>One stored revision with its file's text (GET /api/v1/rules/revisions/{id}; the page is /rules/drafts/{id}).</summary>
public static class GetRevision
{
    public static void Map(RouteGroupBuilder rules) =>
        rules.MapGet("/revisions/{id:int}", async Task<Results<Ok<RevisionDto>, ProblemHttpResult>> (int id, HttpContext http, RevisionService revisions, CancellationToken ct) =>
        {
            var r = await revisions.GetAsync(http.User(), id, ct);
            return r.Ok ? TypedResults.Ok(RevisionDto.Of(r.Value!, withText: true)) : RulesEndpoints.Refused(r);
        }).WithName("GetRevision").WithSummary("一项规则修订：状态、起草与发布、修订文件原文").Forbids();
}
