using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Services;
using Renewal.Services.Reports;

namespace Renewal.Web.Features.Notice;

/// <summary>
/// /notice — 公示 (issue 12 item 6), for anyone: per call its notice text and the contact for objections, then the
/// applications on notice with their periods (Beijing dates, days left) and, while one runs, 提出异议 (the public form).
/// Past notices stay readable, filtered by year and call. Never an objector's name or contact.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>The call to show alone (申报批次); null = every call.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Call { get; set; }
    public NoticeBoard Board { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct) => Board = await NoticeBoard.LoadAsync(db, Year, Call, clock.Today(), ct);
}
