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
public sealed class IndexModel(LibraryDbContext db, PolicyEngine engine, TimeProvider clock, Renewal.Services.Financing.FinancingService financing) : PageModel
{
    /// <summary>银企对接: the banks that recorded an interest in the enterprise's projects, and where each stands (issue 12 item 7).</summary>
    public IReadOnlyList<Renewal.Services.Financing.MatchRow> Banks { get; private set; } = [];
    [BindProperty] public ContactRequest Contact { get; set; } = new();
    /// <summary>Why the contact was not saved (the page's one alert).</summary>
    public string? ContactRefusal { get; private set; }

    public EnterpriseOverview Data { get; private set; } = null!;
    public int CurrentYear { get; private set; }
    public Dictionary<string, int> ProjectIds { get; private set; } = [];
    /// <summary>Years with an approved or paid award: each has an award notice (奖补通知书) to download.</summary>
    public List<int> NoticeYears { get; private set; } = [];

    /// <summary>待我办理: the enterprise's drafts and returned applications (issue 12 item 4).</summary>
    public IReadOnlyList<Renewal.Services.Notifications.TodoItem> Todo { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    /// <summary>The enterprise's contact for banks (联系人, 联系电话).</summary>
    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct)
    {
        var r = await SaveContact.HandleAsync(db, HttpContext.User(), Contact, clock, ct);
        if (r.Status == CommandStatus.Forbidden) return Forbid();
        if (r.Ok)
        {
            TempData["Message"] = Lang.T("已保存联系人", "Contact saved");
            return Redirect("/enterprise");
        }
        ContactRefusal = r.Errors is { Any: true } errors ? string.Join("；", errors.All) : r.Message;
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var result = await Overview.QueryAsync(db, engine, HttpContext.User(), ct);
        if (!result.Ok) return false;
        Data = result.Value!;
        Banks = await financing.ListAsync(HttpContext.User(), ct: ct);
        Now = clock.GetUtcNow();
        Todo = await Renewal.Services.Notifications.TodoList.ForAsync(db, HttpContext.User(), Now, ct);
        CurrentYear = Math.Clamp(clock.Year(), Overview.Years[0], Overview.Years[^1]);
        ProjectIds = Data.Projects.ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);
        var enterpriseId = Data.Enterprise.Id;
        NoticeYears = await db.Applications.Where(a => a.EnterpriseId == enterpriseId && a.ApprovedAmount != null
                && (a.State == Renewal.Data.Entities.ApplicationState.Approved || a.State == Renewal.Data.Entities.ApplicationState.Paid))
            .Select(a => a.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        return true;
    }

    public static string SchemeName(Scheme s) => Lang.T(Codes.Label(s), s switch
    {
        Scheme.Demonstration => "Demonstration project",
        Scheme.EffectiveInvestment => "Effective investment",
        Scheme.TechRenovation => "Technical renovation",
        _ => "Loan interest subsidy",
    });
}
