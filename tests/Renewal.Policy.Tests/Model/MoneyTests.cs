using Renewal.Policy.Model;

namespace Renewal.Policy.Tests.Model;

public class MoneyTests
{
    [Theory]
    [InlineData("1999999.9995", "2000000.00")]
    [InlineData("0.005", "0.01")]
    [InlineData("0.0049999", "0.00")]
    [InlineData("253472.2222", "253472.22")]
    [InlineData("408888.888888", "408888.89")]
    public void RoundToFen_IsHalfAwayFromZero(string raw, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            new Money(decimal.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)).RoundToFen().Yuan);

    [Fact]
    public void Format_UsesThousandsSeparatorsAndAtMostTwoDecimals()
    {
        Assert.Equal("520,000,000", new Money(520_000_000m).ToString());
        Assert.Equal("675,111.11", new Money(675_111.11m).ToString());
    }

    [Fact]
    public void Arithmetic_OverflowThrowsInsteadOfWrapping() =>
        Assert.Throws<OverflowException>(() => new Money(decimal.MaxValue) + new Money(1m));

    [Fact]
    public void Rate_PrintsAsPercent() => Assert.Equal("3.45%", new Rate(0.0345m).ToString());

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-30000000")]
    public void Money_Negative_IsRefusedNamingTheAmount(string yuan)
    {
        var v = decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Money(v));
        Assert.Contains("金额不能为负数", e.Message, StringComparison.Ordinal);
        Assert.Contains(Money.Format(v), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_SubtractionBelowZero_IsRefused_LessOrZeroStopsAtZero()
    {
        var cap = new Money(8_000_000m);
        var prior = new Money(9_000_000m);
        Assert.Throws<ArgumentOutOfRangeException>(() => cap - prior);
        Assert.Equal(Money.Zero, cap.LessOrZero(prior));
        Assert.Equal(new Money(2_000_000m), cap.LessOrZero(new Money(6_000_000m)));
        Assert.Equal(Money.Zero, cap.LessOrZero(cap));
        Assert.Equal(new Money(0m), default(Money));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(1m) * -1m);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0345")]
    [InlineData("1")]
    public void Rate_FromZeroToOne_IsAccepted(string fraction) =>
        Assert.Equal(decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture),
            new Rate(decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture)).Fraction);

    [Theory]
    [InlineData("-0.0001")]
    [InlineData("1.0001")]
    [InlineData("8")]
    public void Rate_OutsideZeroToOne_IsRefusedNamingTheValue(string fraction)
    {
        var v = decimal.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Rate(v));
        Assert.Contains("比率应在 0 到 1 之间", e.Message, StringComparison.Ordinal);
        Assert.Contains(fraction, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_SubtractionBelowZero_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rate(0.01m) - new Rate(0.02m));
}

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("913205837AY4CL12TY")]
    [InlineData("91320583712DD272H2")]
    public void Valid_Codes_Pass(string code) => Assert.Null(CreditCode.Problem(code));

    [Theory]
    [InlineData("91350100M000100Y44", "校验位")]
    [InlineData("91350100M000100Y4", "18 位")]
    [InlineData("91350100I000100Y43", "第 9 位")]
    [InlineData("", "不能为空")]
    public void Invalid_Codes_SayWhy(string code, string reason) => Assert.Contains(reason, CreditCode.Problem(code));

    [Fact]
    public void CheckCharacter_31_IsWrittenAsZero()
    {
        // Search a 17-char prefix whose check value is 31 (written '0') and confirm the round trip.
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < alphabet.Length; i++)
        {
            var prefix = "9132058371234567" + alphabet[i];
            var check = CreditCode.CheckCharacter(prefix);
            Assert.True(CreditCode.IsValid(prefix + check));
        }
    }
}

public class IndustryCodeTests
{
    [Theory]
    [InlineData("C3421", true, true)]
    [InlineData("C13", true, true)]
    [InlineData("C", true, true)]
    [InlineData("B0610", true, false)]
    [InlineData("I6511", true, false)]
    public void Parses(string text, bool ok, bool manufacturing)
    {
        Assert.Equal(ok, IndustryCode.TryParse(text, out var code, out _));
        Assert.Equal(manufacturing, code.IsManufacturing);
    }

    [Theory]
    [InlineData("C4421")]
    [InlineData("C1221")]
    [InlineData("c3421")]
    [InlineData("C3")]
    [InlineData("C34211")]
    [InlineData("Z1234")]
    public void Rejects(string text) => Assert.False(IndustryCode.TryParse(text, out _, out var problem) || problem is null);
}
