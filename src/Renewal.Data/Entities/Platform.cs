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
    /// <summary>银行人员 — sees projects that declared a financing need.</summary>
    Bank,
}

/// <summary>A user account. Passwords are stored hashed (PBKDF2 via ASP.NET Core's PasswordHasher).</summary>
public sealed class UserAccount : IVersioned
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public Role Role { get; set; }
    /// <summary>For <see cref="Role.Enterprise"/>: the credit code the user acts for.</summary>
    public string? CreditCode { get; set; }
    /// <summary>For <see cref="Role.DistrictReviewer"/>: the area (区镇) the user reviews.</summary>
    public string? Area { get; set; }
    public bool Active { get; set; } = true;
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public long Version { get; set; }
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
}

/// <summary>
/// 申报 — an application for one scheme, award year and subject (a project for A/B, the enterprise for C, a loan-year
/// for D). The award is computed at submission and again at approval; each time the parameter version is kept.
/// </summary>
public sealed class AwardApplication : IVersioned
{
    public int Id { get; set; }
    /// <summary>Human number, e.g. SB2025-000123.</summary>
    public required string Number { get; set; }
    public Scheme Scheme { get; set; }
    public int Year { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int? ProjectId { get; set; }
    public Project? Project { get; set; }
    public int? LoanId { get; set; }
    public Loan? Loan { get; set; }
    public ApplicationState State { get; set; }
    /// <summary>Computed at submission (for D: the sum over levels).</summary>
    public decimal? SubmittedAmount { get; set; }
    public string? SubmittedParameterVersion { get; set; }
    /// <summary>Computed again at approval; this is what is paid.</summary>
    public decimal? ApprovedAmount { get; set; }
    public string? ApprovedParameterVersion { get; set; }
    /// <summary>For D: amounts per level at approval, "province=…;suzhou=…;kunshan=…".</summary>
    public string? ApprovedByLevel { get; set; }
    /// <summary>The engine's explanation at the last computation (JSON).</summary>
    public string? Trace { get; set; }
    public DateOnly? NoticeStartsOn { get; set; }
    public DateOnly? NoticeEndsOn { get; set; }
    public string? PaymentReference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<Objection> Objections { get; set; } = [];
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

/// <summary>异议 — an objection raised during the public notice.</summary>
public sealed class Objection
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public required string RaisedBy { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
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
    public decimal Used { get; set; }
    public long Version { get; set; }
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
