using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Applications;

public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public ApplicationState? State { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Scheme? Scheme { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    public List<ApplicationRow> Rows { get; private set; } = [];
    public Role Role { get; private set; }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role == Role.Bank) return Forbid();
        Role = user.Role;
        Rows = await ListApplications.QueryAsync(db, user, State, Scheme, Year, Mine, ct);
        return Page();
    }
}
