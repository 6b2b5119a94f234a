using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

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

/// <summary>Queries the project list with the user's row-level scope, filters and paging (fast at 100,000 projects).</summary>
public static class ProjectList
{
    public static (IReadOnlyList<ProjectRow> Rows, int Total) Query(LibraryDbContext db, UserContext user, ProjectFilter f)
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

        var total = q.Count();
        var size = Math.Clamp(f.PageSize, 10, 200);
        var page = Math.Max(1, f.Page);
        var year0 = f.Year;
        var rows = q.OrderBy(p => p.Id).Skip((page - 1) * size).Take(size)
            .Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Enterprise!.Name, p.Enterprise.CreditCode, p.Enterprise.Area, p.Enterprise.IndustryCode,
                p.Kind, p.Status,
                year0 == null ? null : p.Investments.Where(i => i.Year == year0).Select(i => (decimal?)i.Equipment).FirstOrDefault(),
                p.FinancingNeed))
            .ToList();
        return (rows, total);
    }
}

public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProjectFilter Filter { get; set; } = new();
    public IReadOnlyList<ProjectRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + Math.Clamp(Filter.PageSize, 10, 200) - 1) / Math.Clamp(Filter.PageSize, 10, 200));

    public void OnGet() => (Rows, Total) = ProjectList.Query(db, HttpContext.User(), Filter);

    public string PageLink(int page)
    {
        var q = Request.Query.ToDictionary(k => k.Key, v => v.Value.ToString());
        q["Filter.Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "/library?" + string.Join("&", q.Where(kv => kv.Value.Length > 0).Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
    }
}
