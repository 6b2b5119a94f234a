using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Services.Workflow;

/// <summary>One record of an application's declaration, with what changed since the previous submission (empty for the first).</summary>
public sealed record DeclarationVersion(Declaration Record, Declaration? Previous, IReadOnlyList<DeclarationChange> Changes);

/// <summary>
/// An application's declarations as reviewers read them (ADR-018): every submission with its differences from the one
/// before and the award before and after, the approval's record, the declared figures of the latest submission, and —
/// while the application is in progress — what the library holds now that differs from the declaration (it does not
/// change the application; the enterprise withdraws or asks for a return to declare it).
/// </summary>
public sealed record DeclarationHistory(IReadOnlyList<DeclarationVersion> Versions, Scenario? Declared, IReadOnlyList<DeclarationChange> SinceDeclared)
{
    /// <summary>The latest submission, the declaration of record.</summary>
    public DeclarationVersion? Latest => Versions.LastOrDefault(v => v.Record.Purpose == DeclarationPurpose.Submission);

    /// <summary>The approval's record, once approved.</summary>
    public Declaration? Approval => Versions.Select(v => v.Record).FirstOrDefault(r => r.Purpose == DeclarationPurpose.Approval);

    /// <summary>The declarations of <paramref name="app"/> (which the caller has authorized the user to see).</summary>
    public static async Task<DeclarationHistory> LoadAsync(LibraryDbContext db, PolicyEngine engine, AwardApplication app, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(app);
        var records = await db.Declarations.AsNoTracking().Where(d => d.ApplicationId == app.Id).OrderBy(d => d.Id).ToListAsync(ct);
        var versions = new List<DeclarationVersion>();
        Declaration? previous = null;
        Scenario? previousScenario = null;
        Scenario? declared = null;
        foreach (var record in records)
        {
            var scenario = DeclarationOfRecord.Read(engine, record);
            if (record.Purpose == DeclarationPurpose.Approval)
            {
                versions.Add(new DeclarationVersion(record, previous, []));
                continue;
            }
            versions.Add(new DeclarationVersion(record, previous, previousScenario is null ? [] : DeclarationDiff.Between(previousScenario, scenario)));
            (previous, previousScenario, declared) = (record, scenario, scenario);
        }
        var inProgress = app.State is ApplicationState.Submitted or ApplicationState.DistrictReview or ApplicationState.BureauReview or ApplicationState.PublicNotice;
        var since = inProgress && declared is not null
            ? DeclarationDiff.Between(declared, LibraryScenario.Build(db, app.Year, enterpriseId: app.EnterpriseId))
            : [];
        return new DeclarationHistory(versions, declared, since);
    }
}
