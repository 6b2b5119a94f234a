using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>One row of the applications list.</summary>
public sealed record ApplicationRow(int Id, string Number, Scheme Scheme, int Year, string Enterprise, string Area, string? Project, string? Loan,
    ApplicationState State, decimal? Submitted, decimal? Approved, DateTimeOffset UpdatedAt, long Version);

/// <summary>Lists the applications the user may see; "mine" = those waiting for one of the user's moves (/applications and GET /api/v1/applications).</summary>
public static class ListApplications
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/applications", async (HttpContext http, LibraryDbContext db, ApplicationState? state, Scheme? scheme, int? year, bool? mine, CancellationToken ct) =>
        {
            var user = http.User();
            return user.Role == Role.Bank
                ? Results.Problem("银行人员无权查看申报", statusCode: StatusCodes.Status403Forbidden)
                : Results.Ok(await QueryAsync(db, user, state, scheme, year, mine ?? false, ct));
        }).WithSummary("申报列表（按角色范围）");

    public static async Task<List<ApplicationRow>> QueryAsync(LibraryDbContext db, UserContext user, ApplicationState? state, Scheme? scheme, int? year, bool mine,
        CancellationToken ct = default)
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
        return await q.OrderByDescending(a => a.Id).Take(500)
            .Select(a => new ApplicationRow(a.Id, a.Number, a.Scheme, a.Year, a.Enterprise!.Name, a.Enterprise.Area,
                a.Project != null ? a.Project.Name : null, a.Loan != null ? a.Loan.Code : null, a.State, a.SubmittedAmount, a.ApprovedAmount, a.UpdatedAt, a.Version))
            .ToListAsync(ct);
    }
}
