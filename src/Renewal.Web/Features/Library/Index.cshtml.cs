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

public sealed class IndexModel(LibraryDbContext db, Renewal.Policy.Kunshan2024.PolicyEngine engine, Renewal.Services.Simulation.EligibleProjects eligible) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProjectFilter Filter { get; set; } = new();
    public IReadOnlyList<ProjectRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>More than <see cref="Total"/> projects (<see cref="ListProjects.ExactTotalUpTo"/>): the list is not counted to its end.</summary>
    public bool TotalIsLowerBound { get; private set; }
    /// <summary>The bureau imports the library from Excel (/library/import).</summary>
    public bool CanImport => HttpContext.User().IsBureau;
    public int Pages => Math.Max(1, (Total + Math.Clamp(Filter.PageSize, 10, 200) - 1) / Math.Clamp(Filter.PageSize, 10, 200));

    /// <summary>A next page: within the counted pages, or, past a count that stopped early, when this page is full.</summary>
    public bool HasNext => TotalIsLowerBound ? Rows.Count == Math.Clamp(Filter.PageSize, 10, 200) : Filter.Page < Pages;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = await ListProjects.QueryAsync(db, HttpContext.User(), Filter, engine, eligible, ct);
        (Rows, Total, TotalIsLowerBound) = (list.Rows, list.Total, list.TotalIsLowerBound);
    }

    public string PageLink(int page)
    {
        var q = Request.Query.ToDictionary(k => k.Key, v => v.Value.ToString());
        q["Filter.Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "/library?" + string.Join("&", q.Where(kv => kv.Value.Length > 0).Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
    }
}
