using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Features.Dashboard;
using Renewal.Web.Features.Shared.Charts;
using Renewal.Web.Infrastructure;
using Renewal.Services.Programme;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Services;

namespace Renewal.Web.Features;

/// <summary>
/// The home page: the programme dashboard for the government roles (a district reviewer sees its own area), the
/// welcome page for an enterprise; a bank user goes to the library.
/// </summary>
public sealed class HomeModel(LibraryDbContext db, LibraryDatabaseOptions options, PolicyEngine engine, TimeProvider clock) : PageModel
{
    public Role Role { get; private set; }
    public ProgrammeReport? Report { get; private set; }
    public IReadOnlyList<TargetCard> Cards { get; private set; } = [];
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    /// <summary>待我办理: what waits for the user, oldest first (issue 12 item 4).</summary>
    public IReadOnlyList<Renewal.Services.Notifications.TodoItem> Todo { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    /// <summary>标杆企业 by industry division (issue 14 item 3): enterprises selected in published rounds, of the user's scope.</summary>
    public IReadOnlyList<(string Division, string Name, int Count)> Benchmarks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        Role = user.Role;
        if (Role == Role.Bank) return Redirect("/library");
        Now = clock.GetUtcNow();
        Todo = await Renewal.Services.Notifications.TodoList.ForAsync(db, user, Now, ct);
        if (user.IsGovernment)
        {
            Report = ProgrammeDashboard.Report(db, options, engine, clock, user);
            Cards = ProgrammeDashboard.Cards(Report);
            Charts = ProgrammeDashboard.Charts(Report);
            Benchmarks = Renewal.Services.Benchmarks.BenchmarkService.CountByIndustry(db, ProgrammeDashboard.ScopeOf(user));
        }
        return Page();
    }

    /// <summary>A chart's figures as xlsx (government roles only; the district's own area).</summary>
    public IActionResult OnGetXlsx(string? chart)
    {
        var user = HttpContext.User();
        if (!user.IsGovernment) return Forbid();
        var data = ProgrammeDashboard.Charts(ProgrammeDashboard.Report(db, options, engine, clock, user)).FirstOrDefault(c => c.Id == chart);
        return data is null ? NotFound() : ChartWorkbook.File(data);
    }
}
