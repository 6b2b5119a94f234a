namespace Renewal.Data.Entities;

/// <summary>
/// 拨付批次 — approved awards finance paid together on one day (issue 12 item 5): its number, the payment date, how many
/// and how much, who recorded it. Each application in it carries its own voucher number. A batch is a record of money
/// paid: written once, never changed or deleted (the context refuses it, and triggers on both providers).
/// </summary>
public sealed class PaymentBatch
{
    private PaymentBatch() { }

    /// <summary>A new batch paid on <paramref name="paidOn"/> of <paramref name="count"/> awards totalling <paramref name="total"/>.</summary>
    public static PaymentBatch Record(DateOnly paidOn, int count, decimal total, string? note, string by, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentException.ThrowIfNullOrEmpty(by);
        // A number no other row has until the id is known (as applications do): concurrent batches never collide on it.
        return new PaymentBatch
        {
            Number = "~" + Guid.NewGuid().ToString("N")[..20], PaidOn = paidOn, Count = count, Total = total,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), CreatedBy = by, CreatedAt = at,
        };
    }

    /// <summary>The number people quote, e.g. BF2026-0007, given once the id is known.</summary>
    public void Numbered() => Number = $"BF{PaidOn.Year}-{Id:D4}";

    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    /// <summary>拨付日期 — the day the treasury paid (Beijing calendar).</summary>
    public DateOnly PaidOn { get; private set; }
    public int Count { get; private set; }
    /// <summary>The sum of the awards paid (元).</summary>
    public decimal Total { get; private set; }
    /// <summary>备注, e.g. the treasury's instruction number.</summary>
    public string? Note { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}
