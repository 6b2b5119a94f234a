using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Admin;

/// <summary>The new-token form as typed.</summary>
public sealed class TokenForm
{
    public string? Name { get; set; }
    public string? ExpiresOn { get; set; }
}

/// <summary>
/// /admin/accounts/{id}/tokens — the bureau administrator issues, lists and revokes an account's API tokens. A new
/// token's secret is shown on the answer to the post itself (not after a redirect, so it never travels in TempData's
/// cookie), once, with the hint to copy it; the page is not cached.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class TokensModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public TokenForm Form { get; set; } = new();
    public AccountDto Account { get; private set; } = null!;
    public IReadOnlyList<ApiTokenDto> Tokens { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    public IssuedTokenDto? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostIssueAsync(int id, CancellationToken ct)
    {
        var formErrors = new FieldErrors();
        var request = new TokenRequest { Name = Form.Name, ExpiresOn = FormText.Date(formErrors, "expiresOn", "有效期至", Form.ExpiresOn) };
        var result = await IssueToken.HandleAsync(db, HttpContext.User(), id, request, clock, formErrors, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                Issued = result.Value;
                Form = new TokenForm();
                Response.Headers.CacheControl = "no-store";
                break;
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return Forbid();
            case CommandStatus.Invalid:
                Errors = result.Errors ?? new FieldErrors();
                break;
            default:
                TempData["Error"] = result.Message;
                break;
        }
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, int tokenId, CancellationToken ct)
    {
        var result = await RevokeToken.HandleAsync(db, HttpContext.User(), id, tokenId, clock, ct);
        switch (result.Status)
        {
            case CommandStatus.Ok:
                TempData["Message"] = Lang.T($"已撤销令牌 {result.Value!.Prefix}…（{result.Value.Name}）", $"Token {result.Value!.Prefix}… revoked");
                break;
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Forbidden:
                return Forbid();
            default:
                TempData["Error"] = $"撤销未成功：{result.Message}";
                break;
        }
        return Redirect($"/admin/accounts/{id}/tokens");
    }

    /// <summary>Today and a year from today in Beijing: the form's bounds and default.</summary>
    public string Today => FormText.Of(Renewal.Services.BeijingTime.Today(clock));

    public string LatestDay => FormText.Of(Renewal.Services.BeijingTime.Today(clock).AddYears(1));

    /// <summary>Loads the account and its tokens; an answer when the page cannot be shown.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var result = await ListTokens.HandleAsync(db, HttpContext.User(), id, clock.GetUtcNow(), ct);
        if (result.Status == CommandStatus.NotFound) return NotFound();
        if (!result.Ok) return Forbid();
        (Account, Tokens) = result.Value;
        return null;
    }
}
