namespace Renewal.Data.Entities;

/// <summary>
/// API 令牌 — a bearer token the bureau administrator issues to an account for a machine client (a bank's system,
/// ADR-019). The secret is shown once when it is issued and never stored: the row keeps its SHA-256 hash (the key the
/// request is looked up by) and a non-secret prefix that lists and audit entries name it by. A token works until it
/// expires or is revoked, and only while its account is active; revocation and expiry change only through its methods.
/// </summary>
public sealed class ApiToken : IVersioned
{
    /// <summary>The longest lifetime an administrator may give a token.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>Length of <see cref="SecretHash"/>: SHA-256 as lower-case hex.</summary>
    public const int HashLength = 64;

    /// <summary>Length of <see cref="Prefix"/>, e.g. <c>rnw_k3f9a0zq</c>.</summary>
    public const int PrefixLength = 12;

    public int Id { get; set; }
    /// <summary>The account the token signs in as.</summary>
    public int UserId { get; set; }
    /// <summary>用途: what the administrator called it, e.g. “工商银行贷款台账系统”.</summary>
    public required string Name { get; set; }
    /// <summary>The first characters of the token (not secret): how a person tells tokens apart.</summary>
    public required string Prefix { get; set; }
    /// <summary>SHA-256 of the whole token, lower-case hex; unique.</summary>
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>The token is refused from this moment on.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    /// <summary>When a request last came with it (written at most about once a minute, not on every request).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    public long Version { get; set; }

    /// <summary>Whether the token may sign in at <paramref name="now"/> (its account's state is checked apart).</summary>
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>The administrator <paramref name="by"/> revokes it at <paramref name="at"/>; a second revocation changes nothing.</summary>
    /// <returns>True when this call revoked it.</returns>
    public bool Revoke(DateTimeOffset at, string by)
    {
        ArgumentException.ThrowIfNullOrEmpty(by);
        if (RevokedAt is not null) return false;
        RevokedAt = at;
        RevokedBy = by;
        return true;
    }
}
