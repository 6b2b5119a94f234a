namespace Renewal.Services.Tests;

/// <summary>Every "today" is Kunshan's, whatever zone the server runs in.</summary>
public class BeijingTimeTests
{
    private sealed class FixedClock(DateTimeOffset utc, TimeZoneInfo serverZone) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utc;
        public override TimeZoneInfo LocalTimeZone => serverZone;
    }

    [Fact]
    public void Today_OnAServerInUtc_AtSevenInTheMorningInKunshan_IsKunshansDay()
    {
        // 2025-12-31 23:30 UTC is 2026-01-01 07:30 in Kunshan: a new award year there.
        var clock = new FixedClock(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        Assert.Equal(new DateOnly(2026, 1, 1), clock.Today());
        Assert.Equal(2026, clock.Year());
        Assert.Equal(TimeSpan.FromHours(8), clock.Now().Offset);
    }

    [Fact]
    public void Today_OnAServerWestOfUtc_IsStillKunshansDay()
    {
        var west = TimeZoneInfo.CreateCustomTimeZone("W", TimeSpan.FromHours(-10), "W", "W");
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 1, 1, 0, 0, TimeSpan.Zero), west);
        Assert.Equal(new DateOnly(2026, 3, 1), clock.Today());
        Assert.Equal(new DateOnly(2026, 2, 28), DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
    }

    [Fact]
    public void At_ShowsAMomentAtUtcPlusEight()
    {
        var at = BeijingTime.At(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTime(2026, 7, 1, 0, 0, 0), at.DateTime);
    }
}
