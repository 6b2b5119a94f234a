namespace Renewal.Services;

/// <summary>
/// The one clock reading of the platform: every "today", award year and time shown is Beijing time (UTC+8), whatever
/// the server's own time zone — a server in UTC must not file a report made at 07:00 in Kunshan on the day before.
/// </summary>
/// <remarks>China keeps one offset all year (no daylight saving since 1991), so a fixed offset is exact and needs no
/// time-zone database on the server.</remarks>
public static class BeijingTime
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The moment <paramref name="at"/> as a Kunshan clock shows it.</summary>
    public static DateTimeOffset At(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>Now, as a Kunshan clock shows it.</summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return At(clock.GetUtcNow());
    }

    /// <summary>The calendar day in Kunshan of the moment <paramref name="at"/>.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(At(at).DateTime);

    /// <summary>Today's date in Kunshan.</summary>
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Day(clock.GetUtcNow());
    }

    /// <summary>The current calendar year in Kunshan.</summary>
    public static int Year(this TimeProvider clock) => clock.Now().Year;
}
