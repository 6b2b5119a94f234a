using System.Text;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Reports;

/// <summary>
/// 人民币大写金额 — an amount in Chinese capital numerals as written on payment documents (中国人民银行《支付结算办法》附件
/// “正确填写票据和结算凭证的基本规定”): 壹拾 is always written with its 壹; 元 or 角 without a following 分 end in 整;
/// a run of zeros inside the number is one 零; where the standard allows either form (元位 zero before 角), the first
/// form it lists is used, with 零 (壹仟陆佰捌拾元零叁角贰分, 壹拾万柒仟元零伍角叁分).
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] InGroup = ["", "拾", "佰", "仟"];
    private static readonly string[] Groups = ["", "万", "亿", "万亿"];

    /// <summary>The largest amount written: 9999 万亿 and 99 fen.</summary>
    public const decimal Max = 9_999_999_999_999_999.99m;

    /// <summary>The amount in capitals, without the 人民币 prefix: 100000 → 壹拾万元整, 10010.01 → 壹万零壹拾元零壹分.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, more than two decimals (not a whole fen), or above <see cref="Max"/>.</exception>
    public static string Capital(decimal amount)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "大写金额不能为负数");
        if (decimal.Round(amount, 2) != amount) throw new ArgumentOutOfRangeException(nameof(amount), amount, "金额应精确到分（两位小数）");
        if (amount > Max) throw new ArgumentOutOfRangeException(nameof(amount), amount, "金额超出大写范围（万亿以内）");

        var fen = (long)(amount * 100);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var sb = new StringBuilder();
        if (yuan > 0) sb.Append(Integer(yuan)).Append('元');
        if (jiao == 0 && cents == 0) return yuan == 0 ? "零元整" : sb.Append('整').ToString();
        // A zero between 元 and the first fraction digit that is not zero: 壹元零伍分, 壹拾元零伍角整.
        if (yuan > 0 && (yuan % 10 == 0 || jiao == 0)) sb.Append('零');
        if (jiao > 0) sb.Append(Digits[jiao]).Append('角');
        if (cents > 0) sb.Append(Digits[cents]).Append('分');
        else sb.Append('整');
        return sb.ToString();
    }

    /// <summary>A whole number of yuan (&gt; 0) in groups of four digits: 亿, 万 and units.</summary>
    private static string Integer(long value)
    {
        Span<int> groups = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            groups[i] = (int)(value % 10000);
            value /= 10000;
        }
        var sb = new StringBuilder();
        var started = false;
        var zeros = false;
        for (var i = 3; i >= 0; i--)
        {
            var g = groups[i];
            if (g == 0)
            {
                zeros |= started;
                continue;
            }
            // Zeros before this group (a whole zero group, or leading zeros inside it) read as one 零.
            if (started && (zeros || g < 1000)) sb.Append('零');
            sb.Append(Group(g)).Append(Groups[i]);
            started = true;
            zeros = false;
        }
        return sb.ToString();
    }

    /// <summary>1–9999 without leading zeros: 1010 → 壹仟零壹拾.</summary>
    private static string Group(int g)
    {
        var sb = new StringBuilder();
        var any = false;
        var zero = false;
        for (var pos = 3; pos >= 0; pos--)
        {
            var d = g / (int)Math.Pow(10, pos) % 10;
            if (d == 0)
            {
                zero |= any;
                continue;
            }
            if (zero) sb.Append('零');
            sb.Append(Digits[d]).Append(InGroup[pos]);
            any = true;
            zero = false;
        }
        return sb.ToString();
    }
}
