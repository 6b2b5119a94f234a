using System.Globalization;

namespace Renewal.Policy;

/// <summary>
/// An amount of money in yuan (元), held as an exact <see cref="decimal"/>.
/// </summary>
/// <remarks>
/// Intermediate results keep every decimal place; an award line is rounded once, to the fen (0.01 元),
/// midpoint away from zero (四舍五入), by <see cref="RoundToFen"/> — POLICY.md I-9. Arithmetic is checked:
/// <see cref="decimal"/> throws <see cref="OverflowException"/> rather than wrapping.
/// </remarks>
public readonly record struct Money(decimal Yuan) : IComparable<Money>
{
    /// <summary>Zero yuan.</summary>
    public static readonly Money Zero = new(0m);

    /// <summary>Rounds to 0.01 元, midpoint away from zero (I-9). The one rounding rule of the engine.</summary>
    public Money RoundToFen() => new(decimal.Round(Yuan, 2, MidpointRounding.AwayFromZero));

    /// <summary>True when the amount has at most two decimal places.</summary>
    public bool HasAtMostTwoDecimals => decimal.Round(Yuan, 2) == Yuan;

    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);
    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);
    public static Money operator *(Money a, Rate r) => new(a.Yuan * r.Fraction);
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
public readonly record struct Rate(decimal Fraction) : IComparable<Rate>
{
    public static readonly Rate Zero = new(0m);

    public static Rate operator +(Rate a, Rate b) => new(a.Fraction + b.Fraction);
    public static Rate operator -(Rate a, Rate b) => new(a.Fraction - b.Fraction);
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
