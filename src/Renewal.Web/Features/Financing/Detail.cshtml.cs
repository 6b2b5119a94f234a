using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Financing;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Financing;

/// <summary>The signed loan as the bank types it.</summary>
public sealed class SignForm
{
    public string? Code { get; set; }
    /// <summary>贷款金额, yuan.</summary>
    public string? Principal { get; set; }
    public string? RatePercent { get; set; }
    public string? IssuedOn { get; set; }
    public string? MaturesOn { get; set; }
    public string? Category { get; set; }
    public string? EquipmentAmount { get; set; }
}

/// <summary>
/// /financing/{id} — one 银企对接 record: the project, the enterprise's contact, the status and its notes, the loan when
/// signed. The bank moves it forward here: 已联系 (a note), 已签约 (the loan's terms; the loan is created on the
/// enterprise's side) or 未达成 (the reason). A record that is not the reader's to see is not there (404).
/// </summary>
public sealed class DetailModel(FinancingService service) : PageModel
{
    public MatchRow Record { get; private set; } = null!;
    public bool CanMove { get; private set; }
    [BindProperty] public SignForm Sign { get; set; } = new();
    /// <summary>Why the last move was refused (shown as the page's one alert, with what was typed kept).</summary>
    public string? Refusal { get; private set; }
    public string? Note { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostContactAsync(int id, long version, string? note, CancellationToken ct)
    {
        Note = note;
        return Done(id, service.ContactAsync(HttpContext.User(), id, version, note, ct), Lang.T("已记录：已联系", "Recorded: contacted"), ct);
    }

    public Task<IActionResult> OnPostDeclineAsync(int id, long version, string? reason, CancellationToken ct)
    {
        Reason = reason;
        return Done(id, service.DeclineAsync(HttpContext.User(), id, version, reason, ct), Lang.T("已记录：未达成", "Recorded: declined"), ct);
    }

    public async Task<IActionResult> OnPostSignAsync(int id, long version, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var terms = new LoanTerms(
            FormText.Number(errors, "principal", "贷款金额（principal）", Sign.Principal),
            FormText.Number(errors, "rate_percent", "合同年利率（rate_percent）", Sign.RatePercent),
            FormText.Date(errors, "issued_on", "放款日（issued_on）", Sign.IssuedOn),
            FormText.Date(errors, "matures_on", "到期日（matures_on）", Sign.MaturesOn),
            FormText.Enum<LoanCategory>(errors, "category", "贷款类别（category）", Sign.Category),
            Sign.Code,
            FormText.Number(errors, "equipment_amount", "用于设备投资的金额（equipment_amount）", Sign.EquipmentAmount));
        if (errors.Any)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Refusal = string.Join("；", errors.All);
            return Page();
        }
        return await Done(id, service.SignAsync(HttpContext.User(), id, version, terms, ct),
            Lang.T("已记录：已签约。贷款已登记到企业名下，企业将收到消息。", "Recorded: loan signed; the loan is now in the enterprise's loans."), ct);
    }

    private async Task<IActionResult> Done(int id, Task<Result<FinancingMatch>> move, string done, CancellationToken ct)
    {
        var r = await move;
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Ok)
        {
            TempData["Message"] = done;
            return Redirect($"/financing/{id}");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Refusal = r.Message;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (await service.FindAsync(user, id, ct) is not { } record) return false;
        Record = record;
        CanMove = user.Role == Role.Bank && record.Next.Count > 0;
        return true;
    }
}
