using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Library;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Applications;

/// <summary>One application: what was computed and why, its history and objections, and the moves the user may make.</summary>
public sealed class DetailModel(LibraryDbContext db, ApplicationService service) : PageModel
{
    public AwardApplication App { get; private set; } = null!;
    public IReadOnlyList<WorkflowAction> Actions { get; private set; } = [];
    public List<TraceLine> Trace { get; private set; } = [];
    public Role Role { get; private set; }

    public sealed record TraceLine(string? Level, decimal Amount, bool Eligible, string? FailedRule, bool Assumed, List<TraceStepDto> Trace);

    public sealed record TraceStepDto(string Rule, string Article, string Status, string Text);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostMoveAsync(int id, WorkflowAction action, string? comment, long version, decimal? confirmAmount, CancellationToken ct)
    {
        var r = await service.MoveAsync(HttpContext.User(), id, action, comment, version, confirmAmount, ct);
        return await AfterAsync(id, r.Ok, r.Message, Lang.T($"已{Labels.Of(action)}", $"Done: {action}"), r.Kind, ct);
    }

    public async Task<IActionResult> OnPostObjectionAsync(int id, string? content, CancellationToken ct)
    {
        var r = await service.RaiseObjectionAsync(HttpContext.User(), id, content ?? "", ct);
        return await AfterAsync(id, r.Ok, r.Message, Lang.T("异议已记录", "Objection recorded"), r.Kind, ct);
    }

    public async Task<IActionResult> OnPostResolveAsync(int id, int objectionId, string? resolution, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        if (!await db.Objections.AnyAsync(o => o.Id == objectionId && o.ApplicationId == id, ct)) return NotFound();
        var r = await service.ResolveObjectionAsync(user, objectionId, resolution ?? "", ct);
        return await AfterAsync(id, r.Ok, r.Message, Lang.T("异议已处理", "Objection resolved"), r.Kind, ct);
    }

    private async Task<IActionResult> AfterAsync(int id, bool ok, string? message, string success, ResultKind kind, CancellationToken ct)
    {
        if (kind is ResultKind.NotFound) return await db.Applications.AnyAsync(a => a.Id == id, ct) ? Forbid() : NotFound();
        if (ok) TempData["Message"] = success;
        else TempData["Error"] = message;
        return Redirect($"/applications/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        Role = user.Role;
        var found = await Scope.FindAsync(db, user, db.Applications.AsNoTracking()
            .Include(a => a.Enterprise).Include(a => a.Project).Include(a => a.Loan)
            .Include(a => a.Events).Include(a => a.Objections), id, ct);
        if (found.Result is { } refusal) return refusal;
        App = found.Value!;
        Actions = [.. Transitions.Available(App.State, user.Role)];
        if (App.Trace is { Length: > 0 } json)
            Trace = JsonSerializer.Deserialize<List<TraceLine>>(json, Json) ?? [];
        return null;
    }
}
