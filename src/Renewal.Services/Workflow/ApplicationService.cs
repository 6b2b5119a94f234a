using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Data;
using Renewal.Services;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Workflow;

/// <summary>One line of a payment batch: the application, its voucher number (支付凭证号), and the version the payer saw.</summary>
public sealed record PaymentLine(int ApplicationId, string? Voucher, long? Version = null);

/// <summary>How a use case ended.</summary>
public enum ResultKind
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The record a refused call collided with: its id and the number people know it by.</summary>
public sealed record ExistingRecord(int Id, string Number);

/// <summary>An approval's amount next to the submitted one, and why they differ (in Chinese); <see cref="Differs"/> false when equal.</summary>
public sealed record AmountChange(decimal Submitted, decimal Computed, IReadOnlyList<string> Reasons)
{
    public bool Differs => Submitted != Computed;
}

/// <summary>A use case's result: a value, or the reason (in Chinese) it was refused.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Factory methods read best on the result type itself.")]
public sealed record Result<T>(ResultKind Kind, T? Value, string? Message)
{
    /// <summary>For a conflict with a record that already exists (the live application of the same subject): which one.</summary>
    public ExistingRecord? Existing { get; init; }

    /// <summary>For an approval refused because its amount is not the submitted one: both amounts and why (the reviewer confirms).</summary>
    public AmountChange? AmountChanged { get; init; }

    /// <summary>For a move refused by the checks before money (拨付前核查, ADR-031): the failures that stop it, each with its source.</summary>
    public IReadOnlyList<Checks.CheckFinding>? FailedChecks { get; init; }

    public bool Ok => Kind == ResultKind.Ok;
    public static Result<T> Success(T value) => new(ResultKind.Ok, value, null);
    public static Result<T> Fail(ResultKind kind, string message) => new(kind, default, message);
}

/// <summary>
/// Workflow settings: the public-notice length in working days (公示期, default 5), and whether an application needs an
/// open call (申报批次) to be created and submitted — the platform's setting (<c>Workflow:RequireCall</c>, default true;
/// ADR-021); off, an application still joins a call open for its scheme and year when there is one.
/// </summary>
public sealed record WorkflowOptions(int NoticeWorkingDays = 5, bool RequireCall = false);

/// <summary>
/// Applications and their workflow: create, move (submit … pay), objections. Every call is authorized on the server
/// for the given user, audited, and — at approval — kept inside every cap under concurrency (<see cref="CapLedger"/>).
/// </summary>
public sealed class ApplicationService(LibraryDbContext db, PolicyEngine engine, TimeProvider clock, WorkflowOptions? options = null)
{
    private readonly WorkflowOptions _options = options ?? new WorkflowOptions();

    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => clock.Today();

    /// <summary>The revisions the engine applies (V-4), as a decision stores them; null for the pack alone.</summary>
    private string? RevisionIds => engine.Parameters.Revisions.IsEmpty ? null : string.Join(",", engine.Parameters.Revisions.Select(r => r.Id));

    /// <summary>An enterprise user opens a draft for one scheme, year and subject of its own.</summary>
    public async Task<Result<AwardApplication>> CreateAsync(UserContext user, Scheme scheme, int year, int? projectId, int? loanId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.Enterprise) return Result<AwardApplication>.Fail(ResultKind.Forbidden, "只有企业用户可以发起申报");
        var enterprise = await db.Enterprises.VisibleTo(user).FirstOrDefaultAsync(ct);
        if (enterprise is null) return Result<AwardApplication>.Fail(ResultKind.Forbidden, "账号未绑定企业");
        if (!ProgrammeYears.Contains(year)) return Result<AwardApplication>.Fail(ResultKind.Invalid, $"申报年度应在 {ProgrammeYears.Text} 之间");

