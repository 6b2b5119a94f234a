using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Parameters;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Services.Simulation;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>One dated value of a layer: its period (both days included), the value as <c>--set</c> takes it and in words, its source.</summary>
public sealed record DatedValueDto(DateOnly From, DateOnly? Until, string Value, string Words, string Source, string SourceWords, string? Note);

/// <summary>A layer of a parameter (V-2): the pack (revision null, 2024-05-14) or a published revision, with its own values.</summary>
public sealed record LayerDto(string? Revision, string Title, DateOnly? PublishedOn, IReadOnlyList<DatedValueDto> Values);

/// <summary>A parameter in force on <see cref="Day"/>: its value (null when not in force), source, whether it is assumed (暂定值), and its layers.</summary>
public sealed record RuleParameterDto(string Name, string Scheme, string Title, string Description, string Type, DateOnly Day,
    DatedValueDto? InForce, string? Revision, bool Assumed, IReadOnlyList<LayerDto> Layers)
{
    internal static DatedValueDto Value(ParameterDefinition d, DatedValue v) => new(v.From, v.Until, ParameterInput.Canonical(v.Value),
        ParameterWords.Of(d.Type, v.Value, d.Name), v.Source.Reference, RuleWords.Source(v.Source), v.Source.Note);

    internal static RuleParameterDto Of(RuleParameter p, DateOnly day) => new(p.Name, RuleParameters.GroupOf(p.Name), ParameterWords.Title(p.Definition),
        p.Definition.Description, p.Definition.Type.ToString(), day, p.InForce is { } v ? Value(p.Definition, v) : null, p.InForce?.Revision, p.Assumed,
        [.. p.Layers.Select(l => new LayerDto(l.Revision, l.Title, l.PublishedOn, [.. l.Values.Select(v => Value(p.Definition, v))]))]);
}

/// <summary>
/// Every parameter in force — today, or on 31 December of <c>year</c> — as known today, with its layers (GET
/// /api/v1/rules/parameters; the page is /rules).
/// </summary>
public static class ListParameters
{
    public static void Map(RouteGroupBuilder rules) =>
        rules.MapGet("/parameters", Results<Ok<IReadOnlyList<RuleParameterDto>>, ProblemHttpResult> (int? year, RuleBook book, TimeProvider clock) =>
        {
            if (year is { } y && !ProgrammeYears.Contains(y))
                return TypedResults.Problem($"年度应为 {ProgrammeYears.First}–{ProgrammeYears.Last}，实为 {y}", statusCode: StatusCodes.Status400BadRequest, title: "参数错误");
            var today = clock.Today();
            var day = year is { } chosen ? new DateOnly(chosen, 12, 31) : today;
            var groups = RuleParameters.Of(book.On(today).Parameters, day);
            return TypedResults.Ok<IReadOnlyList<RuleParameterDto>>([.. groups.SelectMany(g => g.Parameters).Select(p => RuleParameterDto.Of(p, day))]);
        }).WithName("ListRuleParameters").WithSummary("现行政策参数：今天（或某年度 12 月 31 日）有效的取值、依据、是否暂定值，以及规则包和各修订的沿革").Forbids();
}
