namespace Renewal.Policy.Caps;

/// <summary>
/// D-8 — sharing a binding cap pro rata to the uncapped amounts, each share rounded to the fen by the
/// largest-remainder method so that the shares add up to the cap exactly.
/// </summary>
/// <remarks>
/// Exact: shares are computed in integer fen with 128-bit arithmetic, so the remainders compare exactly.
/// Ties go to the item that comes first in the order the caller gives (for loans: earlier issue date, then
/// loan id — POLICY.md D-8).
/// </remarks>
public static class LargestRemainder
{
    /// <summary>
    /// Shares <paramref name="cap"/> among <paramref name="amounts"/> (each ≥ 0, at most 2 decimals, in tie-break
    /// order) pro rata. When the amounts add up to no more than the cap they are returned unchanged.
    /// </summary>
    public static Money[] Share(Money cap, ReadOnlySpan<Money> amounts)
    {
        var result = new Money[amounts.Length];
        Int128 total = 0;
        foreach (var a in amounts) total += Fen(a);
        var capFen = Fen(cap);
        if (total <= capFen)
        {
            amounts.CopyTo(result);
            return result;
        }

        var floors = new Int128[amounts.Length];
        var remainders = new Int128[amounts.Length];
        Int128 given = 0;
        for (var i = 0; i < amounts.Length; i++)
        {
            var product = capFen * Fen(amounts[i]);
            floors[i] = Int128.DivRem(product, total).Quotient;
            remainders[i] = product - floors[i] * total;
            given += floors[i];
        }

        var left = capFen - given; // < number of items
        if (left > 0)
        {
            var order = new int[amounts.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            // Stable: equal remainders keep the caller's tie-break order.
            var sorted = order.OrderByDescending(i => remainders[i]).ToArray();
            for (var k = 0; k < left; k++) floors[sorted[k]] += 1;
        }

        for (var i = 0; i < amounts.Length; i++) result[i] = new Money((decimal)floors[i] / 100m);
        return result;
    }

    private static Int128 Fen(Money m)
    {
        var fen = m.Yuan * 100m;
        if (fen != decimal.Truncate(fen) || fen < 0)
            throw new ArgumentException($"分摊金额须为非负且最多两位小数：{m.Yuan}");
        return (Int128)fen;
    }
}
