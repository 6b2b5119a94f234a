using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;
using EnterpriseEntity = Renewal.Data.Entities.Enterprise;
using Renewal.Services.Candidates;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Candidates;

/// <summary>The filters of the candidate list (page and API): reference year, area, rule, paging.</summary>
public sealed class CandidateFilter
{
    /// <summary>Reference year; default the current year.</summary>
    public int? Year { get; set; }
    public string? Area { get; set; }
    /// <summary>R-1 … R-4, or empty for any.</summary>
    public string? Rule { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 50;
}

/// <summary>One page of the enterprise list, with the area summary and totals of the whole filtered scope.</summary>
public sealed record CandidatePage(
    int Year, string? Area, string? Rule, CandidateCounts Total, IReadOnlyList<AreaCandidates> Areas,
    int Enterprises, int Page, int PageSize, IReadOnlyList<EnterpriseCandidates> Items);

/// <summary>An enterprise's items with their reasons and suggestions.</summary>
public sealed record EnterpriseCandidateItems(int Year, EnterpriseCandidates Enterprise, IReadOnlyList<CandidateItem> Items);

/// <summary>How a read ended: the value, or why not (the page and API map it to 400/403/404).</summary>
public sealed record CandidateResult<T>(T? Value, int Status, string? Message);

/// <summary>Makes <see cref="CandidateResult{T}"/>s.</summary>
public static class CandidateResult
{
    public static CandidateResult<T> Ok<T>(T value) => new(value, 200, null);
    public static CandidateResult<T> Fail<T>(int status, string message) => new(default, status, message);
}

/// <summary>
/// Renewal candidates as each role may see them, authorized on the server: the bureau, administrator and finance see
/// the whole city; a district reviewer only its own area (whatever area it asks for); an enterprise only itself;
/// a bank nothing (the inventory is not lending information).
/// </summary>
public static class CandidateQuery
{
    public const string BankRefused = "银行用户无权查看企业设备台账与更新潜力";

