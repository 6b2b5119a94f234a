using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Library;

/// <summary>The filters of the project list (also the API's query).</summary>
public sealed class ProjectFilter
{
    public string? Area { get; set; }
    /// <summary>GB/T 4754 prefix: "C", "C34", "C3421".</summary>
    public string? Industry { get; set; }
    public int? Task { get; set; }
    public ProjectStatus? Status { get; set; }
    /// <summary>Projects with investment in this year.</summary>
    public int? Year { get; set; }
    /// <summary>Only projects with a non-zero stored award of this scheme (latest library evaluation) in <see cref="Year"/>.</summary>
    public Scheme? Eligible { get; set; }
    public string? Q { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 50;
}

/// <summary>One row of the list.</summary>
public sealed record ProjectRow(int Id, string Code, string Name, string Enterprise, string CreditCode, string Area, string Industry,
    ProjectKind Kind, ProjectStatus Status, decimal? Equipment, decimal? FinancingNeed);

// One page of the list as the API returns it (no XML summary: the OpenAPI document would gain a description).
public sealed record ProjectPage(int Total, int Page, IReadOnlyList<ProjectRow> Items);

/// <summary>Query string of the project list (GET /api/v1/projects).</summary>
public sealed class ProjectQuery
{
    public string? Area { get; set; }
    public string? Industry { get; set; }
    public int? Task { get; set; }
    public Renewal.Policy.Model.ProjectStatus? Status { get; set; }
    public int? Year { get; set; }
    public Scheme? Eligible { get; set; }
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }

    public ProjectFilter ToFilter() => new()
    {
        Area = Area, Industry = Industry, Task = Task, Status = Status, Year = Year, Eligible = Eligible, Q = Q,
        Page = Page ?? 1, PageSize = PageSize ?? 50,
    };
}

/// <summary>Queries the project list with the user's row-level scope, filters and paging (fast at 100,000 projects): /library and GET /api/v1/projects.</summary>
public static class ListProjects
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/projects", async (HttpContext http, LibraryDbContext db, [AsParameters] ProjectQuery q, CancellationToken ct) =>
        {
            var f = q.ToFilter();
            var (rows, total) = await QueryAsync(db, http.User(), f, ct);
            return TypedResults.Ok(new ProjectPage(total, f.Page, rows));
        }).WithName("ListProjects").WithSummary("项目库列表（按角色范围过滤）");

    public static async Task<(IReadOnlyList<ProjectRow> Rows, int Total)> QueryAsync(LibraryDbContext db, UserContext user, ProjectFilter f,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var q = db.Projects.AsNoTracking().VisibleTo(user);
        if (f.Area is { Length: > 0 } area) q = q.Where(p => p.Enterprise!.Area == area);
        if (f.Industry is { Length: > 0 } ind)
        {
            var prefix = ind.Trim().ToUpperInvariant() + "%";
            q = q.Where(p => EF.Functions.Like(p.Enterprise!.IndustryCode, prefix));
        }
        if (f.Task is { } task)
        {
            q = q.Where(p => p.Tasks.Contains(task));
        }
        if (f.Status is { } st) q = q.Where(p => p.Status == st);
        if (f.Year is { } y) q = q.Where(p => p.Investments.Any(i => i.Year == y));
        if (f.Eligible is { } scheme)
        {
            var year = f.Year ?? 0;
            q = q.Where(p => db.AwardDecisions.Any(a => a.ProjectId == p.Id && a.Scheme == scheme && (year == 0 || a.Year == year) && a.Eligible));
        }
        if (f.Q is { Length: > 0 } text) q = q.Where(p => p.Name.Contains(text) || p.Code.Contains(text) || p.Enterprise!.Name.Contains(text));

        var total = await q.CountAsync(ct);
        var size = Math.Clamp(f.PageSize, 10, 200);
        var page = Math.Max(1, f.Page);
        var year0 = f.Year;
        var rows = await q.OrderBy(p => p.Id).Skip((page - 1) * size).Take(size)
            .Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Enterprise!.Name, p.Enterprise.CreditCode, p.Enterprise.Area, p.Enterprise.IndustryCode,
                p.Kind, p.Status,
                year0 == null ? null : p.Investments.Where(i => i.Year == year0).Select(i => (decimal?)i.Equipment).FirstOrDefault(),
                p.FinancingNeed))
            .ToListAsync(ct);
        return (rows, total);
    }
}
