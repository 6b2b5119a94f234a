using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>The new-account form as typed.</summary>
public sealed class AccountForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; }
    public string? CreditCode { get; set; }
    public string? Area { get; set; }
    public string? Bank { get; set; }
    public string? Password { get; set; }
}

/// <summary>/admin/accounts — the bureau administrator lists, creates, resets, deactivates, reactivates and unlocks accounts.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AccountsModel(LibraryDbContext db, Passwords passwords, TimeProvider clock) : PageModel
{
    [BindProperty] public AccountForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public Role? RoleFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? AreaFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public const int PageSize = 50;
    public IReadOnlyList<AccountDto> Accounts { get; private set; } = [];
    /// <summary>How many accounts match the search, and the pages they fill.</summary>
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public FieldErrors Errors { get; private set; } = new();
    public int MyId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ListAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var formErrors = new FieldErrors();
        var request = new AccountRequest
        {
            UserName = Form.UserName, DisplayName = Form.DisplayName,
            Role = FormText.Enum<Role>(formErrors, "role", "角色", Form.Role),
            CreditCode = Form.CreditCode, Area = Form.Area, Bank = Form.Bank, Password = Form.Password,
        };
        var result = await CreateAccount.HandleAsync(db, passwords, HttpContext.User(), request, clock, formErrors, ct);
        if (result.Ok)
        {
            TempData["Message"] = Lang.T($"已新建账号 {result.Value!.UserName}", $"Account {result.Value!.UserName} created");
            return Redirect("/admin/accounts");
        }
        if (result.Status == CommandStatus.Forbidden) return Forbid();
        Errors = result.Errors ?? new FieldErrors();
        if (result.Status != CommandStatus.Invalid) TempData["Error"] = result.Message;
        Form.Password = null; // never echoed back
        return await ListAsync(ct) ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostPasswordAsync(int id, string? password, CancellationToken ct) =>
        Done(await ResetPassword.HandleAsync(db, passwords, HttpContext.User(), id, new PasswordRequest { Password = password }, clock, ct), "已重置密码", "Password reset", "重置密码未成功");

    public async Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct) => Done(await SetActive.HandleAsync(db, HttpContext.User(), id, false, clock, ct), "已停用账号", "Account deactivated", "停用未成功");

    public async Task<IActionResult> OnPostActivateAsync(int id, CancellationToken ct) => Done(await SetActive.HandleAsync(db, HttpContext.User(), id, true, clock, ct), "已启用账号", "Account reactivated", "启用未成功");

    public async Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct) => Done(await Unlock.HandleAsync(db, HttpContext.User(), id, clock, ct), "已解锁账号", "Account unlocked", "解锁未成功");

    /// <summary>The list's address at <paramref name="page"/>, keeping the search.</summary>
    public string PageLink(int page) =>
        "/admin/accounts?" + string.Join("&", new[] { ("RoleFilter", RoleFilter?.ToString()), ("AreaFilter", AreaFilter), ("Q", Q), ("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(kv => !string.IsNullOrEmpty(kv.Item2)).Select(kv => $"{kv.Item1}={Uri.EscapeDataString(kv.Item2!)}"));

    public static string RoleName(Role r) => Lang.T(Labels.Of(r), r.ToString());

    private IActionResult Done(CommandResult<AccountDto> result, string zh, string en, string failed)
    {
        switch (result.Status)
        {
            case CommandStatus.Ok:
                TempData["Message"] = Lang.T($"{zh}：{result.Value!.UserName}", $"{en}: {result.Value!.UserName}");
                break;
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return Forbid();
            default:
                TempData["Error"] = $"{failed}：{(result.Errors is { Any: true } e ? string.Join("；", e.All) : result.Message)}";
                break;
        }
        return Redirect("/admin/accounts");
    }

    /// <summary>Loads the list; false when the user may not see it.</summary>
    private async Task<bool> ListAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        var result = await ListAccounts.PageAsync(db, user, clock.GetUtcNow(), new AccountSearch(RoleFilter, Q, AreaFilter, PageNumber, PageSize), ct);
        if (!result.Ok) return false;
        (Accounts, Total, PageNumber, Pages) = (result.Value!.Rows, result.Value.Total, result.Value.Page, result.Value.Pages);
        MyId = user.Id;
        return true;
    }
}
