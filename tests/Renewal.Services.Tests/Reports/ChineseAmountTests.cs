using Renewal.Data;
using FsCheck.Xunit;
using Renewal.Services.Reports;

namespace Renewal.Services.Tests.Reports;

/// <summary>人民币大写: the standard's own examples, the zero rules, 角/分 and 整, and the largest amounts.</summary>
public class ChineseAmountTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("0.01", "壹分")]
    [InlineData("0.1", "壹角整")]
    [InlineData("0.50", "伍角整")]
    [InlineData("0.56", "伍角陆分")]
    [InlineData("1", "壹元整")]
    [InlineData("1.05", "壹元零伍分")]
    [InlineData("1.50", "壹元伍角整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("10.50", "壹拾元零伍角整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("101", "壹佰零壹元整")]
    [InlineData("110", "壹佰壹拾元整")]
    [InlineData("1001", "壹仟零壹元整")]
    [InlineData("1010", "壹仟零壹拾元整")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")] // 《支付结算办法》附件 example, first form
    [InlineData("6007.14", "陆仟零柒元壹角肆分")] // idem
    [InlineData("10010.01", "壹万零壹拾元零壹分")]
    [InlineData("100000", "壹拾万元整")]
    [InlineData("107000.53", "壹拾万柒仟元零伍角叁分")] // idem, first form
    [InlineData("100700", "壹拾万零柒佰元整")]
    [InlineData("1000000.50", "壹佰万元零伍角整")]
    [InlineData("1409.50", "壹仟肆佰零玖元伍角整")] // idem
    [InlineData("8000000", "捌佰万元整")]
    [InlineData("30000000", "叁仟万元整")]
    [InlineData("100000000", "壹亿元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("110000000", "壹亿壹仟万元整")]
    [InlineData("123456789012.34", "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分")]
    [InlineData("1000000000000", "壹万亿元整")]
    [InlineData("9999999999999999.99", "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void Capital(string amount, string expected) =>
        Assert.Equal(expected, ChineseAmount.Capital(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-1")]
    [InlineData("0.001")]
    [InlineData("10000000000000000")]
    public void Refuses_WhatIsNotAnAmountToTheFen(string amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseAmount.Capital(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Reading the capitals back gives the number: an independent parser over random amounts.</summary>
    [Property(MaxTest = 2000)]
    public bool ReadsBackToTheSameAmount(ulong raw)
    {
        var amount = (raw % 10_000_000_000_000_000_00UL) / 100m;
        return Parse(ChineseAmount.Capital(amount)) == amount;
    }

    /// <summary>Never two 零 in a row, no 零 before 元, 万 or 亿, and every 拾, 佰, 仟 with its digit (壹拾, never 拾).</summary>
    [Property(MaxTest = 2000)]
    public bool IsWellFormed(ulong raw)
    {
        var s = ChineseAmount.Capital((raw % 10_000_000_000_000_000_00UL) / 100m);
        if (s == "零元整") return true;
        foreach (var bad in new[] { "零零", "零元", "零万", "零亿", "零角", "零分", "零整" })
            if (s.Contains(bad, StringComparison.Ordinal)) return false;
        for (var i = 0; i < s.Length; i++)
            if (s[i] is '拾' or '佰' or '仟' && (i == 0 || !"壹贰叁肆伍陆柒捌玖".Contains(s[i - 1], StringComparison.Ordinal))) return false;
        return s.EndsWith('整') != s.EndsWith('分');
    }

    /// <summary>Reads capitals back: each digit times the units after it, 万 and 亿 closing their groups.</summary>
    private static decimal Parse(string s)
    {
        const string digits = "零壹贰叁肆伍陆柒捌玖";
        decimal total = 0, section = 0, yi = 0;
        var digit = 0;
        foreach (var c in s)
        {
            var d = digits.IndexOf(c, StringComparison.Ordinal);
            if (d >= 0) { digit = d; continue; }
            switch (c)
            {
                case '拾': section += digit * 10; digit = 0; break;
                case '佰': section += digit * 100; digit = 0; break;
                case '仟': section += digit * 1000; digit = 0; break;
                case '万': total += (section + digit) * 10000; section = 0; digit = 0; break;
                case '亿': yi += (total + section + digit) * 100000000; total = 0; section = 0; digit = 0; break;
                case '元': total += section + digit; section = 0; digit = 0; break;
                case '角': total += digit * 0.1m; digit = 0; break;
                case '分': total += digit * 0.01m; digit = 0; break;
                default: break; // 整
            }
        }
        return total + yi;
    }
}
