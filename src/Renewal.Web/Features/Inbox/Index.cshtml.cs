using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Notifications;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Inbox;

/// <summary>站内消息: the signed-in user's own messages, newest first; reading one marks it read.</summary>
public sealed class IndexModel(Renewal.Services.Notifications.Inbox inbox) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<Notification> Messages { get; private set; } = [];
    public int UnreadCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        Messages = await inbox.ListAsync(user, Unread, PageNumber, ct);
        UnreadCount = await inbox.UnreadAsync(user, ct);
    }

    /// <summary>Marks one message read and opens what it is about.</summary>
    public async Task<IActionResult> OnPostReadAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!await inbox.MarkReadAsync(user, id, ct)) return NotFound();
        var link = (await inbox.ListAsync(user, false, 1, ct)).FirstOrDefault(n => n.Id == id)?.Link;
        return Redirect(link is { } l && l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal) ? l : "/inbox");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.MarkReadAsync(HttpContext.User(), null, ct);
        return RedirectToPage();
    }
}
