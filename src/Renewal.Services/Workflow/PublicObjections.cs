using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Services.Notifications;

namespace Renewal.Services.Workflow;

/// <summary>A public objection as typed on /notice: who (姓名), how to reach them (联系方式: phone or e-mail), why (异议理由).</summary>
public sealed record PublicObjectionInput(string? Name, string? Contact, string? Reason);

/// <summary>
/// How a public objection ended: the stored objection, or why not — <see cref="FieldErrors"/> per field (name, contact,
/// reason; Chinese, naming the field), or <see cref="Message"/> (not on notice, its period over).
/// </summary>
public sealed record PublicObjectionResult(ResultKind Kind, Objection? Objection, IReadOnlyDictionary<string, string> FieldErrors, string? Message)
{
    public bool Ok => Kind == ResultKind.Ok;
}

/// <summary>
/// What the public sees of an application it may object to: what the notice list shows (never the objectors, never a
/// contact), its call's notice, and whether objections are taken today (<see cref="RefusalToday"/> null).
/// </summary>
public sealed record PublicNoticeItem(int Id, string Number, Renewal.Policy.Model.Scheme Scheme, int Year, string Enterprise, string? Subject, decimal? Amount,
    DateOnly From, DateOnly To, ApplicationState State, ProgrammeCall? Call, string? RefusalToday);

/// <summary>
/// 公示异议 from anyone (issue 12 item 6): while an application is in its public notice (公示中, today within its
/// period, Kunshan's calendar), anyone may object without signing in, giving a name, a contact (phone or e-mail) and a
/// reason. The objection is stored with the contact (shown to the reviewers only), audited, and every bureau user is told
/// in the same save; approval then waits until the bureau resolves it (<see cref="ApplicationService.MoveAsync"/>). The
/// web's rate limit per client address keeps a script from flooding the bureau.
/// </summary>
public sealed partial class PublicObjections(LibraryDbContext db, TimeProvider clock)
{
    /// <summary>The shortest reason taken: an objection must say what is wrong, not only that something is.</summary>
    public const int ReasonMinLength = 10;

