using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Explanation;
using Renewal.Policy.Kunshan2024.Safeguards;
using Renewal.Policy.Model;

namespace Renewal.Services.Checks;

/// <summary>A failure of a check and, when the bureau let it pass, its override.</summary>
public sealed record CheckFinding(string Rule, string Title, string EntryKey, string Text, string Source, CheckOverride? Override)
{
    public bool Overridden => Override is not null;
}

/// <summary>
/// The checks of one application on one day: the trace lines (with an override's line after the line it overrides) and
/// the findings. <see cref="Blocking"/> gives the findings that stop a move (not overridden).
/// </summary>
public sealed record CheckReport(DateOnly Day, IReadOnlyList<TraceStep> Trace, IReadOnlyList<CheckFinding> Findings)
{
    /// <summary>The rules that stop a move: S-1 and S-2 stop submission; all three stop the bureau's approvals (ADR-031).</summary>
    public static IReadOnlyList<string> BlockingRules(WorkflowAction move) => move switch
    {
        WorkflowAction.Submit => [SafeguardChecks.S1, SafeguardChecks.S2],
        WorkflowAction.BureauApprove or WorkflowAction.Approve => SafeguardChecks.All,
        _ => [],
    };

    public IReadOnlyList<CheckFinding> Blocking(WorkflowAction move) =>
        [.. Findings.Where(f => !f.Overridden && BlockingRules(move).Contains(f.Rule))];

    /// <summary>Why <paramref name="move"/> is refused, in Chinese with each entry's source; null when nothing stops it.</summary>
    public string? Refusal(WorkflowAction move)
    {
        var blocking = Blocking(move);
        if (blocking.Count == 0) return null;
        return $"未通过拨付前核查，不能“{Labels.Of(move)}”：" + string.Join("；", blocking.Select(f => $"{f.Rule} {f.Title}：{f.Text}"))
            + "。如记录有误，请联系市工信局核实；市局可填写理由后核准放行";
    }
}

/// <summary>Reads what the checks need for one application and runs them (Renewal.Policy's <see cref="SafeguardChecks"/>).</summary>
public static class Safeguards
{
    /// <summary>The checks of <paramref name="app"/> on <paramref name="day"/>, read in the caller's transaction.</summary>
    public static async Task<CheckReport> CheckAsync(LibraryDbContext db, AwardApplication app, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(app);
        var code = app.Enterprise?.CreditCode ?? await db.Enterprises.Where(e => e.Id == app.EnterpriseId).Select(e => e.CreditCode).SingleAsync(ct);
        var register = await db.CreditRecords.AsNoTracking().Where(r => r.CreditCode == code).OrderBy(r => r.Id).ToListAsync(ct);
        var funding = await db.FundingRecords.AsNoTracking().Where(r => r.CreditCode == code).OrderBy(r => r.Id).ToListAsync(ct);
        var invoices = await db.ApplicationInvoices.AsNoTracking().Where(i => i.ApplicationId == app.Id).Select(i => i.Number).ToListAsync(ct);
        var (project, amount) = await SubjectAsync(db, app, ct);

        var others = new List<OtherApplication>();
        if (invoices.Count > 0)
        {
            var rows = await (from i in db.ApplicationInvoices.AsNoTracking()
                              join a in db.Applications.AsNoTracking() on i.ApplicationId equals a.Id
                              where invoices.Contains(i.Number) && a.Id != app.Id && a.Scheme != app.Scheme
                                  && a.State != ApplicationState.Draft && a.State != ApplicationState.Withdrawn && a.State != ApplicationState.Rejected
                              select new { a.Id, a.Number, a.Scheme, Invoice = i.Number }).ToListAsync(ct);
            others.AddRange(rows.GroupBy(r => (r.Id, r.Number, r.Scheme)).OrderBy(g => g.Key.Id)
                .Select(g => new OtherApplication(KeyOfApplication(g.Key.Id), g.Key.Number, Codes.Label(g.Key.Scheme), [.. g.Select(x => x.Invoice)])));
        }

        var result = SafeguardChecks.Evaluate(new SafeguardInput(day, [.. register.Select(r => r.ToEntry())], invoices, project, amount,
            [.. funding.Select(f => f.ToEntry())], others));
        var overrides = await db.CheckOverrides.AsNoTracking().Where(o => o.ApplicationId == app.Id).ToListAsync(ct);
        var findings = result.Findings.Select(f => new CheckFinding(f.Rule, SafeguardChecks.Title(f.Rule), f.EntryKey, f.Text, f.Source,
            overrides.FirstOrDefault(o => o.Rule == f.Rule && o.EntryKey == f.EntryKey))).ToList();

        // An override is its own line in the trace, right after the line it lets pass.
        var trace = new List<TraceStep>();
        foreach (var step in result.Trace)
        {
            trace.Add(step);
            if (step.Status != RuleStatus.Fails) continue;
            var finding = findings.FirstOrDefault(f => f.Rule == step.Rule && f.Text == step.Text);
            if (finding?.Override is { } o)
                trace.Add(new TraceStep(step.Rule, SafeguardChecks.Article, RuleStatus.Holds,
                    $"已由市局 {o.By} 于 {BeijingTime.At(o.At):yyyy-MM-dd HH:mm} 核准放行：{o.Reason}"));
        }
        return new CheckReport(day, trace, findings);
    }

    public static string KeyOfApplication(int id) => $"application:{id}";

    /// <summary>
    /// What S-3 compares when the application lists no invoice: its project's name and the amount of equipment it claims —
    /// the project's equipment investment in the award year (A, B), the loan's equipment amount (D); nothing for C (an
    /// enterprise's whole year, no one project).
    /// </summary>
    private static async Task<(string? Project, decimal? Amount)> SubjectAsync(LibraryDbContext db, AwardApplication app, CancellationToken ct)
    {
        if (app.LoanId is { } loanId)
        {
            var loan = await db.Loans.AsNoTracking().Where(l => l.Id == loanId).Select(l => new { l.Project!.Name, l.EquipmentAmount }).SingleOrDefaultAsync(ct);
            return loan is null ? (null, null) : (loan.Name, loan.EquipmentAmount);
        }
        if (app.ProjectId is not { } projectId) return (null, null);
        var name = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.Name).SingleOrDefaultAsync(ct);
        var equipment = (await db.Investments.AsNoTracking().Where(i => i.ProjectId == projectId && i.Year == app.Year).Select(i => i.Equipment).ToListAsync(ct)).Sum();
        return (name, equipment);
    }

    internal static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
