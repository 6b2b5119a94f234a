using System.Globalization;

namespace Renewal.Policy;

/// <summary>
/// An amount of money in yuan (元), held as an exact <see cref="decimal"/>.
/// </summary>
/// <remarks>
/// Intermediate results keep every decimal place; an award line is rounded once, to the fen (0.01 元),
/// midpoint away from zero (四舍五入), by <see cref="RoundToFen"/> — POLICY.md I-9. Arithmetic is checked:
/// <see cref="decimal"/> throws <see cref="OverflowException"/> rather than wrapping.
/// <para>
/// An amount is never negative: every amount of the programme — an investment, a principal, a repayment, a
/// threshold, a cap, an award — is at least zero (POLICY.md, scenario format: "Money ≥ 0"). The constructor, and
/// therefore every operator, refuses a negative amount with <see cref="ArgumentOutOfRangeException"/>; what is left
/// of a cap is <see cref="LessOrZero"/>. A difference that may be negative (a what-if's change) is a
/// <see cref="decimal"/>, not a <see cref="Money"/>. <c>default(Money)</c> is zero.
/// </para>
/// </remarks>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Zero yuan.</summary>
    public static readonly Money Zero;

    /// <param name="yuan">The amount in yuan, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="yuan"/> is negative.</exception>
    public Money(decimal yuan)
    {
        // The sign bit first: a plain comparison calls into decimal arithmetic, and this runs for every amount of a library run.
        if (decimal.IsNegative(yuan) && yuan != 0m) throw new ArgumentOutOfRangeException(nameof(yuan), yuan, $"金额不能为负数：{Format(yuan)} 元");
        Yuan = yuan;
    }

    /// <summary>For results that cannot be negative by construction.</summary>
    private Money(decimal yuan, bool trusted)
    {
        _ = trusted;
        Yuan = yuan;
    }

    /// <summary>For sums of amounts, which cannot be negative: skips the sign check (the engine's hot path).</summary>
    internal static Money Trusted(decimal yuan) => new(yuan, trusted: true);

    /// <summary>The amount in yuan, exact, ≥ 0.</summary>
    public decimal Yuan { get; }

    /// <summary>What is left of this amount after <paramref name="used"/>: this − used, or zero when used is larger (a cap's remainder, B-4).</summary>
    public Money LessOrZero(Money used) => Yuan > used.Yuan ? new(Yuan - used.Yuan) : Zero;

    /// <summary>Rounds to 0.01 元, midpoint away from zero (I-9). The one rounding rule of the engine.</summary>
    public Money RoundToFen() => new(decimal.Round(Yuan, 2, MidpointRounding.AwayFromZero), trusted: true);

    /// <summary>True when the amount has at most two decimal places.</summary>
    public bool HasAtMostTwoDecimals => decimal.Round(Yuan, 2) == Yuan;

    // Sums of amounts and amount × rate cannot be negative: they skip the check (the engine's hot path).
    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan, trusted: true);
    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);
    public static Money operator *(Money a, Rate r) => new(a.Yuan * r.Fraction, trusted: true);
    public static Money operator *(Money a, decimal factor) => new(a.Yuan * factor);
    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;
    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;
    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;
    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;

    public static Money Min(Money a, Money b) => a.Yuan <= b.Yuan ? a : b;
    public static Money Max(Money a, Money b) => a.Yuan >= b.Yuan ? a : b;

    public Money Add(Money other) => this + other;
    public Money Subtract(Money other) => this - other;
    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);

    /// <summary>Chinese-style display: thousands separators, up to two decimals ("520,000,000", "675,111.11").</summary>
    public override string ToString() => Format(Yuan);

    /// <summary>Formats a yuan amount the way the traces show it.</summary>
    public static string Format(decimal yuan) => yuan.ToString("#,##0.##", CultureInfo.InvariantCulture);
}

/// <summary>An annual rate or a share, as a fraction (0.08 = 8%).</summary>
/// <remarks>
/// Every rate of the programme — an award rate, a loan's annual rate, an LPR, a spread, a subsidy rate, the D-3
/// limit, an equipment share — lies between 0 and 1 (0% and 100%) inclusive. The constructor, and therefore every
/// operator, refuses anything else with <see cref="ArgumentOutOfRangeException"/>: a rate of 8 meant as "8%" is
/// caught where it is made, not as an award 100 times too large. <c>default(Rate)</c> is zero.
/// </remarks>
public readonly record struct Rate : IComparable<Rate>
{
    public static readonly Rate Zero;

    /// <param name="fraction">The rate as a fraction, 0 ≤ fraction ≤ 1 (0.08 = 8%).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is below 0 or above 1.</exception>
    public Rate(decimal fraction)
    {
        if (decimal.IsNegative(fraction) && fraction != 0m || fraction > 1m)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction,
                $"比率应在 0 到 1 之间（小数，0.08 表示 8%）：{fraction.ToString(CultureInfo.InvariantCulture)}");
        Fraction = fraction;
    }

    /// <summary>For results already known to lie in 0..1 or checked by the caller.</summary>
    private Rate(decimal fraction, bool trusted)
    {
        _ = trusted;
        Fraction = fraction;
    }

    /// <summary>The rate as a fraction, 0..1.</summary>
    public decimal Fraction { get; }

    public static Rate operator +(Rate a, Rate b) => new(a.Fraction + b.Fraction);
    /// <summary>The difference of two rates can only fall below zero: the sign is the one check (the D-3 fill runs this per segment and level).</summary>
    public static Rate operator -(Rate a, Rate b)
    {
        var f = a.Fraction - b.Fraction;
        return decimal.IsNegative(f) && f != 0m ? new(f) : new(f, trusted: true);
    }
    public static bool operator <(Rate a, Rate b) => a.Fraction < b.Fraction;
    public static bool operator >(Rate a, Rate b) => a.Fraction > b.Fraction;
    public static bool operator <=(Rate a, Rate b) => a.Fraction <= b.Fraction;
    public static bool operator >=(Rate a, Rate b) => a.Fraction >= b.Fraction;

    public static Rate Min(Rate a, Rate b) => a.Fraction <= b.Fraction ? a : b;
    public static Rate Max(Rate a, Rate b) => a.Fraction >= b.Fraction ? a : b;

    public Rate Add(Rate other) => this + other;
    public Rate Subtract(Rate other) => this - other;
    public int CompareTo(Rate other) => Fraction.CompareTo(other.Fraction);

    /// <summary>As a percentage with up to four decimals: "8%", "3.6%", "0.5%".</summary>
    public override string ToString() => (Fraction * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
