using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Enterprise;

/// <summary>/enterprise — the enterprise user's own enterprise: data, projects, loans, latest progress, and what it can get.</summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class IndexModel(LibraryDbContext db, PolicyEngine engine, TimeProvider clock) : PageModel
{
    public EnterpriseOverview Data { get; private set; } = null!;
    public int CurrentYear { get; private set; }
    public Dictionary<string, int> ProjectIds { get; private set; } = [];
    /// <summary>Years with an approved or paid award: each has an award notice (奖补通知书) to download.</summary>
    public List<int> NoticeYears { get; private set; } = [];

    /// <summary>待我办理: the enterprise's drafts and returned applications (issue 12 item 4).</summary>
    public IReadOnlyList<Renewal.Services.Notifications.TodoItem> Todo { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await Overview.QueryAsync(db, engine, HttpContext.User(), ct);
        if (!result.Ok) return Forbid();
        Data = result.Value!;
        Now = clock.GetUtcNow();
        Todo = await Renewal.Services.Notifications.TodoList.ForAsync(db, HttpContext.User(), Now, ct);
        CurrentYear = Math.Clamp(clock.Year(), Overview.Years[0], Overview.Years[^1]);
        ProjectIds = Data.Projects.ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);
        var enterpriseId = Data.Enterprise.Id;
        NoticeYears = await db.Applications.Where(a => a.EnterpriseId == enterpriseId && a.ApprovedAmount != null
                && (a.State == Renewal.Data.Entities.ApplicationState.Approved || a.State == Renewal.Data.Entities.ApplicationState.Paid))
            .Select(a => a.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        return Page();
    }

    public static string SchemeName(Scheme s) => Lang.T(Codes.Label(s), s switch
    {
        Scheme.Demonstration => "Demonstration project",
        Scheme.EffectiveInvestment => "Effective investment",
        Scheme.TechRenovation => "Technical renovation",
        _ => "Loan interest subsidy",
    });
}
