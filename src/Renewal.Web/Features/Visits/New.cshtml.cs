using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Visits;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Visits;

public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Title { get; set; }
}

public sealed class IntentionForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? FromYear { get; set; }
    public string? ToYear { get; set; }
    /// <summary>Yuan as typed.</summary>
    public string? Equipment { get; set; }
    public string? Digital { get; set; }
    public List<string> Tasks { get; set; } = [];
}

public sealed class FollowUpForm
{
    public string? Text { get; set; }
    public string? DueOn { get; set; }
}

/// <summary>The visit as typed on the phone; rows left blank are ignored.</summary>
public sealed class VisitForm
{
    public const int PeopleRows = 3;
    public const int PlanRows = 3;
    public const int FollowUpCount = 3;

    public string? EnterpriseId { get; set; }
    public string? VisitedOn { get; set; }
    public string? EquipmentSeen { get; set; }
    public List<PersonForm> PeopleMet { get; set; } = [];
    public List<IntentionForm> Plans { get; set; } = [];
    public List<FollowUpForm> FollowUpRows { get; set; } = [];

    /// <summary>Fills the lists up to the rows the form shows.</summary>
    public VisitForm Padded()
    {
        while (PeopleMet.Count < PeopleRows) PeopleMet.Add(new());
        while (Plans.Count < PlanRows) Plans.Add(new());
        while (FollowUpRows.Count < FollowUpCount) FollowUpRows.Add(new());
        return this;
    }
}

/// <summary>
/// /visits/new — 登记走访, made for a phone (one column, big touch targets): the enterprise (of the officer's area), the day
/// (Beijing, today by default), whom they met, the renewal intentions (each becomes a 征集项目 the enterprise confirms),
/// the equipment seen and what to follow up by when. Nothing is saved unless everything is right; the reasons name the field.
/// </summary>
[Authorize(Roles = VisitAccess.Roles)]
public sealed class NewModel(VisitService service, TimeProvider clock) : PageModel
{
    [BindProperty] public VisitForm Form { get; set; } = new();
    public IReadOnlyList<EnterpriseChoice> Enterprises { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public int FirstYear => SaveProject.FirstYear;
    public int LastYear => SaveProject.LastYear;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(int? enterpriseId, CancellationToken ct)
    {
        Form = new VisitForm { VisitedOn = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), EnterpriseId = enterpriseId?.ToString(CultureInfo.InvariantCulture) }.Padded();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var input = new VisitInput(
            FormText.Whole(errors, "enterpriseId", "企业（enterpriseId）", Form.EnterpriseId),
            FormText.Date(errors, "visitedOn", "走访日期（visitedOn）", Form.VisitedOn),
            [.. Form.PeopleMet.Select(p => new PersonInput(p.Name, p.Title))],
            [.. Form.Plans.Select((x, i) => new IntentionInput(x.Name,
                Enum.TryParse<ProjectKind>(x.Kind, out var k) ? k : null,
                FormText.Whole(errors, $"intentions[{i}].fromYear", $"第 {i + 1} 个更新意向的计划开始年度（intentions[{i}].fromYear）", x.FromYear),
                FormText.Whole(errors, $"intentions[{i}].toYear", $"第 {i + 1} 个更新意向的计划结束年度（intentions[{i}].toYear）", x.ToYear),
                FormText.Number(errors, $"intentions[{i}].equipment", $"第 {i + 1} 个更新意向的计划设备投资（intentions[{i}].equipment）", x.Equipment),
                FormText.Number(errors, $"intentions[{i}].digital", $"第 {i + 1} 个更新意向的计划智能化数字化投入（intentions[{i}].digital）", x.Digital),
                [.. x.Tasks.Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)]))],
            Form.EquipmentSeen,
            [.. Form.FollowUpRows.Select((f, i) => new FollowUpInput(f.Text,
                FormText.Date(errors, $"followUps[{i}].dueOn", $"第 {i + 1} 项跟进事项的期限（followUps[{i}].dueOn）", f.DueOn)))]);
        if (errors.Any)
        {
            Problems = [.. errors.All];
            Form.Padded();
            await LoadAsync(ct);
            return Page();
        }
        var r = await service.RecordAsync(HttpContext.User(), input, ct);
        if (r.Kind == Renewal.Services.Workflow.ResultKind.Forbidden) return Forbid();
        if (!r.Ok)
        {
            Problems = r.Message!.Split('；');
            Form.Padded();
            await LoadAsync(ct);
            return Page();
        }
        var drafts = r.Value!.Intentions.Count;
        TempData["Message"] = drafts > 0
            ? Lang.T($"已登记走访；{drafts} 个更新意向已作为征集项目发给企业确认。", $"Visit recorded; {drafts} intentions sent to the enterprise to confirm.")
            : Lang.T("已登记走访。", "Visit recorded.");
        return Redirect($"/visits/{r.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = clock.Today();
        Enterprises = await service.EnterprisesAsync(HttpContext.User(), ct: ct);
    }
}
