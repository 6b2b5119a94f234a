using System.Globalization;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Calls;
using Renewal.Services.Materials;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Calls;

/// <summary>Where a call stands at a moment: before its window, taking applications, or over.</summary>
public enum CallState
{
    Upcoming,
    Open,
    Closed,
}

/// <summary>
/// A call (申报批次) as people read it, in the page's language: the scheme in words, the window in Beijing time, the
/// state with the days left, the file types a material takes by name (never the stored codes <c>pdf,png</c>).
/// </summary>
public static class CallWords
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    public static CallState StateAt(ProgrammeCall call, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        return now < call.OpensAt ? CallState.Upcoming : call.IsOpenAt(now) ? CallState.Open : CallState.Closed;
    }

    public static string Scheme(Scheme scheme) => Words.Term(Codes.Of(scheme));

    /// <summary>A moment in Beijing time: 2026-03-10 09:00.</summary>
    public static string Time(DateTimeOffset at) => Display.Time(at, TimeFormat);

    /// <summary>“2026-03-10 09:00 至 2026-03-31 17:00”, with the early close when the bureau closed it before its end.</summary>
    public static string Window(ProgrammeCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var window = Lang.T($"{Time(call.OpensAt)} 至 {Time(call.ClosesAt)}", $"{Time(call.OpensAt)} to {Time(call.ClosesAt)}");
        return call.EndsAt < call.ClosesAt ? window + Lang.T($"（已于 {Time(call.EndsAt)} 提前截止）", $" (closed early at {Time(call.EndsAt)})") : window;
    }

    /// <summary>未开始 / 受理中（还有 N 天截止） / 已截止 — days counted on Kunshan's calendar.</summary>
    public static string State(ProgrammeCall call, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        switch (StateAt(call, now))
        {
            case CallState.Upcoming:
                var until = Days(now, call.OpensAt);
                return until == 0 ? Lang.T("未开始（今日开始受理）", "Not yet open (opens today)")
                    : Lang.T($"未开始（{until} 天后开始受理）", $"Not yet open (opens in {until} days)");
            case CallState.Open:
                var left = Days(now, call.EndsAt);
                return left == 0 ? Lang.T($"受理中（今日 {Display.Time(call.EndsAt, "HH:mm")} 截止）", $"Open (closes today at {Display.Time(call.EndsAt, "HH:mm")})")
                    : Lang.T($"受理中（还有 {left} 天截止）", $"Open (closes in {left} days)");
            default:
                return call.EndsAt < call.ClosesAt ? Lang.T("已截止（提前截止）", "Closed (early)") : Lang.T("已截止", "Closed");
        }
    }

    /// <summary>The tag's class for a state.</summary>
    public static string Tag(ProgrammeCall call, DateTimeOffset now) => StateAt(call, now) switch
    {
        CallState.Open => "tag ok",
        CallState.Upcoming => "tag warn",
        _ => "tag",
    };

    public static string DistrictDeadline(ProgrammeCall call) =>
        call?.DistrictDeadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Lang.T("未设定", "not set");

    /// <summary>What people call a file type (PDF, PNG 图片, …).</summary>
    public static string Type(MaterialType t) => Lang.IsEnglish
        ? t switch { MaterialType.Png => "PNG image", MaterialType.Jpeg => "JPEG image", MaterialType.Xlsx => "Excel (xlsx)", _ => "PDF" }
        : MaterialTypes.Label(t);

    /// <summary>The file types a material takes, in words: “PDF、PNG 图片”.</summary>
    public static string Types(CallMaterial m) => string.Join(Lang.T("、", ", "), CallService.TypesOf(m).Select(Type));

    /// <summary>The <c>accept</c> attribute of a file input for the material (a hint to the browser; the server reads the content).</summary>
    public static string Accept(CallMaterial m) => string.Join(",", CallService.TypesOf(m).Select(t => t switch
    {
        MaterialType.Pdf => ".pdf,application/pdf",
        MaterialType.Png => ".png,image/png",
        MaterialType.Jpeg => ".jpg,.jpeg,image/jpeg",
        _ => ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }));

    public static string Required(CallMaterial m) => m?.Required == true ? Lang.T("必需", "Required") : Lang.T("可选", "Optional");

    /// <summary>A size as people read it: 812 字节, 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) => bytes < 1024 ? Lang.T($"{bytes} 字节", $"{bytes} bytes") : Renewal.Services.Materials.FileSystemMaterialStore.Size(bytes);

    /// <summary>Whole days between two moments on Kunshan's calendar (0 = the same day).</summary>
    private static int Days(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(0, BeijingTime.Day(to).DayNumber - BeijingTime.Day(from).DayNumber);
}
