using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Parameters;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Services.Simulation;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>A value a revision changes on 31 December of a year: before and after, as <c>--set</c> takes them and in words.</summary>
public sealed record EffectDto(string Name, string Title, int Year, string? Before, string? After, string BeforeWords, string AfterWords);

/// <summary>What publishing a draft would change (V-5), see <see cref="RevisionImpactReport"/>.</summary>
public sealed record ImpactDto(string Revision, DateOnly KnownOn, IReadOnlyList<EffectDto> Parameters, IReadOnlyList<ApplicationImpact> Applications,
    int OpenApplications, int DecidedApplications, Figures Total, IReadOnlyList<WhatIfResult> Forecast);

/// <summary>The impact of a draft before it is published (GET /api/v1/rules/revisions/{id}/impact; the page shows it on /rules/drafts/{id}).</summary>
public static class GetRevisionImpact
{
    public static void Map(RouteGroupBuilder rules) =>
        rules.MapGet("/revisions/{id:int}/impact", async Task<Results<Ok<ImpactDto>, ProblemHttpResult>> (int id, HttpContext http, RevisionService revisions,
            LibraryDbContext db, RuleBook book, LibrarySnapshots snapshots, TimeProvider clock, CancellationToken ct) =>
        {
            var row = await revisions.GetAsync(http.User(), id, ct);
            if (!row.Ok) return RulesEndpoints.Refused(row);
            if (row.Value!.State != RevisionState.Draft)
                return ApiResults.Refused(ResultKind.Conflict, $"修订 {row.Value.DocumentId} 已{RuleWords.State(row.Value.State).TrimStart('已')}：只有草稿有发布前的影响");
            var read = revisions.Read(row.Value.Text, row.Value.DocumentId);
            if (!read.Ok) return RulesEndpoints.Refused(read);
            try
            {
                var r = await RevisionImpact.ComputeAsync(db, snapshots, book, read.Value!, clock.Today(), ct: ct);
                return TypedResults.Ok(new ImpactDto(r.Revision.Id, r.KnownOn, [.. r.Parameters.Select(Effect)], r.Applications, r.OpenApplications,
                    r.DecidedApplications, r.Total, r.Forecast));
            }
            catch (ParameterException e)
            {
                return ApiResults.Refused(ResultKind.Conflict, e.Message);
            }
        }).WithName("GetRevisionImpact").WithSummary("规则修订草稿发布前的影响：在办申报金额变化、按政策、层级、区镇和年度的预测，受影响最大的企业").Forbids();

    private static EffectDto Effect(ParameterEffect e)
    {
        var words = new ParameterDefinition(e.Name, e.Type, e.Description, []);
        return new EffectDto(e.Name, ParameterWords.Title(words), e.Year, e.Before is null ? null : ParameterInput.Canonical(e.Before), e.After is null ? null : ParameterInput.Canonical(e.After),
            ParameterWords.Of(e.Type, e.Before, e.Name), ParameterWords.Of(e.Type, e.After, e.Name));
    }
}
