using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Data.Audit;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services;

/// <summary>Totals of one evaluation of the library: by scheme and level, and by area.</summary>
public sealed record LibraryTotals(
    IReadOnlyDictionary<string, decimal> BySchemeAndLevel,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> ByArea,
    int EligibleLines,
    decimal Total);

/// <summary>Evaluates the library with the engine, totals the result, and can store the decisions.</summary>
public static class LibraryEvaluation
{
    /// <summary>Row key of a scheme/level column: "demonstration", …, "loan_interest.province".</summary>
    public static string Column(AwardLine a) => a.Level is { } l ? $"{Codes.Of(a.Scheme)}.{Codes.Of(l)}" : Codes.Of(a.Scheme);

    /// <summary>The column keys in display order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "demonstration", "effective_investment", "tech_renovation",
        "loan_interest.central", "loan_interest.province", "loan_interest.suzhou", "loan_interest.kunshan",
    ];

    public static LibraryTotals Totals(Scenario scenario, ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var area = scenario.Enterprises.ToDictionary(e => e.Id, e => e.Area, StringComparer.Ordinal);
        var bySchemeLevel = Columns.ToDictionary(c => c, _ => 0m);
        var byArea = new SortedDictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        var eligible = 0;
        foreach (var a in result.Awards)
        {
            if (a.Amount.Yuan == 0) continue;
            eligible++;
            var column = Column(a);
            bySchemeLevel[column] += a.Amount.Yuan;
            var key = area[a.Enterprise];
            if (!byArea.TryGetValue(key, out var row)) byArea[key] = row = Columns.ToDictionary(c => c, _ => 0m);
            row[column] += a.Amount.Yuan;
        }
        return new LibraryTotals(bySchemeLevel, byArea.ToDictionary(k => k.Key, k => (IReadOnlyDictionary<string, decimal>)k.Value),
            eligible, bySchemeLevel.Values.Sum());
    }

    /// <summary>
    /// Replaces the year's <see cref="AwardStatus.Computed"/> decisions by the non-zero lines of <paramref name="result"/>
    /// (approved and paid decisions are never touched), in one transaction. Returns the number stored.
    /// </summary>
    public static int Store(LibraryDbContext db, ScenarioResult result, string parameterVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(result);
        var enterprises = db.Enterprises.AsNoTracking().ToDictionary(e => e.CreditCode, e => e.Id, StringComparer.Ordinal);
        var codeOf = enterprises.ToDictionary(e => e.Value, e => e.Key);
        var projects = db.Projects.AsNoTracking().Select(p => new { p.Id, p.Code, p.EnterpriseId }).ToList()
            .ToDictionary(p => LibraryScenario.ProjectKey(codeOf[p.EnterpriseId], p.Code), p => p.Id, StringComparer.Ordinal);
        var loans = db.Loans.AsNoTracking().ToDictionary(l => l.Code, l => l.Id, StringComparer.Ordinal);

        using var tx = db.Database.BeginTransaction();
        // One change-feed row per enterprise whose decisions are replaced, not one per decision (ADR-026).
        LibraryChanges.BeginBulk(db);
        var touched = db.AwardDecisions.Where(a => a.Year == result.Year && a.Status == AwardStatus.Computed).Select(a => a.EnterpriseId).Distinct().ToHashSet();
        db.AwardDecisions.Where(a => a.Year == result.Year && a.Status == AwardStatus.Computed).ExecuteDelete();
        var stored = 0;
        foreach (var a in result.Awards.Where(a => a.Amount.Yuan != 0))
        {
            db.AwardDecisions.Add(new AwardDecision
            {
                Scheme = a.Scheme,
                Year = result.Year,
                EnterpriseId = enterprises[a.Enterprise],
                ProjectId = a.Project is { } p && projects.TryGetValue(p, out var pid) ? pid : null,
                LoanId = a.Loan is { } l ? loans[l] : null,
                Level = a.Level,
                Eligible = a.Eligible,
                Amount = a.Amount.Yuan,
                Assumed = a.Assumed,
                ParameterVersion = parameterVersion,
                Trace = a.Trace.Count == 0 ? null : JsonSerializer.Serialize(a.Trace.Select(t => new { t.Rule, t.Article, status = t.Status.ToString(), t.Text, t.Assumed })),
                Status = AwardStatus.Computed,
                DecidedAt = now,
            });
            stored++;
        }
        db.SaveChanges();
        touched.UnionWith(db.ChangeTracker.Entries<AwardDecision>().Select(e => e.Entity.EnterpriseId));
        LibraryChanges.EndBulk(db, touched);
        tx.Commit();
        return stored;
    }
}
