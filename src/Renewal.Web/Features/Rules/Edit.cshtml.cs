using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Renewal.Data.Entities;
using Renewal.Services.Revisions;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>/rules/drafts/{id}/edit — an administrator changes a draft (its forms, or its file); a published revision is never changed (V-6).</summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(2 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * 1024 * 1024)]
public sealed class EditModel(RuleBook rules, RevisionService revisions, TimeProvider clock) : DraftFormModel(rules, revisions, clock)
{
    public RuleRevision Row { get; private set; } = null!;

    public override string Self => $"/rules/drafts/{Row.Id}/edit";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Text = Row.Text;
        var read = Revisions.Read(Row.Text, Row.DocumentId);
        if (read.Ok) Fill(read.Value!, Row.Version);
        else
        {
            // The draft no longer reads against the pack: its text is shown to be corrected.
            Version = Row.Version;
            Errors = [.. (read.Message ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        return Page();
    }

    protected override Task<Result<RuleRevision>> StoreAsync(UserContext user, string text, string fileName, CancellationToken ct) =>
        Revisions.ReplaceAsync(user, Row.Id, text, Version, ct);

    protected override Task<IActionResult> ShowAsync(CancellationToken ct) => Task.FromResult<IActionResult>(Page());

    /// <summary>Every handler reads the draft first: it must exist and still be a draft. (Not a page handler itself: its name starts with On.)</summary>
    [Microsoft.AspNetCore.Mvc.RazorPages.NonHandler]
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var id = int.TryParse(RouteData.Values["id"]?.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (await LoadAsync(id, HttpContext.RequestAborted) is { } refused)
        {
            context.Result = refused;
            return;
        }
        await next();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (Row is not null && Row.Id == id) return null;
        var r = await Revisions.GetAsync(HttpContext.User(), id, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (!r.Ok) return NotFound();
        Row = r.Value!;
        if (Row.State != RevisionState.Draft)
        {
            TempData["Error"] = Lang.T($"修订 {Row.DocumentId} 已{RuleWords.State(Row.State).TrimStart('已')}，不能修改：更正请起草新的修订",
                $"Revision {Row.DocumentId} is {RuleWords.State(Row.State).ToLowerInvariant()} and cannot be changed: draft a new revision to correct it");
            return Redirect($"/rules/drafts/{Row.Id}");
        }
        return null;
    }
}
