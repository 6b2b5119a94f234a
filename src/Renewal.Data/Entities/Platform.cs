using System.Globalization;
using Renewal.Policy.Model;

namespace Renewal.Data.Entities;

/// <summary>The six roles of the platform.</summary>
public enum Role
{
    /// <summary>企业用户 — bound to one credit code.</summary>
    Enterprise,
    /// <summary>区镇审核员 — bound to one area.</summary>
    DistrictReviewer,
    /// <summary>市局审核员.</summary>
    BureauReviewer,
    /// <summary>市局管理员.</summary>
    BureauAdmin,
    /// <summary>财政人员.</summary>
    Finance,
    /// <summary>银行人员 — bound to one bank; sees projects that declared a financing need, and only its own bank's loans.</summary>
    Bank,
}

/// <summary>
/// A user account. Passwords are stored hashed (PBKDF2 via ASP.NET Core's PasswordHasher). The password, the
/// lockout and whether the account is active change only through its methods, so the lockout rule lives in one place.
/// </summary>
public sealed class UserAccount : IVersioned
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>The hash of the password (set with <see cref="SetPassword"/>); empty until one is set.</summary>
    public string PasswordHash { get; private set; } = "";
    public Role Role { get; set; }
    /// <summary>For <see cref="Role.Enterprise"/>: the credit code the user acts for.</summary>
    public string? CreditCode { get; set; }
    /// <summary>For <see cref="Role.DistrictReviewer"/>: the area (区镇) the user reviews.</summary>
    public string? Area { get; set; }
    /// <summary>For <see cref="Role.Bank"/>: the bank the user works for, spelt as on its loans (<see cref="Loan.Bank"/>); it sees the terms of those loans only.</summary>
    public string? Bank { get; set; }
    /// <summary>Where e-mail notifications go (issue 12); null = in-app messages only.</summary>
    public string? Email { get; set; }
    public bool Active { get; private set; } = true;
    /// <summary>Wrong passwords in a row since the last sign-in, password reset, unlock or lock.</summary>
    public int FailedSignIns { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public long Version { get; set; }

    /// <summary>Whether a lock is still running at <paramref name="now"/>.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// A wrong password at <paramref name="now"/>: the <paramref name="limit"/>-th in a row locks the account for
    /// <paramref name="lockout"/> and the count starts again. True when this failure locked the account.
    /// </summary>
    public bool RecordFailedSignIn(DateTimeOffset now, int limit, TimeSpan lockout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lockout, TimeSpan.Zero);
        FailedSignIns++;
        if (FailedSignIns < limit) return false;
        LockedUntil = now + lockout;
        FailedSignIns = 0;
        return true;
    }

    /// <summary>A successful sign-in at <paramref name="now"/>: the failure count and any expired lock are cleared.</summary>
    /// <exception cref="InvalidOperationException">The account is deactivated or still locked at <paramref name="now"/>.</exception>
    public void RecordSignIn(DateTimeOffset now)
    {
        if (!Active) throw new InvalidOperationException("账号已停用，不能登录");
        if (IsLockedAt(now)) throw new InvalidOperationException("账号锁定中，不能登录");
        FailedSignIns = 0;
        LockedUntil = null;
    }

    /// <summary>The administrator lifts a lock: no lock, no failures counted.</summary>
    public void Unlock()
    {
        LockedUntil = null;
        FailedSignIns = 0;
    }

    /// <summary>A new password hash; the failure count starts again (a running lock stays until it ends or is lifted).</summary>
    public void SetPassword(string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        PasswordHash = hash;
        FailedSignIns = 0;
    }

    public void Activate() => Active = true;

    public void Deactivate() => Active = false;
}

/// <summary>Where an application stands (申报状态).</summary>
public enum ApplicationState
{
    Draft,
    Submitted,
    DistrictReview,
    BureauReview,
    PublicNotice,
    Approved,
    Paid,
    Returned,
    Rejected,
    /// <summary>已撤回 — withdrawn by the enterprise before any reviewer accepted it; it may submit it again (ADR-018).</summary>
    Withdrawn,
}

