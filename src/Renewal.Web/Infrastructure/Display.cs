using Renewal.Services;
using Renewal.Policy.Model;

namespace Renewal.Web.Infrastructure;

/// <summary>Display labels not already in <see cref="Codes"/>.</summary>
public static class Display
{
    public static string Status(ProjectStatus s) => Lang.T(Codes.Label(s), s switch
    {
        ProjectStatus.Planned => "Planned",
        ProjectStatus.InProgress => "In progress",
        _ => "Completed",
    });

    /// <summary>A moment as Kunshan reads it (UTC+8), whatever the server's time zone.</summary>
    public static string Time(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        BeijingTime.At(at).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static string Yuan(decimal? v) => v?.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