    /// <summary>Who a public objection's audit entry names as the actor (no account acts).</summary>
    public static readonly Actor PublicActor = new(null, "公众");

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The application as the public notice shows it, with whether objections are taken today; null when it is not on
    /// the public notice at all (a draft, one under review, one rejected: the public learns nothing of it).
    /// </summary>
    public async Task<PublicNoticeItem?> FindAsync(int applicationId, CancellationToken ct = default)
    {
        var a = await db.Applications.AsNoTracking()
            .Where(x => x.Id == applicationId && x.NoticeStartsOn != null && x.NoticeEndsOn != null
                && (x.State == ApplicationState.PublicNotice || x.State == ApplicationState.Approved || x.State == ApplicationState.Paid))
            .Select(x => new
            {
                x.Id, x.Number, x.Scheme, x.Year, Enterprise = x.Enterprise!.Name, Project = x.Project != null ? x.Project.Name : null,
                Loan = x.Loan != null ? x.Loan.Code : null, Amount = x.ApprovedAmount ?? x.SubmittedAmount, x.NoticeStartsOn, x.NoticeEndsOn, x.State, x.CallId,
            }).FirstOrDefaultAsync(ct);
        if (a is null) return null;
        var call = a.CallId is { } callId ? await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct) : null;
        return new PublicNoticeItem(a.Id, a.Number, a.Scheme, a.Year, a.Enterprise, a.Project ?? (a.Loan is { } l ? "贷款 " + l : null), a.Amount,
            a.NoticeStartsOn!.Value, a.NoticeEndsOn!.Value, a.State, call, RefusalOn(a.State, a.NoticeStartsOn.Value, a.NoticeEndsOn.Value, clock.Today()));
    }

    /// <summary>Why no objection is taken on <paramref name="today"/>, or null while the notice runs (both ends included).</summary>
    public static string? RefusalOn(ApplicationState state, DateOnly from, DateOnly to, DateOnly today)
    {
        if (state != ApplicationState.PublicNotice || today > to)
            return $"公示期已于 {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 结束，不能再提出异议";
        if (today < from) return $"公示期自 {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 开始，届时方可提出异议";
        return null;
    }

    /// <summary>The refusals of the fields as typed, by field (name, contact, reason); empty when all are acceptable.</summary>
    public static IReadOnlyDictionary<string, string> Check(PublicObjectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = "请填写姓名（name）";
        else if (TextLimits.Check(name, "姓名", "name", TextLimits.ObjectorName) is { } n) errors["name"] = n;

        var contact = input.Contact?.Trim();
        if (string.IsNullOrEmpty(contact)) errors["contact"] = "请填写联系方式（contact）：电话或电子邮箱，供市局核实异议";
        else if (TextLimits.Check(contact, "联系方式", "contact", TextLimits.ObjectionContact) is { } c) errors["contact"] = c;
        else if (!Phone().IsMatch(contact) && !Email().IsMatch(contact))
            errors["contact"] = $"联系方式（contact）应为电话号码或电子邮箱，如 13800000000、0512-57350000 或 name@example.com；“{contact}”无法识别";

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) errors["reason"] = "请填写异议理由（reason）";
        else if (reason.Length < ReasonMinLength) errors["reason"] = $"异议理由（reason）至少 {ReasonMinLength} 个字：请写明异议的事实和理由";
        else if (TextLimits.Check(reason, "异议理由", "reason", TextLimits.ObjectionContent) is { } r) errors["reason"] = r;
        return errors;
    }

    /// <summary>
    /// Anyone objects to application <paramref name="applicationId"/>: refused when it is not on the public notice
    /// (<see cref="ResultKind.NotFound"/>), outside its notice period, or with a field that is not acceptable
    /// (<see cref="ResultKind.Invalid"/>). <paramref name="clientAddress"/> goes into the audit entry only.
    /// </summary>
    public async Task<PublicObjectionResult> RaiseAsync(int applicationId, PublicObjectionInput input, string? clientAddress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        for (var attempt = 1; ; attempt++)
        {
            var item = await FindAsync(applicationId, ct);
            if (item is null) return Refused(ResultKind.NotFound, "该申报不在公示名单中");
            if (item.RefusalToday is { } closed) return Refused(ResultKind.Invalid, closed);
            var errors = Check(input);
            if (errors.Count > 0) return new PublicObjectionResult(ResultKind.Invalid, null, errors, string.Join("；", errors.Values));

            var o = new Objection
            {
                ApplicationId = item.Id, RaisedBy = input.Name!.Trim(), Contact = input.Contact!.Trim(), Content = input.Reason!.Trim(), RaisedAt = Now,
                FromPublicForm = true,
            };
            db.Objections.Add(o);
            // The application's version moves with the objection: an approval that read "no open objection" a moment
            // ago then fails its version check instead of approving past it (and an approval saved first fails this).
            var app = await db.Applications.Include(a => a.Enterprise).SingleAsync(a => a.Id == item.Id, ct);
            db.Entry(app).Property(a => a.Version).IsModified = true;
            AuditLog.Append(db, PublicActor, "公众异议", "application", item.Number, null, JsonSerializer.Serialize(new
            {
                name = o.RaisedBy, contact = o.Contact, reason = o.Content, address = clientAddress,
            }, AuditLog.SnapshotJson), Now);
            await ObjectionNotices.ForObjectionAsync(db, app, o, null, Now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return new PublicObjectionResult(ResultKind.Ok, o, new Dictionary<string, string>(), null);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another objection or a move of the same application saved first: read it again and decide again.
                db.ChangeTracker.Clear();
                if (attempt >= 3) return Refused(ResultKind.Conflict, "该申报刚刚有其他变动，异议未提交，请稍后重试");
            }
        }
    }

    private static PublicObjectionResult Refused(ResultKind kind, string message) => new(kind, null, new Dictionary<string, string>(), message);

    /// <summary>A telephone number: 7 to 20 digits with an optional leading +, spaces, hyphens or brackets.</summary>
    [GeneratedRegex(@"^(?=(?:[^0-9]*[0-9]){7,20}[^0-9]*$)\+?[0-9 \-()（）]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
