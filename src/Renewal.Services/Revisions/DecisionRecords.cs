using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;

namespace Renewal.Services.Revisions;

/// <summary>One decided award checked again: what it rests on, and what differs when evaluated again (null = reproduces to the fen).</summary>
public sealed record DecisionCheck(int ApplicationId, string Number, string Enterprise, Scheme Scheme, int Year, ApplicationState State, string? Code,
    decimal Amount, string? ByLevel, DateOnly? KnownOn, IReadOnlyList<string> Revisions, string ParameterVersion, string SnapshotHash,
    DateTimeOffset DecidedAt, string? Problem)
{
    public bool Reproduces => Problem is null;

    /// <summary>For a reduced approval (核减): the amount the engine computed (<see cref="Amount"/> is what was decided) and why it was reduced.</summary>
    public (decimal Computed, string Reason)? Reduced { get; init; }
}

/// <summary>
/// The decision of record of every approved or paid award (issue 11): its declaration snapshot, its K and revision ids,
/// the hash of the resolved parameters, and a verification code. <see cref="VerifyAllAsync"/> evaluates each again under
/// exactly the rules it names and reports any that differ by a fen; <see cref="FindAsync"/> answers <c>/verify/{code}</c>.
/// </summary>
public static class DecisionRecords
{
    private static readonly ApplicationState[] Decided = [ApplicationState.Approved, ApplicationState.Paid];

    /// <summary>Every approved or paid application's latest approval record, evaluated again.</summary>
    public static async Task<IReadOnlyList<DecisionCheck>> VerifyAllAsync(LibraryDbContext db, RuleBook rules, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        await rules.RefreshAsync(db, ct);
        var apps = await db.Applications.AsNoTracking().Where(a => Decided.Contains(a.State))
            .Select(a => new App(a.Id, a.Number, a.Enterprise!.Name, a.Scheme, a.Year, a.State)).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var records = (await db.Declarations.AsNoTracking().Where(d => ids.Contains(d.ApplicationId) && d.Purpose == DeclarationPurpose.Approval).ToListAsync(ct))
            .GroupBy(d => d.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Id)!);
        var result = new List<DecisionCheck>(apps.Count);
        foreach (var a in apps.OrderBy(a => a.Id))
        {
            result.Add(records.TryGetValue(a.Id, out var d)
                ? Check(rules, a, d)
                : new DecisionCheck(a.Id, a.Number, a.Enterprise, a.Scheme, a.Year, a.State, null, 0, null, null, [], "", "", default, "没有批准依据记录（批准早于决定记录功能）"));
        }
        return result;
    }

    /// <summary>The decision whose verification code is <paramref name="code"/> (typed loosely: see <see cref="Declaration.NormalizeCode"/>), checked again; null if none.</summary>
    public static async Task<DecisionCheck?> FindAsync(LibraryDbContext db, RuleBook rules, string? code, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        if (Declaration.NormalizeCode(code) is not { } normal) return null;
        var d = await db.Declarations.AsNoTracking().FirstOrDefaultAsync(x => x.Code == normal, ct);
        if (d is null) return null;
        var a = await db.Applications.AsNoTracking().Where(x => x.Id == d.ApplicationId)
            .Select(x => new App(x.Id, x.Number, x.Enterprise!.Name, x.Scheme, x.Year, x.State)).SingleAsync(ct);
        await rules.RefreshAsync(db, ct);
        return Check(rules, a, d);
    }

    /// <summary>The latest approval record of one application (for its page and notice), checked again; null if it has none.</summary>
    public static async Task<DecisionCheck?> OfApplicationAsync(LibraryDbContext db, RuleBook rules, int applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        var d = await db.Declarations.AsNoTracking().Where(x => x.ApplicationId == applicationId && x.Purpose == DeclarationPurpose.Approval)
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (d is null) return null;
        var a = await db.Applications.AsNoTracking().Where(x => x.Id == applicationId)
            .Select(x => new App(x.Id, x.Number, x.Enterprise!.Name, x.Scheme, x.Year, x.State)).SingleAsync(ct);
        return Check(rules, a, d);
    }

    private static DecisionCheck Check(RuleBook rules, App a, Declaration d)
    {
        string? problem;
        if (d.Code is not null && !string.Equals(d.Code, Declaration.CodeOf(d), StringComparison.Ordinal)) problem = "核验码与记录内容不符（记录被改动）";
        else
        {
            try
            {
                problem = DeclarationOfRecord.Verify(rules.Reproduce(d.RevisionIds, d.KnownOn), d, a.Scheme);
            }
            catch (KeyNotFoundException e)
            {
                problem = e.Message;
            }
            catch (Exception e) when (e is Renewal.Policy.Scenarios.ScenarioFormatException or Renewal.Policy.Parameters.ParameterException)
            {
                problem = "快照不能读取：" + e.Message;
            }
        }
        return new DecisionCheck(a.Id, a.Number, a.Enterprise, a.Scheme, a.Year, a.State, d.Code, d.Awarded, d.AwardedByLevel, d.KnownOn, d.RevisionIds,
            d.ParameterVersion, d.Hash, d.CreatedAt, problem) { Reduced = d.DecidedAmount is null ? null : (d.Amount, d.DecisionReason ?? "") };
    }

    private sealed record App(int Id, string Number, string Enterprise, Scheme Scheme, int Year, ApplicationState State);
}
