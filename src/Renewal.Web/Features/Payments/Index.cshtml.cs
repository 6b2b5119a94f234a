using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Payments;

/// <summary>
/// /payments — 拨付 (issue 12 item 5): the approved awards waiting for payment, oldest approval first; finance ticks
/// those the treasury paid, types each voucher number and the payment date, and records them as one batch (all or
/// none); below, the batches paid. The bureau reads the page.
/// </summary>
[Authorize(Policy = Policies.Payments)]
public sealed class IndexModel(LibraryDbContext db, ApplicationService service, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Scheme? Scheme { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public IReadOnlyList<PaymentRow> Waiting { get; private set; } = [];
    public IReadOnlyList<PaymentBatch> Batches { get; private set; } = [];
    public bool MayPay { get; private set; }
    /// <summary>The payment date shown in the form (today, or what was typed).</summary>
    public string PaidOn { get; private set; } = "";
    public string? Note { get; private set; }
    /// <summary>What was ticked and typed, kept when the batch is refused.</summary>
    public HashSet<int> Ticked { get; } = [];
    public Dictionary<int, string> Vouchers { get; } = [];
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PaidOn = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role != Role.Finance) return Forbid();
        var form = Request.Form;
        PaidOn = form["paidOn"].ToString().Trim();
        Note = form["note"].ToString();
        var lines = new List<PaymentLine>();
        foreach (var raw in form["pay"])
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) continue;
            Ticked.Add(id);
            var voucher = form[$"voucher_{id}"].ToString();
            Vouchers[id] = voucher;
            long? version = long.TryParse(form[$"version_{id}"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
            lines.Add(new PaymentLine(id, voucher, version));
        }
        // Vouchers typed on rows not ticked are kept too, so a refusal loses nothing.
        foreach (var key in form.Keys.Where(k => k.StartsWith("voucher_", StringComparison.Ordinal)))
            if (int.TryParse(key["voucher_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) Vouchers.TryAdd(id, form[key].ToString());

        if (!DateOnly.TryParseExact(PaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var paidOn))
            Refusal = Lang.T($"拨付日期“{PaidOn}”不是日期：请按 年-月-日 填写", $"Payment date “{PaidOn}” is not a date (yyyy-MM-dd)");
        else
        {
            var r = await service.PayBatchAsync(user, paidOn, lines, Note, ct);
            if (r.Ok)
            {
                TempData["Message"] = Lang.T($"已拨付 {r.Value!.Count} 项，合计 {Display.Yuan(r.Value.Total)} 元，批次 {r.Value.Number}", $"Paid {r.Value!.Count}, batch {r.Value.Number}");
                return Redirect($"/payments/{r.Value.Id}");
            }
            if (r.Kind == ResultKind.Forbidden) return Forbid();
            Refusal = r.Message;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        MayPay = user.Role == Role.Finance;
        Waiting = await Renewal.Services.Workflow.Payments.WaitingAsync(db, user, Scheme, Year, ct);
        Batches = await Renewal.Services.Workflow.Payments.BatchesAsync(db, user, ct);
    }
}
