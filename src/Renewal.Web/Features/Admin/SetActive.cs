using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Web.Features.Enterprise;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>The administrator deactivates or reactivates an account (never its own: someone must stay able to administer). Audited.</summary>
public static class SetActive
{
    public static CommandResult<AccountDto> Handle(LibraryDbContext db, UserContext user, int id, bool active, TimeProvider clock)
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
            if (!active && account.Id == user.Id)
            {
                var errors = new FieldErrors();
                errors.Add("id", "不能停用自己的账号");
                return CommandResult<AccountDto>.Invalid(errors);
            }
            if (account.Active == active) return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
            var before = ListAccounts.Describe(account);
            if (active) account.Activate(); else account.Deactivate();
            AuditLog.Append(db, user.Actor, active ? "启用账号" : "停用账号", "user", account.UserName, before, ListAccounts.Describe(account), now);
            db.SaveChanges();
            return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
        });
    }
}
