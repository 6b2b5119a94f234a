using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Services;
using Renewal.Services.Benchmarks;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>
/// /benchmarks/rounds — 标杆企业遴选批次 for the government: the rounds (the bureau sees its drafts too) and, for the
/// bureau, the form of a new round with the four default criteria. Others are forbidden (the public list is /benchmarks).
/// </summary>
public sealed class RoundsModel(BenchmarkService service, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];
    public bool IsBureau { get; private set; }
    [BindProperty] public RoundForm Form { get; set; } = new();
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsGovernment) return Forbid();
        Form = RoundForm.New(Math.Clamp(clock.Year(), 2024, 2027), clock.Today().AddDays(30));
        await LoadAsync(user, ct);
        return Page();
    }

    /// <summary>A new draft round (the bureau).</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        var errors = new FieldErrors();
        var input = Form.Input(errors);
        if (input is null)
        {
            Refusal = string.Join("；", errors.All);
            await LoadAsync(user, ct);
            return Page();
        }
        var r = await service.CreateAsync(user, input, ct);
        if (!r.Ok)
        {
            Refusal = r.Message;
            await LoadAsync(user, ct);
            return Page();
        }
        TempData["Message"] = Lang.T("已新建遴选批次（草拟）。请核对遴选标准后开始提名。", "Round drafted; check its criteria, then open nominations.");
        return Redirect($"/benchmarks/rounds/{r.Value!.Id}");
    }

    private async Task LoadAsync(UserContext user, CancellationToken ct)
    {
        IsBureau = user.IsBureau;
        Rounds = await service.RoundsAsync(user, ct);
    }
}
