using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Visits;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Visits;

/// <summary>
/// /visits/coverage — 走访覆盖: for a district its own area, for the bureau all areas (a table per area) or one: enterprises
/// visited in the programme of all the area's, by industry division (the dashboard's division names); visits per month;
/// follow-ups overdue; the projects collected — waiting for the enterprise and confirmed, planned equipment by year — set
/// against T-1 and T-2 of the programme targets file.
/// </summary>
[Authorize(Roles = VisitAccess.Roles)]
public sealed class CoverageModel(VisitService service) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    public Coverage Report { get; private set; } = null!;
    public Role Role { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        Role = user.Role;
        Report = (await service.CoverageAsync(user, Area, ct))!;
    }

    /// <summary>?handler=Xlsx — the same coverage (same scope and area) as a workbook with Chinese headers, amounts in 元.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var report = await service.CoverageAsync(HttpContext.User(), Area, ct);
        if (report is null) return NotFound();
        using var ms = new MemoryStream();
        VisitWorkbook.Write(ms, report);
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"走访覆盖情况-{report.Area ?? "全市"}-{report.Today:yyyyMMdd}.xlsx");
    }

    public static string Percent(decimal share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>A share of a programme target: small, so two decimals (0.22 亿 of 500 亿 is 0.04%, not 0.0%).</summary>
    public static string TargetShare(decimal share) => share.ToString("0.00%", CultureInfo.InvariantCulture);

    /// <summary>亿元 with two decimals (the programme's targets are stated in 亿元).</summary>
    public static string Yi(decimal yuan) => (yuan / 100_000_000m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>万元 with two decimals.</summary>
    public static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
