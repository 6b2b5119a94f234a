using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Reports;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Payments;

/// <summary>A payment batch to record: the payment date (Beijing calendar), an optional note, and one line per award.</summary>
public sealed record PayBatchRequest(DateOnly PaidOn, string? Note, IReadOnlyList<PaymentLineRequest>? Lines);

/// <summary>One award of a batch: the application, its voucher number, the version seen.</summary>
public sealed record PaymentLineRequest(int ApplicationId, string? Voucher, long? Version);

/// <summary>A batch as the API gives it, with its awards.</summary>
public sealed record PaymentBatchDto(int Id, string Number, DateOnly PaidOn, int Count, decimal Total, string? Note, string CreatedBy, IReadOnlyList<PaymentRowDto> Rows)
{
    public static PaymentBatchDto Of(PaymentBatchView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var b = v.Batch;
        return new(b.Id, b.Number, b.PaidOn, b.Count, b.Total, b.Note, b.CreatedBy,
            [.. v.Rows.Select(r => new PaymentRowDto(r.ApplicationId, r.Number, r.Enterprise, r.CreditCode, r.Scheme, r.Year, r.Amount, r.ByLevel, r.Voucher))]);
    }
}

/// <summary>One award paid in a batch.</summary>
public sealed record PaymentRowDto(int ApplicationId, string Number, string Enterprise, string CreditCode, Scheme Scheme, int Year, decimal Amount, string? ByLevel, string? Voucher);

/// <summary>
/// 批量拨付 under /api/v1/payment-batches (the same as /payments): finance records a batch (all or none); finance and the
/// bureau read a batch and its treasury list (xlsx).
/// </summary>
public static class PaymentsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var batches = api.MapGroup("/payment-batches").WithTags("payments");
        batches.MapPost("/", async Task<Results<Created<PaymentBatchDto>, ProblemHttpResult>> (PayBatchRequest request, HttpContext http, ApplicationService service,
            LibraryDbContext db, CancellationToken ct) =>
        {
            var user = http.User();
            var lines = (request.Lines ?? []).Select(l => new PaymentLine(l.ApplicationId, l.Voucher, l.Version)).ToList();
            var r = await service.PayBatchAsync(user, request.PaidOn, lines, request.Note, ct);
            if (!r.Ok) return ApiResults.Refused(r.Kind, r.Message);
            var view = await Renewal.Services.Workflow.Payments.BatchAsync(db, user, r.Value!.Id, ct);
            return TypedResults.Created($"/api/v1/payment-batches/{r.Value.Id}", PaymentBatchDto.Of(view!));
        }).RequireAuthorization(Policies.Payments).WithName("PayBatch")
            .WithSummary("财政批量拨付：拨付日期、逐项支付凭证号；全部成功或全部不记录").Forbids();

        batches.MapGet("/{id:int}", async Task<Results<Ok<PaymentBatchDto>, NotFound>> (int id, HttpContext http, LibraryDbContext db, CancellationToken ct) =>
            await Renewal.Services.Workflow.Payments.BatchAsync(db, http.User(), id, ct) is { } view ? TypedResults.Ok(PaymentBatchDto.Of(view)) : TypedResults.NotFound())
            .RequireAuthorization(Policies.Payments).WithName("GetPaymentBatch").WithSummary("拨付批次及其各项").Forbids();

        batches.MapGet("/{id:int}/xlsx", async Task<Results<FileContentHttpResult, NotFound>> (int id, HttpContext http, LibraryDbContext db, CancellationToken ct) =>
            await Renewal.Services.Workflow.Payments.BatchAsync(db, http.User(), id, ct) is { } view
                ? TypedResults.File(PaymentWorkbook.Write(view), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PaymentWorkbook.FileName(view.Batch.Number))
                : TypedResults.NotFound())
            .RequireAuthorization(Policies.Payments).WithName("PaymentBatchXlsx").WithSummary("拨付清单（xlsx，供国库）").Forbids();
    }
}
