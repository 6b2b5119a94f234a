using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Applications;

/// <summary>One row of the applications list.</summary>
public sealed record ApplicationRow(int Id, string Number, Scheme Scheme, int Year, string Enterprise, string Area, string? Project, string? Loan,
    ApplicationState State, decimal? Submitted, decimal? Approved, DateTimeOffset UpdatedAt, long Version);

/// <summary>Lists the applications the user may see; "mine" = those waiting for one of the user's moves.</summary>
public static class ApplicationList
{
    public static List<ApplicationRow> Query(LibraryDbContext db, UserContext user, ApplicationState? state, Scheme? scheme, int? year, bool mine)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var q = db.Applications.AsNoTracking().VisibleTo(user);
        if (state is { } s) q = q.Where(a => a.State == s);
        if (scheme is { } sc) q = q.Where(a => a.Scheme == sc);
        if (year is { } y) q = q.Where(a => a.Year == y);
        if (mine)
        {
            var states = Enum.GetValues<ApplicationState>().Where(st => Transitions.Available(st, user.Role).Any()).ToList();
            q = q.Where(a => states.Contains(a.State));
        }
        return q.OrderByDescending(a => a.Id).Take(500)
            .Select(a => new ApplicationRow(a.Id, a.Number, a.Scheme, a.Year, a.Enterprise!.Name, a.Enterprise.Area,
                a.Project != null ? a.Project.Name : null, a.Loan != null ? a.Loan.Code : null, a.State, a.SubmittedAmount, a.ApprovedAmount, a.UpdatedAt, a.Version))
            .ToList();
    }
}

public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public ApplicationState? State { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Scheme? Scheme { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    public List<ApplicationRow> Rows { get; private set; } = [];
    public Role Role { get; private set; }

    public Microsoft.AspNetCore.Mvc.IActionResult OnGet()
    {
        var user = HttpContext.User();
        if (user.Role == Role.Bank) return Forbid();
        Role = user.Role;
        Rows = ApplicationList.Query(db, user, State, Scheme, Year, Mine);
        return Page();
    }
}
