using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Services.Workflow;

/// <summary>One award as finance pays it and the treasury's list shows it.</summary>
public sealed record PaymentRow(int ApplicationId, string Number, string Enterprise, string CreditCode, string Area, Scheme Scheme, int Year,
    decimal Amount, string? ByLevel, long Version, DateTimeOffset ApprovedAt, string? Voucher, DateOnly? PaidOn);

/// <summary>A payment batch with its awards in the order they were paid.</summary>
public sealed record PaymentBatchView(PaymentBatch Batch, IReadOnlyList<PaymentRow> Rows);

/// <summary>
/// What finance works from (issue 12 item 5): the approved awards waiting for payment (oldest approval first) and the
/// batches paid. Finance and the bureau read them; only finance pays (<see cref="ApplicationService.PayBatchAsync"/>).
/// </summary>
public static class Payments
{
    /// <summary>Whether <paramref name="user"/> may read payments and batches.</summary>
    public static bool MayRead(UserContext user) => user?.Role is Role.Finance or Role.BureauReviewer or Role.BureauAdmin;

    /// <summary>The approved awards not paid yet, oldest approval first; optionally of one scheme and year.</summary>
    public static async Task<IReadOnlyList<PaymentRow>> WaitingAsync(LibraryDbContext db, UserContext user, Scheme? scheme = null, int? year = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!MayRead(user)) return [];
        var q = db.Applications.AsNoTracking().VisibleTo(user).Where(a => a.State == ApplicationState.Approved);
        if (scheme is { } s) q = q.Where(a => a.Scheme == s);
        if (year is { } y) q = q.Where(a => a.Year == y);
        var rows = await RowsAsync(db, q, ct);
        return [.. rows.OrderBy(r => r.ApprovedAt).ThenBy(r => r.ApplicationId)];
    }

    /// <summary>The batches, newest first.</summary>
    public static async Task<IReadOnlyList<PaymentBatch>> BatchesAsync(LibraryDbContext db, UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!MayRead(user)) return [];
        return await db.PaymentBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>One batch and its awards; null when there is none or the user may not read it.</summary>
    public static async Task<PaymentBatchView?> BatchAsync(LibraryDbContext db, UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!MayRead(user)) return null;
        var batch = await db.PaymentBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return null;
        var rows = await RowsAsync(db, db.Applications.AsNoTracking().VisibleTo(user).Where(a => a.PaymentBatchId == id), ct);
        return new PaymentBatchView(batch, [.. rows.OrderBy(r => r.ApplicationId)]);
    }

    private static async Task<List<PaymentRow>> RowsAsync(LibraryDbContext db, IQueryable<AwardApplication> q, CancellationToken ct)
    {
        var apps = await q.Select(a => new
        {
            a.Id, a.Number, Enterprise = a.Enterprise!.Name, a.Enterprise.CreditCode, a.Enterprise.Area, a.Scheme, a.Year, a.ApprovedAmount, a.ApprovedByLevel,
            a.Version, a.UpdatedAt, a.PaymentReference, a.PaidOn,
        }).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        // When each was approved: its approval event (the application's UpdatedAt moves with later changes).
        var approvedAt = (await db.ApplicationEvents.AsNoTracking().Where(e => ids.Contains(e.ApplicationId) && e.To == ApplicationState.Approved)
                .Select(e => new { e.ApplicationId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.ApplicationId).ToDictionary(g => g.Key, g => g.Max(e => e.At));
        return [.. apps.Select(a => new PaymentRow(a.Id, a.Number, a.Enterprise, a.CreditCode, a.Area, a.Scheme, a.Year, a.ApprovedAmount ?? 0m, a.ApprovedByLevel,
            a.Version, approvedAt.GetValueOrDefault(a.Id, a.UpdatedAt), a.PaymentReference, a.PaidOn))];
    }
}
