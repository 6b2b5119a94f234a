using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Calls;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Calls;

/// <summary>/calls/{id} — one call: its announcement, window, state and materials; the bureau may close it early, an enterprise apply in it while it is open.</summary>
public sealed class DetailModel(CallService service, TimeProvider clock) : PageModel
{
    public ProgrammeCall Call { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public Role Role { get; private set; }
    public bool IsBureau => Role is Role.BureauReviewer or Role.BureauAdmin;
    /// <summary>The notice form as typed (refused) or as stored.</summary>
    public CallNoticeInput Notice { get; private set; } = new(null, null, null, null);
    /// <summary>Why the notice as typed was not saved.</summary>
    public string? NoticeRefusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>保存公示说明: the bureau sets the call's notice text and contact for objections (audited).</summary>
    public async Task<IActionResult> OnPostNoticeAsync(int id, string? noticeText, string? noticeContact, string? noticePhone, string? noticeAddress, long? version,
        CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        var typed = new CallNoticeInput(noticeText, noticeContact, noticePhone, noticeAddress);
        var r = await service.UpdateNoticeAsync(user, id, typed, version, ct);
        if (r.Kind == Renewal.Services.Workflow.ResultKind.NotFound) return NotFound();
        if (r.Ok)
        {
            TempData["Message"] = Lang.T("公示说明已保存", "Notice saved");
            return Redirect($"/calls/{id}");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Notice = typed;
        NoticeRefusal = r.Message;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var call = (await service.ListAsync(ct)).FirstOrDefault(c => c.Id == id);
        if (call is null) return false;
        Call = call;
        Notice = new CallNoticeInput(call.NoticeText, call.NoticeContact, call.NoticePhone, call.NoticeAddress);
        Now = clock.GetUtcNow();
        Role = HttpContext.User().Role;
        return true;
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) => await IndexModel.Close(HttpContext, service, id, $"/calls/{id}", ct);
}
