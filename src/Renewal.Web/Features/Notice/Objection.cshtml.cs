using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Notice;

/// <summary>
/// /notice/{id}/objection — 提出异议 without signing in (issue 12 item 6): the application as the notice shows it, the
/// contact of its call, and a form (姓名, 联系方式, 异议理由) taken only while its notice runs. The form carries the
/// antiforgery token like every form; its posts are limited per client address (<see cref="ObjectionThrottle"/>).
/// Refusals name the field and keep what was typed. An application not on the public notice is not found.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ObjectionThrottle.Policy)]
public sealed class ObjectionModel(PublicObjections service) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public PublicNoticeItem Item { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    /// <summary>Why the objection was not taken, when it is not a field's fault (its notice ended meanwhile).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await service.FindAsync(id, ct) is not { } item) return NotFound();
        Item = item;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var r = await service.RaiseAsync(id, new PublicObjectionInput(Name, Contact, Reason), SignInThrottle.AddressOf(HttpContext), ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Ok)
        {
            TempData["Message"] = Lang.T($"异议已提交。市工信局将核实处理，并通过您留下的联系方式答复。",
                "Objection received. The bureau will check it and answer you through the contact you gave.");
            return Redirect("/notice");
        }
        Item = (await service.FindAsync(id, ct))!;
        Errors = r.FieldErrors;
        Refusal = r.FieldErrors.Count == 0 ? r.Message : null;
        return Page();
    }
}
