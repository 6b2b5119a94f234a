using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Upward;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Upward;

/// <summary>
/// /upward/{id} — one recommendation: the project, the programme, the status with what each move recorded, and the history.
/// The bureau moves it forward here: 已受理 (date, note), 已获批 (amount, date, document number; the matching money is shown),
/// 未获批 (reason), 撤回 (reason). A recommendation outside the reader's scope is not there (404).
/// </summary>
[Authorize(Policy = Policies.Government)]
public sealed class DetailModel(UpwardService service) : PageModel
{
    public RecommendationRow Record { get; private set; } = null!;
    public bool CanMove { get; private set; }
    public string? Refusal { get; private set; }
    /// <summary>What was typed, kept when a move is refused.</summary>
    public Dictionary<string, string?> Typed { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(int id, long version, string? acceptedOn, string? note, CancellationToken ct)
    {
        Typed["acceptedOn"] = acceptedOn;
        Typed["note"] = note;
        var errors = new FieldErrors();
        var on = FormText.Date(errors, "accepted_on", "受理日期（accepted_on）", acceptedOn);
        return Done(id, errors, () => service.AcceptAsync(HttpContext.User(), id, version, on, note, ct), Lang.T("已记录：已受理", "Recorded: accepted"), ct);
    }

    public Task<IActionResult> OnPostApproveAsync(int id, long version, string? amount, string? approvedOn, string? documentNumber, CancellationToken ct)
    {
        Typed["amount"] = amount;
        Typed["approvedOn"] = approvedOn;
        Typed["documentNumber"] = documentNumber;
        var errors = new FieldErrors();
        var a = FormText.Number(errors, "amount", "获批金额（amount）", amount);
        var on = FormText.Date(errors, "approved_on", "获批日期（approved_on）", approvedOn);
        return Done(id, errors, () => service.ApproveAsync(HttpContext.User(), id, version, new Approval(a, on, documentNumber), ct),
            Lang.T("已记录：已获批。昆山配套资金已计入预算。", "Recorded: approved; the matching money is in the budget."), ct);
    }

    public Task<IActionResult> OnPostRejectAsync(int id, long version, string? reason, CancellationToken ct)
    {
        Typed["rejectReason"] = reason;
        return Done(id, new FieldErrors(), () => service.RejectAsync(HttpContext.User(), id, version, reason, ct), Lang.T("已记录：未获批", "Recorded: not approved"), ct);
    }

    public Task<IActionResult> OnPostWithdrawAsync(int id, long version, string? reason, CancellationToken ct)
    {
        Typed["withdrawReason"] = reason;
        return Done(id, new FieldErrors(), () => service.WithdrawAsync(HttpContext.User(), id, version, reason, ct), Lang.T("已撤回", "Withdrawn"), ct);
    }

    public string? Value(string key) => Typed.GetValueOrDefault(key);

    private async Task<IActionResult> Done(int id, FieldErrors errors, Func<Task<Result<UpwardRecommendation>>> move, string done, CancellationToken ct)
    {
        if (!HttpContext.User().IsBureau) return Forbid();
        if (errors.Any)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Refusal = string.Join("；", errors.All);
            return Page();
        }
        var r = await move();
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Ok)
        {
            TempData["Message"] = done;
            return Redirect($"/upward/{id}");
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
        CanMove = user.IsBureau && record.Next.Count > 0;
        return true;
    }
}
