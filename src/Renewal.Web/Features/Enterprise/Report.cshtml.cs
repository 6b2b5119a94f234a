using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Model;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Enterprise;

/// <summary>The report form as typed.</summary>
public sealed class ReportForm
{
    public string? Year { get; set; }
    public string? Quarter { get; set; }
    public string? Status { get; set; }
    public string? CumulativeEquipment { get; set; }
    public string? CumulativeDigital { get; set; }
    public string? Note { get; set; }

    public ReportRequest ToRequest(FieldErrors errors) => new()
    {
        Year = FormText.Whole(errors, "year", "年度", Year),
        Quarter = FormText.Whole(errors, "quarter", "季度", Quarter),
        Status = FormText.Enum<ProjectStatus>(errors, "status", "项目状态", Status),
        CumulativeEquipment = FormText.Number(errors, "cumulativeEquipment", "累计设备投资", CumulativeEquipment),
        CumulativeDigital = FormText.Number(errors, "cumulativeDigital", "累计智能化数字化投入", CumulativeDigital),
        Note = Note,
    };
}

/// <summary>/enterprise/projects/{id}/report — file a quarterly progress report; the history shows every report, corrections included.</summary>
[Authorize(Policy = Policies.Enterprise)]
public sealed class ReportModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public ReportForm Form { get; set; } = new();
    public FieldErrors Errors { get; private set; } = new();
    public Data.Entities.Project Project { get; private set; } = null!;
    public IReadOnlyList<ReportDto> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var refused = await LoadAsync(id, ct);
        if (refused is not null) return refused;
        // Start from the latest report (or the declared investment up to now) so that a quarter's update is a small edit.
        var today = clock.Today();
        var quarter = (today.Month - 1) / 3 + 1;
        var last = History.FirstOrDefault(r => !r.Corrected);
        var investments = await db.Investments.AsNoTracking().Where(i => i.ProjectId == id && i.Year <= today.Year).ToListAsync(ct);
        Form = new ReportForm
        {
            Year = Math.Clamp(today.Year, SaveProject.FirstYear, SaveProject.LastYear).ToString(CultureInfo.InvariantCulture),
            Quarter = (today.Year > SaveProject.LastYear ? 4 : quarter).ToString(CultureInfo.InvariantCulture),
            Status = (last?.Status ?? Project.Status).ToString(),
            CumulativeEquipment = FormText.Of(last?.CumulativeEquipment ?? investments.Sum(i => i.Equipment)),
            CumulativeDigital = FormText.Of(last?.CumulativeDigital ?? investments.Sum(i => i.Digital)),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var refused = await LoadAsync(id, ct);
        if (refused is not null) return refused;
        var formErrors = new FieldErrors();
        var request = Form.ToRequest(formErrors);
        var result = await FileReport.HandleAsync(db, HttpContext.User(), id, request, clock, formErrors, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                TempData["Message"] = Lang.T($"已填报 {result.Value!.Year} 年第 {result.Value.Quarter} 季度进展", $"Report for {result.Value!.Year} Q{result.Value.Quarter} filed");
                return Redirect($"/enterprise/projects/{id}/report");
            case CommandStatus.Invalid:
                Errors = result.Errors!;
                return Page();
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return Forbid();
            default:
                TempData["Error"] = result.Message;
                return Redirect($"/enterprise/projects/{id}/report");
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var found = await FileReport.HistoryAsync(db, HttpContext.User(), id, ct);
        if (!found.Ok) return found.Status == CommandStatus.NotFound ? NotFound() : Forbid();
        (Project, History) = found.Value;
        return null;
    }
}
