using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Reliability;

/// <summary>What must never happen, counted from the database after the bursts (never from the answers).</summary>
/// <param name="Duplicates">Subjects (scheme, year, subject) with more than one live application (<see cref="AwardApplication.IsLive"/>: any state but Rejected).</param>
/// <param name="CapBreaches">Cap keys over their cap: committed (approved or paid) amounts recomputed from the applications,
/// paid amounts from the award decisions, and cap_ledgers rows whose used exceeds the cap.</param>
/// <param name="DoublePayments">Subjects paid twice: more than one paid award decision per (scheme, year, subject, level), or
/// more than one Pay event on one application.</param>
/// <param name="FalseConflicts">Unrelated approvals (burst d) whose application is not approved (or paid) afterwards.</param>
/// <param name="LostWrites">Writes answered 2xx that the database does not hold: a created application missing, a move whose
/// event is missing or whose application is at an older version, a payment without its paid award decision.</param>
/// <param name="AuditOk">The audit chain verified intact by GET /api/v1/audit/verify and by reading the chain here.</param>
/// <param name="LedgerDrift">Cap ledger rows whose used amount is not what the committed applications add up to (beside the counts).</param>
/// <param name="Torn">Paid applications without paid award decisions, or paid decisions without a paid application.</param>
/// <param name="Stuck">Applications of the kill burst (e) that did not end paid.</param>
/// <param name="AuditEntries">Entries of the audit chain.</param>
public sealed record Counts(int Duplicates, int CapBreaches, int DoublePayments, int FalseConflicts, int LostWrites, bool AuditOk,
    int LedgerDrift, int Torn, int Stuck, long AuditEntries)
{
    public bool AllZero => Duplicates == 0 && CapBreaches == 0 && DoublePayments == 0 && FalseConflicts == 0 && LostWrites == 0 && AuditOk;
}

/// <summary>The counts and the run's own figures; <see cref="Line"/> is the line bench/reliability/run.sh ends with.</summary>
public sealed record RunResult(Counts Counts, long Requests, long Unanswered, long ServerErrors, long Confirms, TimeSpan Elapsed)
{
    /// <summary>The applications of the unrelated approvals (d).</summary>
    public IReadOnlyList<int> UnrelatedApplications { get; init; } = [];

    /// <summary>Counts the database again, against the same journal: after a test has broken it on purpose, each counter must see it.</summary>
    public Func<Counts> Recount { get; init; } = () => throw new InvalidOperationException("no database to count");

    public string Line => Format(Counts, $"ledger_drift={N(Counts.LedgerDrift)} torn={N(Counts.Torn)} stuck={N(Counts.Stuck)} " +
        $"requests={N(Requests)} unanswered={N(Unanswered)} http5xx={N(ServerErrors)} confirms={N(Confirms)} audit_entries={N(Counts.AuditEntries)} " +
        $"elapsed_s={Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}");

    /// <summary>The six counts in the issue's form, then <paramref name="more"/>.</summary>
    public static string Format(Counts c, string more)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"duplicates={N(c.Duplicates)} cap_breaches={N(c.CapBreaches)} double_payments={N(c.DoublePayments)} false_conflicts={N(c.FalseConflicts)} " +
            $"lost_writes={N(c.LostWrites)} audit={(c.AuditOk ? "ok" : "broken")} {more}".TrimEnd();
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The counters, each an independent reading of the tables: the caps are recomputed from the applications' approved
/// amounts (per level for D) with the parameters of the award year, without trusting cap_ledgers, and the ledger is
/// checked on its own. Every nonzero count logs the rows behind it.
/// </summary>
public static class DatabaseCounts
{
    private static readonly ApplicationState[] Committed = [ApplicationState.Approved, ApplicationState.Paid];

