namespace Renewal.Data.Entities;

/// <summary>Where a bank's 银企对接 with a project stands. Moves only forward (<see cref="FinancingMatch.Next"/>).</summary>
public enum FinancingStatus
{
    /// <summary>有意向 — the bank has said it is interested in the project's financing need.</summary>
    Interested,
    /// <summary>已联系 — the bank has contacted the enterprise (with a note).</summary>
    Contacted,
    /// <summary>已签约 — a loan was signed; the loan is in the enterprise's library (<see cref="FinancingMatch.LoanId"/>).</summary>
    LoanSigned,
    /// <summary>未达成 — no loan came of it (with the reason).</summary>
    Declined,
}

/// <summary>
/// 银企对接记录 — one bank's dealings with one project's financing need (issue 12 item 7): the bank records its interest,
/// then the outcome — contacted, a loan signed (the loan is created on the enterprise's side with the bank's name), or
/// declined. One record per bank and project (a unique index); the status moves only forward, through the methods here;
/// each save is checked against the version the user read (optimistic concurrency).
/// </summary>
public sealed class FinancingMatch : IVersioned
{
    public const int NoteLength = 1000;
    public const string UniqueIndex = "ux_financing_matches_bank_project";
    /// <summary>The database's own guard of the statuses and of what each needs (a signed record has its loan, a declined one its reason).</summary>
    public const string StatusCheck = "ck_financing_matches_status";
    public const string StatusSql =
        "(\"Status\" IN ('Interested', 'Contacted', 'Declined') AND \"LoanId\" IS NULL) OR (\"Status\" = 'LoanSigned' AND \"LoanId\" IS NOT NULL)";
    public const string DeclinedCheck = "ck_financing_matches_declined";
    public const string DeclinedSql = "\"Status\" <> 'Declined' OR \"DeclineReason\" IS NOT NULL";

    // For EF, which sets the stored values through the private setters.
    private FinancingMatch() { }

    /// <summary>The bank <paramref name="bank"/> records its interest in project <paramref name="projectId"/> at <paramref name="at"/>.</summary>
    public static FinancingMatch Interest(int projectId, string bank, string? note, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bank);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return new() { ProjectId = projectId, Bank = bank, Status = FinancingStatus.Interested, InterestNote = note, CreatedBy = by, CreatedAt = at, UpdatedBy = by, UpdatedAt = at };
    }

    /// <summary>The moves allowed from each status: forward only; 已签约 and 未达成 are final.</summary>
    public static IReadOnlyList<FinancingStatus> Next(FinancingStatus from) => from switch
    {
        FinancingStatus.Interested => [FinancingStatus.Contacted, FinancingStatus.LoanSigned, FinancingStatus.Declined],
        FinancingStatus.Contacted => [FinancingStatus.LoanSigned, FinancingStatus.Declined],
        _ => [],
    };

    public int Id { get; set; }
    public int ProjectId { get; private set; }
    public Project? Project { get; set; }
    /// <summary>The bank's name, as on its users' accounts (<see cref="UserAccount.Bank"/>) and on its loans (<see cref="Loan.Bank"/>).</summary>
    public string Bank { get; private set; } = "";
    public FinancingStatus Status { get; private set; }
    /// <summary>What the bank said with its interest (optional).</summary>
    public string? InterestNote { get; private set; }
    /// <summary>已联系: how and with whom.</summary>
    public string? ContactNote { get; private set; }
    /// <summary>未达成: why.</summary>
    public string? DeclineReason { get; private set; }
    /// <summary>已签约: the loan created in the enterprise's library.</summary>
    public int? LoanId { get; private set; }
    public Loan? Loan { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }

    /// <summary>Why the record cannot move to <paramref name="to"/>, or null when it can.</summary>
    public string? Refusal(FinancingStatus to) => Next(Status).Contains(to) ? null
        : Status is FinancingStatus.LoanSigned or FinancingStatus.Declined ? "该对接已有结果，不能再更改"
        : "对接进展只能向前推进，不能退回";

    /// <summary>已联系, with <paramref name="note"/>.</summary>
    public void Contact(string note, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        Move(FinancingStatus.Contacted, by, at);
        ContactNote = note;
    }

    /// <summary>已签约: <paramref name="loan"/> (new, of the record's project and bank) is the loan that came of it.</summary>
    public void SignLoan(Loan loan, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(loan);
        if (loan.ProjectId != ProjectId || loan.Bank != Bank) throw new InvalidOperationException("签约贷款须为本项目、本银行的贷款");
        Move(FinancingStatus.LoanSigned, by, at);
        Loan = loan;
    }

    /// <summary>未达成, for <paramref name="reason"/>.</summary>
    public void Decline(string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Move(FinancingStatus.Declined, by, at);
        DeclineReason = reason;
    }

    private void Move(FinancingStatus to, string by, DateTimeOffset at)
    {
        if (Refusal(to) is { } refused) throw new InvalidOperationException(refused);
        Status = to;
        UpdatedBy = by;
        UpdatedAt = at;
    }
}
