using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Services.Benchmarks;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Benchmarks;

/// <summary>
/// /benchmarks/rounds/{id} — one round: its criteria, the nominations the reader may see (a district its area's) with
/// the library's figures beside each criterion, the scores with their reasons, the ranking by total score and the
/// selection. The bureau edits the draft, moves the round, scores and selects here; a district nominates from here.
/// </summary>
public sealed class RoundModel(BenchmarkService service, TimeProvider clock) : PageModel
{
    public RoundRow Round { get; private set; } = null!;
    public IReadOnlyList<NominationRow> Nominations { get; private set; } = [];
    public bool IsBureau { get; private set; }
    public bool CanNominate { get; private set; }
    [BindProperty] public RoundForm Form { get; set; } = new();
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsGovernment) return Forbid();
        if (!await LoadAsync(user, id, ct)) return NotFound();
        Form = RoundForm.Of(Round);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, long version, CancellationToken ct)
    {
        var user = HttpContext.User();
        var errors = new FieldErrors();
        var input = Form.Input(errors);
        if (input is null) return await RefuseAsync(user, id, string.Join("；", errors.All), ct, keepForm: true);
        return await DoneAsync(user, id, service.EditAsync(user, id, version, input, ct), Lang.T("已保存批次与遴选标准", "Round saved"), ct, keepForm: true);
    }

    public Task<IActionResult> OnPostOpenAsync(int id, long version, CancellationToken ct) =>
        DoneAsync(HttpContext.User(), id, service.OpenAsync(HttpContext.User(), id, version, ct), Lang.T("已开始提名，遴选标准已公布", "Nominations open"), ct);

    public Task<IActionResult> OnPostCloseAsync(int id, long version, CancellationToken ct) =>
        DoneAsync(HttpContext.User(), id, service.CloseAsync(HttpContext.User(), id, version, ct), Lang.T("提名已截止，进入评审", "Nominations closed; under review"), ct);

    public Task<IActionResult> OnPostPublishAsync(int id, long version, CancellationToken ct) =>
        DoneAsync(HttpContext.User(), id, service.PublishAsync(HttpContext.User(), id, version, ct), Lang.T("已公布遴选结果，评分与入选名单已冻结", "Published; scores and selection frozen"), ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, long version, string? reason, CancellationToken ct) =>
        DoneAsync(HttpContext.User(), id, service.WithdrawAsync(HttpContext.User(), id, version, reason, ct), Lang.T("已撤销该批次", "Round withdrawn"), ct);

    public async Task<IActionResult> OnPostScoreAsync(int id, int nominationId, int criterionId, string? score, string? reason, long? scoreVersion, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        var errors = new FieldErrors();
        var value = FormText.Whole(errors, "score", "得分（score）", score);
        if (errors.Any) return await RefuseAsync(user, id, string.Join("；", errors.All), ct);
        var r = await service.ScoreAsync(user, nominationId, criterionId, value, reason, scoreVersion, ct);
        return await AfterAsync(user, id, r.Kind, r.Message, Lang.T("已保存评分", "Score saved"), $"#n{nominationId}", ct);
    }

    public async Task<IActionResult> OnPostSelectAsync(int id, int nominationId, long version, string? reason, CancellationToken ct)
    {
        var user = HttpContext.User();
        var r = await service.SelectAsync(user, nominationId, version, reason, ct);
        return await AfterAsync(user, id, r.Kind, r.Message, Lang.T("已选定为标杆企业", "Selected"), $"#n{nominationId}", ct);
    }

    public async Task<IActionResult> OnPostUnselectAsync(int id, int nominationId, long version, CancellationToken ct)
    {
        var user = HttpContext.User();
        var r = await service.UnselectAsync(user, nominationId, version, ct);
        return await AfterAsync(user, id, r.Kind, r.Message, Lang.T("已取消入选", "Selection removed"), $"#n{nominationId}", ct);
    }

    private async Task<IActionResult> DoneAsync(UserContext user, int id, Task<Result<BenchmarkRound>> move, string done, CancellationToken ct, bool keepForm = false)
    {
        var r = await move;
        return await AfterAsync(user, id, r.Kind, r.Message, done, "", ct, keepForm);
    }

    private async Task<IActionResult> AfterAsync(UserContext user, int id, ResultKind kind, string? message, string done, string anchor, CancellationToken ct, bool keepForm = false)
    {
        if (kind == ResultKind.Forbidden) return Forbid();
        if (kind == ResultKind.NotFound && !user.IsGovernment) return NotFound();
        if (kind == ResultKind.Ok)
        {
            TempData["Message"] = done;
            return Redirect($"/benchmarks/rounds/{id}{anchor}");
        }
        return await RefuseAsync(user, id, message ?? "", ct, keepForm);
    }

    private async Task<IActionResult> RefuseAsync(UserContext user, int id, string message, CancellationToken ct, bool keepForm = false)
    {
        if (!user.IsGovernment) return Forbid();
        if (!await LoadAsync(user, id, ct)) return NotFound();
        if (!keepForm) Form = RoundForm.Of(Round);
        Refusal = message;
        return Page();
    }

    private async Task<bool> LoadAsync(UserContext user, int id, CancellationToken ct)
    {
        if (await service.RoundAsync(user, id, ct) is not { } round) return false;
        Round = round;
        IsBureau = user.IsBureau;
        CanNominate = user.Role == Role.DistrictReviewer && round.Status == BenchmarkRoundStatus.Nominating && clock.Today() <= round.NominationDeadline;
        Nominations = await service.NominationsAsync(user, id, ct);
        return true;
    }
}
