using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Services.Calls;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Calls;

/// <summary>A call's public notice as the bureau sets it: 公示说明 and the contact for objections; empty fields are none.</summary>
public sealed record CallNoticeRequest(string? Text, string? Contact, string? Phone, string? Address);

/// <summary>
/// The bureau sets a call's public notice at any time (POST /api/v1/calls/{id}/notice; on the call's page: 保存公示说明).
/// The rules are <see cref="CallService.UpdateNoticeAsync"/>.
/// </summary>
public static class EditCallNotice
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["text"] = "公示说明", ["contact"] = "异议联系人", ["phone"] = "联系电话", ["address"] = "电子邮箱或通讯地址",
    };

    public static void Map(RouteGroupBuilder calls) =>
        calls.MapPost("/{id:int}/notice", async Task<Results<Ok<CallDto>, ValidationProblem, ProblemHttpResult>> (int id, HttpContext http, CallService service,
            TimeProvider clock, CancellationToken ct) =>
        {
            var (request, unreadable) = await JsonBody.ReadAsync<CallNoticeRequest>(http, Labels);
            if (request is null) return ApiResults.Invalid(unreadable!);
            var r = await service.UpdateNoticeAsync(http.User(), id, new CallNoticeInput(request.Text, request.Contact, request.Phone, request.Address), ct: ct);
            return r.Ok ? TypedResults.Ok(CallDto.Of(r.Value!, clock.GetUtcNow())) : ApiResults.Refused(r.Kind, r.Message);
        }).RequireAuthorization(Policies.Bureau).Accepts<CallNoticeRequest>("application/json")
            .WithName("EditCallNotice").WithSummary("市局填写或修改申报批次的公示说明和异议联系方式（联系人、联系电话、电子邮箱或通讯地址）；公开显示在公示名单上").Forbids();
}
