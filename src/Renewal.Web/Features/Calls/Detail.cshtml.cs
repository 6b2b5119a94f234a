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

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var call = (await service.ListAsync(ct)).FirstOrDefault(c => c.Id == id);
        if (call is null) return NotFound();
        Call = call;
        Now = clock.GetUtcNow();
        Role = HttpContext.User().Role;
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) => await IndexModel.Close(HttpContext, service, id, $"/calls/{id}", ct);
}
