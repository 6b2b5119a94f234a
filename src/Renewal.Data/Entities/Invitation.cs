namespace Renewal.Data.Entities;

/// <summary>
/// 企业账号邀请 (issue 12 item 8) — the bureau administrator invites an enterprise of the library that has no account
/// yet: a one-time invitation code, handed to the enterprise with its name and credit code, with which it creates its
/// own enterprise account at /account/claim. The code is shown once and never stored: the row keeps its SHA-256 hash.
/// An invitation is used once (<see cref="ClaimedAt"/>, set only by a conditional update that finds it unclaimed), until
/// <see cref="ExpiresAt"/>; a newer invitation of the same enterprise revokes the older. The database holds the rules:
/// unique hashes, at most one open and at most one claimed invitation per enterprise, one invitation per account, and a
/// claim always names its account.
/// </summary>
public sealed class Invitation : IVersioned
{
    /// <summary>Length of <see cref="CodeHash"/>: SHA-256 as lower-case hex.</summary>
    public const int HashLength = 64;

    /// <summary>The unique index over open invitations (one per enterprise).</summary>
    public const string OpenIndex = "ix_invitations_open_credit";
    public const string OpenFilterSql = "\"ClaimedAt\" IS NULL AND \"RevokedAt\" IS NULL";

    /// <summary>The unique index over claimed invitations (an enterprise claims one).</summary>
    public const string ClaimedIndex = "ix_invitations_claimed_credit";
    public const string ClaimedFilterSql = "\"ClaimedAt\" IS NOT NULL";

    /// <summary>A claim names its account, and only a claim does.</summary>
    public const string ClaimCheck = "ck_invitations_claim";
    public const string ClaimCheckSql = "(\"ClaimedAt\" IS NULL) = (\"ClaimedUserId\" IS NULL)";

    public int Id { get; set; }
    /// <summary>The enterprise invited (统一社会信用代码, an enterprise of the library).</summary>
    public required string CreditCode { get; set; }
    /// <summary>SHA-256 of the invitation code, lower-case hex; unique.</summary>
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The code is refused from this moment on.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>When the enterprise created its account with it (null while unused).</summary>
    public DateTimeOffset? ClaimedAt { get; private set; }
    /// <summary>The account created with it.</summary>
    public int? ClaimedUserId { get; private set; }
    /// <summary>When a newer invitation of the enterprise replaced it.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }
    public long Version { get; set; }

    /// <summary>Whether the code may still be used at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTimeOffset now) => ClaimedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>A newer invitation replaces this one at <paramref name="at"/>; a used or revoked one stays as it is.</summary>
    /// <returns>True when this call revoked it.</returns>
    public bool Revoke(DateTimeOffset at)
    {
        if (ClaimedAt is not null || RevokedAt is not null) return false;
        RevokedAt = at;
        return true;
    }
}
