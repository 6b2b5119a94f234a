using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Model;
using Renewal.Policy.Kunshan2024;
using Renewal.Services.Simulation;
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
    /// <summary>
    /// Only projects the policy engine, under the rules in force, finds eligible for this scheme in <see cref="Year"/> (in any
    /// programme year when no year is given), whatever the amount (<see cref="EligibleProjects"/>).
    /// </summary>
    public Scheme? Eligible { get; set; }
    public string? Q { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 50;
}

/// <summary>One row of the list.</summary>
public sealed record ProjectRow(int Id, string Code, string Name, string Enterprise, string CreditCode, string Area, string Industry,
    ProjectKind Kind, ProjectStatus Status, decimal? Equipment, decimal? FinancingNeed);

// One page of the list as the API returns it (no XML summary: the OpenAPI document would gain a description).
// Total is exact up to ListProjects.ExactTotalUpTo; beyond it TotalIsLowerBound is true and Total says "more than".
public sealed record ProjectPage(int Total, int Page, IReadOnlyList<ProjectRow> Items, bool TotalIsLowerBound = false);

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

/// <summary>One page of rows and the count of the whole list (exact up to <see cref="ListProjects.ExactTotalUpTo"/>, else a lower bound).</summary>
public sealed record ProjectList(IReadOnlyList<ProjectRow> Rows, int Total, bool TotalIsLowerBound);

/// <summary>
/// Queries the project list with the user's row-level scope, filters and paging: /library and GET /api/v1/projects. The
/// page itself is cheap at any size (the primary key's order, LIMIT/OFFSET: a few ms at 1,000,000 projects on PostgreSQL);
/// an exact COUNT(*) of a large list is not (300–700 ms at 1M: it reads every row of the scope; counting up to 10,000 still
/// took 250–600 ms with a filter on the enterprise, up to 1,000 50–70 ms), so the list is counted
/// only up to <see cref="ExactTotalUpTo"/> rows and says "more than" beyond (issue 13).
/// </summary>
public static class ListProjects
{
    /// <summary>The list's count is exact up to this many projects; a longer list counts <c>ExactTotalUpTo + 1</c> rows and says "more than".</summary>
    public const int ExactTotalUpTo = 1_000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/projects", async (HttpContext http, LibraryDbContext db, PolicyEngine engine, EligibleProjects eligible, [AsParameters] ProjectQuery q,
            CancellationToken ct) =>
        {
            var f = q.ToFilter();
            var list = await QueryAsync(db, http.User(), f, engine, eligible, ct);
            return TypedResults.Ok(new ProjectPage(list.Total, f.Page, list.Rows, list.TotalIsLowerBound));
        }).WithName("ListProjects").WithSummary("项目库列表（按角色范围过滤）");

    /// <param name="db">The library.</param>
    /// <param name="user">Whose scope (<see cref="Access"/>).</param>
    /// <param name="f">The filters.</param>
    /// <param name="engine">The rules in force (the request's engine): <see cref="ProjectFilter.Eligible"/> asks it.</param>
    /// <param name="eligible">The eligible projects kept per year, library and parameters.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<ProjectList> QueryAsync(LibraryDbContext db, UserContext user, ProjectFilter f,
        PolicyEngine engine, EligibleProjects eligible, CancellationToken ct = default) =>
        QueryAsync(db, user, f, engine, eligible, ExactTotalUpTo, ct);

    /// <summary>As <see cref="QueryAsync(LibraryDbContext, UserContext, ProjectFilter, PolicyEngine, EligibleProjects, CancellationToken)"/>,
    /// counting exactly up to <paramref name="exactUpTo"/> rows.</summary>
    public static async Task<ProjectList> QueryAsync(LibraryDbContext db, UserContext user, ProjectFilter f,
        PolicyEngine engine, EligibleProjects eligible, int exactUpTo, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactUpTo);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(eligible);
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
            // The engine's answer as an id list, filtered in SQL with the scope and the other filters.
            // A bank sees no C line on the project page (C sums projects it may not see), so it cannot filter on C either.
            q = Among(q, scheme == Scheme.TechRenovation && user.Role == Data.Entities.Role.Bank ? [] : [.. eligible.Of(db, engine, scheme, f.Year)]);
        }
        if (f.Q is { Length: > 0 } text) q = q.Where(p => p.Name.Contains(text) || p.Code.Contains(text) || p.Enterprise!.Name.Contains(text));

        // COUNT(*) over a subquery with LIMIT: the database stops after exactUpTo + 1 rows of the scope.
        var total = await q.Take(exactUpTo + 1).CountAsync(ct);
        var size = Math.Clamp(f.PageSize, 10, 200);
        var page = Math.Max(1, f.Page);
        var year0 = f.Year;
        var rows = await q.OrderBy(p => p.Id).Skip((page - 1) * size).Take(size)
            .Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Enterprise!.Name, p.Enterprise.CreditCode, p.Enterprise.Area, p.Enterprise.IndustryCode,
                p.Kind, p.Status,
                year0 == null ? null : p.Investments.Where(i => i.Year == year0).Select(i => (decimal?)i.Equipment).FirstOrDefault(),
                p.FinancingNeed))
            .ToListAsync(ct);
        return total > exactUpTo ? new ProjectList(rows, exactUpTo, true) : new ProjectList(rows, total, false);
    }

    /// <summary>
    /// The projects of <paramref name="q"/> whose id is in <paramref name="ids"/>: one parameter whatever its length (a JSON
    /// array on SQLite, an array on PostgreSQL), not one per id, so no provider's parameter limit (32,766; 65,535) applies
    /// to a large library's list.
    /// </summary>
    public static IQueryable<Data.Entities.Project> Among(IQueryable<Data.Entities.Project> q, int[] ids) =>
        q.Where(p => EF.Parameter(ids).Contains(p.Id));
}
