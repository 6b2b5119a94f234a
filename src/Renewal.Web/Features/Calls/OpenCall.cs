using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Renewal.Policy.Model;
using Renewal.Services.Calls;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Calls;

/// <summary>One material of a call to open: types are pdf, png, jpeg, xlsx.</summary>
public sealed record OpenCallMaterial(string? Name, bool Required, IReadOnlyList<string>? Types);

/// <summary>
/// A call to open. <see cref="OpensAt"/> and <see cref="ClosesAt"/> are Beijing time (<c>2026-03-10T09:00</c>), or an
/// instant with its offset; <see cref="DistrictDeadline"/> a date (<c>2026-04-15</c>).
/// </summary>
public sealed record OpenCallRequest(Scheme? Scheme, int? Year, string? Title, string? Announcement, string? OpensAt, string? ClosesAt,
    string? DistrictDeadline, IReadOnlyList<OpenCallMaterial>? Materials, string? NoticeText = null, string? NoticeContact = null, string? NoticePhone = null,
    string? NoticeAddress = null);

/// <summary>The bureau opens a call (POST /api/v1/calls; the page is /calls). The rules are <see cref="CallService.CreateAsync"/>.</summary>
public static class OpenCall
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["scheme"] = "政策", ["year"] = "年度", ["title"] = "批次名称", ["announcement"] = "申报通知", ["opensAt"] = "开始时间",
        ["closesAt"] = "截止时间", ["districtDeadline"] = "区镇初审截止日", ["materials"] = "材料清单", ["name"] = "材料名称",
        ["required"] = "是否必需", ["types"] = "文件类型", ["noticeText"] = "公示说明", ["noticeContact"] = "异议联系人", ["noticePhone"] = "联系电话",
        ["noticeAddress"] = "电子邮箱或通讯地址",
    };

    public static void Map(RouteGroupBuilder calls) =>
        calls.MapPost("/", async Task<Results<Created<CallDto>, ValidationProblem, ProblemHttpResult>> (HttpContext http, CallService service, TimeProvider clock,
            CancellationToken ct) =>
        {
            var (request, unreadable) = await JsonBody.ReadAsync<OpenCallRequest>(http, Labels);
            if (request is null) return ApiResults.Invalid(unreadable!);
            var form = new CallForm
            {
                Scheme = request.Scheme?.ToString(), Year = request.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), Title = request.Title,
                Announcement = request.Announcement, OpensAt = request.OpensAt, ClosesAt = request.ClosesAt, DistrictDeadline = request.DistrictDeadline,
                NoticeText = request.NoticeText, NoticeContact = request.NoticeContact, NoticePhone = request.NoticePhone, NoticeAddress = request.NoticeAddress,
                Materials = [.. (request.Materials ?? []).Select(m => new CallMaterialForm { Name = m.Name, Required = m.Required, Types = [.. m.Types ?? []] })],
            };
            var errors = new FieldErrors();
            if (form.ToInput(errors) is not { } input) return ApiResults.Invalid(errors);
            var r = await service.CreateAsync(http.User(), input, ct);
            return r.Ok ? TypedResults.Created($"/api/v1/calls/{r.Value!.Id}", CallDto.Of(r.Value, clock.GetUtcNow())) : ApiResults.Refused(r.Kind, r.Message);
        }).RequireAuthorization(Policies.Bureau).Accepts<OpenCallRequest>("application/json")
            .WithName("OpenCall").WithSummary("市局开设申报批次：政策、年度、申报时间（北京时间）、区镇初审截止日、材料清单和申报通知；同一政策同一年度的批次时间不能重叠").Forbids();
}
