using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services.Revisions;

namespace Renewal.Web.Features.Verify;

/// <summary>
/// 核验奖补决定 (issue 11): anyone holding an award notice types its verification code — loosely: lower case, spaces,
/// without dashes — and sees the decision as the public notice shows it, the rules it was made under, and whether it
/// evaluates again to the same amounts. Public: no sign-in.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(LibraryDbContext db, RuleBook rules) : PageModel
{
    /// <summary>The code as typed (shown back in the form).</summary>
    public string? Typed { get; private set; }

    /// <summary>Why the typed code cannot be one, or that no decision has it.</summary>
    public string? Message { get; private set; }

    public VerifiedDecision? Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return Page();
        Typed = code.Trim();
        if (Declaration.NormalizeCode(code) is not { } normal)
        {
            Message = VerifyDecision.Malformed(code);
            return Page();
        }
        // The form sends ?code=…, as typed: the decision's address is its code in canonical form.
        if (!string.Equals(RouteData.Values["code"] as string, normal, StringComparison.Ordinal)) return Redirect("/verify/" + normal);
        Typed = normal;
        if (await DecisionRecords.FindAsync(db, rules, normal, ct) is not { } check)
        {
            Message = VerifyDecision.NotFound(normal);
            return Page();
        }
        Found = VerifyDecision.Of(check, rules);
        return Page();
    }
}
