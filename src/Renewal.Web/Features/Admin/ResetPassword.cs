using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/{id:int}/password", async Task<Results<Ok<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, Passwords passwords, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<PasswordRequest>(http, CreateAccount.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, passwords, http.User(), id, body, clock, ct), TypedResults.Ok);
        }).Accepts<PasswordRequest>("application/json").WithName("ResetPassword").WithSummary("重置密码").Forbids();

    public static Task<CommandResult<AccountDto>> HandleAsync(LibraryDbContext db, Passwords passwords, UserContext user, int id, PasswordRequest r,
        TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(passwords);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, async () =>
        {
            var now = clock.GetUtcNow();
            var target = await ListAccounts.TargetAsync(db, user, id, ct);
            if (!target.Ok) return CommandResult<AccountDto>.Fail(target.Status, target.Message!);
            if ((TextLimits.Check(r.Password, "密码", "password", TextLimits.Password) ?? Passwords.Problem(r.Password)) is { } weak)
            {
                var errors = new FieldErrors();
                errors.Add("password", $"新{weak}");
                return CommandResult<AccountDto>.Invalid(errors);
            }
            var account = target.Value!;
            account.SetPassword(passwords.Hash(account, r.Password!));
            AuditLog.Append(db, user.Actor, "重置密码", "user", account.UserName, null, "{\"password\":\"已重置\"}", now);
            await db.SaveChangesAsync(ct);
            return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
        });
    }
}
