using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Account;

/// <summary>
/// Sign-in, throttled and locked as ADR-015 says: posts per client address are rate limited (429), wrong passwords
/// per account name too (429); <see cref="SignInThrottlingOptions.LockFailures"/> wrong passwords in a row lock the
/// account for <see cref="SignInThrottlingOptions.LockoutTime"/>, but a lock refuses only the addresses that guessed
/// wrong. An unknown account, a wrong password and a lock all answer the same message. The failure count is
/// updated in SQL (no lost update, no concurrency exception when many guesses arrive at once).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SignInThrottle.Policy)]
public sealed class SignInModel(LibraryDbContext db, Passwords passwords, SignInThrottle throttle, TimeProvider clock) : PageModel
{
    /// <summary>The one answer to every refused sign-in: says nothing about whether the account exists or is locked.</summary>
    public const string Refused = "用户名或密码错误，或账号暂时锁定，请稍后再试";
    public const string RefusedEn = "Wrong user name or password, or the account is locked for a while; please try again later";

    // Verified for unknown names, so that an unknown name takes as long as a wrong password.
    private static readonly Lazy<UserAccount> Nobody = new(() =>
    {
        var u = new UserAccount { UserName = "", DisplayName = "" };
        u.SetPassword(new Passwords().Hash(u, Guid.NewGuid().ToString()));
        return u;
    });

    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        var name = (UserName ?? "").Trim();
        var address = SignInThrottle.AddressOf(HttpContext);
        var limits = throttle.Options;
        if (!throttle.AccountHasRoom(name))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = Lang.T(SignInThrottle.Message, SignInThrottle.MessageEn);
            return Page();
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, ct);
        var locked = user is not null && user.IsLockedAt(now);
        // A lock holds back the addresses that guessed wrong for the account, not the account's owner elsewhere.
        if (locked && throttle.GuessedWrongRecently(name, address)) return Refuse();
        if (user is null || !user.Active)
        {
            passwords.Verify(Nobody.Value, Password ?? "");
            throttle.RecordWrong(name, address);
            return Refuse();
        }
        if (!passwords.Verify(user, Password ?? ""))
        {
            throttle.RecordWrong(name, address);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
            // Exactly one of the guesses that reach the limit sets the lock: the update re-reads the count and finds the
            // lock as it was read (an equality, which SQLite can compare for DateTimeOffset; an order it cannot).
            var lockedNow = !locked && await db.Users
                .Where(u => u.Id == user.Id && u.FailedSignIns >= limits.LockFailures && u.LockedUntil == user.LockedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, now + limits.LockoutTime), ct) == 1;
            if (lockedNow) await AuditAsync(user, "锁定", "连续密码错误", now, ct);
            return Refuse();
        }
        throttle.RecordRight(name, address);
        // During a lock the owner signs in from an address that did not guess wrong; the lock stays for the others.
        if (!locked)
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), ct);
        await AuditAsync(user, "登录", null, now, ct);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CurrentUser.Principal(user));
        return LocalRedirect(ReturnUrl is { Length: > 0 } r && Url.IsLocalUrl(r) ? r : "/");
    }

    private PageResult Refuse()
    {
        Error = Lang.T(Refused, RefusedEn);
        return Page();
    }

    /// <summary>Appends to the audit log (sealed at the chain's head under its lock when saved, ADR-017: concurrent sign-ins take turns).</summary>
    private async Task AuditAsync(UserAccount user, string action, string? after, DateTimeOffset now, CancellationToken ct)
    {
        AuditLog.Append(db, new Actor(user.Id, user.UserName), action, "user", user.UserName, null, after, now);
        await db.SaveChangesAsync(ct);
    }
}
