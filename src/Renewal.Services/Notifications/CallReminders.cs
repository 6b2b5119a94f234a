using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Services.Notifications;

/// <summary>
/// Reminders of calls (issue 12 item 4), run periodically and idempotent (one message per user and key, a unique
/// index): every enterprise user learns that a call has opened (within a week of its opening); an enterprise with a draft or withdrawn application in
/// a call that closes within <see cref="ClosingWithin"/> is told it closes soon.
/// </summary>
public static class CallReminders
{
    public static readonly TimeSpan ClosingWithin = TimeSpan.FromDays(3);

    /// <summary>How recently a call must have opened for its opening to be announced.</summary>
    public static readonly TimeSpan OpenedWithin = TimeSpan.FromDays(7);

    /// <summary>Adds and saves the reminders due at <paramref name="now"/>; returns how many were written.</summary>
    public static async Task<int> RunAsync(LibraryDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = (await db.Calls.AsNoTracking().ToListAsync(ct)).Where(c => c.IsOpenAt(now)).ToList();
        if (open.Count == 0) return 0;
        var keys = (await db.Notifications.AsNoTracking().Where(n => n.Key != null).Select(n => new { n.UserId, n.Key }).ToListAsync(ct))
            .Select(n => (n.UserId, n.Key!)).ToHashSet();
        var firms = await db.Users.AsNoTracking().Where(u => u.Active && u.Role == Role.Enterprise).Select(u => new { u.Id, u.Email, u.CreditCode }).ToListAsync(ct);
        var written = 0;
        foreach (var call in open)
        {
            var what = $"{Codes.Label(call.Scheme)} {call.Year} 年度";
            var ends = BeijingTime.At(call.EndsAt);
            // News only while it is news: a call opened weeks ago is on the calls page, not in everyone's inbox.
            foreach (var u in firms.Where(u => now - call.OpensAt <= OpenedWithin && keys.Add((u.Id, $"call_open:{call.Id}"))))
            {
                Notifier.Add(db, u.Id, u.Email, "call_open", $"申报批次已开放：{call.Title}", $"{what}受理申报，截止 {ends:yyyy-MM-dd HH:mm}（北京时间）。", $"/calls/{call.Id}", null, $"call_open:{call.Id}", now);
                written++;
            }
            if (call.EndsAt - now > ClosingWithin) continue;
            var waiting = await db.Applications.AsNoTracking()
                .Where(a => a.CallId == call.Id && (a.State == ApplicationState.Draft || a.State == ApplicationState.Withdrawn))
                .Select(a => new { a.Id, a.Number, a.Enterprise!.CreditCode }).ToListAsync(ct);
            foreach (var a in waiting)
            {
                foreach (var u in firms.Where(u => u.CreditCode == a.CreditCode && keys.Add((u.Id, $"call_closing:{call.Id}:{a.Id}"))))
                {
                    Notifier.Add(db, u.Id, u.Email, "call_closing", $"申报即将截止：{a.Number}", $"{call.Title}将于 {ends:yyyy-MM-dd HH:mm}（北京时间）截止，申报 {a.Number} 尚未提交。",
                        $"/applications/{a.Id}", a.Id, $"call_closing:{call.Id}:{a.Id}", now);
                    written++;
                }
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, Notification.KeyIndex))
        {
            // Another node wrote the same reminders meanwhile: they exist once.
            db.ChangeTracker.Clear();
            return 0;
        }
        return written;
    }
}
