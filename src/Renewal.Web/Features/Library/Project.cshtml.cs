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

    public IActionResult OnGet(int id)
    {
        var user = HttpContext.User();
        var found = Scope.Find(db, user, db.Projects.Include(p => p.Enterprise).Include(p => p.Investments).Include(p => p.Reports), id);
        if (found.Result is { } refusal) return refusal;
        Project = found.Value!;
        Loans = db.Loans.AsNoTracking().VisibleTo(user).Include(l => l.Repayments).Where(l => l.ProjectId == id).OrderBy(l => l.IssuedOn).ToList();
        Equipment = user.Role == Role.Bank ? [] : db.Equipment.AsNoTracking().Where(e => e.EnterpriseId == Project.EnterpriseId).OrderBy(e => e.Code).ToList();
        Reports = Project.Reports.OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).ToList();
        CanEdit = Access.CanEdit(user, Project.Enterprise!);

        Year ??= ProgrammeYears.Clamp(clock.Year());
        Awards = [.. ProjectEvaluation.Lines(db, engine, Project, Year.Value)
            .Where(a => a.Scheme != Scheme.LoanInterest || a.Level != Level.Central || a.Eligible)];
        return Page();
    }
}

/// <summary>
/// The engine's lines that concern one project for a year: its A and B, its enterprise's C, and its loans' D —
/// evaluated on the enterprise alone (C and the loan caps need nothing else).
/// </summary>
public static class ProjectEvaluation
{
    public static IEnumerable<AwardLine> Lines(LibraryDbContext db, PolicyEngine engine, Data.Entities.Project project, int year)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(project);
        var scenario = LibraryScenario.Build(db, year, enterpriseId: project.EnterpriseId);
        var code = scenario.Enterprises.Single().Id;
        var key = LibraryScenario.ProjectKey(code, project.Code);
        var loans = db.Loans.AsNoTracking().Where(l => l.ProjectId == project.Id).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        return engine.Evaluate(scenario, explain: true).Awards
            .Where(a => a.Scheme switch
            {
                Scheme.TechRenovation => true,
                Scheme.LoanInterest => a.Loan is { } l && loans.Contains(l),
                _ => a.Project == key,
            });
    }
}

/// <summary>Finds a row the user may see: 404 when it does not exist, 403 when it exists but is outside the user's scope.</summary>
public static class Scope
{
    public static (T? Value, IActionResult? Result) Find<T>(LibraryDbContext db, UserContext user, IQueryable<T> query, int id) where T : class
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
        var row = visible.FirstOrDefault(x => EF.Property<int>(x, "Id") == id);
        if (row is not null) return (row, null);
        var exists = query.Any(x => EF.Property<int>(x, "Id") == id);
        return (null, exists ? new ForbidResult() : new NotFoundResult());
    }
}
