using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Services.Visits;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Enterprise;

/// <summary>
/// /enterprise/collected — 征集项目: the renewal intentions the district recorded on its visits to this enterprise. The
/// enterprise confirms each (the project and its yearly investment are entered in its library, where it may edit them)
/// or declines it with a reason. Another enterprise's draft is not there (404).
/// </summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class CollectedModel(VisitService service) : PageModel
{
    public IReadOnlyList<DraftRow> Drafts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Drafts = await service.DraftsAsync(HttpContext.User(), ct: ct);

    public async Task<IActionResult> OnPostConfirmAsync(int id, long version, CancellationToken ct)
    {
        var r = await service.ConfirmAsync(HttpContext.User(), id, version, ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Ok) TempData["Message"] = Lang.T($"已确认入库：项目“{r.Value!.Name}”（{r.Value.ProjectCode}）已登记在“我的项目”中，可在项目中补充或修改。",
            $"Confirmed: {r.Value!.Name} ({r.Value.ProjectCode}) is in your projects.");
        else TempData["Error"] = r.Message;
        return Redirect("/enterprise/collected");
    }

    public async Task<IActionResult> OnPostDeclineAsync(int id, long version, string? reason, CancellationToken ct)
    {
        var r = await service.DeclineAsync(HttpContext.User(), id, version, reason, ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Ok) TempData["Message"] = Lang.T("已答复未确认。", "Declined.");
        else TempData["Error"] = r.Message;
        return Redirect("/enterprise/collected");
    }
}
