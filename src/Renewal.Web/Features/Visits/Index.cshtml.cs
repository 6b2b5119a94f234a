using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Visits;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Visits;

/// <summary>
/// /visits — 走访: the visits of the officer's scope (a district its area's, the bureau all, narrowed by area), latest
/// first, with what each collected and what is still to follow up; the way to record a visit and to the coverage.
/// </summary>
[Authorize(Roles = VisitAccess.Roles)]
public sealed class IndexModel(VisitService service) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    public IReadOnlyList<VisitRow> Visits { get; private set; } = [];
    public Role Role { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        Role = user.Role;
        Visits = await service.ListAsync(user, user.Role == Role.DistrictReviewer ? null : Area, ct: ct);
    }
}
