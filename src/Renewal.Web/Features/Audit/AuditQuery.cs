using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Web.Features.Enterprise;

namespace Renewal.Web.Features.Audit;

/// <summary>
/// The filter of the audit log (the page and its xlsx take the same query string): who (part of the user name), which
/// action, which object (its type and part of its id or number), and a range of Beijing calendar days.
/// </summary>
public sealed class AuditFilter
{
    public string? User { get; set; }
    public string? Op { get; set; }
    public string? Entity { get; set; }
    public string? Subject { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    /// <summary>The query string of this filter (for paging and the download link), without a leading ?.</summary>
    public string Query(int? page = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add("Filter." + key + "=" + Uri.EscapeDataString(value.Trim()));
        }
        Add("User", User); Add("Op", Op); Add("Entity", Entity); Add("Subject", Subject); Add("From", From); Add("To", To);
        if (page is > 1) parts.Add("PageNumber=" + page.Value.ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }

    /// <summary>True when any criterion is given.</summary>
    public bool Any => !string.IsNullOrWhiteSpace(Query());
}

/// <summary>The matching entries of one page, newest first, and how many match in all.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int PageNumber, int Pages);

/// <summary>Runs an <see cref="AuditFilter"/> against the log; the entry's id orders the log (it is the chain's order).</summary>
public static class AuditQuery
{
    public const int PageSize = 50;

    /// <summary>The days of the filter, or the Chinese reasons they cannot be read (naming the field).</summary>
    public static (DateOnly? From, DateOnly? To, FieldErrors Errors) Days(AuditFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var errors = new FieldErrors();
        var from = FormText.Date(errors, "From", "起始日期", f.From);
        var to = FormText.Date(errors, "To", "截止日期", f.To);
        if (from is { } a && to is { } b && b < a) errors.Add("To", $"截止日期（{FormText.Of(b)}）不能早于起始日期（{FormText.Of(a)}）");
        return (from, to, errors);
    }

    /// <summary>The entries matching everything but the days (those are compared in Beijing time, outside SQL).</summary>
    private static IQueryable<AuditEntry> Matching(LibraryDbContext db, AuditFilter f)
    {
        var q = db.Audit.AsNoTracking();
        if (f.User?.Trim() is { Length: > 0 } user) q = q.Where(a => a.UserName.Contains(user));
        if (f.Op?.Trim() is { Length: > 0 } op) q = q.Where(a => a.Action == op);
        if (f.Entity?.Trim() is { Length: > 0 } entity) q = q.Where(a => a.Entity == entity);
        if (f.Subject?.Trim() is { Length: > 0 } obj) q = q.Where(a => a.EntityId.Contains(obj));
        return q;
    }

    /// <summary>
    /// The ids of the matching entries, newest first, when a day range is given: SQLite cannot compare the stored
    /// moments, and a day is a Beijing day, so the moments of the other criteria's matches are read and compared here.
    /// </summary>
    private static async Task<List<long>> IdsInDaysAsync(IQueryable<AuditEntry> q, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var rows = await q.OrderByDescending(a => a.Id).Select(a => new { a.Id, a.At }).ToListAsync(ct);
        return [.. rows.Where(r => BeijingTime.Day(r.At) is var d && (from is null || d >= from) && (to is null || d <= to)).Select(r => r.Id)];
    }

    /// <summary>One page of matches (a page past the last shows the last).</summary>
    public static async Task<AuditPage> PageAsync(LibraryDbContext db, AuditFilter f, DateOnly? from, DateOnly? to, int pageNumber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var q = Matching(db, f);
        if (from is null && to is null)
        {
            var total = await q.CountAsync(ct);
            var page = Clamp(pageNumber, total);
            var entries = await q.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            return new AuditPage(entries, total, page, Pages(total));
        }
        var ids = await IdsInDaysAsync(q, from, to, ct);
        var p = Clamp(pageNumber, ids.Count);
        var wanted = ids.Skip((p - 1) * PageSize).Take(PageSize).ToList();
        var list = await db.Audit.AsNoTracking().Where(a => wanted.Contains(a.Id)).OrderByDescending(a => a.Id).ToListAsync(ct);
        return new AuditPage(list, ids.Count, p, Pages(ids.Count));
    }

    /// <summary>Every match, newest first (the xlsx), read in slices of ids so that a long log is not held twice.</summary>
    public static async IAsyncEnumerable<AuditEntry> AllAsync(LibraryDbContext db, AuditFilter f, DateOnly? from, DateOnly? to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var q = Matching(db, f);
        var ids = from is null && to is null
            ? await q.OrderByDescending(a => a.Id).Select(a => a.Id).ToListAsync(ct)
            : await IdsInDaysAsync(q, from, to, ct);
        foreach (var slice in ids.Chunk(500))
        {
            var rows = await db.Audit.AsNoTracking().Where(a => slice.Contains(a.Id)).OrderByDescending(a => a.Id).ToListAsync(ct);
            foreach (var r in rows) yield return r;
        }
    }

    /// <summary>The choices of the filter: each object type and each action that occurs in the log.</summary>
    public static async Task<(IReadOnlyList<string> Entities, IReadOnlyList<(string Action, string Entity)> Actions)> ChoicesAsync(LibraryDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pairs = await db.Audit.AsNoTracking().Select(a => new { a.Entity, a.Action }).Distinct().ToListAsync(ct);
        var entities = pairs.Select(p => p.Entity).Distinct(StringComparer.Ordinal).OrderBy(e => AuditWords.Entity(e), StringComparer.Ordinal).ToList();
        // An action stored under several object types reads as its plain verb (no object named).
        var actions = pairs.GroupBy(p => p.Action, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(p => p.Entity).Distinct(StringComparer.Ordinal).Count() == 1 ? g.First().Entity : ""))
            .OrderBy(a => AuditWords.Action(a.Item2, a.Key), StringComparer.Ordinal).ToList();
        return (entities, actions);
    }

    private static int Pages(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    private static int Clamp(int page, int total) => Math.Clamp(page, 1, Pages(total));
}
