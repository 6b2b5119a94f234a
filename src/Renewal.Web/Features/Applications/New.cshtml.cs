using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Applications;

/// <summary>An enterprise opens an application: scheme, year, and the project or loan it is for.</summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class NewModel(LibraryDbContext db, ApplicationService service) : PageModel
{
    [BindProperty] public Scheme Scheme { get; set; } = Scheme.EffectiveInvestment;
    [BindProperty] public int Year { get; set; } = 2025;
    [BindProperty] public int? ProjectId { get; set; }
    [BindProperty] public int? LoanId { get; set; }
    public List<(int Id, string Name)> Projects { get; private set; } = [];
    public List<(int Id, string Name)> Loans { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>The live application of the same subject, when that is why creating was refused.</summary>
    public ExistingRecord? Existing { get; private set; }

    public async Task OnGetAsync(int? projectId, int? loanId, CancellationToken ct)
    {
        ProjectId = projectId;
        LoanId = loanId;
        if (loanId is not null) Scheme = Scheme.LoanInterest;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await service.CreateAsync(HttpContext.User(), Scheme, Year,
            Scheme is Scheme.Demonstration or Scheme.EffectiveInvestment ? ProjectId : null,
            Scheme == Scheme.LoanInterest ? LoanId : null, ct);
        if (!result.Ok)
        {
            Error = result.Message;
            Existing = result.Existing;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = Lang.T($"已创建申报 {result.Value!.Number}（草稿），核对测算后提交。", $"Draft {result.Value!.Number} created.");
        return Redirect($"/applications/{result.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        Projects = (await db.Projects.AsNoTracking().VisibleTo(user).OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, $"{p.Code} {p.Name}")).ToList();
        Loans = (await db.Loans.AsNoTracking().VisibleTo(user).OrderBy(l => l.Code).Select(l => new { l.Id, l.Code, l.Principal }).ToListAsync(ct))
            .Select(l => (l.Id, $"{l.Code}（本金 {Display.Yuan(l.Principal)} 元）")).ToList();
    }
}
