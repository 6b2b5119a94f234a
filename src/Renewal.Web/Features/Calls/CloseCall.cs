using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Calls;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Calls;

/// <summary>The bureau closes a call before its window ends (POST /api/v1/calls/{id}/close; on the page: 提前截止).</summary>
public static class CloseCall
{
    public static void Map(RouteGroupBuilder calls) =>
        calls.MapPost("/{id:int}/close", async Task<Results<Ok<CallDto>, ProblemHttpResult>> (int id, HttpContext http, CallService service, TimeProvider clock,
            CancellationToken ct) =>
        {
            var r = await service.CloseAsync(http.User(), id, ct);
            if (!r.Ok) return ApiResults.Refused(r.Kind, r.Message);
            var closed = (await service.ListAsync(ct)).Single(c => c.Id == id); // with its materials
            return TypedResults.Ok(CallDto.Of(closed, clock.GetUtcNow()));
        }).RequireAuthorization(Policies.Bureau)
            .WithName("CloseCall").WithSummary("市局提前截止申报批次：此后不能再新建或提交该批次的申报（已退回的申报仍可重新提交）").Forbids();
}
