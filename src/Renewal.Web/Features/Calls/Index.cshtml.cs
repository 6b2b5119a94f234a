using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Calls;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Calls;

/// <summary>
/// /calls — 申报批次: every signed-in user reads the calls (open ones first) with their windows in Beijing time, states and
/// materials; the bureau opens a call with the form below the list and closes an open one early (提前截止).
/// </summary>
public sealed class IndexModel(CallService service, TimeProvider clock) : PageModel
{
    [BindProperty] public CallForm Form { get; set; } = new();
    public IReadOnlyList<ProgrammeCall> Calls { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public Role Role { get; private set; }
    public bool IsBureau => Role is Role.BureauReviewer or Role.BureauAdmin;
    /// <summary>Fields that could not be read, and the service's refusal of the call as typed.</summary>
    public FieldErrors Errors { get; private set; } = new();
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = CallForm.Fresh(clock);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        var errors = new FieldErrors();
        if (Form.ToInput(errors) is { } input)
        {
            var r = await service.CreateAsync(user, input, ct);
            if (r.Ok)
            {
                TempData["Message"] = Lang.T($"已开设申报批次“{r.Value!.Title}”", $"Call “{r.Value!.Title}” opened");
                return Redirect($"/calls/{r.Value.Id}");
            }
            if (r.Kind == ResultKind.Forbidden) return Forbid();
            Refusal = r.Message;
        }
        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) =>
        await Close(HttpContext, service, id, "/calls", ct);

    /// <summary>提前截止 (from the list and from a call's page): refusals are said on the page it came from.</summary>
    internal static async Task<IActionResult> Close(HttpContext http, CallService service, int id, string back, CancellationToken ct)
    {
        var user = http.User();
        if (!user.IsBureau) return new ForbidResult();
        var r = await service.CloseAsync(user, id, ct);
        if (r.Kind == ResultKind.NotFound) return new NotFoundResult();
        if (r.Kind == ResultKind.Forbidden) return new ForbidResult();
        var temp = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory>().GetTempData(http);
        if (r.Ok) temp["Message"] = Lang.T($"已提前截止申报批次“{r.Value!.Title}”，此后不能再新建或提交该批次的申报", $"Call “{r.Value!.Title}” closed");
        else temp["Error"] = r.Message;
        return new RedirectResult(back);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Role = HttpContext.User().Role;
        Now = clock.GetUtcNow();
        Calls = await service.ListAsync(ct);
    }
}
