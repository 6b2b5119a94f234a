using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Upward;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Upward;

/// <summary>The words of 向上争取 on the pages: statuses and levels in Chinese (or English), tag colours, the share as people say it.</summary>
public static class UpwardText
{
    public static string Status(UpwardStatus s) => Lang.IsEnglish ? UpwardWords.EnglishLabel(s) : UpwardWords.Label(s);

    public static string Level(Level l) => Lang.IsEnglish ? UpwardWords.EnglishLevel(l) : UpwardWords.Level(l);

    public static string Tag(UpwardStatus s) => s switch
    {
        UpwardStatus.Approved => "tag ok",
        UpwardStatus.Rejected or UpwardStatus.Withdrawn => "tag no",
        UpwardStatus.Accepted => "tag warn",
        _ => "tag",
    };

    /// <summary>配套比例 as “1:0.5” (yuan granted : yuan Kunshan adds).</summary>
    public static string Share(decimal share) => "1:" + share.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An amount in 万元 with two decimals (the exact yuan go in the cell's title).</summary>
    public static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
}
