using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Audit;

/// <summary>The audit log, newest first, with the result of verifying the hash chain. Bureau and finance only.</summary>
[Authorize(Roles = "BureauReviewer,BureauAdmin,Finance")]
public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    public List<AuditEntry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public (long EntryId, string Problem)? Broken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.Audit.AsNoTracking();
        if (Entity is { Length: > 0 } e) q = q.Where(a => a.Entity == e);
        Total = await q.CountAsync(ct);
        Entries = await q.OrderByDescending(a => a.Id).Skip((Math.Max(1, PageNumber) - 1) * 100).Take(100).ToListAsync(ct);
        Broken = AuditLog.Verify(db);
    }
}
