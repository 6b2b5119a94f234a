using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Services.Visits;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Visits;

/// <summary>
/// /visits/{id} — one visit: the enterprise, whom the officer met, the equipment seen, the intentions with where each
/// 征集项目 stands (and the project it became), the follow-ups with 办结. Another area's visit is not there for a district (404).
/// </summary>
[Authorize(Roles = VisitAccess.Roles)]
public sealed class DetailModel(VisitService service) : PageModel
{
    public VisitDetail Visit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var v = await service.FindAsync(HttpContext.User(), id, ct);
        if (v is null) return NotFound();
        Visit = v;
        return Page();
    }

    /// <summary>办结 of a follow-up of this visit.</summary>
    public async Task<IActionResult> OnPostDoneAsync(int id, int followUp, long version, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (await service.FindAsync(user, id, ct) is not { } v || v.FollowUps.All(f => f.Id != followUp)) return NotFound();
        var r = await service.CompleteFollowUpAsync(user, followUp, version, ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Ok) TempData["Message"] = Lang.T("跟进事项已办结。", "Follow-up done.");
        else TempData["Error"] = r.Message;
        return Redirect($"/visits/{id}");
    }
}
