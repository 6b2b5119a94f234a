using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using PolicyEnterprise = Renewal.Policy.Model.Enterprise;
using PolicyLoan = Renewal.Policy.Model.Loan;
using PolicyProject = Renewal.Policy.Model.Project;

namespace Renewal.Services.Simulation;

/// <summary>
/// The engine's input for one award year, as a snapshot keeps it: enterprises by stored id, and each enterprise's
/// projects and loans together, in stored-id order within it — so one enterprise's rows are one segment of each array,
/// and a patch replaces segments. Stored ids go alongside (the library list filters on them).
/// </summary>
internal sealed class SnapshotRows
{
    public required int[] EnterpriseIds { get; init; }
    public required PolicyEnterprise[] Enterprises { get; init; }
    public required int[] ProjectIds { get; init; }
    public required PolicyProject[] Projects { get; init; }
    /// <summary>Per project, its enterprise's position in <see cref="Enterprises"/>.</summary>
    public required int[] ProjectEnterprise { get; init; }
    public required PolicyLoan[] Loans { get; init; }
    public required int[] LoanEnterprise { get; init; }

    /// <summary>The same rows as the engine's scenario (no copy: the arrays are wrapped).</summary>
    public Scenario ToScenario(int year, string name) => new()
    {
        Name = name,
        Year = year,
        Enterprises = ImmutableCollectionsMarshal.AsImmutableArray(Enterprises),
        Projects = ImmutableCollectionsMarshal.AsImmutableArray(Projects),
        Loans = ImmutableCollectionsMarshal.AsImmutableArray(Loans),
    };
}

/// <summary>
/// Reads <see cref="SnapshotRows"/> from the library: the whole library, or the enterprises the change feed named. One
/// query per table; investments and repayments are read into flat lists in the order of their projects and loans and
/// walked alongside, so no per-project lookup is built; projects and loans are streamed. The mapping to the engine's
/// model is <see cref="LibraryScenario"/>'s, so a snapshot evaluates exactly as <see cref="LibraryScenario.Build"/> does.
/// </summary>
internal static class SnapshotReader
{
    private readonly record struct InvestmentRow(int EnterpriseId, int ProjectId, YearInvestment Value);
    private readonly record struct RepaymentRow(int EnterpriseId, int LoanId, Renewal.Policy.Model.Repayment Value);

    /// <summary>Whether (e, id) comes before (e2, id2) in the read order.</summary>
    private static bool Before(int e, int id, int e2, int id2) => e < e2 || e == e2 && id < id2;

