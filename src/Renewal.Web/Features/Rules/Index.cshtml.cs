using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>
/// 政策参数 (issue 11 item 3): every parameter in force — today, or on 31 December of a programme year — in words with
/// its source and its history of layers (V-2), grouped by scheme; the revisions published and drafted, and the
/// published ones the platform could not read. Bureau reviewers and administrators read it; administrators draft.
/// </summary>
[Authorize(Policy = Policies.Bureau)]
public sealed class IndexModel(RuleBook rules, RevisionService revisions, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }
    /// <summary>The day the values are read: today, or 31 December of <see cref="Year"/>.</summary>
    public DateOnly Day { get; private set; }
    /// <summary>The programme year chosen; null = today.</summary>
    public int? Year { get; private set; }
    public IReadOnlyList<RuleGroup> Groups { get; private set; } = [];
    public IReadOnlyList<RuleRevision> Published { get; private set; } = [];
    public IReadOnlyList<RuleRevision> Drafts { get; private set; } = [];
    public IReadOnlyList<RuleRevision> Discarded { get; private set; } = [];
    public IReadOnlyList<RuleBookProblem> Problems { get; private set; } = [];
    public bool MayWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        var user = HttpContext.User();
        var list = await revisions.ListAsync(user, ct);
        if (list.Kind == Renewal.Services.Workflow.ResultKind.Forbidden) return Forbid();
        Today = clock.Today();
        Year = year is { } y && ProgrammeYears.Contains(y) ? y : null;
        Day = Year is { } chosen ? new DateOnly(chosen, 12, 31) : Today;
        Groups = RuleParameters.Of(rules.On(Today).Parameters, Day);
        var rows = list.Value ?? [];
        // Published in the order the platform applies them (V-2), the newest first on the page.
        Published = [.. rows.Where(r => r.State == RevisionState.Published).OrderByDescending(r => r.PublishedAt?.UtcTicks).ThenByDescending(r => r.Id)];
        Drafts = [.. rows.Where(r => r.State == RevisionState.Draft)];
        Discarded = [.. rows.Where(r => r.State == RevisionState.Discarded)];
        Problems = rules.Problems;
        MayWrite = RevisionService.MayWrite(user);
        return Page();
    }

    /// <summary>The id of a parameter's row (for a link to it and for tests).</summary>
    public static string RowId(string parameter) => "param-" + parameter.Replace('.', '-');
}
