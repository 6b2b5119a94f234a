using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Services.Benchmarks;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>
/// /benchmarks — 标杆企业 for anyone (plan §三(三) 做好标杆宣传): the enterprises selected in the published rounds, by
/// industry division, each linking to its public page. Nothing of rounds not yet published.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(BenchmarkService service) : PageModel
{
    public IReadOnlyList<PublicEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Entries = await service.PublicListAsync(ct);
}
