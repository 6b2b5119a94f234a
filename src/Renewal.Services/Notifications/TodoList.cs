using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;

namespace Renewal.Services.Notifications;

/// <summary>One application waiting for the user: what they must do, since when, by when.</summary>
public sealed record TodoItem(int ApplicationId, string Number, string Enterprise, Scheme Scheme, int Year, ApplicationState State, string Task,
    DateTimeOffset Since, DateOnly? Due)
{
    /// <summary>How long it has waited, in whole days.</summary>
    public int DaysWaiting(DateTimeOffset now) => Math.Max(0, (int)(now - Since).TotalDays);

    /// <summary>True when the due day has passed (Beijing time).</summary>
    public bool Overdue(DateOnly today) => Due is { } d && d < today;
}

/// <summary>
/// 待我办理 (issue 12 item 4): per role, the applications waiting for the user, oldest first, with the time in their
/// state and the due day from the call — the enterprise its drafts and returns (the call's close), the district what
/// it must accept or review in its area (the call's district deadline), the bureau what it must review or approve
/// after the notice, finance what it must pay. The same visibility rules as everywhere (<see cref="Access"/>).
/// </summary>
public static class TodoList
{
    public static async Task<IReadOnlyList<TodoItem>> ForAsync(LibraryDbContext db, UserContext user, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var today = BeijingTime.Day(now);
        ApplicationState[] states = user.Role switch
        {
            Role.Enterprise => [ApplicationState.Draft, ApplicationState.Returned, ApplicationState.Withdrawn],
            Role.DistrictReviewer => [ApplicationState.Submitted, ApplicationState.DistrictReview],
            Role.BureauReviewer or Role.BureauAdmin => [ApplicationState.BureauReview, ApplicationState.PublicNotice],
            Role.Finance => [ApplicationState.Approved],
            _ => [],
        };
        if (states.Length == 0) return [];
        var apps = await db.Applications.AsNoTracking().VisibleTo(user).Where(a => states.Contains(a.State))
            .Select(a => new { a.Id, a.Number, Enterprise = a.Enterprise!.Name, a.Scheme, a.Year, a.State, a.CallId, a.CreatedAt, a.NoticeEndsOn }).ToListAsync(ct);
        // A notice that has not ended waits for no one yet.
        apps = [.. apps.Where(a => a.State != ApplicationState.PublicNotice || a.NoticeEndsOn is null || a.NoticeEndsOn < today)];
        var ids = apps.Select(a => a.Id).ToList();
        var since = (await db.ApplicationEvents.AsNoTracking().Where(e => ids.Contains(e.ApplicationId))
                .Select(e => new { e.ApplicationId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.ApplicationId).ToDictionary(g => g.Key, g => g.Max(e => e.At));
        var callIds = apps.Where(a => a.CallId != null).Select(a => a.CallId!.Value).Distinct().ToList();
        var calls = await db.Calls.AsNoTracking().Where(c => callIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. apps.Select(a =>
            {
                var call = a.CallId is { } c ? calls[c] : null;
                var (task, due) = a.State switch
                {
                    ApplicationState.Draft => ("填报并提交", call is null ? (DateOnly?)null : BeijingTime.Day(call.EndsAt)),
                    ApplicationState.Returned => ("按意见修改后重新提交", (DateOnly?)null),
                    ApplicationState.Withdrawn => ("修改后重新提交", call is null ? null : BeijingTime.Day(call.EndsAt)),
                    ApplicationState.Submitted => ("受理", call?.DistrictDeadline),
                    ApplicationState.DistrictReview => ("初审", call?.DistrictDeadline),
                    ApplicationState.BureauReview => ("审核", null),
                    ApplicationState.PublicNotice => ("公示期满，批准", null),
                    ApplicationState.Approved => ("拨付", null),
                    _ => ("办理", null),
                };
                return new TodoItem(a.Id, a.Number, a.Enterprise, a.Scheme, a.Year, a.State, task, since.GetValueOrDefault(a.Id, a.CreatedAt), due);
            })
            .OrderBy(i => i.Since).ThenBy(i => i.ApplicationId)];
    }
}
