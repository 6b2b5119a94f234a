using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Admin;

/// <summary>The bureau administrator revokes an API token; it is refused from the next request on. Audited; revoking twice changes nothing.</summary>
public static class RevokeToken
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/{id:int}/tokens/{tokenId:int}/revoke", async (int id, int tokenId, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
            ApiResults.From(await HandleAsync(db, http.User(), id, tokenId, clock, ct), TypedResults.Ok))
            .WithName("RevokeApiToken").WithSummary("撤销 API 令牌（立即失效）").Forbids();

    public static Task<CommandResult<ApiTokenDto>> HandleAsync(LibraryDbContext db, UserContext user, int id, int tokenId, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var target = await ListAccounts.TargetAsync(db, user, id, ct);
            if (!target.Ok) return CommandResult<ApiTokenDto>.Fail(target.Status, target.Message!);
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == id, ct);
            if (token is null) return CommandResult<ApiTokenDto>.Fail(CommandStatus.NotFound, "该账号没有这个 API 令牌");
            var before = ListTokens.Describe(token, target.Value!.UserName);
            if (!token.Revoke(IssueToken.Trim(now), user.UserName)) return CommandResult<ApiTokenDto>.Success(ListTokens.Dto(token, now));
            AuditLog.Append(db, user.Actor, "撤销API令牌", "api_token", token.Prefix, before, ListTokens.Describe(token, target.Value!.UserName), now);
            await db.SaveChangesAsync(ct);
            return CommandResult<ApiTokenDto>.Success(ListTokens.Dto(token, now));
        });
    }
}
