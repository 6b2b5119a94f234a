using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Scenarios;

namespace Renewal.Services.Workflow;

/// <summary>What the engine made of a declaration for the application's subject: the amount, the lines per level (D), the trace.</summary>
public sealed record SubjectAward(decimal Amount, IReadOnlyList<AwardLine> Lines, string ParameterVersion, string Trace)
{
    /// <summary>For D: the amounts per level in the stored form "province=…;suzhou=…" (levels that pay nothing left out); null otherwise.</summary>
    public string? ByLevel(Scheme scheme) => scheme != Scheme.LoanInterest ? null
        : string.Join(';', Lines.Where(l => l.Amount.Yuan != 0).Select(l => $"{Codes.Of(l.Level!.Value)}={l.Amount.Yuan.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// The declaration of record (ADR-018): the engine's input for an application frozen as a scenario file — the
/// enterprise's declared figures (its projects, yearly investment, loans and repayments, enterprise facts) and the
/// committed awards of earlier years — and the award computed from it. Pure apart from <see cref="Take"/>, which reads
/// the library once at submission.
/// </summary>
public static class DeclarationOfRecord
{
    /// <summary>
    /// The enterprise's whole library for the award year as the engine reads it, with the committed earlier awards:
    /// the scenario a submission freezes. The whole enterprise, not only the subject: C sums every project, and D's
    /// enterprise caps share out over all of its loans (D-8).
    /// </summary>
    public static Scenario Take(LibraryDbContext db, AwardApplication app) =>
        LibraryScenario.Build(db, app.Year, enterpriseId: app.EnterpriseId, name: $"申报 {app.Number}");

    /// <summary>The scenario file text of <paramref name="scenario"/> (what is hashed and stored).</summary>
    public static string Write(Scenario scenario) => ScenarioWriter.ToYaml([scenario]);

    /// <summary>The scenario a declaration stored.</summary>
    /// <exception cref="ScenarioFormatException">The stored text is not a scenario file (a damaged record).</exception>
    public static Scenario Read(PolicyEngine engine, Declaration declaration)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(declaration);
        return new ScenarioReader(engine.Parameters).Read(declaration.Scenario, $"申报快照 {declaration.ApplicationId} {declaration.VersionText}").Single();
    }

    /// <summary>The engine's name of the application's subject in the scenario: the project key, the credit code or the loan code.</summary>
    public static string SubjectOf(Scenario scenario, AwardApplication app, string? projectCode, string? loanCode)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(app);
        var credit = scenario.Enterprises.Single().Id;
        return app.Scheme switch
        {
            Scheme.TechRenovation => credit,
            Scheme.LoanInterest => loanCode ?? throw new ArgumentNullException(nameof(loanCode)),
            _ => LibraryScenario.ProjectKey(credit, projectCode ?? throw new ArgumentNullException(nameof(projectCode))),
        };
    }

    /// <summary>
    /// <paramref name="facts"/> with the committed awards of earlier years as they stand now in place of those it was
    /// declared with: what an approval computes on (a cap may have filled since the submission).
    /// </summary>
    public static Scenario WithPriorAwards(Scenario facts, Scenario now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(now);
        var prior = now.Projects.ToDictionary(p => p.Id, p => p.PriorAwards, StringComparer.Ordinal);
        return facts with
        {
            Projects = [.. facts.Projects.Select(p => p with { PriorAwards = prior.GetValueOrDefault(p.Id, ImmutableArray<PriorAward>.Empty) })],
        };
    }

    /// <summary>The award of <paramref name="scheme"/> for <paramref name="subject"/> computed from <paramref name="scenario"/>, explained.</summary>
    public static SubjectAward Evaluate(PolicyEngine engine, Scenario scenario, Scheme scheme, string subject)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var result = engine.Evaluate(scenario, explain: true);
        var lines = result.Awards.Where(a => a.Scheme == scheme && scheme switch
        {
            Scheme.TechRenovation => a.Enterprise == subject,
            Scheme.LoanInterest => a.Loan == subject,
            _ => a.Project == subject,
        }).ToList();
        var trace = JsonSerializer.Serialize(lines.Select(l => new
        {
            level = l.Level is { } lv ? Codes.Of(lv) : null, amount = l.Amount.Yuan, l.Eligible, l.FailedRule, l.Assumed,
            trace = l.Trace.Select(t => new { t.Rule, t.Article, status = t.Status.ToString(), t.Text }),
        }));
        return new SubjectAward(lines.Sum(l => l.Amount.Yuan), lines, engine.Parameters.Fingerprint, trace);
    }

    /// <summary>
    /// Evaluates a stored declaration again: null when it gives its stored amount (and per-level amounts) to the fen
    /// under the same parameter version and its hash still matches; otherwise what differs, in Chinese.
    /// </summary>
    public static string? Verify(PolicyEngine engine, Declaration declaration, Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(declaration);
        if (!declaration.IsIntact) return "快照内容与校验码不符（内容被改动）";
        if (!string.Equals(declaration.ParameterVersion, engine.Parameters.Fingerprint, StringComparison.Ordinal))
            return $"规则参数版本不同：记录为 {declaration.ParameterVersion}，当前为 {engine.Parameters.Fingerprint}";
        var again = Evaluate(engine, Read(engine, declaration), scheme, declaration.Subject);
        if (again.Amount != declaration.Amount) return $"重算金额 {again.Amount:#,##0.00} 元，记录为 {declaration.Amount:#,##0.00} 元";
        if (!string.Equals(again.ByLevel(scheme) ?? "", declaration.ByLevel ?? "", StringComparison.Ordinal))
            return $"各级金额不同：重算为 {again.ByLevel(scheme)}，记录为 {declaration.ByLevel}";
        if (declaration.DecidedAmount is { } decided)
        {
            // A reduction (核减) never exceeds the computed amount, and for D its split follows the city-first rule (ADR-022).
            if (decided < 0 || decided >= declaration.Amount) return $"核减后的批准金额 {decided:#,##0.00} 元不低于测算金额 {declaration.Amount:#,##0.00} 元";
            if (scheme == Scheme.LoanInterest && !string.Equals(Reduction.Split(declaration.ByLevel ?? "", decided), declaration.DecidedByLevel ?? "", StringComparison.Ordinal))
                return $"核减后的各级金额应为 {Reduction.Split(declaration.ByLevel ?? "", decided)}，记录为 {declaration.DecidedByLevel}";
        }
        return null;
    }
}