    public static Counts Take(LibraryDatabaseOptions database, Journal journal, IReadOnlyCollection<int> unrelated, IReadOnlyCollection<int> mustBePaid,
        bool? apiAuditIntact, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(unrelated);
        ArgumentNullException.ThrowIfNull(mustBePaid);
        ArgumentNullException.ThrowIfNull(log);
        using var db = LibraryStore.Create(database);
        var apps = db.Applications.AsNoTracking()
            .Select(a => new App(a.Id, a.Scheme, a.Year, a.EnterpriseId, a.ProjectId, a.LoanId, a.SubjectKey, a.State, a.ApprovedAmount, a.ApprovedByLevel, a.Version))
            .ToList();
        var byId = apps.ToDictionary(a => a.Id);
        var decisions = db.AwardDecisions.AsNoTracking().Where(d => d.Status == AwardStatus.Paid)
            .Select(d => new Paid(d.Scheme, d.Year, d.EnterpriseId, d.ProjectId, d.LoanId, d.Level, d.Amount)).ToList();
        var events = db.ApplicationEvents.AsNoTracking().Select(e => new { e.ApplicationId, e.Action, To = e.To }).ToList();
        var ledgers = db.CapLedgers.AsNoTracking().Select(l => new { l.Key, l.Cap, l.Used }).ToList();

        void Report(string what, IEnumerable<string> rows)
        {
            foreach (var r in rows.Take(20)) log.WriteLine($"    {what}: {r}");
        }

        // Duplicates: live applications per subject.
        // Live as the server's unique index has it (AwardApplication.IsLive, the twin of LiveFilterSql): not rejected (nor withdrawn, once there is withdrawal).
        var duplicates = apps.Where(a => AwardApplication.IsLive(a.State)).GroupBy(a => (a.Scheme, a.Year, a.SubjectKey)).Where(g => g.Count() > 1).ToList();
        Report("duplicate", duplicates.Select(g => $"{g.Key} → {string.Join(", ", g.Select(a => $"#{a.Id} {a.State}"))}"));

        // Cap breaches: committed amounts and paid amounts per cap key, recomputed; the ledger on its own.
        var committed = apps.Where(a => Committed.Contains(a.State)).SelectMany(a => Bookings(a.Scheme, a.Year, a.EnterpriseId, a.ProjectId, Lines(a))).ToList();
        var paid = decisions.SelectMany(d => Bookings(d.Scheme, d.Year, d.EnterpriseId, d.ProjectId, [(d.Level, d.Amount)])).ToList();
        var committedByKey = Sum(committed);
        var breaches = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, (used, cap)) in committedByKey.Where(k => k.Value.Used > k.Value.Cap)) breaches.Add($"{key}: approved {used} > cap {cap}");
        foreach (var (key, (used, cap)) in Sum(paid).Where(k => k.Value.Used > k.Value.Cap)) breaches.Add($"{key}: paid {used} > cap {cap}");
        foreach (var l in ledgers.Where(l => l.Used > l.Cap || l.Used < 0)) breaches.Add($"ledger {l.Key}: used {l.Used} > cap {l.Cap}");
        Report("cap breach", breaches);
        var breachedKeys = breaches.Select(b => b.StartsWith("ledger ", StringComparison.Ordinal) ? b[7..] : b).Select(b => b[..b.IndexOf(':', StringComparison.Ordinal)]).Distinct().Count();

        var ledgerByKey = ledgers.ToDictionary(l => l.Key, l => l.Used, StringComparer.Ordinal);
        var drift = committedByKey.Keys.Union(ledgerByKey.Keys)
            .Where(k => (committedByKey.TryGetValue(k, out var c) ? c.Used : 0) != ledgerByKey.GetValueOrDefault(k))
            .Select(k => $"{k}: ledger {ledgerByKey.GetValueOrDefault(k)}, committed {(committedByKey.TryGetValue(k, out var c) ? c.Used : 0)}").ToList();
        Report("ledger drift", drift);

        // Double payments: per subject and level, and Pay events per application.
        var offending = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var g in decisions.GroupBy(d => (d.Scheme, d.Year, Subject: SubjectOf(d.Scheme, d.EnterpriseId, d.ProjectId, d.LoanId), d.Level)).Where(g => g.Count() > 1))
            offending.Add($"{g.Key.Scheme}|{g.Key.Year}|{g.Key.Subject}: {g.Count()} paid decisions at level {g.Key.Level?.ToString() ?? "—"} ({string.Join(" + ", g.Select(d => d.Amount))})");
        foreach (var g in events.Where(e => e.Action == nameof(WorkflowAction.Pay)).GroupBy(e => e.ApplicationId).Where(g => g.Count() > 1))
        {
            var a = byId.GetValueOrDefault(g.Key);
            offending.Add($"{a?.Scheme}|{a?.Year}|{a?.SubjectKey}: application #{g.Key} has {g.Count()} Pay events");
        }
        Report("double payment", offending);
        var doublePayments = offending.Select(o => o[..o.IndexOf(':', StringComparison.Ordinal)]).Distinct().Count();

