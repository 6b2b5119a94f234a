using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>A new password for an account (POST /api/v1/admin/accounts/{id}/password).</summary>
public sealed class PasswordRequest
{
    public string? Password { get; set; }
}

/// <summary>The administrator sets a new password (the failure count starts again; a lock stays until unlocked). Audited without the password.</summary>
public static class ResetPassword
{
    public static CommandResult<AccountDto> Handle(LibraryDbContext db, Passwords passwords, UserContext user, int id, PasswordRequest r, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(passwords);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRace(db, () =>
        {
            var now = clock.GetUtcNow();
            var target = ListAccounts.Target(db, user, id);
            if (!target.Ok) return CommandResult<AccountDto>.Fail(target.Status, target.Message!);
            if (Passwords.Problem(r.Password) is { } weak)
            {
                var errors = new FieldErrors();
                errors.Add("password", $"新{weak}");
                return CommandResult<AccountDto>.Invalid(errors);
            }
            var account = target.Value!;
            account.SetPassword(passwords.Hash(account, r.Password!));
            AuditLog.Append(db, user.Actor, "重置密码", "user", account.UserName, null, "{\"password\":\"已重置\"}", now);
            db.SaveChanges();
            return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
        });
    }
}
