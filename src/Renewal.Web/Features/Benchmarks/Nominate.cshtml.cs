using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Benchmarks;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>
/// /benchmarks/rounds/{id}/nominate — a district reviewer finds an enterprise of its own area (by name or credit code),
/// sees its library figures beside each criterion, and nominates it with the reason, the enterprise's stated targets and
/// the projects to feature. Only district reviewers; an enterprise of another area is refused (403).
/// </summary>
public sealed class NominateModel(BenchmarkService service) : PageModel
{
    public RoundRow Round { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Enterprise { get; set; }
    public IReadOnlyList<(int Id, string Name, string CreditCode)> Found { get; private set; } = [];
    public string? EnterpriseName { get; private set; }
    public BenchmarkFigures? Figures { get; private set; }
    public IReadOnlyList<ProjectRef> Projects { get; private set; } = [];
    public string? Reason { get; private set; }
    public string? Targets { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role != Role.DistrictReviewer) return Forbid();
        return await LoadAsync(user, id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int enterpriseId, string? reason, string? targets, List<int>? projects, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role != Role.DistrictReviewer) return Forbid();
        var r = await service.NominateAsync(user, id, enterpriseId, reason, targets, projects, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Ok)
        {
            TempData["Message"] = Lang.T("已提名，市局将逐项评分", "Nominated; the bureau will score it");
            return Redirect($"/benchmarks/rounds/{id}#n{r.Value!.Id}");
        }
        Enterprise = enterpriseId;
        Reason = reason;
        Targets = targets;
        if (await LoadAsync(user, id, ct) is { } other) return other;
        Refusal = r.Message;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(UserContext user, int id, CancellationToken ct)
    {
        if (await service.RoundAsync(user, id, ct) is not { } round) return NotFound();
        Round = round;
        Found = await service.NomineesAsync(user, id, Q, ct);
        if (Enterprise is { } eid)
        {
            // An enterprise of another area (or none) is not the district's to nominate.
            if (await service.EnterpriseNameAsync(user, eid, ct) is not { } name) return Forbid();
            EnterpriseName = name;
            Projects = await service.ProjectsAsync(user, eid, ct);
            Figures = await service.FiguresAsync(eid, [.. round.KeyIndustries.Select(k => k.Code)], ct);
        }
        return null;
    }
}
