using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Benchmarks;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>
/// /benchmarks/consent — the enterprise's own selections: for each, the figures proposed for its public page (projects,
/// equipment and digital investment, awards approved, its stated targets) and a tick for each it agrees to publish.
/// Only what it ticks appears on /benchmarks/{id}; it may change its answer at any time. Enterprises only.
/// </summary>
public sealed class ConsentModel(BenchmarkService service) : PageModel
{
    public IReadOnlyList<ConsentView> Selections { get; private set; } = [];
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role != Role.Enterprise) return Forbid();
        Selections = await service.ConsentsAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int nominationId, long version, List<string>? publish, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role != Role.Enterprise) return Forbid();
        var p = publish ?? [];
        var r = await service.ConsentAsync(user, nominationId, version,
            new ConsentInput(p.Contains("projects"), p.Contains("equipment"), p.Contains("digital"), p.Contains("award"), p.Contains("targets")), ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Ok)
        {
            TempData["Message"] = Lang.T("已保存公开内容确认；标杆页面只显示您同意公开的数据", "Saved; the public page shows only what you agreed to");
            return Redirect("/benchmarks/consent");
        }
        Selections = await service.ConsentsAsync(user, ct);
        Refusal = r.Message;
        return Page();
    }
}
