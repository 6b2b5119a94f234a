using System.Globalization;

namespace Renewal.Policy;

/// <summary>
/// A run of calendar days: from <see cref="Start"/> (included) to <see cref="End"/> (excluded).
/// </summary>
/// <remarks>
/// <para>
/// The end is exclusive, so a period's <see cref="Days"/> is <c>End − Start</c> and two periods that meet
/// (<c>a.End == b.Start</c>) share no day. A loan's life is <c>[issued_on, matures_on)</c>: the issue day bears
/// interest and the maturity day does not (POLICY.md I-11); award year Y is <c>[Y-01-01, (Y+1)-01-01)</c>; a window
/// given with an inclusive last day (<c>loan.window_end</c>, I-12) is made by <see cref="Through"/>. When a date is
/// shown to people, show <see cref="Last"/> (the last day included), never <see cref="End"/>.
/// </para>
/// <para>
/// A period may be empty (<see cref="Start"/> = <see cref="End"/>: no day); the constructor refuses an end before the
/// start. <see cref="Between"/> is for pairs read from outside that may be inverted and then mean "no day" (a loan
/// that matures before it is issued), and <see cref="Intersect"/> of periods that do not overlap is empty.
/// A value type of two dates with no allocation: the loan schedule (D-4, D-5) builds several per loan.
/// Modelled on NodaTime's <c>DateInterval</c>, which however includes its end.
/// </para>
/// </remarks>
public readonly struct Period : IEquatable<Period>
{
    /// <param name="start">The first day, included.</param>
    /// <param name="end">The day after the last, excluded; equal to <paramref name="start"/> for an empty period.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public Period(DateOnly start, DateOnly end)
    {
        if (end < start)
            throw new ArgumentException($"期间的止日 {end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 早于起日 {start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}（起日含、止日不含）", nameof(end));
        Start = start;
        End = end;
    }

    /// <summary>The first day, included.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last day: excluded.</summary>
    public DateOnly End { get; }

    /// <summary>The number of days, End − Start (0 when empty).</summary>
    public int Days => End.DayNumber - Start.DayNumber;

    /// <summary>True when the period has no day.</summary>
    public bool IsEmpty => End == Start;

    /// <summary>The last day included (End − 1 day).</summary>
    /// <exception cref="InvalidOperationException">The period is empty.</exception>
    public DateOnly Last => IsEmpty
        ? throw new InvalidOperationException($"空期间（{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 起，0 天）没有最后一天")
        : End.AddDays(-1);

    /// <summary>Calendar year <paramref name="year"/>: 1 January included to 1 January of the next year excluded.</summary>
    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    /// <summary>From <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="last"/> is more than one day before <paramref name="first"/>.</exception>
    public static Period Through(DateOnly first, DateOnly last) => new(first, last.AddDays(1));

    /// <summary>
    /// From <paramref name="start"/> (included) to <paramref name="end"/> (excluded), or the empty period at
    /// <paramref name="start"/> when <paramref name="end"/> is not after it.
    /// </summary>
    public static Period Between(DateOnly start, DateOnly end) => end > start ? new(start, end) : new(start, start);

    /// <summary>True when <paramref name="day"/> is one of the period's days (Start ≤ day &lt; End).</summary>
    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>
    /// True when <paramref name="day"/> cuts the period into two non-empty parts (Start &lt; day &lt; End): a date at
    /// which a schedule starts a new segment.
    /// </summary>
    public bool Splits(DateOnly day) => day > Start && day < End;

    /// <summary>The days in both periods; empty (at the later start) when they do not overlap.</summary>
    public Period Intersect(Period other)
    {
        var start = Start >= other.Start ? Start : other.Start;
        var end = End <= other.End ? End : other.End;
        return end > start ? new(start, end) : new(start, start);
    }

    public bool Equals(Period other) => Start == other.Start && End == other.End;
    public override bool Equals(object? obj) => obj is Period p && Equals(p);
    public override int GetHashCode() => HashCode.Combine(Start, End);
    public static bool operator ==(Period a, Period b) => a.Equals(b);
    public static bool operator !=(Period a, Period b) => !a.Equals(b);

    /// <summary>"2024-01-01 至 2027-12-31" (the last day included), or "2024-01-01 起 0 天" when empty.</summary>
    public override string ToString() => IsEmpty
        ? $"{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 起 0 天"
        : $"{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 至 {Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
