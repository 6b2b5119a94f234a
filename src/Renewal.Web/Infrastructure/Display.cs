using Renewal.Services;
using Renewal.Policy.Model;

namespace Renewal.Web.Infrastructure;

/// <summary>Display formats of the pages; words of codes come from the pack (see <see cref="Words"/>).</summary>
public static class Display
{
    /// <summary>A project status in the page's language (the pack's vocabulary).</summary>
    public static string Status(ProjectStatus s) => Renewal.Policy.Kunshan2024.Vocabulary.Of(s).In(Lang.IsEnglish);

    /// <summary>A moment as Kunshan reads it (UTC+8), whatever the server's time zone.</summary>
    public static string Time(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        BeijingTime.At(at).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    public static string Yuan(decimal? v) => v?.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
