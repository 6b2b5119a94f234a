using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Web.Features.Enterprise;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>The administrator lifts a lockout after repeated failed sign-ins (clears LockedUntil and the failure count). Audited.</summary>
public static class Unlock
{
    public static CommandResult<AccountDto> Handle(LibraryDbContext db, UserContext user, int id, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRace(db, () =>
        {
            var now = clock.GetUtcNow();
            var target = ListAccounts.Target(db, user, id);
            if (!target.Ok) return CommandResult<AccountDto>.Fail(target.Status, target.Message!);
            var account = target.Value!;
            if (account.LockedUntil is null && account.FailedSignIns == 0) return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
            var before = ListAccounts.Describe(account);
            account.Unlock();
            AuditLog.Append(db, user.Actor, "解锁账号", "user", account.UserName, before, ListAccounts.Describe(account), now);
            db.SaveChanges();
            return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
        });
    }
}
