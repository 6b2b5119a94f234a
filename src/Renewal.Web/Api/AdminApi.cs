using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Admin;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Api;

/// <summary>Account administration under /api/v1/admin, for the bureau administrator only (the same use cases as /admin/accounts).</summary>
public static class AdminApi
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/admin/accounts").RequireAuthorization(Policies.Admin).WithTags("admin");

        g.MapGet("", (HttpContext http, LibraryDbContext db, TimeProvider clock, Role? role, string? q) =>
            ApiResults.From(ListAccounts.Handle(db, http.User(), clock.GetUtcNow(), role, q), TypedResults.Ok))
            .WithName("ListAccounts").WithSummary("账号列表（可按角色、关键词过滤；不含密码）").Forbids();

        g.MapPost("", async Task<Results<Created<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, Passwords passwords, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<AccountRequest>(http, CreateAccount.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(CreateAccount.Handle(db, passwords, http.User(), body, clock), a => TypedResults.Created($"/api/v1/admin/accounts/{a.Id}", a));
        }).Accepts<AccountRequest>("application/json").WithName("CreateAccount").WithSummary("新建账号").Forbids();

        g.MapPost("/{id:int}/password", async Task<Results<Ok<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, Passwords passwords, TimeProvider clock) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<PasswordRequest>(http, CreateAccount.Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(ResetPassword.Handle(db, passwords, http.User(), id, body, clock), TypedResults.Ok);
        }).Accepts<PasswordRequest>("application/json").WithName("ResetPassword").WithSummary("重置密码").Forbids();

        g.MapPost("/{id:int}/deactivate", (int id, HttpContext http, LibraryDbContext db, TimeProvider clock) =>
            ApiResults.From(SetActive.Handle(db, http.User(), id, false, clock), TypedResults.Ok))
            .WithName("DeactivateAccount").WithSummary("停用账号（不能停用自己）").Forbids();

        g.MapPost("/{id:int}/activate", (int id, HttpContext http, LibraryDbContext db, TimeProvider clock) =>
            ApiResults.From(SetActive.Handle(db, http.User(), id, true, clock), TypedResults.Ok))
            .WithName("ActivateAccount").WithSummary("启用账号").Forbids();

        g.MapPost("/{id:int}/unlock", (int id, HttpContext http, LibraryDbContext db, TimeProvider clock) =>
            ApiResults.From(Unlock.Handle(db, http.User(), id, clock), TypedResults.Ok))
            .WithName("UnlockAccount").WithSummary("解除登录锁定").Forbids();
    }
}