        // Torn payments: a paid application and its decisions are one transaction.
        var paidSubjects = decisions.Select(d => (d.Scheme, d.Year, Subject: SubjectOf(d.Scheme, d.EnterpriseId, d.ProjectId, d.LoanId))).ToHashSet();
        // (A loan whose every level came to 0 is paid with no decision line: nothing was owed.)
        var paidApps = apps.Where(a => a.State == ApplicationState.Paid && RecordsDecisions(a)).Select(a => (a.Scheme, a.Year, Subject: a.SubjectKey)).ToHashSet();
        var torn = paidApps.Except(paidSubjects).Concat(paidSubjects.Except(paidApps)).Select(t => t.ToString()).ToList();
        Report("torn payment", torn);

        // False conflicts: unrelated approvals that did not end approved.
        var falseConflicts = unrelated.Where(id => !byId.TryGetValue(id, out var a) || !Committed.Contains(a.State)).ToList();
        Report("false conflict", falseConflicts.Select(id => $"#{id} is {(byId.TryGetValue(id, out var a) ? a.State.ToString() : "missing")}"));

        // Lost writes: every 2xx must be in the database.
        var lost = new List<string>();
        foreach (var c in journal.Creates.Where(c => !byId.ContainsKey(c.ApplicationId))) lost.Add($"create #{c.ApplicationId} ({c.Subject}) answered 201, not in applications");
        var eventSet = events.Select(e => (e.ApplicationId, e.Action, To: e.To.ToString())).ToHashSet();
        foreach (var m in journal.Moves)
        {
            if (!eventSet.Contains((m.ApplicationId, m.Action, m.State))) lost.Add($"{m.Action} of #{m.ApplicationId} answered 200 ({m.State} v{m.Version}), no such event");
            else if (!byId.TryGetValue(m.ApplicationId, out var a) || a.Version < m.Version) lost.Add($"{m.Action} of #{m.ApplicationId} answered 200 at v{m.Version}, the application is at v{a?.Version}");
            else if (m.Action == nameof(WorkflowAction.Pay) && RecordsDecisions(a) && !paidSubjects.Contains((a.Scheme, a.Year, a.SubjectKey))) lost.Add($"Pay of #{m.ApplicationId} answered 200, no paid award decision");
        }
        Report("lost write", lost);

        var stuck = mustBePaid.Where(id => !byId.TryGetValue(id, out var a) || a.State != ApplicationState.Paid).ToList();
        Report("stuck", stuck.Select(id => $"#{id} is {(byId.TryGetValue(id, out var a) ? a.State.ToString() : "missing")}"));

        var broken = AuditLog.Verify(db);
        if (broken is { } b) log.WriteLine($"    audit chain broken at entry {b.EntryId}: {b.Problem}");
        if (apiAuditIntact is not true) log.WriteLine($"    audit verify over the API: {(apiAuditIntact is null ? "no answer" : "broken")}");
        var entries = db.Audit.LongCount();

        return new Counts(duplicates.Count, breachedKeys, doublePayments, falseConflicts.Count, lost.Count, broken is null && apiAuditIntact is true,
            drift.Count, torn.Count, stuck.Count, entries);
    }

    private sealed record App(int Id, Scheme Scheme, int Year, int EnterpriseId, int? ProjectId, int? LoanId, string SubjectKey, ApplicationState State,
        decimal? ApprovedAmount, string? ApprovedByLevel, long Version);

