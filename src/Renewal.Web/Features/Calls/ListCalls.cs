using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Calls;

namespace Renewal.Web.Features.Calls;

/// <summary>Every call, the open ones first (GET /api/v1/calls; the page is /calls).</summary>
public static class ListCalls
{
    public static void Map(RouteGroupBuilder calls) =>
        calls.MapGet("/", async Task<Ok<List<CallDto>>> (CallService service, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            return TypedResults.Ok((await service.ListAsync(ct)).Select(c => CallDto.Of(c, now)).ToList());
        }).WithName("ListCalls").WithSummary("申报批次：受理中的在前，含申报时间（北京时间）、区镇初审截止日和材料清单");
}
