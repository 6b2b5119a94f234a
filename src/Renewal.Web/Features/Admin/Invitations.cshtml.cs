using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Services.Onboarding;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Admin;

/// <summary>
/// /admin/invitations — 邀请企业开通账号 (issue 12 item 8): the bureau administrator lists the enterprises of the library
/// that have no account (by area, a name or credit-code search, a page at a time), selects some and makes their
/// invitation codes. The codes are shown once, on the answer to that post, with a download of them as xlsx (enterprise
/// name, credit code, code, expiry) to hand out; the download posts the shown codes back and writes only those that
/// still match an open invitation. Only hashes are stored (<see cref="InvitationService"/>).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class InvitationsModel(InvitationService invitations, InvitationOptions options, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<InvitationCandidate> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<IssuedInvitation> Issued { get; private set; } = [];
    public string? Error { get; private set; }
    public int Days => options.Days;
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ListAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostCreateAsync(string[]? selected, int? days, CancellationToken ct)
    {
        var r = await invitations.CreateAsync(HttpContext.User(), selected ?? [], days, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Ok) Issued = r.Value!;
        else Error = r.Message;
        return await ListAsync(ct) ? Page() : Forbid();
    }

    /// <summary>The xlsx of the codes just shown (posted back as id and code pairs), for those that still open their invitation.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(int[]? id, string[]? code, CancellationToken ct)
    {
        var ids = id ?? [];
        var codes = code ?? [];
        var shown = ids.Zip(codes, (i, c) => (i, c ?? "")).Take(1000).ToList();
        var r = await invitations.ConfirmAsync(HttpContext.User(), shown, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (!r.Ok)
        {
            Error = r.Message;
            return await ListAsync(ct) ? Page() : Forbid();
        }
        Response.Headers.CacheControl = "private, no-store";
        var claim = $"{Request.Scheme}://{Request.Host}/account/claim";
        return File(InvitationService.Workbook(r.Value!, claim), Library.ImportModel.XlsxType, $"企业账号邀请码-{BeijingTimeText()}.xlsx");
    }

    public string PageLink(int page) =>
        "/admin/invitations?" + string.Join("&", new[] { ("Area", Area), ("Q", Q), ("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(kv => !string.IsNullOrEmpty(kv.Item2)).Select(kv => $"{kv.Item1}={Uri.EscapeDataString(kv.Item2!)}"));

    private string BeijingTimeText() => Renewal.Services.BeijingTime.At(Now).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> ListAsync(CancellationToken ct)
    {
        var r = await invitations.CandidatesAsync(HttpContext.User(), Area, Q, PageNumber, PageSize, ct);
        if (!r.Ok) return false;
        (Rows, Total) = r.Value;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        return true;
    }
}
