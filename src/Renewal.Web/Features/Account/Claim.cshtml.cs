using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Renewal.Data;
using Renewal.Services.Onboarding;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Account;

/// <summary>
/// 开通企业账号 (issue 12 item 8), for anyone: an enterprise invited by the bureau enters its credit code and invitation
/// code, chooses a user name and a password (the rule of /account/password) and so creates its own enterprise account
/// bound to that credit code; the code is then used up (<see cref="InvitationService.ClaimAsync"/>). A wrong credit code
/// or code, a used or expired one, all answer the same message. Posts are rate limited per client address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ClaimRateLimitPolicy.Name)]
public sealed class ClaimModel(InvitationService invitations, Passwords passwords) : PageModel
{
    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? UserName { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? password, string? confirm, CancellationToken ct)
    {
        if ((TextLimits.Check(password, "密码", "password", TextLimits.Password) ?? Passwords.Problem(password)) is { } weak) return Refuse(weak);
        if (!string.Equals(password, confirm, StringComparison.Ordinal)) return Refuse("两次输入的密码不一致");
        var r = await invitations.ClaimAsync(new ClaimInput(CreditCode, Code, UserName, password), passwords.Hash, ct);
        if (!r.Ok) return Refuse(r.Message!);
        TempData["Message"] = Lang.T($"企业账号 {r.Value!.UserName} 已开通（{r.Value.DisplayName}）。请用刚设置的密码登录。",
            $"Account {r.Value!.UserName} is open. Sign in with the password you chose.");
        return Redirect("/account/signin");
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        return Page();
    }
}