    /// <summary>GET /api/v1/candidates and /candidates/{code}, with the same scoping as the pages.</summary>
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
            var r = List(db, user, new CandidateFilter { Year = year, Area = area, Rule = rule, Page = page ?? 1, PageSize = pageSize ?? 50 }, clock);
            return r.Value is { } v ? TypedResults.Ok(v) : TypedResults.Problem(detail: r.Message, statusCode: r.Status, title: r.Status == 400 ? "查询条件有误" : "无权查看");
        }).WithName("ListCandidates").WithSummary("设备更新潜力（R-1..R-4）：按区镇汇总与按企业分页（区镇审核员仅本区镇，企业仅本企业，银行无权）").Forbids();

        g.MapGet("/{code}", async Task<Results<Ok<EnterpriseCandidateItems>, ProblemHttpResult>> (string code, int? year, HttpContext http, LibraryDbContext db,
            TimeProvider clock, CancellationToken ct) =>
        {
            var r = await ItemsAsync(db, http.User(), code, year, clock, ct);
            return r.Value is { } v ? TypedResults.Ok(v) : TypedResults.Problem(detail: r.Message, statusCode: r.Status,
                title: r.Status switch { 400 => "查询条件有误", 404 => "不存在", _ => "无权查看" });
        }).WithName("EnterpriseCandidates").WithSummary("一家企业的设备台账：每台设备的更新原因（规则、计划原文、依据）与更新建议").Forbids();
    }

    /// <summary>The enterprises <paramref name="user"/> may see candidates of, or null for none (a bank).</summary>
    public static IQueryable<EnterpriseEntity>? Scope(LibraryDbContext db, UserContext user)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        return user.Role switch
        {
            Role.Bank => null,
            Role.Enterprise when string.IsNullOrEmpty(user.CreditCode) => db.Enterprises.Where(_ => false),
            Role.DistrictReviewer when string.IsNullOrEmpty(user.Area) => db.Enterprises.Where(_ => false),
            _ => db.Enterprises.VisibleTo(user),
        };
    }

    /// <summary>The cache key of the user's scope: the same key for everyone who sees the same enterprises.</summary>
    private static string ScopeKey(UserContext user) => user.Role switch
    {
        Role.Enterprise => "enterprise:" + user.CreditCode,
        Role.DistrictReviewer => "area:" + user.Area,
        _ => "all",
    };

    /// <summary>Checks the filter; a message naming the field in Chinese, or null.</summary>
    public static string? Problem(CandidateFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Year is { } y && (y < RenewalCandidates.MinYear || y > RenewalCandidates.MaxYear))
            return $"基准年度（year）应在 {RenewalCandidates.MinYear}–{RenewalCandidates.MaxYear} 之间：{y.ToString(CultureInfo.InvariantCulture)}";
        if (f.Rule is { Length: > 0 } r && !CandidateRules.All.Contains(r))
            return $"规则（rule）应为 R-1、R-2、R-3 或 R-4：{r}";
        return null;
    }

    public static int YearOf(CandidateFilter f, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(clock);
        return f.Year ?? clock.Year();
    }

    /// <summary>The summary of the user's scope with the filter applied.</summary>
    public static CandidateResult<CandidateSummary> Summary(LibraryDbContext db, UserContext user, CandidateFilter f, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (Scope(db, user) is not { } scope) return CandidateResult.Fail<CandidateSummary>(403, BankRefused);
        if (Problem(f) is { } problem) return CandidateResult.Fail<CandidateSummary>(400, problem);
        return CandidateResult.Ok<CandidateSummary>(CandidateCache.Get(db, ScopeKey(user), scope, YearOf(f, clock), Blank(f.Area), clock));
    }

    /// <summary>One page of the list: the enterprises with candidates (of the rule, when given).</summary>
    public static CandidateResult<CandidatePage> List(LibraryDbContext db, UserContext user, CandidateFilter f, TimeProvider clock)
    {
        var s = Summary(db, user, f, clock);
        if (s.Value is not { } summary) return CandidateResult.Fail<CandidatePage>(s.Status, s.Message!);
        var rule = Blank(f.Rule);
        var rows = summary.With(rule).ToList();
        var size = Math.Clamp(f.PageSize, 10, 200);
        var page = Math.Max(1, f.Page);
        return CandidateResult.Ok<CandidatePage>(new CandidatePage(summary.Year, Blank(f.Area), rule, summary.Total, summary.Areas, rows.Count, page, size,
            [.. rows.Skip((page - 1) * size).Take(size)]));
    }

    /// <summary>An enterprise's items by credit code: 404 when no such enterprise, 403 when it is outside the user's scope.</summary>
    public static async Task<CandidateResult<EnterpriseCandidateItems>> ItemsAsync(LibraryDbContext db, UserContext user, string creditCode, int? year, TimeProvider clock,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (Scope(db, user) is not { } scope) return CandidateResult.Fail<EnterpriseCandidateItems>(403, BankRefused);
        if (Problem(new CandidateFilter { Year = year }) is { } problem) return CandidateResult.Fail<EnterpriseCandidateItems>(400, problem);
        var y = year ?? clock.Year();
        var code = (creditCode ?? "").Trim().ToUpperInvariant();
        var enterprise = await scope.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (enterprise is null)
        {
            return await db.Enterprises.AnyAsync(e => e.CreditCode == code, ct)
                ? CandidateResult.Fail<EnterpriseCandidateItems>(403, "该企业不在您的查看范围内")
                : CandidateResult.Fail<EnterpriseCandidateItems>(404, $"没有统一社会信用代码为 {code} 的企业");
        }
        var row = RenewalCandidates.Summarise(scope.Where(e => e.Id == enterprise.Id), y).Enterprises.Single();
        return CandidateResult.Ok<EnterpriseCandidateItems>(new EnterpriseCandidateItems(y, row, RenewalCandidates.ItemsOf(db, enterprise, y)));
    }

    /// <summary>The xlsx of the filtered list (all pages) and its file name.</summary>
    public static CandidateResult<(byte[] Bytes, string FileName)> Xlsx(LibraryDbContext db, UserContext user, CandidateFilter f, TimeProvider clock)
    {
        var s = Summary(db, user, f, clock);
        if (s.Value is not { } summary) return CandidateResult.Fail<(byte[], string)>(s.Status, s.Message!);
        using var ms = new MemoryStream();
        CandidateWorkbook.Write(ms, Scope(db, user)!, summary, Blank(f.Rule), Blank(f.Area));
        var name = $"设备更新潜力-{summary.Year.ToString(CultureInfo.InvariantCulture)}{(Blank(f.Area) is { } a ? "-" + a : "")}{(Blank(f.Rule) is { } r ? "-" + r : "")}.xlsx";
        return CandidateResult.Ok<(byte[], string)>((ms.ToArray(), name));
    }

    /// <summary>Chinese rule label for the pages (English when switched).</summary>
    public static string RuleName(string rule) => Lang.T($"{rule} {CandidateRules.Label(rule)}", rule switch
    {
        CandidateRules.R1 => "R-1 Machine tool over 10 years",
        CandidateRules.R2 => "R-2 Key energy equipment below grade 2",
        CandidateRules.R3 => "R-3 Hazardous-chemical catalogue item",
        _ => "R-4 Past design life",
    });

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
