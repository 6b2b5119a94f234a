using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Candidates;

/// <summary>/candidates/{code} — one enterprise's inventory with the reasons each item is a candidate and what to renew it to.</summary>
public sealed class EnterpriseModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public EnterpriseCandidateItems Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var r = await CandidateQuery.ItemsAsync(db, HttpContext.User(), code, Year, clock, ct);
        if (r.Status == 400)
        {
            TempData["Error"] = r.Message;
            Year = null;
            r = await CandidateQuery.ItemsAsync(db, HttpContext.User(), code, null, clock, ct);
        }
        return r.Status switch
        {
            200 => Show(r.Value!),
            404 => NotFound(),
            _ => Forbid(),
        };
    }

    private PageResult Show(EnterpriseCandidateItems data)
    {
        Data = data;
        return Page();
    }
}
