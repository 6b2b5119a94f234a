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
    /// <summary>The bureau imports the library from Excel (/library/import).</summary>
    public bool CanImport => HttpContext.User().IsBureau;
    public int Pages => Math.Max(1, (Total + Math.Clamp(Filter.PageSize, 10, 200) - 1) / Math.Clamp(Filter.PageSize, 10, 200));

    public async Task OnGetAsync(CancellationToken ct) => (Rows, Total) = await ListProjects.QueryAsync(db, HttpContext.User(), Filter, engine, eligible, ct);

    public string PageLink(int page)
    {
        var q = Request.Query.ToDictionary(k => k.Key, v => v.Value.ToString());
        q["Filter.Page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "/library?" + string.Join("&", q.Where(kv => kv.Value.Length > 0).Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
    }
}
