namespace Renewal.Policy.Tests.Model;

/// <summary>Period: start included, end excluded (DateIntervalTest of NodaTime is the model for the names).</summary>
public class PeriodTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Construction_EndBeforeStart_IsRefusedNamingBothDates()
    {
        var e = Assert.Throws<ArgumentException>(() => new Period(D(2025, 3, 2), D(2025, 3, 1)));
        Assert.Contains("2025-03-01", e.Message, StringComparison.Ordinal);
        Assert.Contains("2025-03-02", e.Message, StringComparison.Ordinal);
        Assert.Contains("早于起日", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_EndEqualToStart_IsEmpty()
    {
        var p = new Period(D(2025, 3, 1), D(2025, 3, 1));
        Assert.True(p.IsEmpty);
        Assert.Equal(0, p.Days);
        Assert.False(p.Contains(D(2025, 3, 1)));
        Assert.Throws<InvalidOperationException>(() => p.Last);
        Assert.Equal("2025-03-01 起 0 天", p.ToString());
    }

    [Fact]
    public void Contains_StartIncluded_EndExcluded()
    {
        var p = new Period(D(2025, 1, 1), D(2025, 1, 31));
        Assert.True(p.Contains(D(2025, 1, 1)));
        Assert.True(p.Contains(D(2025, 1, 30)));
        Assert.False(p.Contains(D(2025, 1, 31)));
        Assert.False(p.Contains(D(2024, 12, 31)));
        Assert.Equal(30, p.Days);
        Assert.Equal(D(2025, 1, 30), p.Last);
    }

    [Theory]
    [InlineData(2024, 366)]
    [InlineData(2025, 365)]
    public void Year_IsFirstJanuaryToFirstJanuaryExcluded(int year, int days)
    {
        var p = Period.Year(year);
        Assert.Equal(D(year, 1, 1), p.Start);
        Assert.Equal(D(year + 1, 1, 1), p.End);
        Assert.Equal(D(year, 12, 31), p.Last);
        Assert.Equal(days, p.Days);
        Assert.Equal($"{year}-01-01 至 {year}-12-31", p.ToString());
    }

    [Fact]
    public void Through_IncludesTheLastDay()
    {
        var p = Period.Through(D(2024, 1, 1), D(2027, 12, 31));
        Assert.Equal(D(2028, 1, 1), p.End);
        Assert.True(p.Contains(D(2027, 12, 31)));
        Assert.Equal(Period.Through(D(2025, 5, 5), D(2025, 5, 4)), new Period(D(2025, 5, 5), D(2025, 5, 5)));
        Assert.Throws<ArgumentException>(() => Period.Through(D(2025, 5, 5), D(2025, 5, 3)));
    }

    [Fact]
    public void Between_AnInvertedPair_IsEmptyAtTheStart_NotRefused()
    {
        var p = Period.Between(D(2025, 6, 1), D(2025, 5, 1));
        Assert.True(p.IsEmpty);
        Assert.Equal(D(2025, 6, 1), p.Start);
        Assert.Equal(new Period(D(2025, 5, 1), D(2025, 6, 1)), Period.Between(D(2025, 5, 1), D(2025, 6, 1)));
    }

    [Fact]
    public void Intersect_Overlapping_IsTheCommonDays()
    {
        var loan = new Period(D(2024, 8, 1), D(2027, 8, 1));
        var year = Period.Year(2027);
        var both = year.Intersect(loan);
        Assert.Equal(new Period(D(2027, 1, 1), D(2027, 8, 1)), both);
        Assert.Equal(both, loan.Intersect(year));
        Assert.Equal(212, both.Days);
    }

    [Fact]
    public void Intersect_PeriodsThatMeet_ShareNoDay()
    {
        var a = new Period(D(2025, 1, 1), D(2025, 2, 1));
        var b = new Period(D(2025, 2, 1), D(2025, 3, 1));
        var none = a.Intersect(b);
        Assert.True(none.IsEmpty);
        Assert.Equal(D(2025, 2, 1), none.Start);
    }

    [Fact]
    public void Intersect_Disjoint_IsEmptyAtTheLaterStart()
    {
        var none = Period.Year(2023).Intersect(Period.Year(2025));
        Assert.True(none.IsEmpty);
        Assert.Equal(D(2025, 1, 1), none.Start);
        Assert.True(Period.Year(2025).Intersect(none).IsEmpty);
    }

    [Fact]
    public void Splits_OnlyStrictlyInside()
    {
        var p = new Period(D(2025, 1, 1), D(2025, 1, 10));
        Assert.False(p.Splits(D(2025, 1, 1)));
        Assert.True(p.Splits(D(2025, 1, 2)));
        Assert.True(p.Splits(D(2025, 1, 9)));
        Assert.False(p.Splits(D(2025, 1, 10)));
    }

    [Fact]
    public void Default_IsAnEmptyPeriod() => Assert.True(default(Period).IsEmpty);
}
