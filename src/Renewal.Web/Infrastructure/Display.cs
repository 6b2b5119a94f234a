using Renewal.Policy.Model;

namespace Renewal.Web.Infrastructure;

/// <summary>Display labels not already in <see cref="Codes"/>.</summary>
public static class Display
{
    public static string Status(ProjectStatus s) => s switch
    {
        ProjectStatus.Planned => Lang.T("计划", "Planned"),
        ProjectStatus.InProgress => Lang.T("在建", "In progress"),
        _ => Lang.T("竣工", "Completed"),
    };

    public static string Yuan(decimal? v) => v?.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
