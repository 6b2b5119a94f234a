namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: starts on a fixed Monday morning in Kunshan (UTC+8) and runs with real time, so entries
/// still follow each other; <see cref="Advance"/> jumps it forward (past a public notice, for instance).
/// </summary>
public sealed class TestClock : TimeProvider
{
    private static readonly TimeZoneInfo Kunshan = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai-test", TimeSpan.FromHours(8), "China Standard Time", "CST");
    private readonly DateTimeOffset _start;
    private readonly long _startTicks = global::System.Diagnostics.Stopwatch.GetTimestamp();
    private TimeSpan _offset;
    private readonly Lock _gate = new();

    /// <summary>Monday 2 March 2026, 09:00 in Kunshan, unless told otherwise.</summary>
    public TestClock(DateTimeOffset? start = null) => _start = start ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public override TimeZoneInfo LocalTimeZone => Kunshan;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return (_start + _offset + global::System.Diagnostics.Stopwatch.GetElapsedTime(_startTicks)).ToUniversalTime();
    }

    /// <summary>Moves the clock forward; sign-in cookies issued before may expire (they last 8 hours), so sign in again after.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate) _offset += by;
    }

    /// <summary>The local date in Kunshan.</summary>
    public DateOnly Today => DateOnly.FromDateTime(GetLocalNow().DateTime);
}