        switch (scheme)
        {
            case Scheme.Demonstration or Scheme.EffectiveInvestment:
                if (projectId is null || loanId is not null) return Result<AwardApplication>.Fail(ResultKind.Invalid, "示范项目奖励与有效投入奖补按项目申报：请选择项目");
                if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.EnterpriseId == enterprise.Id, ct)) return Result<AwardApplication>.Fail(ResultKind.NotFound, "项目不存在或不属于本企业");
                break;
            case Scheme.TechRenovation:
                if (projectId is not null || loanId is not null) return Result<AwardApplication>.Fail(ResultKind.Invalid, "技改综合奖补按企业申报，不选择项目或贷款");
                break;
            default:
                if (loanId is null) return Result<AwardApplication>.Fail(ResultKind.Invalid, "贷款贴息按贷款和年度申报：请选择贷款");
                var loan = await db.Loans.FirstOrDefaultAsync(l => l.Id == loanId && l.EnterpriseId == enterprise.Id, ct);
                if (loan is null) return Result<AwardApplication>.Fail(ResultKind.NotFound, "贷款不存在或不属于本企业");
                projectId = loan.ProjectId;
                break;
        }

        var calls = await db.Calls.AsNoTracking().Where(c => c.Scheme == scheme && c.Year == year).ToListAsync(ct);
        var call = calls.Where(c => c.IsOpenAt(Now)).OrderBy(c => c.EndsAt).FirstOrDefault();
        if (call is null && _options.RequireCall) return Result<AwardApplication>.Fail(ResultKind.Invalid, CallClosed(scheme, year, calls));

        var subject = AwardApplication.SubjectOf(scheme, enterprise.Id, projectId, loanId);
        // The look-up answers the common case with a friendly message; the unique index over live applications
        // (ux_applications_live_subject) decides the race between two nodes creating at the same moment.
        if (await LiveApplicationAsync(scheme, year, subject, ct) is { } existing) return Duplicate(existing);

        var app = AwardApplication.Draft(scheme, year, enterprise.Id, Now, scheme == Scheme.TechRenovation ? null : projectId, loanId, call?.Id);
        // A number no other row has until the id is known: concurrent creates must not collide on an empty number.
        app.Number = "~" + Guid.NewGuid().ToString("N")[..30];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Applications.Add(app);
            await db.SaveChangesAsync(ct);
            app.Number = $"SB{year}-{app.Id:D6}";
            AuditLog.Append(db, user.Actor, "create", "application", app.Number, null, Describe(app), Now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<AwardApplication>.Success(app);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, AwardApplication.LiveSubjectIndex))
        {
            // Another node created the live application of this subject first: name it.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await LiveApplicationAsync(scheme, year, subject, ct) is { } winner) return Duplicate(winner);
            throw;
        }
    }

    private Task<ExistingRecord?> LiveApplicationAsync(Scheme scheme, int year, string subjectKey, CancellationToken ct) =>
        db.Applications.AsNoTracking()
            .Where(a => a.Scheme == scheme && a.Year == year && a.SubjectKey == subjectKey && a.State != ApplicationState.Rejected)
            .Select(a => new ExistingRecord(a.Id, a.Number)).FirstOrDefaultAsync(ct);

    /// <summary>Why no application can be made now for <paramref name="scheme"/> and <paramref name="year"/> (<see cref="Calls.CallService.WhyClosed"/>).</summary>
    private string CallClosed(Scheme scheme, int year, IReadOnlyList<ProgrammeCall> calls) => Calls.CallService.WhyClosed(scheme, year, calls, Now);

    /// <summary>
    /// Whether the application may be submitted in its call now, and with which materials: the call must be open (a
    /// returned application may be submitted again after the close: the return reopened it, ADR-021), and every
    /// required material of the call must have been uploaded. The materials' latest versions, as the declaration lists them.
    /// </summary>
    private async Task<(string? Refusal, string? Materials)> CallCheckAsync(AwardApplication app, CancellationToken ct)
    {
        if (app.CallId is not { } callId) return (_options.RequireCall ? "该申报不属于任何申报批次，不能提交" : null, null);
        var call = await db.Calls.AsNoTracking().Include(c => c.Materials).SingleAsync(c => c.Id == callId, ct);
        if (!call.IsOpenAt(Now) && app.State != ApplicationState.Returned)
            return (Now < call.OpensAt ? $"申报批次“{call.Title}”尚未开放" : $"申报批次“{call.Title}”已于 {BeijingTime.At(call.EndsAt):yyyy-MM-dd HH:mm} 截止，不能再提交", null);
        var uploaded = (await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == app.Id).ToListAsync(ct))
            .GroupBy(m => m.CallMaterialId).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!);
        var materials = call.Materials.OrderBy(m => m.Order).ToList();
        var missing = materials.Where(m => m.Required && !uploaded.ContainsKey(m.Id)).Select(m => $"“{m.Name}”").ToList();
        if (missing.Count > 0) return ($"缺少必需的申报材料：{string.Join("、", missing)}。请上传后再提交", null);
        var lines = materials.Where(m => uploaded.ContainsKey(m.Id)).Select(m => uploaded[m.Id])
            .Select(f => $"{materials.Single(m => m.Id == f.CallMaterialId).Name}|{f.Version}|{f.Sha256}|{f.FileName}").ToList();
        return (null, lines.Count == 0 ? null : string.Join("\n", lines));
    }

    private static Result<AwardApplication> Duplicate(ExistingRecord existing) =>
        Result<AwardApplication>.Fail(ResultKind.Conflict, $"同一政策、年度和对象已有申报 {existing.Number}，请在该申报中继续办理") with { Existing = existing };

    /// <summary>Moves an application; refused with a reason when the state, role, scope, notice or a cap forbids it.</summary>
    /// <param name="user">Who acts.</param>
    /// <param name="applicationId">The application.</param>
    /// <param name="action">The move.</param>
    /// <param name="comment">Required for return and reject; a payment reference for pay.</param>
    /// <param name="expectedVersion">The version the user saw; a newer one means someone else acted first.</param>
    /// <param name="confirmAmount">For approval: the amount the reviewer confirms when it differs from the submitted one.</param>
    /// <param name="approveAmount">For approval: an amount lower than computed (核减), with the reason as <paramref name="comment"/>; never higher.</param>
    /// <param name="ct">Cancels the reads and the save.</param>
    public async Task<Result<AwardApplication>> MoveAsync(UserContext user, int applicationId, WorkflowAction action, string? comment = null, long? expectedVersion = null,
        decimal? confirmAmount = null, decimal? approveAmount = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var app = await db.Applications.VisibleTo(user).Include(a => a.Enterprise).Include(a => a.Objections).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null) return Result<AwardApplication>.Fail(ResultKind.NotFound, "申报不存在或无权查看");
        if (expectedVersion is { } v && v != app.Version)
            return Result<AwardApplication>.Fail(ResultKind.Conflict, "该申报已被他人处理，请刷新后重试");

        var (move, refusal) = Transitions.Find(action, app.State, user.Role);
        if (move is null) return Result<AwardApplication>.Fail(ResultKind.Forbidden, refusal!);
        if (move.NeedsComment && string.IsNullOrWhiteSpace(comment))
            return Result<AwardApplication>.Fail(ResultKind.Invalid, action switch
            {
                WorkflowAction.Return => "退回修改须填写修改意见",
                WorkflowAction.ReturnToDistrict => "退回区镇复核须填写复核意见",
                WorkflowAction.RequestReturn => "申请退回须填写理由",
                _ => "不予支持须填写理由",
            });
        // Lengths are checked before anything is written: PostgreSQL would refuse the row on save, SQLite would store it.
        if (CommentTooLong(action, comment) is { } tooLong) return Result<AwardApplication>.Fail(ResultKind.Invalid, tooLong);

        var before = Describe(app);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            switch (action)
            {
                case WorkflowAction.Submit:
                    var (closed, materials) = await CallCheckAsync(app, ct);
                    if (closed is not null) return Result<AwardApplication>.Fail(ResultKind.Invalid, closed);
                    if (await SafeguardRefusalAsync(app, action, ct) is { } unsafeToSubmit) return unsafeToSubmit;
                    if (await DeclareAsync(app, user, ct, materials) is { } undeclarable) return Result<AwardApplication>.Fail(ResultKind.Invalid, undeclarable);
                    break;
                case WorkflowAction.RequestReturn:
                    app.RequestReturn(comment!.Trim(), Now);
                    break;
                case WorkflowAction.BureauApprove:
                    if (await SafeguardRefusalAsync(app, action, ct) is { } unsafeToNotice) return unsafeToNotice;
                    app.NoticeFrom(Today, WorkingDays.End(Today, _options.NoticeWorkingDays));
                    break;
                case WorkflowAction.Approve:
                    if (_options.NoticeWorkingDays > 0 && app.NoticeEndsOn is { } end && Today <= end)
                        return Result<AwardApplication>.Fail(ResultKind.Invalid, $"公示期至 {end:yyyy-MM-dd} 止，期满后方可批准");
                    if (app.Objections.Any(o => o.ResolvedAt is null))
                        return Result<AwardApplication>.Fail(ResultKind.Invalid, "公示期内有未处理的异议，处理后方可批准");
                    if (await SafeguardRefusalAsync(app, action, ct) is { } unsafeToApprove) return unsafeToApprove;
                    try
                    {
                        if (await ApproveAsync(app, user, confirmAmount, approveAmount, comment, ct) is { } refused) return refused;
                    }
                    catch (WorkflowRefusedException e)
                    {
                        return Result<AwardApplication>.Fail(ResultKind.Invalid, e.Message);
                    }
                    break;
                case WorkflowAction.Pay:
                    if (string.IsNullOrWhiteSpace(comment)) return Result<AwardApplication>.Fail(ResultKind.Invalid, "拨付须填写支付凭证号");
                    app.PaidWith(comment.Trim(), Today);
                    RecordPaid(app);
                    break;
            }

            await RecordMoveAsync(app, move, user, comment, before, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<AwardApplication>.Success(app);
        }
        catch (DbUpdateException)
        {
            // A concurrent approval, payment or move won the race (version check or unique cap key): nothing is saved.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<AwardApplication>.Fail(ResultKind.Conflict, "其他人同时处理了该申报或相关上限，本次操作未生效，请刷新后重试");
        }
    }

    /// <summary>
    /// 拨付前核查 (issue 14 item 4, ADR-031): the register and the other programmes' funding as they stand at the move's
    /// moment, read inside its transaction; S-1 and S-2 stop submission, all three stop the bureau's approvals, unless the
    /// bureau overrode the failure for this application. Null when nothing stops the move.
    /// </summary>
    private async Task<Result<AwardApplication>?> SafeguardRefusalAsync(AwardApplication app, WorkflowAction action, CancellationToken ct)
    {
        var report = await Checks.Safeguards.CheckAsync(db, app, Today, ct);
        return report.Refusal(action) is { } refusal
            ? Result<AwardApplication>.Fail(ResultKind.Invalid, refusal) with { FailedChecks = report.Blocking(action) }
            : null;
    }

    /// <summary>The move made: the state changes, its event, its audit entry and its messages, all in the caller's transaction.</summary>
    private async Task RecordMoveAsync(AwardApplication app, Transition move, UserContext user, string? comment, string before, CancellationToken ct)
    {
        var from = app.Apply(move, Now);
        db.ApplicationEvents.Add(new ApplicationEvent
        {
            ApplicationId = app.Id, From = from, To = move.To, Action = move.Action.ToString(), UserId = user.Id, UserName = user.UserName,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), At = Now,
        });
        AuditLog.Append(db, user.Actor, Labels.Of(move.Action), "application", app.Number, before, Describe(app), Now);
        // Who must learn of it, in the same transaction (issue 12 item 4).
        await Renewal.Services.Notifications.Notifier.ForMoveAsync(db, app, move.Action, user.Id, comment, Now, ct);
    }

    /// <summary>The most applications one payment batch may hold (a treasury instruction of a few hundred lines).</summary>
    public const int BatchLimit = 500;

    /// <summary>
    /// 批量拨付 (issue 12 item 5): finance pays approved awards together on <paramref name="paidOn"/>, each with its own
    /// voucher number — all of them or none (one transaction); a line refused names its row and application. The batch
    /// is a record (number, date, count, total) the treasury's xlsx is exported from.
    /// </summary>
    public async Task<Result<PaymentBatch>> PayBatchAsync(UserContext user, DateOnly paidOn, IReadOnlyList<PaymentLine> lines, string? note = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(lines);
        if (user.Role != Role.Finance) return Result<PaymentBatch>.Fail(ResultKind.Forbidden, "批量拨付须由财政人员办理");
        if (lines.Count == 0) return Result<PaymentBatch>.Fail(ResultKind.Invalid, "请选择要拨付的申报");
        if (lines.Count > BatchLimit) return Result<PaymentBatch>.Fail(ResultKind.Invalid, $"一个拨付批次最多 {BatchLimit} 项，本次 {lines.Count} 项");
        if (paidOn > Today) return Result<PaymentBatch>.Fail(ResultKind.Invalid, $"拨付日期（paidOn）{paidOn:yyyy-MM-dd} 晚于今天 {Today:yyyy-MM-dd}：请填写国库实际支付的日期");
        if (paidOn.Year < ProgrammeYears.First) return Result<PaymentBatch>.Fail(ResultKind.Invalid, $"拨付日期（paidOn）{paidOn:yyyy-MM-dd} 早于行动计划开始的 {ProgrammeYears.First} 年");
        if (note is not null && TextLimits.Check(note.Trim(), "备注", "note", TextLimits.MoveComment) is { } noteTooLong) return Result<PaymentBatch>.Fail(ResultKind.Invalid, noteTooLong);

        var problems = new List<string>();
        var ids = lines.Select(l => l.ApplicationId).ToList();
        var apps = await db.Applications.VisibleTo(user).Include(a => a.Enterprise).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var seen = new HashSet<int>();
        var vouchers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, row) = (lines[i], $"第 {i + 1} 行");
            if (!apps.TryGetValue(line.ApplicationId, out var app)) { problems.Add($"{row}：申报不存在或无权查看"); continue; }
            row += $"（{app.Number}）";
            if (!seen.Add(app.Id)) problems.Add($"{row}：同一申报在本批次中出现两次");
            if (app.State != ApplicationState.Approved) problems.Add($"{row}：{Transitions.NotFrom(WorkflowAction.Pay, app.State)}");
            else if (line.Version is { } v && v != app.Version) problems.Add($"{row}：该申报已被他人处理，请刷新后重试");
            var voucher = line.Voucher?.Trim() ?? "";
            if (voucher.Length == 0) problems.Add($"{row}：请填写支付凭证号（voucher）");
            else if (TextLimits.Check(voucher, "支付凭证号", "voucher", TextLimits.PaymentReference) is { } tooLong) problems.Add($"{row}：{tooLong}");
            else if (vouchers.TryGetValue(voucher, out var other)) problems.Add($"{row}：支付凭证号 {voucher} 与第 {other} 行相同");
            else vouchers[voucher] = i + 1;
        }
        if (problems.Count > 0) return Result<PaymentBatch>.Fail(ResultKind.Invalid, "未拨付，请更正：" + string.Join("；", problems));

        var move = Transitions.Find(WorkflowAction.Pay, ApplicationState.Approved, user.Role).Move!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var batch = PaymentBatch.Record(paidOn, lines.Count, lines.Sum(l => apps[l.ApplicationId].ApprovedAmount ?? 0m), note, user.UserName, Now);
            db.PaymentBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            batch.Numbered();
            foreach (var line in lines)
            {
                var app = apps[line.ApplicationId];
                var before = Describe(app);
                var voucher = line.Voucher!.Trim();
                app.PaidWith(voucher, paidOn, batch.Id);
                RecordPaid(app);
                await RecordMoveAsync(app, move, user, $"拨付批次 {batch.Number}，支付凭证号 {voucher}", before, ct);
            }
            AuditLog.Append(db, user.Actor, "批量拨付", "payment_batch", batch.Number, null, System.Text.Json.JsonSerializer.Serialize(new
            {
                batch.Number, paidOn = paidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), batch.Count, batch.Total, batch.Note,
                applications = lines.Select(l => new { apps[l.ApplicationId].Number, voucher = l.Voucher!.Trim() }),
            }, AuditLog.SnapshotJson), Now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<PaymentBatch>.Success(batch);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<PaymentBatch>.Fail(ResultKind.Conflict, "其他人同时处理了本批次中的申报，本次拨付未生效，请刷新后重试");
        }
    }

    /// <summary>Anyone who can see an application in public notice may raise an objection (异议).</summary>
    public async Task<Result<Objection>> RaiseObjectionAsync(UserContext user, int applicationId, string content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var app = await db.Applications.VisibleTo(user).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null) return Result<Objection>.Fail(ResultKind.NotFound, "申报不存在或无权查看");
        if (app.State != ApplicationState.PublicNotice) return Result<Objection>.Fail(ResultKind.Invalid, "只有公示中的申报可以提出异议");
        if (string.IsNullOrWhiteSpace(content)) return Result<Objection>.Fail(ResultKind.Invalid, "请填写异议内容");
        if (TextLimits.Check(content.Trim(), "异议内容", "content", TextLimits.ObjectionContent) is { } tooLong) return Result<Objection>.Fail(ResultKind.Invalid, tooLong);
        var o = new Objection { ApplicationId = app.Id, RaisedBy = user.UserName, Content = content.Trim(), RaisedAt = Now };
        db.Objections.Add(o);
        AuditLog.Append(db, user.Actor, "异议", "application", app.Number, null, content.Trim(), Now);
        await Notifications.ObjectionNotices.ForObjectionAsync(db, app, o, user.Id, Now, ct); // the bureau learns of it (issue 12 item 6)
        await db.SaveChangesAsync(ct);
        return Result<Objection>.Success(o);
    }

    /// <summary>The bureau records how an objection was handled.</summary>
    public async Task<Result<Objection>> ResolveObjectionAsync(UserContext user, int objectionId, string resolution, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<Objection>.Fail(ResultKind.Forbidden, "异议由市局处理");
        var o = await db.Objections.FirstOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null) return Result<Objection>.Fail(ResultKind.NotFound, "异议不存在");
        if (string.IsNullOrWhiteSpace(resolution)) return Result<Objection>.Fail(ResultKind.Invalid, "请填写处理意见");
        if (TextLimits.Check(resolution.Trim(), "处理意见", "resolution", TextLimits.ObjectionResolution) is { } tooLong) return Result<Objection>.Fail(ResultKind.Invalid, tooLong);
        o.Resolve(resolution.Trim(), Now, user.UserName);
        AuditLog.Append(db, user.Actor, "异议处理", "objection", o.Id.ToString(CultureInfo.InvariantCulture), null, o.Resolution, Now);
        await db.SaveChangesAsync(ct);
        return Result<Objection>.Success(o);
    }

    /// <summary>
    /// The refusal of a move's comment that does not fit its column: the event's comment, and for a payment also the
    /// application's payment reference (the comment is the reference then). Named as the page labels it.
    /// </summary>
    private static string? CommentTooLong(WorkflowAction action, string? comment)
    {
        if (comment is null) return null;
        if (action == WorkflowAction.Pay)
            return TextLimits.Check(comment.Trim(), "支付凭证号", "comment", TextLimits.PaymentReference)
                ?? TextLimits.Check(comment, "支付凭证号", "comment", TextLimits.MoveComment);
        var label = action switch
        {
            WorkflowAction.Return => "修改意见", WorkflowAction.ReturnToDistrict => "复核意见", WorkflowAction.Reject or WorkflowAction.RequestReturn => "理由", _ => "审核意见",
        };
        return TextLimits.Check(comment, label, "comment", TextLimits.MoveComment);
    }

    /// <summary>
    /// Freezes the enterprise's library into the next version of the declaration of record (ADR-018) and computes the
    /// award from the frozen text — read back from what is stored, so that the record reproduces its own amount.
    /// </summary>
    /// <returns>Null when declared; otherwise why the library's figures cannot be declared (in Chinese, naming each project or loan and field).</returns>
    private async Task<string?> DeclareAsync(AwardApplication app, UserContext user, CancellationToken ct, string? materials = null)
    {
        var scenario = DeclarationOfRecord.Take(db, app);
        var subject = DeclarationOfRecord.SubjectOf(scenario, app, await ProjectCodeAsync(app, ct), await LoanCodeAsync(app, ct));
        string text;
        Scenario frozen;
        try
        {
            (text, frozen) = Freeze(scenario);
        }
        catch (Renewal.Policy.Scenarios.ScenarioFormatException e)
        {
            // Rows the engine cannot read (e.g. imported before a check existed) are named, never frozen or computed.
            var prefix = scenario.Enterprises.Single().Id + "/";
            return "项目库中的数据有误，不能提交：" + string.Join("；", e.Errors.Select(x =>
                (x.Entity is { } entity ? entity.Replace(prefix, "", StringComparison.Ordinal) + "：" : "") + x.Message));
        }
        var award = DeclarationOfRecord.Evaluate(engine, frozen, app.Scheme, subject);
        var version = (app.DeclarationVersion ?? 0) + 1;
        db.Declarations.Add(Declaration.Record(app.Id, DeclarationPurpose.Submission, version, text, subject, award.Amount, award.ByLevel(app.Scheme),
            award.ParameterVersion, award.Trace, user.UserName, Now, engine.Parameters.KnownOn, RevisionIds, materials));
        app.Declared(version, award.Amount, award.ParameterVersion, award.Trace);
        return null;
    }

    private (string Text, Scenario Frozen) Freeze(Scenario scenario)
    {
        var text = DeclarationOfRecord.Write(scenario);
        return (text, new Renewal.Policy.Scenarios.ScenarioReader(engine.Parameters).Read(text, "申报快照").Single());
    }

    private async Task<string?> ProjectCodeAsync(AwardApplication app, CancellationToken ct) =>
        app.ProjectId is { } pid ? await db.Projects.Where(p => p.Id == pid).Select(p => p.Code).SingleAsync(ct) : null;

    private async Task<string?> LoanCodeAsync(AwardApplication app, CancellationToken ct) =>
        app.LoanId is { } lid ? await db.Loans.Where(l => l.Id == lid).Select(l => l.Code).SingleAsync(ct) : null;

    /// <summary>The latest submission of an application: its declaration of record.</summary>
    private Task<Declaration?> DeclaredAsync(int applicationId, CancellationToken ct) =>
        db.Declarations.AsNoTracking().Where(d => d.ApplicationId == applicationId && d.Purpose == DeclarationPurpose.Submission)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// What approval computes (ADR-018): the declared figures of the latest submission — never the live library — with
    /// the committed awards of earlier years as they stand now, under the rules in force now. Also why the amount differs
    /// from the submitted one, if it does.
    /// </summary>
    private async Task<ApprovalBasis> ApprovalBasisAsync(AwardApplication app, UserContext user, CancellationToken ct)
    {
        var declared = await DeclaredAsync(app.Id, ct);
        if (declared is null)
        {
            // An application submitted before the declaration of record existed: its figures are frozen now, once.
            if (await DeclareAsync(app, user, ct) is { } undeclarable) throw new WorkflowRefusedException(undeclarable);
            declared = db.ChangeTracker.Entries<Declaration>().Select(e => e.Entity).Single(d => d.ApplicationId == app.Id);
        }
        var facts = DeclarationOfRecord.Read(engine, declared);
        var now = LibraryScenario.Build(db, app.Year, enterpriseId: app.EnterpriseId);
        var (text, frozen) = Freeze(DeclarationOfRecord.WithPriorAwards(facts, now));
        var award = DeclarationOfRecord.Evaluate(engine, frozen, app.Scheme, declared.Subject);
        var reasons = new List<string>();
        if (award.Amount != declared.Amount)
        {
            if (!string.Equals(declared.ParameterVersion, award.ParameterVersion, StringComparison.Ordinal))
            {
                var added = engine.Parameters.Revisions.Where(r => !declared.RevisionIds.Contains(r.Id)).Select(r => $"{r.Id}（{r.Title}）").ToList();
                reasons.Add(added.Count > 0
                    ? $"提交后发布了规则修订 {string.Join("、", added)}：参数版本由 {declared.ParameterVersion} 变为 {award.ParameterVersion}"
                    : $"规则参数已变更：提交时参数版本 {declared.ParameterVersion}，现为 {award.ParameterVersion}");
            }
            reasons.AddRange(DeclarationDiff.PriorAwards(facts, frozen)
                .Select(c => $"{c.Item}的{c.Field}已变化：提交时 {c.Before}，现为 {c.After}（上限随之变化）"));
            if (reasons.Count == 0) reasons.Add("按申报数据重新测算的结果不同");
        }
        return new ApprovalBasis(declared, text, award, new AmountChange(declared.Amount, award.Amount, reasons));
    }

    private sealed record ApprovalBasis(Declaration Declared, string Scenario, SubjectAward Award, AmountChange Change);

    /// <summary>
    /// 提交前测算 (issue 12 item 3): what submitting now would give, from the library as it stands, explained rule by
    /// rule, for the enterprise while it may still change the application (draft, returned, withdrawn); null otherwise
    /// or when the library's figures cannot be read (submission names them then). Nothing is saved.
    /// </summary>
    public async Task<SubjectAward?> EstimateAsync(UserContext user, int applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.Enterprise) return null;
        var app = await db.Applications.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null || app.State is not (ApplicationState.Draft or ApplicationState.Returned or ApplicationState.Withdrawn)) return null;
        var scenario = DeclarationOfRecord.Take(db, app);
        var subject = DeclarationOfRecord.SubjectOf(scenario, app, await ProjectCodeAsync(app, ct), await LoanCodeAsync(app, ct));
        try
        {
            var (_, frozen) = Freeze(scenario);
            return DeclarationOfRecord.Evaluate(engine, frozen, app.Scheme, subject);
        }
        catch (Renewal.Policy.Scenarios.ScenarioFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// For the bureau before it approves: the amount approval would give now, from the declaration of record, next to the
    /// submitted amount, and why they differ; null when the user may not approve the application now.
    /// </summary>
    public async Task<AmountChange?> PreviewApprovalAsync(UserContext user, int applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var app = await db.Applications.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null || Transitions.Find(WorkflowAction.Approve, app.State, user.Role).Move is null) return null;
        var declared = await DeclaredAsync(app.Id, ct);
        if (declared is null) return null;
        var basis = await ApprovalBasisAsync(app, user, ct);
        db.ChangeTracker.Clear();
        return basis.Change;
    }

    /// <summary>
    /// Computes the award again and books it against every cap it falls under; null when it fits. Approval is where an
    /// award is committed (ADR-016): the ledger books here, never at payment, and the engine has already deducted the
    /// committed (approved or paid) awards of earlier years, so the amount does not depend on what has been paid.
    /// </summary>
    /// <remarks>
    /// The ledger also keeps concurrent approvals exact: an approval that computed on a stale read (an earlier year
    /// approved meanwhile) can only come out larger than the serial amount, and then it no longer fits the ledger,
    /// which the other approval booked in the same row (unique key, version) — it is refused, never booked.
    /// </remarks>
    private async Task<Result<AwardApplication>?> ApproveAsync(AwardApplication app, UserContext user, decimal? confirmAmount, decimal? approveAmount, string? reason, CancellationToken ct)
    {
        var basis = await ApprovalBasisAsync(app, user, ct);
        var computed = basis.Award.Amount;
        // An amount that is not the one submitted, reviewed and publicly noticed is approved only once the reviewer has
        // seen why and confirmed that very amount.
        if (basis.Change.Differs && confirmAmount != computed)
        {
            return Result<AwardApplication>.Fail(ResultKind.Conflict,
                $"批准金额 {computed:#,##0.00} 元与申报时测算的 {basis.Change.Submitted:#,##0.00} 元不同：{string.Join("；", basis.Change.Reasons)}。请核对后确认按 {computed:#,##0.00} 元批准")
                with { AmountChanged = basis.Change };
        }
        // 核减 (issue 12 item 5): the bureau may approve less than computed, with its reason — never more.
        Reduction? reduction = null;
        if (approveAmount is { } asked && asked != computed)
        {
            if (asked > computed) return Result<AwardApplication>.Fail(ResultKind.Invalid, $"批准金额（approveAmount）{asked:#,##0.00} 元高于测算金额 {computed:#,##0.00} 元：只能核减，不能核增");
            if (asked < 0) return Result<AwardApplication>.Fail(ResultKind.Invalid, "批准金额（approveAmount）不能为负数");
            if (decimal.Round(asked, 2) != asked) return Result<AwardApplication>.Fail(ResultKind.Invalid, "批准金额（approveAmount）最多两位小数（到分）");
            if (string.IsNullOrWhiteSpace(reason)) return Result<AwardApplication>.Fail(ResultKind.Invalid, $"核减须填写核减理由：测算 {computed:#,##0.00} 元，拟批准 {asked:#,##0.00} 元");
            reduction = new Reduction(asked, app.Scheme == Scheme.LoanInterest ? Reduction.Split(basis.Award.ByLevel(app.Scheme) ?? "", asked) : null, reason.Trim());
        }
        var amount = reduction?.Amount ?? computed;
        var byLevel = reduction is null ? basis.Award.ByLevel(app.Scheme) : reduction.ByLevel;
        db.Declarations.Add(Declaration.Record(app.Id, DeclarationPurpose.Approval, basis.Declared.Version, basis.Scenario, basis.Declared.Subject, computed,
            basis.Award.ByLevel(app.Scheme), basis.Award.ParameterVersion, basis.Award.Trace, user.UserName, Now, engine.Parameters.KnownOn, RevisionIds, reduction: reduction));
        app.Approved(amount, byLevel, basis.Award.ParameterVersion, basis.Award.Trace);
        // What each level pays once reduced: the ledger books what is decided, so a reduction leaves its room to others.
        var paysByLevel = CommittedAwards.Lines(app).Where(l => l.Level is not null).ToDictionary(l => l.Level!.Value, l => l.Amount);

        var caps = new Caps(engine, app.Year);
        var bookings = new List<(string Key, decimal Cap, decimal Amount, string Label)>();
        switch (app.Scheme)
        {
            // The project-year's one-of-two (I-5) is taken only by an award that pays: a 0.00 approval (the lower of A and B
            // that I-5 set to nothing, or a failed condition) must not keep the other scheme's award from being approved.
            case Scheme.Demonstration:
                bookings.Add(($"A|p{app.ProjectId}", caps.Money("demonstration.cap_per_project"), amount, "单个项目示范奖励上限"));
                if (amount > 0) bookings.Add(($"AB|p{app.ProjectId}|{app.Year}", 1, 1, "同一项目同一年度 A、B 只取其一（I-5）"));
                break;
            case Scheme.EffectiveInvestment:
                bookings.Add(($"B|p{app.ProjectId}", caps.Money("effective_investment.cap_per_project"), amount, "单个项目有效投入奖补上限（全周期）"));
                if (amount > 0) bookings.Add(($"AB|p{app.ProjectId}|{app.Year}", 1, 1, "同一项目同一年度 A、B 只取其一（I-5）"));
                break;
            case Scheme.TechRenovation:
                bookings.Add(($"C|e{app.EnterpriseId}|{app.Year}", caps.Money("tech_renovation.cap_per_enterprise_year"), amount, "单个企业年度技改综合奖补上限"));
                break;
            default:
                // D-6/D-7: every row of the caps table in force (loan.caps), a combined row over the sum of its levels; a
                // one-level row keeps the ledger key it has always had.
                foreach (var row in caps.Table("loan.caps"))
                {
                    var add = paysByLevel.Where(l => l.Value != 0 && row.Covers(l.Key)).Sum(l => l.Value);
                    if (add == 0) continue;
                    var per = row.Per == CapScope.Project ? "项目" : "企业";
                    var group = row.Per == CapScope.Project ? $"p{app.ProjectId}" : $"e{app.EnterpriseId}";
                    var single = row.Levels.Length == 1;
                    bookings.Add((single ? $"D.{Codes.Of(row.Levels[0])}|{group}|{app.Year}" : $"D.{row.Id}|{group}|{app.Year}", row.Amount.Yuan, add,
                        single ? $"{Codes.Label(row.Levels[0])}单个{per}年度贴息上限"
                            : $"{string.Join("与", row.Levels.Select(Codes.Label))}合计单个{per}年度贴息上限（{row.Id}）"));
                }
                break;
        }

        foreach (var (key, cap, add, label) in bookings)
        {
            var ledger = await db.CapLedgers.FirstOrDefaultAsync(c => c.Key == key, ct);
            if (ledger is null)
            {
                ledger = new CapLedger { Key = key, Cap = cap };
                db.CapLedgers.Add(ledger);
            }
            if (ledger.Used + add > ledger.Cap)
            {
                return Result<AwardApplication>.Fail(ResultKind.Conflict, key.StartsWith("AB|", StringComparison.Ordinal)
                    ? "该项目本年度已批准示范项目奖励或有效投入奖补，两者只取其一（I-5）"
                    : $"超过{label}：已批准 {ledger.Used:#,##0.00} 元，本次 {add:#,##0.00} 元，上限 {ledger.Cap:#,##0.00} 元");
            }
            ledger.Book(add);
        }
        return null;
    }

    /// <summary>
    /// Payment: the approved amounts become paid award decisions. It changes no cap and no later amount: the award was
    /// committed at approval — booked in the ledger and counted in later years' prior awards already (ADR-016).
    /// </summary>
    private void RecordPaid(AwardApplication app)
    {
        foreach (var (level, amount) in CommittedAwards.Lines(app))
        {
            db.AwardDecisions.Add(new AwardDecision
            {
                Scheme = app.Scheme, Year = app.Year, EnterpriseId = app.EnterpriseId, ProjectId = app.ProjectId, LoanId = app.LoanId,
                Level = level, Eligible = true, Amount = amount, ParameterVersion = app.ApprovedParameterVersion ?? "",
                Status = AwardStatus.Paid, DecidedAt = Now, Trace = null,
            });
        }
    }

    private static string Describe(AwardApplication a) => JsonSerializer.Serialize(new
    {
        a.Number, scheme = Codes.Of(a.Scheme), a.Year, state = a.State.ToString(), a.SubmittedAmount, a.ApprovedAmount, a.PaymentReference,
    });

    /// <summary>Cap values in force on 31 December of the award year (with the engine's overrides).</summary>
    private sealed class Caps(PolicyEngine engine, int year)
    {
        private readonly Renewal.Policy.Parameters.ResolvedParameters _p = engine.Parameters.ResolveAt(new DateOnly(year, 12, 31));

        public decimal? Optional(string name) => _p.Find(name)?.Value as decimal?;

        public decimal Money(string name) => Optional(name) ?? decimal.MaxValue;

        public CapsTable Table(string name) => _p.Find(name)?.Value as CapsTable ?? CapsTable.Empty;
    }
}
