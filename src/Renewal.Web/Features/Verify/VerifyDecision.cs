using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Verify;

/// <summary>A revision a decision was made under: its id and, when the platform holds it, its title.</summary>
public sealed record VerifiedRevision(string Id, string? Title);

/// <summary>
/// What anyone may learn from a verification code (核验码, issue 11): the decision as the public notice (公示) already
/// shows it — number, enterprise name, scheme, year, amount, state — and what it rests on (K, the revisions, the
/// parameter version, the snapshot's SHA-256), with the verdict of evaluating it again. No credit code, no contact,
/// no declared figures: the code is printed on a paper anyone may hold.
/// </summary>
public sealed record VerifiedDecision(string Code, string Number, string Enterprise, Scheme Scheme, string SchemeName, int Year, decimal Amount,
    ApplicationState State, string StateName, DateTimeOffset DecidedAt, DateOnly? KnownOn, IReadOnlyList<VerifiedRevision> Revisions, string Rules,
    string ParameterVersion, string SnapshotHash, bool Reproduces, string? Problem, string Verdict)
{
    /// <summary>For a decision reduced on review (核减): what the rules computed; <see cref="Amount"/> is what was decided. The reason stays with the reviewers.</summary>
    public decimal? Computed { get; init; }
}

/// <summary>
/// <c>GET /api/v1/verify/{code}</c> (anonymous) and the words the page <c>/verify/{code}</c> and the application page
/// share: the rules a decision was made under, and the verdict.
/// </summary>
public static class VerifyDecision
{
    /// <summary>The verdict of a decision that evaluates again to the same amounts.</summary>
    public const string Agrees = "按记录的申报快照与规则重算，结果一致（到分）";

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/verify/{code}", async Task<Results<Ok<VerifiedDecision>, ProblemHttpResult>> (string code, LibraryDbContext db, RuleBook rules, CancellationToken ct) =>
            {
                if (Declaration.NormalizeCode(code) is null)
                    return TypedResults.Problem(Malformed(code), statusCode: StatusCodes.Status400BadRequest, title: "核验码格式不对");
                var found = await DecisionRecords.FindAsync(db, rules, code, ct);
                return found is null
                    ? TypedResults.Problem(NotFound(code), statusCode: StatusCodes.Status404NotFound, title: "未找到")
                    : TypedResults.Ok(Of(found, rules));
            })
            .AllowAnonymous().WithSummary("核验奖补决定（公开）：按核验码查找决定并按记录的快照与规则重算")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The public fields of a checked decision.</summary>
    public static VerifiedDecision Of(DecisionCheck d, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(rules);
        return new VerifiedDecision(d.Code ?? "", d.Number, d.Enterprise, d.Scheme, Codes.Label(d.Scheme), d.Year, d.Amount, d.State, Labels.Of(d.State),
            BeijingTime.At(d.DecidedAt), d.KnownOn, Revisions(d, rules), RulesInWords(d, rules), d.ParameterVersion, d.SnapshotHash, d.Reproduces, d.Problem,
            Verdict(d)) { Computed = d.Reduced?.Computed };
    }

    /// <summary>The revisions a decision names, with their titles as published here.</summary>
    public static IReadOnlyList<VerifiedRevision> Revisions(DecisionCheck d, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(rules);
        return [.. d.Revisions.Select(id => new VerifiedRevision(id, rules.Published.FirstOrDefault(r => r.Id == id)?.Title))];
    }

    /// <summary>
    /// The rules in words, in the page's language: “按 2026-03-12 已知的规则；规则修订：KS-2026-01 有效投入奖补比例调整为 10%”,
    /// or “规则包本身（无修订）”.
    /// </summary>
    public static string RulesInWords(DecisionCheck d, RuleBook rules)
    {
        var revisions = Revisions(d, rules);
        var pack = Lang.T("规则包本身（无修订）", "the rule pack itself (no revision)");
        var known = d.KnownOn is { } k ? Lang.T($"按 {k:yyyy-MM-dd} 已知的规则", $"Rules as known on {k:yyyy-MM-dd}") : null;
        var list = revisions.Count == 0 ? null
            : Lang.T("规则修订：", "revisions: ") + string.Join(Lang.T("；", "; "), revisions.Select(r => r.Title is null ? r.Id : $"{r.Id} {r.Title}"));
        return (known, list) switch
        {
            (null, null) => Lang.T("规则包本身（无修订）", "The rule pack itself (no revision)"),
            (null, { } l) => l,
            ({ } kn, null) => kn + Lang.T("：", ": ") + pack,
            ({ } kn, { } l) => kn + Lang.T("；", "; ") + l,
        };
    }

    /// <summary>The verdict: the same to the fen, or what differs.</summary>
    public static string Verdict(DecisionCheck d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Reproduces ? Agrees : "按记录的申报快照与规则重算，结果不一致：" + d.Problem;
    }

    /// <summary>Why a typed code cannot be one (in Chinese: the API's and the page's message).</summary>
    public static string Malformed(string? typed)
    {
        var shown = (typed ?? "").Trim();
        if (shown.Length > 40) shown = shown[..40] + "…";
        return $"核验码“{shown}”格式不对：核验码为 12 位字母或数字，如 7Q2M-9KXD-41PA（不分大小写，可不带短横线）";
    }

    /// <summary>No decision has the code.</summary>
    public static string NotFound(string? typed) => $"未找到核验码为 {Declaration.NormalizeCode(typed) ?? typed} 的奖补决定：请核对通知书上的核验码";
}
