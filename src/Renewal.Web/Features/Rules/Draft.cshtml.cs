using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Parameters;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Services.Simulation;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>
/// /rules/drafts/{id} — one stored revision: its file, its values in words, and for a draft what publishing it would
/// change before it is published (V-5): open applications before → after, the forecast by scheme, level, area and year,
/// the enterprises most affected, the decided awards that stay as they are. An administrator other than the drafter
/// publishes it (V-6); an administrator discards or edits it.
/// </summary>
[Authorize(Policy = Policies.Bureau)]
public sealed class DraftModel(LibraryDbContext db, RuleBook rules, RevisionService revisions, LibrarySnapshots snapshots, TimeProvider clock) : PageModel
{
    public RuleRevision Row { get; private set; } = null!;
    /// <summary>The revision as read against the pack; null when it cannot be read (<see cref="ReadError"/>).</summary>
    public Revision? Document { get; private set; }
    public string? ReadError { get; private set; }
    public RevisionImpactReport? Impact { get; private set; }
    public string? ImpactError { get; private set; }
    public bool MayWrite { get; private set; }
    /// <summary>The viewer drafted it: another administrator must publish it.</summary>
    public bool IsDrafter { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>The parameter's definition in the pack (its words and type).</summary>
    public ParameterDefinition? Definition(string name) => rules.Pack.Parameters.Find(name);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!RevisionService.MayWrite(user)) return Forbid();
        var r = await revisions.PublishAsync(user, id, ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (!r.Ok)
        {
            TempData["Error"] = Lang.T("未发布：", "Not published: ") + r.Message;
            return Redirect($"/rules/drafts/{id}");
        }
        TempData["Message"] = Lang.T($"已发布修订 {r.Value!.DocumentId}：自 {RuleWords.Date(r.Value.PublishedOn)} 起平台按其计算（已批准、已拨付的奖补不变）。",
            $"Revision {r.Value!.DocumentId} published: the platform applies it from {RuleWords.Date(r.Value.PublishedOn)} (approved and paid awards stay as they are).");
        return Redirect("/rules");
    }

    public async Task<IActionResult> OnPostDiscardAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!RevisionService.MayWrite(user)) return Forbid();
        var r = await revisions.DiscardAsync(user, id, ct);
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (!r.Ok)
        {
            TempData["Error"] = Lang.T("未作废：", "Not discarded: ") + r.Message;
            return Redirect($"/rules/drafts/{id}");
        }
        TempData["Message"] = Lang.T($"已作废草稿 {r.Value!.DocumentId}。", $"Draft {r.Value!.DocumentId} discarded.");
        return Redirect("/rules");
    }

    private async Task<IActionResult> LoadAsync(int id, CancellationToken ct)
    {
        var user = HttpContext.User();
        var r = await revisions.GetAsync(user, id, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (!r.Ok) return NotFound();
        Row = r.Value!;
        MayWrite = RevisionService.MayWrite(user);
        IsDrafter = string.Equals(Row.DraftedBy, user.UserName, StringComparison.OrdinalIgnoreCase);
        Today = clock.Today();
        var read = revisions.Read(Row.Text, Row.DocumentId);
        if (!read.Ok)
        {
            ReadError = read.Message;
            return Page();
        }
        Document = read.Value;
        // The impact is what publishing would change: a published revision is already applied, a discarded one never will be.
        if (Row.State == RevisionState.Draft)
        {
            try
            {
                Impact = await RevisionImpact.ComputeAsync(db, snapshots, rules, Document!, Today, ct: ct);
            }
            catch (ParameterException e)
            {
                ImpactError = e.Message;
            }
        }
        return Page();
    }
}
