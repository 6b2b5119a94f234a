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

    public IActionResult OnGet(int id) => Load(id) ?? Page();

    public IActionResult OnPostMove(int id, WorkflowAction action, string? comment, long version)
    {
        var r = service.Move(HttpContext.User(), id, action, comment, version);
        return After(id, r.Ok, r.Message, Lang.T($"已{Labels.Of(action)}", $"Done: {action}"), r.Kind);
    }

    public IActionResult OnPostObjection(int id, string? content)
    {
        var r = service.RaiseObjection(HttpContext.User(), id, content ?? "");
        return After(id, r.Ok, r.Message, Lang.T("异议已记录", "Objection recorded"), r.Kind);
    }

    public IActionResult OnPostResolve(int id, int objectionId, string? resolution)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        if (!db.Objections.Any(o => o.Id == objectionId && o.ApplicationId == id)) return NotFound();
        var r = service.ResolveObjection(user, objectionId, resolution ?? "");
        return After(id, r.Ok, r.Message, Lang.T("异议已处理", "Objection resolved"), r.Kind);
    }

    private IActionResult After(int id, bool ok, string? message, string success, ResultKind kind)
    {
        if (kind is ResultKind.NotFound) return db.Applications.Any(a => a.Id == id) ? Forbid() : NotFound();
        if (ok) TempData["Message"] = success;
        else TempData["Error"] = message;
        return Redirect($"/applications/{id}");
    }

    private IActionResult? Load(int id)
    {
        var user = HttpContext.User();
        Role = user.Role;
        var found = Scope.Find(db, user, db.Applications.AsNoTracking()
            .Include(a => a.Enterprise).Include(a => a.Project).Include(a => a.Loan)
            .Include(a => a.Events).Include(a => a.Objections), id);
        if (found.Result is { } refusal) return refusal;
        App = found.Value!;
        Actions = [.. Transitions.Available(App.State, user.Role)];
        if (App.Trace is { Length: > 0 } json)
            Trace = JsonSerializer.Deserialize<List<TraceLine>>(json, Json) ?? [];
        return null;
    }
}
