using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Renewal.Data.Entities;
using Renewal.Services.Revisions;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>/rules/drafts/new — a bureau administrator drafts a revision: by the forms, or from a revision file (V-1, V-6).</summary>
[Authorize(Policy = Policies.Admin)]
[RequestSizeLimit(2 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * 1024 * 1024)]
public sealed class NewModel(RuleBook rules, RevisionService revisions, TimeProvider clock) : DraftFormModel(rules, revisions, clock)
{
    public override string Self => "/rules/drafts/new";

    public void OnGet() => Blank();

    protected override Task<Result<RuleRevision>> StoreAsync(UserContext user, string text, string fileName, CancellationToken ct) =>
        Revisions.DraftAsync(user, text, fileName, ct);

    protected override Task<IActionResult> ShowAsync(CancellationToken ct) => Task.FromResult<IActionResult>(Page());
}
