using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Web.Features.Enterprise;

namespace Renewal.Web.Features.Audit;

/// <summary>
/// The audit log, newest first, 50 to a page, filtered by user, action, object and Beijing days, each entry's change
/// said field by field in words, with the result of verifying the hash chain. Bureau and finance only.
/// </summary>
[Authorize(Roles = "BureauReviewer,BureauAdmin,Finance")]
public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();
    public AuditPage Result { get; private set; } = new([], 0, 1, 1);
    public FieldErrors Errors { get; private set; } = new();
    public IReadOnlyList<string> EntityChoices { get; private set; } = [];
    public IReadOnlyList<(string Action, string Entity)> ActionChoices { get; private set; } = [];
    public long ChainLength { get; private set; }
    public (long EntryId, string Problem)? Broken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (from, to, errors) = AuditQuery.Days(Filter);
        Errors = errors;
        // A day that cannot be read filters nothing: the page says which field and shows the rest of the filter's matches.
        Result = await AuditQuery.PageAsync(db, Filter, from, to, PageNumber, ct);
        (EntityChoices, ActionChoices) = await AuditQuery.ChoicesAsync(db, ct);
        ChainLength = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.Audit, ct);
        Broken = AuditLog.Verify(db);
    }
}