    /// <param name="db">The library.</param>
    /// <param name="year">Award year (the prior awards are the committed awards of earlier years).</param>
    /// <param name="enterprises">Only these enterprises (stored ids); null = all.</param>
    public static SnapshotRows Read(LibraryDbContext db, int year, IReadOnlyCollection<int>? enterprises)
    {
        ArgumentNullException.ThrowIfNull(db);
        var some = enterprises is not null;
        var ids = enterprises?.ToArray() ?? [];
        var prior = CommittedAwards.EarlierThan(db, year, enterprises);

        var es = db.Enterprises.AsNoTracking();
        if (some) es = es.Where(e => ids.Contains(e.Id));
        var enterpriseRows = es.OrderBy(e => e.Id).AsEnumerable().Select(e => (e.Id, Policy: LibraryScenario.ToPolicy(e))).ToList();
        var position = new Dictionary<int, int>(enterpriseRows.Count);
        for (var i = 0; i < enterpriseRows.Count; i++) position[enterpriseRows[i].Id] = i;

        var inv = db.Investments.AsNoTracking();
        if (some) inv = inv.Where(i => ids.Contains(i.Project!.EnterpriseId));
        var investments = inv.OrderBy(i => i.Project!.EnterpriseId).ThenBy(i => i.ProjectId).ThenBy(i => i.Year)
            .Select(i => new { i.Project!.EnterpriseId, i.ProjectId, i.Year, i.Equipment, i.Digital }).AsEnumerable()
            .Select(i => new InvestmentRow(i.EnterpriseId, i.ProjectId, new YearInvestment(i.Year, new Money(i.Equipment), new Money(i.Digital)))).ToList();

        var rep = db.Repayments.AsNoTracking();
        if (some) rep = rep.Where(r => ids.Contains(r.Loan!.EnterpriseId));
        var repayments = rep.OrderBy(r => r.Loan!.EnterpriseId).ThenBy(r => r.LoanId).ThenBy(r => r.Date)
            .Select(r => new { r.Loan!.EnterpriseId, r.LoanId, r.Date, r.Amount }).AsEnumerable()
            .Select(r => new RepaymentRow(r.EnterpriseId, r.LoanId, new Renewal.Policy.Model.Repayment(r.Date, new Money(r.Amount)))).ToList();

        var codes = enterpriseRows.Select(e => e.Policy.Id).ToArray();
        var projectKeys = new Dictionary<int, string>();
        var projectIds = new List<int>();
        var projects = new List<PolicyProject>();
        var projectEnterprise = new List<int>();
        var ps = db.Projects.AsNoTracking();
        if (some) ps = ps.Where(p => ids.Contains(p.EnterpriseId));
        var k = 0;
        foreach (var p in ps.OrderBy(p => p.EnterpriseId).ThenBy(p => p.Id).AsEnumerable())
        {
            var e = position[p.EnterpriseId];
            var key = LibraryScenario.ProjectKey(codes[e], p.Code);
            projectKeys[p.Id] = key;
            // Both lists are in (enterprise, project) order: skip what belongs before this project (none, unless its
            // project was added between the two reads), then take this project's rows.
            while (k < investments.Count && Before(investments[k].EnterpriseId, investments[k].ProjectId, p.EnterpriseId, p.Id)) k++;
            var start = k;
            while (k < investments.Count && investments[k].ProjectId == p.Id) k++;
            var years = new YearInvestment[k - start];
            for (var j = start; j < k; j++) years[j - start] = investments[j].Value;
            projects.Add(LibraryScenario.ToPolicy(p, key, codes[e], p.Status, p.CompletedOn, ImmutableCollectionsMarshal.AsImmutableArray(years), prior[p.Id]));
            projectIds.Add(p.Id);
            projectEnterprise.Add(e);
        }

        // A loan names a project of its own enterprise; should one name another's, its key is read on its own.
        string ProjectKey(int projectId) => projectKeys.TryGetValue(projectId, out var key) ? key
            : projectKeys[projectId] = db.Projects.AsNoTracking().Where(p => p.Id == projectId)
                .Select(p => new { p.Enterprise!.CreditCode, p.Code }).AsEnumerable().Select(p => LibraryScenario.ProjectKey(p.CreditCode, p.Code)).Single();
        var loans = new List<PolicyLoan>();
        var loanEnterprise = new List<int>();
        var ls = db.Loans.AsNoTracking();
        if (some) ls = ls.Where(l => ids.Contains(l.EnterpriseId));
        var r = 0;
        foreach (var l in ls.OrderBy(l => l.EnterpriseId).ThenBy(l => l.Id).ToList()) // read whole: ProjectKey may query
        {
            var e = position[l.EnterpriseId];
            while (r < repayments.Count && Before(repayments[r].EnterpriseId, repayments[r].LoanId, l.EnterpriseId, l.Id)) r++;
            var start = r;
            while (r < repayments.Count && repayments[r].LoanId == l.Id) r++;
            var paid = new Renewal.Policy.Model.Repayment[r - start];
            for (var j = start; j < r; j++) paid[j - start] = repayments[j].Value;
            loans.Add(LibraryScenario.ToPolicy(l, codes[e], ProjectKey(l.ProjectId), ImmutableCollectionsMarshal.AsImmutableArray(paid)));
            loanEnterprise.Add(e);
        }

        return new SnapshotRows
        {
            EnterpriseIds = [.. enterpriseRows.Select(e => e.Id)],
            Enterprises = [.. enterpriseRows.Select(e => e.Policy)],
            ProjectIds = [.. projectIds],
            Projects = [.. projects],
            ProjectEnterprise = [.. projectEnterprise],
            Loans = [.. loans],
            LoanEnterprise = [.. loanEnterprise],
        };
    }
}
