using Renewal.Data;
using Renewal.Web.Infrastructure;
using Renewal.Data.Audit;
using Renewal.Web.Features.Enterprise;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>The administrator lifts a lockout after repeated failed sign-ins (clears LockedUntil and the failure count). Audited.</summary>
public static class Unlock
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/{id:int}/unlock", async (int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
            ApiResults.From(await HandleAsync(db, http.User(), id, clock, ct), TypedResults.Ok))
            .WithName("UnlockAccount").WithSummary("解除登录锁定").Forbids();

    public static Task<CommandResult<AccountDto>> HandleAsync(LibraryDbContext db, UserContext user, int id, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var target = await ListAccounts.TargetAsync(db, user, id, ct);
            if (!target.Ok) return CommandResult<AccountDto>.Fail(target.Status, target.Message!);
            var account = target.Value!;
            if (account.LockedUntil is null && account.FailedSignIns == 0) return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
            var before = ListAccounts.Describe(account);
            account.Unlock();
            AuditLog.Append(db, user.Actor, "解锁账号", "user", account.UserName, before, ListAccounts.Describe(account), now);
            await db.SaveChangesAsync(ct);
            return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
        });
    }
}
