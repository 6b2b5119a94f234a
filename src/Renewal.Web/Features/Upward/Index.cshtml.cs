using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Services.Upward;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Upward;

/// <summary>
/// /upward — 向上争取: the recommendations of the reader's scope (the bureau and finance all, a district its area's),
/// filtered by programme, status, year and area, with the count and sums per programme; the bureau recommends a library
/// project here (found by its code or name; the library's project page links here with the code filled in). Enterprises
/// read theirs on /enterprise; banks have no access.
/// </summary>
[Authorize(Policy = Policies.Government)]
public sealed class IndexModel(UpwardService service, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    /// <summary>The recommend form's project (code or name), filled from ?project= by the library's 推荐上报 link.</summary>
    [BindProperty(SupportsGet = true, Name = "project")] public string? ProjectText { get; set; }

    public bool IsBureau { get; private set; }
    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];
    public UpwardList List { get; private set; } = new([], []);
    public string? Refusal { get; private set; }
    public string? Reason { get; private set; }
    public int? FormProgramme { get; private set; }
    public int FormYear { get; private set; }

    public static IReadOnlyList<int> Years => Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.All;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>已推荐: the bureau recommends the project typed (code or name) to a programme for a year.</summary>
    public async Task<IActionResult> OnPostRecommendAsync(int? programmeId, string? project, int? year, string? reason, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        ProjectText = project;
        Reason = reason;
        FormProgramme = programmeId;
        var found = await service.FindProjectAsync(user, project, ct);
        var r = found.Ok ? await service.RecommendAsync(user, programmeId ?? 0, found.Value, year, reason, ct) : null;
        if (r is { Ok: true })
        {
            TempData["Message"] = Lang.T("已推荐。请在上级部门受理后登记“已受理”。", "Recommended. Record acceptance when the programme accepts it.");
            return Redirect($"/upward/{r.Value!.Id}");
        }
        await LoadAsync(ct);
        FormYear = year ?? FormYear;
        Refusal = r?.Message ?? found.Message;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        IsBureau = user.IsBureau;
        Programmes = (await service.ProgrammesAsync(user, ct)).Value ?? [];
        var status = Enum.TryParse<UpwardStatus>(Status, out var s) && Enum.IsDefined(s) ? s : (UpwardStatus?)null;
        List = (await service.ListAsync(user, new UpwardFilter(Programme, status, Year, Area), ct: ct)).Value ?? new([], []);
        var today = clock.Year();
        FormYear = Years.Contains(today) ? today : Years[^1];
    }

    public static string Yuan(decimal? v) => v?.ToString("#,##0.00", CultureInfo.InvariantCulture) ?? "";
}
