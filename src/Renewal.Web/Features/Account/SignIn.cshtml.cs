using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Account;

/// <summary>Sign-in with lockout: 5 failures lock the account for 15 minutes.</summary>
[AllowAnonymous]
public sealed class SignInModel(LibraryDbContext db, Passwords passwords, TimeProvider clock) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var now = clock.GetUtcNow();
        var name = (UserName ?? "").Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, HttpContext.RequestAborted);
        if (user is null || !user.Active)
        {
            Error = Lang.T("用户名或密码错误", "Wrong user name or password");
            return Page();
        }
        if (user.LockedUntil is { } until && until > now)
        {
            Error = Lang.T($"账号因多次密码错误已锁定，请于 {Display.Time(until, "HH:mm")} 后再试", $"Account locked until {Display.Time(until, "HH:mm")}");
            return Page();
        }
        if (!passwords.Verify(user, Password ?? ""))
        {
            if (user.RecordFailedSignIn(now, Passwords.MaxFailures, Passwords.LockoutTime))
            {
                AuditLog.Append(db, new Actor(user.Id, user.UserName), "锁定", "user", user.UserName, null, "连续密码错误", now);
            }
            await db.SaveChangesAsync();
            Error = Lang.T("用户名或密码错误", "Wrong user name or password");
            return Page();
        }
        user.RecordSignIn(now);
        AuditLog.Append(db, new Actor(user.Id, user.UserName), "登录", "user", user.UserName, null, null, now);
        await db.SaveChangesAsync();
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CurrentUser.Principal(user));
        return LocalRedirect(ReturnUrl is { Length: > 0 } r && Url.IsLocalUrl(r) ? r : "/");
    }
}
