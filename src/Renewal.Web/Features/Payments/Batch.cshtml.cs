using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Services.Reports;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Payments;

/// <summary>/payments/{id} — one payment batch: its date, count, total, and each award with its voucher; the treasury's xlsx.</summary>
[Authorize(Policy = Policies.Payments)]
public sealed class BatchModel(LibraryDbContext db) : PageModel
{
    public PaymentBatchView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await Renewal.Services.Workflow.Payments.BatchAsync(db, HttpContext.User(), id, ct) is not { } view) return NotFound();
        View = view;
        return Page();
    }

    /// <summary>拨付清单 as xlsx for the treasury.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(int id, CancellationToken ct)
    {
        if (await Renewal.Services.Workflow.Payments.BatchAsync(db, HttpContext.User(), id, ct) is not { } view) return NotFound();
        return File(PaymentWorkbook.Write(view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PaymentWorkbook.FileName(view.Batch.Number));
    }
}
