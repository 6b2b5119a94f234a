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

/// <summary>The calls of one scheme and year as the new-application page shows them: the open ones, or why none is.</summary>
public sealed record CallChoice(Scheme Scheme, int Year, IReadOnlyList<ProgrammeCall> Open, string? Closed);

/// <summary>
/// An enterprise opens an application: scheme, year, and the project or loan it is for. Before anything is typed the
/// page shows the call (申报批次) open for the chosen scheme and year — its window and required materials — or, when
/// none is, what the service would answer (when the next one opens, or when the last one closed).
/// </summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class NewModel(LibraryDbContext db, ApplicationService service, Renewal.Services.Calls.CallService calls, TimeProvider clock, WorkflowOptions options) : PageModel
{
    [BindProperty] public Scheme Scheme { get; set; } = Scheme.EffectiveInvestment;
    [BindProperty] public int Year { get; set; } = 2025;
    [BindProperty] public int? ProjectId { get; set; }
    [BindProperty] public int? LoanId { get; set; }
    public List<(int Id, string Name)> Projects { get; private set; } = [];
    public List<(int Id, string Name)> Loans { get; private set; } = [];
    /// <summary>Per scheme and programme year, the open calls or why there is none.</summary>
    public IReadOnlyList<CallChoice> Calls { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The live application of the same subject, when that is why creating was refused.</summary>
    public ExistingRecord? Existing { get; private set; }

    public async Task OnGetAsync(int? projectId, int? loanId, Scheme? scheme, int? year, CancellationToken ct)
    {
        ProjectId = projectId;
        LoanId = loanId;
        if (scheme is { } chosen && Enum.IsDefined(chosen)) Scheme = chosen;
        if (year is { } y && Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.Contains(y)) Year = y;
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
        Now = clock.GetUtcNow();
        var all = await calls.ListAsync(ct);
        Calls = [.. Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.All.SelectMany(year => Enum.GetValues<Scheme>().Select(scheme =>
        {
            var these = all.Where(c => c.Scheme == scheme && c.Year == year).ToList();
            var open = these.Where(c => c.IsOpenAt(Now)).OrderBy(c => c.EndsAt).ToList();
            return new CallChoice(scheme, year, open, open.Count > 0 ? null
                : options.RequireCall ? Renewal.Services.Calls.CallService.WhyClosed(scheme, year, these, Now)
                : Lang.T("目前没有受理中的申报批次。", "No call is open now."));
        }))];
        Projects = (await db.Projects.AsNoTracking().VisibleTo(user).OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, $"{p.Code} {p.Name}")).ToList();
        Loans = (await db.Loans.AsNoTracking().VisibleTo(user).OrderBy(l => l.Code).Select(l => new { l.Id, l.Code, l.Principal }).ToListAsync(ct))
            .Select(l => (l.Id, $"{l.Code}（本金 {Display.Yuan(l.Principal)} 元）")).ToList();
    }
}
