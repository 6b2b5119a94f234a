using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Services.Benchmarks;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>
/// /benchmarks/{id} — a selected enterprise's public page: what it renewed, with only the figures it agreed to publish,
/// and why it was selected (the published criteria, the scores, the bureau's reason). No contact, no figure not agreed;
/// a nomination not selected in a published round is not there (404).
/// </summary>
[AllowAnonymous]
public sealed class PublicModel(BenchmarkService service) : PageModel
{
    public PublicPage Entry { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await service.PublicPageAsync(id, ct) is not { } page) return NotFound();
        Entry = page;
        return Page();
    }
}
