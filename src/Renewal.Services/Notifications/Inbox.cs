using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;

namespace Renewal.Services.Notifications;

/// <summary>A user's in-app messages (站内消息): only their own, newest first; marking read is the only change.</summary>
public sealed class Inbox(LibraryDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The user's messages, newest first (unread only when asked), one page.</summary>
    public async Task<IReadOnlyList<Notification>> ListAsync(UserContext user, bool unreadOnly = false, int page = 1, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var q = db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id);
        if (unreadOnly) q = q.Where(n => n.ReadAt == null);
        return await q.OrderByDescending(n => n.Id).Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>How many of the user's messages are unread.</summary>
    public Task<int> UnreadAsync(UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return db.Notifications.CountAsync(n => n.UserId == user.Id && n.ReadAt == null, ct);
    }

    /// <summary>Marks one message (or, with null, all) of the user's as read; false when it is not theirs.</summary>
    public async Task<bool> MarkReadAsync(UserContext user, int? id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var q = db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null);
        if (id is { } one)
        {
            if (!await db.Notifications.AnyAsync(n => n.Id == one && n.UserId == user.Id, ct)) return false;
            q = q.Where(n => n.Id == one);
        }
        var now = clock.GetUtcNow();
        await q.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return true;
    }
}
