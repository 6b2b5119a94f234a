using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>A new account (POST /api/v1/admin/accounts, and the form).</summary>
public sealed class AccountRequest
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public Role? Role { get; set; }
    /// <summary>For an enterprise user: the credit code of an enterprise in the library.</summary>
    public string? CreditCode { get; set; }
    /// <summary>For a district reviewer: one of the areas (区镇).</summary>
    public string? Area { get; set; }
    /// <summary>For a bank user: the bank's name, spelt as on its loans (贷款银行).</summary>
    public string? Bank { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// The administrator creates an account: a unique user name, a role, the enterprise (by credit code, validated and in
/// the library) for an enterprise user, the area for a district reviewer, the bank for a bank user, and a password that passes the rule. Audited.
/// </summary>
public static class CreateAccount
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["userName"] = "用户名", ["displayName"] = "显示名称", ["role"] = "角色", ["creditCode"] = "统一社会信用代码", ["area"] = "区镇", ["bank"] = "所属银行", ["password"] = "密码",
    };

    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("", async Task<Results<Created<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, Passwords passwords, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<AccountRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, passwords, http.User(), body, clock, ct: ct), a => TypedResults.Created($"/api/v1/admin/accounts/{a.Id}", a));
        }).Accepts<AccountRequest>("application/json").WithName("CreateAccount").WithSummary("新建账号").Forbids();

    public static Task<CommandResult<AccountDto>> HandleAsync(LibraryDbContext db, Passwords passwords, UserContext user, AccountRequest r, TimeProvider clock,
        FieldErrors? formErrors = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(passwords);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, () => OnceAsync(db, passwords, user, r, clock.GetUtcNow(), formErrors?.Copy() ?? new FieldErrors(), ct));
    }

    private static async Task<CommandResult<AccountDto>> OnceAsync(LibraryDbContext db, Passwords passwords, UserContext user, AccountRequest r, DateTimeOffset now,
        FieldErrors errors, CancellationToken ct)
    {
        if (user.Role != Role.BureauAdmin) return CommandResult<AccountDto>.Fail(CommandStatus.Forbidden, ListAccounts.AdminOnly);

        var name = Check.Text(errors, "userName", "用户名", r.UserName, TextLimits.UserName);
        if (name is not null)
        {
            if (Renewal.Services.Onboarding.UserNames.Problem(name) is { } bad) errors.Add("userName", bad);
            else if (await Renewal.Services.Onboarding.UserNames.TakenAsync(db, name, ct)) errors.Add("userName", $"用户名“{name}”已被使用");
        }
        var display = Check.Text(errors, "displayName", "显示名称", r.DisplayName, TextLimits.DisplayName);
        var role = Check.Enum(errors, "role", "角色", r.Role);

        string? code = null, area = null, bank = null;
        if (role == Role.Enterprise)
        {
            code = r.CreditCode?.Trim().ToUpperInvariant();
            if (Renewal.Policy.Model.CreditCode.Problem(code) is { } problem) errors.Add("creditCode", problem);
            else if (!await db.Enterprises.AnyAsync(e => e.CreditCode == code, ct)) errors.Add("creditCode", $"项目库中没有统一社会信用代码为 {code} 的企业");
        }
        if (role == Role.DistrictReviewer)
        {
            area = r.Area?.Trim();
            if (string.IsNullOrEmpty(area)) errors.Add("area", "区镇审核员须选择所属区镇");
            else if (!Codes.DefaultAreas.Contains(area)) errors.Add("area", $"区镇“{area}”不在可选范围内（{string.Join("、", Codes.DefaultAreas)}）");
        }
        // A bank user sees the terms of its own bank's loans only (Access.VisibleTo), so it must name its bank.
        if (role == Role.Bank) bank = Check.Text(errors, "bank", "所属银行", r.Bank, TextLimits.LoanBank);
        if (!errors.Has("password") && (TextLimits.Check(r.Password, "密码", "password", TextLimits.Password) ?? Passwords.Problem(r.Password)) is { } weak)
            errors.Add("password", weak);
        if (errors.Any) return CommandResult<AccountDto>.Invalid(errors);

        var account = new UserAccount { UserName = name!, DisplayName = display!, Role = role!.Value, CreditCode = code, Area = area, Bank = bank };
        account.SetPassword(passwords.Hash(account, r.Password!));
        db.Users.Add(account);
        AuditLog.Append(db, user.Actor, "新建账号", "user", account.UserName, null, ListAccounts.Describe(account), now);
        await db.SaveChangesAsync(ct);
        return CommandResult<AccountDto>.Success(ListAccounts.Dto(account, now));
    }
}
