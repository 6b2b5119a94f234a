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

    /// <summary>How a before/after snapshot is written: JSON with Chinese kept readable (not \u escapes).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions SnapshotJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Adds an entry to <paramref name="db"/>, saved with the caller's SaveChanges so that the change and its audit
    /// entry commit together. Its place in the chain (previous hash, own hash) is given when it is saved, by
    /// <see cref="Seal"/> under the chain's lock — not here, where another node may append meanwhile.
    /// </summary>
    public static AuditEntry Append(LibraryDbContext db, Actor actor, string action, string entity, string entityId,
        string? before, string? after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        // PostgreSQL keeps microseconds: hash what the database will give back, or the chain breaks on reading.
        at = at.AddTicks(-(at.Ticks % 10));
        var entry = new AuditEntry
        {
            At = at, UserId = actor.UserId, UserName = actor.UserName, Action = action, Entity = entity, EntityId = entityId,
            Before = before, After = after, PreviousHash = "", Hash = "",
        };
        db.Audit.Add(entry);
        return entry;
    }

    /// <summary>
    /// The key of PostgreSQL's transaction-scoped advisory lock that guards the chain's head: held from sealing to
    /// commit, so appends from any number of nodes take their turn instead of failing on the unique previous hash.
    /// </summary>
    public const long ChainLockKey = 0x52454E4557414C; // "RENEWAL"

    /// <summary>
    /// Gives the pending entries of <paramref name="db"/> their place at the chain's head. Call inside the
    /// transaction that saves them (LibraryDbContext does, opening one when the caller has none): first the chain's
    /// lock — on PostgreSQL an advisory lock until commit; on SQLite the database's write lock, which a write
    /// statement takes and keeps until commit — then the head as committed by everyone else, then the hashes in the
    /// order the entries were added. Unrelated changes therefore never conflict over the audit log; they wait for
    /// one another only for the rest of the other's transaction. The unique index on the previous hash stays as the
    /// last line: a chain can never fork.
    /// </summary>
    public static void Seal(LibraryDbContext db, IReadOnlyList<AuditEntry> pending)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Count == 0) return;
        db.Database.ExecuteSqlRaw(LockSql(db));
        Link(pending, Head(db).FirstOrDefault());
    }

    /// <inheritdoc cref="Seal"/>
    public static async Task SealAsync(LibraryDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(pending);
        if (pending.Count == 0) return;
        await db.Database.ExecuteSqlRawAsync(LockSql(db), ct);
        Link(pending, await Head(db).FirstOrDefaultAsync(ct));
    }

    /// <summary>The statement that takes the chain's lock until commit, per provider.</summary>
    private static string LockSql(LibraryDbContext db) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true
            ? $"SELECT pg_advisory_xact_lock({ChainLockKey})"
            : "UPDATE audit_log SET \"Hash\" = \"Hash\" WHERE 0 = 1";

    /// <summary>The hash of the chain's last committed entry (none on an empty log).</summary>
    private static IQueryable<string> Head(LibraryDbContext db) =>
        db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Select(a => a.Hash);

    /// <summary>Links <paramref name="pending"/> after <paramref name="head"/>, in order.</summary>
    private static void Link(IReadOnlyList<AuditEntry> pending, string? head)
    {
        var previous = head ?? Genesis;
        foreach (var entry in pending)
        {
            entry.PreviousHash = previous;
            entry.Hash = HashOf(entry);
            previous = entry.Hash;
        }
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
