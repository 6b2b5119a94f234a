using Renewal.Data;
using Renewal.Web.Infrastructure;
using Renewal.Data.Audit;
using Renewal.Web.Features.Enterprise;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>The administrator deactivates or reactivates an account (never its own: someone must stay able to administer). Audited.</summary>
public static class SetActive
{
    public static void Map(RouteGroupBuilder accounts)
    {
        accounts.MapPost("/{id:int}/deactivate", async (int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
            ApiResults.From(await HandleAsync(db, http.User(), id, false, clock, ct), TypedResults.Ok))
            .WithName("DeactivateAccount").WithSummary("停用账号（不能停用自己）").Forbids();

        accounts.MapPost("/{id:int}/activate", async (int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
            ApiResults.From(await HandleAsync(db, http.User(), id, true, clock, ct), TypedResults.Ok))
            .WithName("ActivateAccount").WithSummary("启用账号").Forbids();
    }

    public static Task<CommandResult<AccountDto>> HandleAsync(LibraryDbContext db, UserContext user, int id, bool active, TimeProvider clock,
        CancellationToken ct = default)
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
            await db.SaveChangesAsync(ct);
            return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
        });
    }
}
