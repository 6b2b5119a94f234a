using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Web.Features.Library;

/// <summary>A project: its data, loans, the enterprise's equipment, progress history and the engine's evaluation, explained.</summary>
public sealed class ProjectModel(LibraryDbContext db, PolicyEngine engine, TimeProvider clock) : PageModel
{
    public Data.Entities.Project Project { get; private set; } = null!;
    public List<Data.Entities.Loan> Loans { get; private set; } = [];
    public List<EquipmentItem> Equipment { get; private set; } = [];
    public List<ProgressReport> Reports { get; private set; } = [];
    public IReadOnlyList<AwardLine> Awards { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        var found = await Scope.FindAsync(db, user, db.Projects.Include(p => p.Enterprise).Include(p => p.Investments).Include(p => p.Reports), id, ct);
        if (found.Result is { } refusal) return refusal;
        Project = found.Value!;
        Loans = await db.Loans.AsNoTracking().VisibleTo(user).Include(l => l.Repayments).Where(l => l.ProjectId == id).OrderBy(l => l.IssuedOn).ToListAsync(ct);
        Equipment = user.Role == Role.Bank ? [] : await db.Equipment.AsNoTracking().Where(e => e.EnterpriseId == Project.EnterpriseId).OrderBy(e => e.Code).ToListAsync(ct);
        Reports = Project.Reports.OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).ToList();
        CanEdit = Access.CanEdit(user, Project.Enterprise!);

        Year ??= ProgrammeYears.Clamp(clock.Year());
        Awards = [.. (await EvaluateProject.LinesAsync(db, engine, Project, Year.Value, user, ct))
            .Where(a => a.Scheme != Scheme.LoanInterest || a.Level != Level.Central || a.Eligible)];
        return Page();
    }
}

/// <summary>Finds a row the user may see: 404 when it does not exist, 403 when it exists but is outside the user's scope.</summary>
public static class Scope
{
    public static async Task<(T? Value, IActionResult? Result)> FindAsync<T>(LibraryDbContext db, UserContext user, IQueryable<T> query, int id,
        CancellationToken ct = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        IQueryable<T> visible = query switch
        {
            IQueryable<Data.Entities.Project> p => (IQueryable<T>)p.VisibleTo(user),
            IQueryable<Data.Entities.Loan> l => (IQueryable<T>)l.VisibleTo(user),
            IQueryable<AwardApplication> a => (IQueryable<T>)a.VisibleTo(user),
            IQueryable<Data.Entities.Enterprise> e => (IQueryable<T>)e.VisibleTo(user),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
        var row = await visible.FirstOrDefaultAsync(x => EF.Property<int>(x, "Id") == id, ct);
        if (row is not null) return (row, null);
        var exists = await query.AnyAsync(x => EF.Property<int>(x, "Id") == id, ct);
        return (null, exists ? new ForbidResult() : new NotFoundResult());
    }
}
