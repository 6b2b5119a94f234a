using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Web.Features.Candidates;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Api;

/// <summary>Renewal candidates (R-1..R-4) under /api/v1/candidates, with the same scoping as /candidates.</summary>
public static class CandidatesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/candidates").WithTags("candidates");

        g.MapGet("", Results<Ok<CandidatePage>, ProblemHttpResult> (HttpContext http, LibraryDbContext db, TimeProvider clock,
            int? year, string? area, string? rule, int? page, int? pageSize) =>
        {
            var user = http.User();
            // A district reviewer sees its own area only, whatever it asks for.
            if (user.Role == Data.Entities.Role.DistrictReviewer) area = user.Area;
            var r = CandidateQuery.List(db, user, new CandidateFilter { Year = year, Area = area, Rule = rule, Page = page ?? 1, PageSize = pageSize ?? 50 }, clock);
            return r.Value is { } v ? TypedResults.Ok(v) : TypedResults.Problem(detail: r.Message, statusCode: r.Status, title: r.Status == 400 ? "查询条件有误" : "无权查看");
        }).WithName("ListCandidates").WithSummary("设备更新潜力（R-1..R-4）：按区镇汇总与按企业分页（区镇审核员仅本区镇，企业仅本企业，银行无权）").Forbids();

        g.MapGet("/{code}", Results<Ok<EnterpriseCandidateItems>, ProblemHttpResult> (string code, int? year, HttpContext http, LibraryDbContext db, TimeProvider clock) =>
        {
            var r = CandidateQuery.Items(db, http.User(), code, year, clock);
            return r.Value is { } v ? TypedResults.Ok(v) : TypedResults.Problem(detail: r.Message, statusCode: r.Status,
                title: r.Status switch { 400 => "查询条件有误", 404 => "不存在", _ => "无权查看" });
        }).WithName("EnterpriseCandidates").WithSummary("一家企业的设备台账：每台设备的更新原因（规则、计划原文、依据）与更新建议").Forbids();
    }
}
