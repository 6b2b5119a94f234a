using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Library;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;
using Renewal.Policy.Kunshan2024;

namespace Renewal.Web.Features.Applications;

/// <summary>One application: what was computed and why, its history and objections, and the moves the user may make.</summary>
public sealed class DetailModel(LibraryDbContext db, ApplicationService service, PolicyEngine engine, Renewal.Services.Revisions.RuleBook rules,
    Renewal.Services.Checks.ChecksService checks) : PageModel
{
    /// <summary>拨付前核查 as of today (ADR-031): trace lines, failures, overrides.</summary>
    public Renewal.Services.Checks.CheckReport? Checks { get; private set; }
    /// <summary>The equipment invoices the enterprise lists (S-3).</summary>
    public IReadOnlyList<ApplicationInvoice> Invoices { get; private set; } = [];
    /// <summary>The enterprise may change its invoices while it may change the application.</summary>
    public bool CanEditInvoices { get; private set; }

    /// <summary>For an approved or paid application: its decision of record (issue 11) checked again; null before approval or without a record.</summary>
    public Renewal.Services.Revisions.DecisionCheck? Decision { get; private set; }

    /// <summary>The rules the decision was made under, in words (K and the revisions with their titles).</summary>
    public string? DecisionRules { get; private set; }

    /// <summary>The declaration of record: every submission with its differences, the approval's record, the library's changes since.</summary>
    public DeclarationHistory History { get; private set; } = new([], null, []);
    /// <summary>申报材料: what the call asks for, the versions uploaded, whether the viewer may upload (Features/Applications/_Materials.cshtml).</summary>
    public MaterialsView? Materials { get; private set; }
    /// <summary>For the bureau, when it may approve now: the amount approval gives and why it is not the submitted one.</summary>
    public AmountChange? ApprovalPreview { get; private set; }
    /// <summary>提交前测算: what submitting now would give (the enterprise, while it may still change the application).</summary>
    public SubjectAward? Estimate { get; private set; }

    /// <summary>Below this an estimate is flagged as low before submitting (元; ADR-021).</summary>
    public const decimal LowEstimate = 10_000m;

    public AwardApplication App { get; private set; } = null!;
    /// <summary>The payment batch it was paid in, if any.</summary>
    public PaymentBatch? Batch { get; private set; }
    public IReadOnlyList<WorkflowAction> Actions { get; private set; } = [];
    public List<TraceLine> Trace { get; private set; } = [];
    public Role Role { get; private set; }

    public sealed record TraceLine(string? Level, decimal Amount, bool Eligible, string? FailedRule, bool Assumed, List<TraceStepDto> Trace);

    public sealed record TraceStepDto(string Rule, string Article, string Status, string Text);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostMoveAsync(int id, WorkflowAction action, string? comment, long version, decimal? confirmAmount, string? approveAmount, CancellationToken ct)
    {
        // The approved amount as typed (核减): "1,234.50" or "1234.5"; empty = the computed amount.
        decimal? approve = null;
        if (!string.IsNullOrWhiteSpace(approveAmount))
        {
            if (!decimal.TryParse(approveAmount.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Trim(),
                    System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var typed))
                return await AfterAsync(id, false, $"批准金额“{approveAmount}”不是金额：请填写元，例如 1234.50", "", ResultKind.Invalid, ct);
            approve = typed;
        }
        var r = await service.MoveAsync(HttpContext.User(), id, action, comment, version, confirmAmount, approve, ct);
        return await AfterAsync(id, r.Ok, r.Message, Lang.T($"已{Labels.Of(action)}", $"Done: {action}"), r.Kind, ct);
    }

    /// <summary>核准放行 of one failed check (the bureau only; the service refuses anyone else).</summary>
    public async Task<IActionResult> OnPostOverrideAsync(int id, string? rule, string? entryKey, string? reason, CancellationToken ct)
    {
        var r = await checks.OverrideAsync(HttpContext.User(), id, rule, entryKey, reason, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        return await AfterAsync(id, r.Ok, r.Message, Lang.T($"已核准放行 {rule}", $"{rule} let pass"), r.Kind, ct);
    }

    public async Task<IActionResult> OnPostInvoiceAsync(int id, string? number, string? amount, string? equipment, CancellationToken ct)
    {
        decimal? typed = null;
        if (!string.IsNullOrWhiteSpace(amount))
        {
            if (!decimal.TryParse(amount.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Trim(),
                    System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v))
                return await AfterAsync(id, false, $"发票金额“{amount}”不是金额：请填写元，例如 1234.50", "", ResultKind.Invalid, ct);
            typed = v;
        }
        var r = await checks.AddInvoiceAsync(HttpContext.User(), id, number, typed, equipment, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        return await AfterAsync(id, r.Ok, r.Message, Lang.T($"已添加发票 {r.Value?.Number}", "Invoice added"), r.Kind, ct);
    }

    public async Task<IActionResult> OnPostRemoveInvoiceAsync(int id, int invoiceId, CancellationToken ct)
    {
        var r = await checks.RemoveInvoiceAsync(HttpContext.User(), id, invoiceId, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Kind == ResultKind.NotFound && r.Message == "发票不存在") return NotFound();
        return await AfterAsync(id, r.Ok, r.Message, Lang.T($"已删除发票 {r.Value?.Number}", "Invoice removed"), r.Kind, ct);
    }

    public async Task<IActionResult> OnPostObjectionAsync(int id, string? content, CancellationToken ct)
    {
        var r = await service.RaiseObjectionAsync(HttpContext.User(), id, content ?? "", ct);
        return await AfterAsync(id, r.Ok, r.Message, Lang.T("异议已记录", "Objection recorded"), r.Kind, ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(int id, int objectionId, string? resolution, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        if (!await db.Objections.AnyAsync(o => o.Id == objectionId && o.ApplicationId == id, ct)) return NotFound();
        var r = await service.ResolveObjectionAsync(user, objectionId, resolution ?? "", ct);
        return await AfterAsync(id, r.Ok, r.Message, Lang.T("异议已处理", "Objection resolved"), r.Kind, ct);
    }

    /// <summary>A declaration as its scenario file (the engine's input, to check or run again with the command line's <c>renewal run</c>).</summary>
    public async Task<IActionResult> OnGetDeclarationAsync(int id, int record, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal) return refusal;
        var d = History.Versions.Select(v => v.Record).FirstOrDefault(r => r.Id == record);
        if (d is null) return NotFound();
        var kind = d.Purpose == DeclarationPurpose.Approval ? "approval" : "v" + d.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return File(System.Text.Encoding.UTF8.GetBytes(d.Scenario), "application/yaml; charset=utf-8", $"{App.Number}-{kind}.yaml");
    }

    private async Task<IActionResult> AfterAsync(int id, bool ok, string? message, string success, ResultKind kind, CancellationToken ct)
    {
        if (kind is ResultKind.NotFound) return await db.Applications.AnyAsync(a => a.Id == id, ct) ? Forbid() : NotFound();
        if (ok) TempData["Message"] = success;
        else TempData["Error"] = message;
        return Redirect($"/applications/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        Role = user.Role;
        var found = await Scope.FindAsync(db, user, db.Applications.AsNoTracking()
            .Include(a => a.Enterprise).Include(a => a.Project).Include(a => a.Loan)
            .Include(a => a.Events).Include(a => a.Objections), id, ct);
        if (found.Result is { } refusal) return refusal;
        App = found.Value!;
        Actions = [.. Transitions.Available(App.State, user.Role)];
        if (App.Trace is { Length: > 0 } json)
            Trace = JsonSerializer.Deserialize<List<TraceLine>>(json, Json) ?? [];
        History = await DeclarationHistory.LoadAsync(db, engine, App, ct);
        if (App.PaymentBatchId is { } batchId) Batch = await db.PaymentBatches.AsNoTracking().SingleAsync(b => b.Id == batchId, ct);
        Materials = await MaterialsView.LoadAsync(HttpContext, App, ct);
        Checks = (await checks.ReportAsync(user, id, ct)).Value;
        Invoices = (await checks.InvoicesAsync(user, id, ct)).Value ?? [];
        CanEditInvoices = user.Role == Role.Enterprise && App.State is ApplicationState.Draft or ApplicationState.Returned or ApplicationState.Withdrawn;
        if (Actions.Contains(WorkflowAction.Approve)) ApprovalPreview = await service.PreviewApprovalAsync(user, id, ct);
        if (Actions.Contains(WorkflowAction.Submit)) Estimate = await service.EstimateAsync(user, id, ct);
        if (App.State is ApplicationState.Approved or ApplicationState.Paid)
        {
            // The rule book may not yet hold a revision another node published a moment ago: read the list first (a few ids).
            await rules.RefreshAsync(db, ct);
            Decision = await Renewal.Services.Revisions.DecisionRecords.OfApplicationAsync(db, rules, id, ct);
            if (Decision is not null) DecisionRules = Renewal.Web.Features.Verify.VerifyDecision.RulesInWords(Decision, rules);
        }
        return null;
    }
}
