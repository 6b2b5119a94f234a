using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;

namespace Renewal.Data.Audit;

/// <summary>Who is acting: the user's id and name (null id for the system, e.g. seeding or the CLI).</summary>
public sealed record Actor(int? UserId, string UserName)
{
    public static Actor System { get; } = new(null, "system");
}

/// <summary>
/// The append-only audit log. Each entry's hash is SHA-256 over the previous entry's hash and the entry's own
/// content; the first entry's previous hash is 64 zeros. Editing, inserting or deleting any entry breaks the chain.
/// </summary>
public static class AuditLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Adds an entry to <paramref name="db"/> (saved with the caller's SaveChanges, so the change and its audit
    /// entry commit together). Call inside the caller's transaction; a unique index on the previous hash makes
    /// two concurrent appends on the same tail fail rather than fork the chain.
    /// </summary>
    public static AuditEntry Append(LibraryDbContext db, Actor actor, string action, string entity, string entityId,
        string? before, string? after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        // PostgreSQL keeps microseconds: hash what the database will give back, or the chain breaks on reading.
        at = at.AddTicks(-(at.Ticks % 10));
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).LastOrDefault();
        var previous = pending?.Hash ?? db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefault() ?? Genesis;
        var entry = new AuditEntry
        {
            At = at, UserId = actor.UserId, UserName = actor.UserName, Action = action, Entity = entity, EntityId = entityId,
            Before = before, After = after, PreviousHash = previous, Hash = "",
        };
        entry.Hash = HashOf(entry);
        db.Audit.Add(entry);
        return entry;
    }

    /// <summary>The hash an entry must carry.</summary>
    public static string HashOf(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = string.Join('\u001f', e.PreviousHash, e.At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            e.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", e.UserName, e.Action, e.Entity, e.EntityId, e.Before ?? "\u0000", e.After ?? "\u0000");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Checks the whole chain in id order. Returns null when intact, else the first broken entry and why.</summary>
    public static (long EntryId, string Problem)? Verify(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var previous = Genesis;
        foreach (var e in db.Audit.AsNoTracking().OrderBy(a => a.Id).AsEnumerable())
        {
            if (e.PreviousHash != previous) return (e.Id, $"第 {e.Id} 条的前序哈希与上一条不符：记录被删除、插入或改动");
            if (HashOf(e) != e.Hash) return (e.Id, $"第 {e.Id} 条的内容与其哈希不符：记录被改动");
            previous = e.Hash;
        }
        return null;
    }
}
