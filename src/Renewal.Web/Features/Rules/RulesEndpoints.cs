using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>
/// 政策参数 under /api/v1/rules (the same as /rules): the parameters in force with their layers, and the stored revisions —
/// read by bureau reviewers and administrators, drafted, discarded and published by administrators (a draft by another
/// than its drafter, V-6). Refusals are RFC 7807 problems with the Chinese message of <see cref="Renewal.Services.Revisions.RevisionService"/>.
/// </summary>
public static class RulesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rules = api.MapGroup("/rules").RequireAuthorization(Policies.Bureau).WithTags("rules");
        ListParameters.Map(rules);
        ListRevisions.Map(rules);
        GetRevision.Map(rules);
        DraftRevision.Map(rules);
        PublishRevision.Map(rules);
        DiscardRevision.Map(rules);
        GetRevisionImpact.Map(rules);
    }

    /// <summary>A refusal of the revision service as a problem (400 invalid, 403, 404, 409), its detail the Chinese message.</summary>
    internal static ProblemHttpResult Refused<T>(Result<T> r) => ApiResults.Refused(r.Kind, r.Message);
}

/// <summary>A stored revision: its document's header, state, the two people and when; its file's text when asked for one.</summary>
public sealed record RevisionDto(int Id, string DocumentId, string Title, string Source, DateOnly PublishedOn, RevisionState State, string Hash,
    string DraftedBy, DateTimeOffset DraftedAt, string? PublishedBy, DateTimeOffset? PublishedAt, string? DiscardedBy, DateTimeOffset? DiscardedAt, string? Text)
{
    public static RevisionDto Of(RuleRevision r, bool withText = false)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.DocumentId, r.Title, r.Source, r.PublishedOn, r.State, r.Hash, r.DraftedBy, r.DraftedAt, r.PublishedBy, r.PublishedAt,
            r.DiscardedBy, r.DiscardedAt, withText ? r.Text : null);
    }
}
