using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Configurations;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Account;

/// <summary>
/// 修改密码 (issue 12 item 8): every signed-in user changes their own password, proving the current one; the same rules
/// as the administrator's (8+ characters, letters and digits). Audited without the password. A wrong current password
/// counts toward the account's lock like a wrong sign-in (ADR-015), so this page cannot be used to guess it.
/// </summary>
public sealed class PasswordModel(LibraryDbContext db, Passwords passwords, TimeProvider clock) : PageModel
{
    public string? Error { get; private set; }
    public bool Changed { get; private set; }

    public void OnGet(bool changed = false) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm, CancellationToken ct)
    {
        var me = HttpContext.User();
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == me.Id, ct);
        if (account is null) return Forbid();
        var now = clock.GetUtcNow();
        if (account.IsLockedAt(now)) { Error = "账号已暂时锁定，请稍后再试"; return Page(); }
        if (string.IsNullOrEmpty(current) || !passwords.Verify(account, current))
        {
            account.RecordFailedSignIn(now, Passwords.MaxFailures, Passwords.LockoutTime);
            await db.SaveChangesAsync(ct);
            Error = "当前密码不正确";
            return Page();
        }
        if ((TextLimits.Check(password, "新密码", "password", TextLimits.Password) ?? Passwords.Problem(password)) is { } weak)
        {
            Error = weak.StartsWith('新') ? weak : "新" + weak;
            return Page();
        }
        if (!string.Equals(password, confirm, StringComparison.Ordinal)) { Error = "两次输入的新密码不一致"; return Page(); }
        if (string.Equals(password, current, StringComparison.Ordinal)) { Error = "新密码不能与当前密码相同"; return Page(); }
        account.SetPassword(passwords.Hash(account, password!));
        AuditLog.Append(db, me.Actor, "修改密码", "user", account.UserName, null, "{\"password\":\"已修改\"}", now);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { changed = true });
    }
}
