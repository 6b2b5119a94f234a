using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;

namespace Renewal.Web.Features.Admin;

/// <summary>An API token as the administrator sees it: the prefix, never the secret or its hash.</summary>
public sealed record ApiTokenDto(int Id, int UserId, string Name, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy, bool Valid);

/// <summary>The API tokens of one account, newest first, for the bureau administrator (GET /api/v1/admin/accounts/{id}/tokens, and the page).</summary>
public static class ListTokens
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("/{id:int}/tokens", async (int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
            ApiResults.From(await HandleAsync(db, http.User(), id, clock.GetUtcNow(), ct), v => TypedResults.Ok(v.Tokens)))
            .WithName("ListApiTokens").WithSummary("某账号的 API 令牌（只显示前缀，不显示令牌本身）").Forbids();

    public static async Task<CommandResult<(AccountDto Account, IReadOnlyList<ApiTokenDto> Tokens)>> HandleAsync(LibraryDbContext db, UserContext user, int id,
        DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var target = await ListAccounts.TargetAsync(db, user, id, ct);
        if (!target.Ok) return CommandResult<(AccountDto, IReadOnlyList<ApiTokenDto>)>.Fail(target.Status, target.Message!);
        // Newest first by id (SQLite cannot order DateTimeOffset in SQL; ids grow with time).
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).OrderByDescending(t => t.Id).Take(500).ToListAsync(ct);
        return CommandResult<(AccountDto, IReadOnlyList<ApiTokenDto>)>.Success((ListAccounts.Dto(target.Value!, now), [.. tokens.Select(t => Dto(t, now))]));
    }

    public static ApiTokenDto Dto(ApiToken t, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new ApiTokenDto(t.Id, t.UserId, t.Name, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.RevokedBy, t.IsValidAt(now));
    }

    /// <summary>What the audit log keeps of a token: its account, name, prefix, lifetime and revocation — no secret, no hash.</summary>
    public static string Describe(ApiToken t, string account)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Check.Json(new { account, t.Name, t.Prefix, t.ExpiresAt, t.RevokedAt, t.RevokedBy });
    }
}
