using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;
using Renewal.Services.Workflow;

namespace Renewal.Services.Revisions;

/// <summary>An open application whose amount the revision would change: its declared figures under the rules now and with the revision.</summary>
public sealed record ApplicationImpact(int Id, string Number, string Enterprise, Scheme Scheme, int Year, ApplicationState State, decimal Before, decimal After)
{
    public decimal Change => After - Before;
}

/// <summary>One parameter a revision changes, in force on 31 December of a year: before and after (canonical text).</summary>
public sealed record ParameterEffect(string Name, string Description, ParameterType Type, int Year, object? Before, object? After);

/// <summary>
/// What publishing a draft would change (V-5), computed before it is published: the open applications whose amounts
/// change (before → after, from their declarations of record), the forecast of the whole library by scheme, level, area
/// and year, and the enterprises most affected. Approved and paid awards are listed as unchanged: they keep the rules
/// they were decided under.
/// </summary>
public sealed record RevisionImpactReport(
    Revision Revision,
    DateOnly KnownOn,
    IReadOnlyList<ParameterEffect> Parameters,
    IReadOnlyList<ApplicationImpact> Applications,
    int OpenApplications,
    int DecidedApplications,
    IReadOnlyList<WhatIfResult> Forecast)
{
    /// <summary>The forecast's totals over every year, before and after.</summary>
    public Figures Total => new(Forecast.Sum(f => f.Total.Before), Forecast.Sum(f => f.Total.After));
}

/// <summary>Computes <see cref="RevisionImpactReport"/>.</summary>
public static class RevisionImpact
{
    /// <summary>The states of an application whose amount is not yet decided (it has a declaration, no approval).</summary>
    public static readonly ApplicationState[] Open =
        [ApplicationState.Submitted, ApplicationState.DistrictReview, ApplicationState.BureauReview, ApplicationState.PublicNotice, ApplicationState.Returned];

    /// <summary>
    /// The impact of <paramref name="draft"/>, as the rules will be known on the later of <paramref name="today"/> and its
    /// published_on day: the published rules then, against the same with the draft layered last.
    /// </summary>
    /// <exception cref="ParameterException">The draft's id is that of a published revision with other content.</exception>
    public static async Task<RevisionImpactReport> ComputeAsync(LibraryDbContext db, LibrarySnapshots snapshots, RuleBook rules, Revision draft, DateOnly today,
        int top = 10, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(draft);
        var k = draft.PublishedOn > today ? draft.PublishedOn : today;
        var before = rules.On(k);
        var after = rules.WithDraft(draft, k);

        var effects = new List<ParameterEffect>();
        foreach (var year in ProgrammeYears.All)
        {
            var day = new DateOnly(year, 12, 31);
            foreach (var pv in draft.Values)
            {
                var b = before.Parameters.Find(pv.Parameter)?.At(day)?.Value;
                var a = after.Parameters.Find(pv.Parameter)?.At(day)?.Value;
                if (b is null && a is null) continue;
                if (b is not null && a is not null && ParameterValues.Same(a, b)) continue;
                var def = after.Parameters.Find(pv.Parameter)!;
                effects.Add(new ParameterEffect(pv.Parameter, def.Description, def.Type, year, b, a));
            }
        }

        var open = await db.Applications.AsNoTracking().Where(a => Open.Contains(a.State))
            .Select(a => new { a.Id, a.Number, a.Scheme, a.Year, a.State, Enterprise = a.Enterprise!.Name }).ToListAsync(ct);
        var ids = open.Select(a => a.Id).ToList();
        var declarations = (await db.Declarations.AsNoTracking()
                .Where(d => ids.Contains(d.ApplicationId) && d.Purpose == DeclarationPurpose.Submission).ToListAsync(ct))
            .GroupBy(d => d.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!);
        var changed = new List<ApplicationImpact>();
        foreach (var a in open)
        {
            if (!declarations.TryGetValue(a.Id, out var declared)) continue;
            var scenario = DeclarationOfRecord.Read(before, declared);
            var was = DeclarationOfRecord.Evaluate(before, scenario, a.Scheme, declared.Subject).Amount;
            var will = DeclarationOfRecord.Evaluate(after, scenario, a.Scheme, declared.Subject).Amount;
            if (was != will) changed.Add(new ApplicationImpact(a.Id, a.Number, a.Enterprise, a.Scheme, a.Year, a.State, was, will));
        }
        var decided = await db.Applications.CountAsync(a => a.State == ApplicationState.Approved || a.State == ApplicationState.Paid, ct);

        var forecast = new List<WhatIfResult>();
        foreach (var year in ProgrammeYears.All)
        {
            var changes = effects.Where(e => e.Year == year)
                .Select(e => new ParameterChange(e.Name, e.Description, e.Before is null ? "" : ParameterText.Format(e.Before), e.After is null ? "" : ParameterText.Format(e.After), draft.Id))
                .ToList();
            forecast.Add(WhatIf.Compare(snapshots, db, before, after, year, changes, top));
        }
        return new RevisionImpactReport(draft, k, effects, [.. changed.OrderByDescending(c => Math.Abs(c.Change)).ThenBy(c => c.Number, StringComparer.Ordinal)],
            open.Count, decided, forecast);
    }
}