    private sealed record Paid(Scheme Scheme, int Year, int EnterpriseId, int? ProjectId, int? LoanId, Level? Level, decimal Amount);

    private static string SubjectOf(Scheme scheme, int enterpriseId, int? projectId, int? loanId) => AwardApplication.SubjectOf(scheme, enterpriseId, projectId, loanId);

    /// <summary>Whether paying the application records award decisions (a D award of 0 at every level records none).</summary>
    private static bool RecordsDecisions(App a) => a.Scheme != Scheme.LoanInterest || !string.IsNullOrEmpty(a.ApprovedByLevel);

    /// <summary>An approved application's amounts: D per level from "province=…;kunshan=…", any other scheme one line.</summary>
    private static IReadOnlyList<(Level? Level, decimal Amount)> Lines(App a)
    {
        if (a.Scheme != Scheme.LoanInterest) return [(null, a.ApprovedAmount ?? 0)];
        return [.. (a.ApprovedByLevel ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .Select(p => (Codes.TryParse(p[0], out Level l) ? l : throw new InvalidOperationException($"#{a.Id}: level {p[0]}"),
                decimal.Parse(p[1], NumberStyles.Number, CultureInfo.InvariantCulture)))
            .Select(x => ((Level?)x.Item1, x.Item2))];
    }

    /// <summary>The cap keys an award falls under, with the cap in force on 31 December of its year and what it books there.</summary>
    private static IEnumerable<(string Key, decimal Cap, decimal Amount)> Bookings(Scheme scheme, int year, int enterprise, int? project,
        IReadOnlyList<(Level? Level, decimal Amount)> lines)
    {
        var p = PolicyEngine.Default.Parameters.ResolveAt(new DateOnly(year, 12, 31));
        decimal? Cap(string name) => p.Find(name)?.Value as decimal?;
        var amount = lines.Sum(l => l.Amount);
        switch (scheme)
        {
            case Scheme.Demonstration:
                yield return ($"A|p{project}", Cap("demonstration.cap_per_project") ?? decimal.MaxValue, amount);
                // I-5's one-of-two is an award that pays: a 0.00 A or B (the lower that I-5 set to nothing) takes no part of it.
                if (amount > 0) yield return ($"AB|p{project}|{year}", 1, 1);
                break;
            case Scheme.EffectiveInvestment:
                yield return ($"B|p{project}", Cap("effective_investment.cap_per_project") ?? decimal.MaxValue, amount);
                if (amount > 0) yield return ($"AB|p{project}|{year}", 1, 1);
                break;
            case Scheme.TechRenovation:
                yield return ($"C|e{enterprise}|{year}", Cap("tech_renovation.cap_per_enterprise_year") ?? decimal.MaxValue, amount);
                break;
            default:
                // D-6/D-7: every row of the caps table, a combined row over the sum of its levels (its own key).
                foreach (var row in p.Find("loan.caps")?.Value as Renewal.Policy.Parameters.CapsTable ?? Renewal.Policy.Parameters.CapsTable.Empty)
                {
                    var part = lines.Where(l => l.Amount != 0 && l.Level is { } lv && row.Covers(lv)).Sum(l => l.Amount);
                    if (part == 0) continue;
                    var group = row.Per == Renewal.Policy.Parameters.CapScope.Project ? $"p{project}" : $"e{enterprise}";
                    yield return (row.Levels.Length == 1 ? $"D.{Codes.Of(row.Levels[0])}|{group}|{year}" : $"D.{row.Id}|{group}|{year}", row.Amount.Yuan, part);
                }
                break;
        }
    }

    /// <summary>Per key: the sum booked and the smallest cap any booking saw.</summary>
    private static Dictionary<string, (decimal Used, decimal Cap)> Sum(IEnumerable<(string Key, decimal Cap, decimal Amount)> bookings) =>
        bookings.GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.Sum(b => b.Amount), g.Min(b => b.Cap)), StringComparer.Ordinal);
}