/// <summary>
/// 申报 — an application for one scheme, award year and subject (a project for A/B, the enterprise for C, a loan-year
/// for D). The award is computed at submission and again at approval; each time the parameter version is kept.
/// </summary>
public sealed class AwardApplication : IVersioned
{
    // For EF, which sets the stored values through the private setters.
    private AwardApplication() { }

    /// <summary>A new draft (草稿) for <paramref name="scheme"/>, <paramref name="year"/> and its subject, opened at <paramref name="at"/>.</summary>
    public static AwardApplication Draft(Scheme scheme, int year, int enterpriseId, DateTimeOffset at, int? projectId = null, int? loanId = null, int? callId = null) => new()
    {
        CallId = callId, Scheme = scheme, Year = year, EnterpriseId = enterpriseId, ProjectId = projectId, LoanId = loanId,
        SubjectKey = SubjectOf(scheme, enterpriseId, projectId, loanId),
        State = ApplicationState.Draft, CreatedAt = at, UpdatedAt = at,
    };

    /// <summary>
    /// What an application is for, as one non-null text: the loan for D (<c>loan:53</c>), the project for A and B
    /// (<c>project:7</c>), the enterprise for C (<c>enterprise:12</c>). With scheme and year it is the key of the
    /// database's unique index over live applications (<see cref="IsLive"/>): one entitlement, one live application,
    /// however many nodes create at the same moment. (A key of nullable ids would not do: NULLs never collide in a
    /// unique index, on SQLite or PostgreSQL, so C's subject would go unguarded.)
    /// </summary>
    public static string SubjectOf(Scheme scheme, int enterpriseId, int? projectId, int? loanId) => scheme switch
    {
        Scheme.LoanInterest => "loan:" + (loanId ?? throw new ArgumentException("贷款贴息申报须有贷款", nameof(loanId))).ToString(CultureInfo.InvariantCulture),
        Scheme.TechRenovation => "enterprise:" + enterpriseId.ToString(CultureInfo.InvariantCulture),
        _ => "project:" + (projectId ?? throw new ArgumentException("按项目申报须有项目", nameof(projectId))).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// True for every state that still claims the entitlement (all but 不予支持): the states the unique index over
    /// (scheme, year, subject) covers. Its SQL twin is <see cref="LiveFilterSql"/>.
    /// </summary>
    public static bool IsLive(ApplicationState state) => state != ApplicationState.Rejected;

    /// <summary>The unique index's filter, the same text on SQLite and PostgreSQL (the state is stored by name).</summary>
    public const string LiveFilterSql = "\"State\" <> 'Rejected'";

    /// <summary>The name of the unique index over live applications (scheme, year, <see cref="SubjectKey"/>).</summary>
    public const string LiveSubjectIndex = "ux_applications_live_subject";

    public int Id { get; set; }
    /// <summary>Human number, e.g. SB2025-000123 (given once the row has its id).</summary>
    public string Number { get; set; } = "";
    public Scheme Scheme { get; private set; }
    public int Year { get; private set; }
    /// <summary>The call (申报批次) it was created in; null for an application from before calls existed.</summary>
    public int? CallId { get; private set; }
    public int EnterpriseId { get; private set; }
    public Enterprise? Enterprise { get; set; }
    public int? ProjectId { get; private set; }
    public Project? Project { get; set; }
    public int? LoanId { get; private set; }
    public Loan? Loan { get; set; }
    /// <summary>The subject as one key (<see cref="SubjectOf"/>), set once at <see cref="Draft"/>.</summary>
    public string SubjectKey { get; private set; } = "";
    /// <summary>Where the application stands; moves only through <see cref="Apply(Transition, DateTimeOffset)"/>.</summary>
    public ApplicationState State { get; private set; }
    /// <summary>Computed at submission (for D: the sum over levels).</summary>
    public decimal? SubmittedAmount { get; private set; }
    public string? SubmittedParameterVersion { get; private set; }
    /// <summary>Computed again at approval; this is what is paid.</summary>
    public decimal? ApprovedAmount { get; private set; }
    public string? ApprovedParameterVersion { get; private set; }
    /// <summary>For D: amounts per level at approval, "province=…;suzhou=…;kunshan=…".</summary>
    public string? ApprovedByLevel { get; private set; }
    /// <summary>The engine's explanation at the last computation (JSON).</summary>
    public string? Trace { get; private set; }
    public DateOnly? NoticeStartsOn { get; private set; }
    public DateOnly? NoticeEndsOn { get; private set; }
    public string? PaymentReference { get; private set; }
    /// <summary>The day the treasury paid (拨付日期, Beijing calendar), set with <see cref="PaidWith"/>.</summary>
    public DateOnly? PaidOn { get; private set; }
    /// <summary>The payment batch (拨付批次) it was paid in; null when paid alone.</summary>
    public int? PaymentBatchId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<Objection> Objections { get; set; } = [];
    /// <summary>The declaration of record: one snapshot per submission and one for the approval (<see cref="Entities.Declaration"/>).</summary>
    public List<Declaration> Declarations { get; set; } = [];
    /// <summary>The version of the latest submission (1, 2, …); null before the first.</summary>
    public int? DeclarationVersion { get; private set; }
    /// <summary>When the enterprise asked a reviewer to return the application (申请退回); cleared when it is returned.</summary>
    public DateTimeOffset? ReturnRequestedAt { get; private set; }
    /// <summary>Why the enterprise asked for the return.</summary>
    public string? ReturnRequestReason { get; private set; }

    /// <summary>
    /// Records that submission <paramref name="version"/> is now the declaration of record, with the award computed from
    /// it: the submitted amount is only ever the amount of a declaration (ADR-018).
    /// </summary>
    public void Declared(int version, decimal amount, string parameterVersion, string trace)
    {
        if (version != (DeclarationVersion ?? 0) + 1) throw new WorkflowRefusedException($"申报快照应为第 {(DeclarationVersion ?? 0) + 1} 版，实为第 {version} 版");
        DeclarationVersion = version;
        SubmittedAmount = amount;
        SubmittedParameterVersion = parameterVersion;
        Trace = trace;
    }

    /// <summary>The award approved (for D with its amounts per level), computed from the approval's declaration record.</summary>
    public void Approved(decimal amount, string? byLevel, string parameterVersion, string trace)
    {
        ApprovedAmount = amount;
        ApprovedByLevel = byLevel;
        ApprovedParameterVersion = parameterVersion;
        Trace = trace;
    }

    /// <summary>The public notice (公示) runs from <paramref name="start"/> to <paramref name="end"/>, both days included.</summary>
    public void NoticeFrom(DateOnly start, DateOnly end)
    {
        if (end < start) throw new ArgumentOutOfRangeException(nameof(end), "公示期结束日不能早于开始日");
        NoticeStartsOn = start;
        NoticeEndsOn = end;
    }

    /// <summary>The payment: its voucher number (支付凭证号), the day paid, and the batch it was paid in (if any).</summary>
    public void PaidWith(string reference, DateOnly paidOn, int? batchId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        PaymentReference = reference;
        PaidOn = paidOn;
        PaymentBatchId = batchId;
    }

    /// <summary>The enterprise asks for the application back (申请退回) with <paramref name="reason"/>.</summary>
    public void RequestReturn(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ReturnRequestedAt = at;
        ReturnRequestReason = reason;
    }

    /// <summary>
    /// Makes <paramref name="move"/> at <paramref name="at"/>, which must be a move of <see cref="Transitions.All"/>
    /// allowed from the current state (the role was checked when the move was found). Returns the state left.
    /// </summary>
    /// <exception cref="WorkflowRefusedException">The move is not in the table or not allowed from the current state.</exception>
    public ApplicationState Apply(Transition move, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (!Transitions.All.Contains(move)) throw new WorkflowRefusedException($"“{Labels.Of(move.Action)}”不是申报流程中的操作");
        if (!move.From.Contains(State)) throw new WorkflowRefusedException(Transitions.NotFrom(move.Action, State));
        var from = State;
        State = move.To;
        UpdatedAt = at;
        if (move.Action == WorkflowAction.Return) { ReturnRequestedAt = null; ReturnRequestReason = null; }
        return from;
    }

    /// <summary>Makes <paramref name="action"/> as <paramref name="role"/> at <paramref name="at"/>; returns the state left.</summary>
    /// <exception cref="WorkflowRefusedException">The table has no such move from the current state, or not for the role.</exception>
    public ApplicationState Apply(WorkflowAction action, Role role, DateTimeOffset at)
    {
        var (move, refusal) = Transitions.Find(action, State, role);
        return move is null ? throw new WorkflowRefusedException(refusal!) : Apply(move, at);
    }
}

/// <summary>One move of an application: who, when, from which state to which, and the comment.</summary>
public sealed class ApplicationEvent
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public ApplicationState From { get; set; }
    public ApplicationState To { get; set; }
    public required string Action { get; set; }
    public int UserId { get; set; }
    public required string UserName { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// 异议 — an objection raised during the public notice: by a signed-in user (<see cref="RaisedBy"/> is the user name),
/// or by anyone through the public form on /notice (<see cref="FromPublicForm"/>; <see cref="RaisedBy"/> is the name
/// typed, <see cref="Contact"/> the phone or e-mail given). The contact is for the reviewers alone, never shown publicly.
/// </summary>
public sealed class Objection
{
    /// <summary>The check that a public objection carries its contact (ck_objections_public_contact).</summary>
    public const string PublicContactCheck = "ck_objections_public_contact";
    public const string PublicContactSql = "NOT \"FromPublicForm\" OR \"Contact\" IS NOT NULL";

    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public required string RaisedBy { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    /// <summary>联系方式 — the phone or e-mail of a public objector (required then); null for a signed-in user's objection.</summary>
    public string? Contact { get; set; }
    /// <summary>True when it came through the public form on /notice, without signing in.</summary>
    public bool FromPublicForm { get; set; }
    /// <summary>How the bureau handled it (set with <see cref="Resolve"/>).</summary>
    public string? Resolution { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>The user name of who recorded the resolution.</summary>
    public string? ResolvedBy { get; private set; }

    /// <summary>The bureau records how the objection was handled at <paramref name="at"/> (a later record replaces it).</summary>
    public void Resolve(string resolution, DateTimeOffset at, string? by = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution);
        Resolution = resolution;
        ResolvedAt = at;
        ResolvedBy = by;
    }
}

/// <summary>
/// The approved total under one cap (e.g. B per project over its life; C per enterprise and year; D per level,
/// project or enterprise and year). Approvals add to it under optimistic concurrency, so two reviewers acting at
/// the same moment can never together push it past the cap.
/// </summary>
public sealed class CapLedger : IVersioned
{
    public int Id { get; set; }
    /// <summary>e.g. "B|project:12", "C|enterprise:3|2025", "D.kunshan|enterprise:3|2025".</summary>
    public required string Key { get; set; }
    public decimal Cap { get; set; }
    /// <summary>Approved so far; grows only through <see cref="Book"/>.</summary>
    public decimal Used { get; private set; }
    public long Version { get; set; }

    /// <summary>Whether <paramref name="amount"/> more still fits under the cap.</summary>
    public bool Fits(decimal amount) => Used + amount <= Cap;

    /// <summary>Books <paramref name="amount"/> against the cap.</summary>
    /// <exception cref="InvalidOperationException">It does not fit (callers check <see cref="Fits"/> first and say why).</exception>
    public void Book(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (!Fits(amount)) throw new InvalidOperationException($"超过上限“{Key}”：已用 {Used} 元，本次 {amount} 元，上限 {Cap} 元");
        Used += amount;
    }
}

/// <summary>
/// An append-only audit entry: who, when, what, before and after; each entry's hash covers the previous entry's hash,
/// so editing or deleting any entry breaks the chain (<c>renewal audit verify</c>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
