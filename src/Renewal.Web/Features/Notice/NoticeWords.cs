using System.Globalization;
using Renewal.Data.Entities;
using Renewal.Services.Reports;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Notice;

/// <summary>The public notice in words: periods as Beijing dates, days left, the contact for objections.</summary>
public static class NoticeWords
{
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>“公示期 2026-12-03 至 2026-12-09”.</summary>
    public static string Period(DateOnly? from, DateOnly? to) =>
        Lang.T($"公示期 {Date(from)} 至 {Date(to)}", $"Notice {Date(from)} to {Date(to)}");

    /// <summary>还有 N 天截止 / 今日截止 / 公示期已结束.</summary>
    public static string Left(NoticeBoardEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.DaysLeft switch
        {
            null => Lang.T("公示期已结束", "Notice over"),
            0 => Lang.T("今日截止", "Ends today"),
            var n => Lang.T($"还有 {n} 天截止", $"{n} days left"),
        };
    }

    /// <summary>The call's contact for objections in one line, or null when the bureau has given none.</summary>
    public static string? Contact(ProgrammeCall? c)
    {
        if (c is null) return null;
        var parts = new List<string>();
        if (c.NoticeContact is { } who) parts.Add(Lang.T($"联系人：{who}", $"Contact: {who}"));
        if (c.NoticePhone is { } phone) parts.Add(Lang.T($"联系电话：{phone}", $"Phone: {phone}"));
        if (c.NoticeAddress is { } address) parts.Add(Lang.T($"电子邮箱或通讯地址：{address}", $"E-mail or address: {address}"));
        return parts.Count == 0 ? null : string.Join(Lang.T("；", "; "), parts);
    }

    /// <summary>A section's heading: the call's title, or what the applications of no call are.</summary>
    public static string Title(NoticeBoardSection s) =>
        s?.Call?.Title ?? Lang.T("未归入申报批次的申报", "Applications of no call");
}
