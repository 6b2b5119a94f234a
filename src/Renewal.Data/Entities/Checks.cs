using Renewal.Policy.Kunshan2024.Safeguards;

namespace Renewal.Data.Entities;

/// <summary>
/// 信用与事故记录 — one entry of the register the checks before money read (issue 14 item 4, ADR-031): an enterprise (by
/// 统一社会信用代码) on the credit blacklist, or a major safety, environmental or quality incident. Entered by the bureau or
/// imported from xlsx (the file's name and the import's time kept); never deleted: a blacklist entry is lifted (移出日期),
/// a wrong one is overridden per application with a reason.
/// </summary>
public sealed class CreditRecord : IVersioned
{
    public const int SourceLength = 500;
    public const int NoteLength = 1000;
    public const int FileLength = 200;
    public const string LiftedCheck = "ck_credit_records_lifted";
    public const string LiftedSql = "\"LiftedOn\" IS NULL OR (\"Kind\" = 'Blacklist' AND \"LiftedOn\" >= \"On\")";

    private CreditRecord() { }

    /// <summary>A new entry; <paramref name="file"/> the workbook it came from (null when typed on the page).</summary>
    public static CreditRecord Record(string creditCode, string? enterpriseName, RegisterKind kind, DateOnly on, DateOnly? liftedOn, string source, string? note,
        string? file, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (liftedOn is not null && kind != RegisterKind.Blacklist) throw new InvalidOperationException("只有失信名单记录有移出日期");
        if (liftedOn is { } l && l < on) throw new InvalidOperationException("移出日期不能早于列入日期");
        return new()
        {
            CreditCode = creditCode, EnterpriseName = enterpriseName, Kind = kind, On = on, LiftedOn = liftedOn, Source = source, Note = note,
            ImportFile = file, ImportedAt = file is null ? null : at, CreatedBy = by, CreatedAt = at, UpdatedBy = by, UpdatedAt = at,
        };
    }

    public int Id { get; set; }
    public string CreditCode { get; private set; } = "";
    /// <summary>The name as the source gives it (the library's name is shown when the enterprise is in it).</summary>
    public string? EnterpriseName { get; private set; }
    public RegisterKind Kind { get; private set; }
    /// <summary>列入日期 for a blacklist entry; the date of the incident otherwise.</summary>
    public DateOnly On { get; private set; }
    /// <summary>移出日期 of a blacklist entry, when known; from that day the enterprise is off the list.</summary>
    public DateOnly? LiftedOn { get; private set; }
    /// <summary>来源: the issuing authority and document number, or 信用中国 and its record.</summary>
    public string Source { get; private set; } = "";
    public string? Note { get; private set; }
    /// <summary>The workbook it was imported from, or null when entered on the page.</summary>
    public string? ImportFile { get; private set; }
    public DateTimeOffset? ImportedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }

    /// <summary>Why the entry cannot be lifted on <paramref name="on"/>, or null.</summary>
    public string? LiftRefusal(DateOnly on) =>
        Kind != RegisterKind.Blacklist ? $"“{SafeguardChecks.Label(Kind)}”记录没有移出日期"
        : on < On ? $"移出日期 {on:yyyy-MM-dd} 早于列入日期 {On:yyyy-MM-dd}"
        : null;

    /// <summary>移出: from <paramref name="on"/> the enterprise is off the list.</summary>
    public void Lift(DateOnly on, string by, DateTimeOffset at)
    {
        if (LiftRefusal(on) is { } refused) throw new InvalidOperationException(refused);
        LiftedOn = on;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    /// <summary>The entry as the checks read it.</summary>
    public RegisterEntry ToEntry() => new(KeyOf(Id), Kind, On, LiftedOn, Source, Note);

    public static string KeyOf(int id) => $"credit:{id}";
}

/// <summary>
/// 已获其他资金支持 — equipment already funded by another programme (province 智改数转网联, Suzhou 有效投入 …): the programme,
/// year, enterprise, project, invoice numbers when known, amount. Entered by the bureau or imported from xlsx.
/// </summary>
public sealed class FundingRecord : IVersioned
{
    public const int ProgrammeLength = 200;
    public const int InvoicesLength = 2000;
    /// <summary>Between invoice numbers as stored.</summary>
    public const char Separator = ',';

    private FundingRecord() { }

    public static FundingRecord Record(string programme, int year, string creditCode, string projectName, IReadOnlyList<string> invoices, decimal amount,
        string source, string? note, string? file, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programme);
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        ArgumentNullException.ThrowIfNull(invoices);
        return new()
        {
            Programme = programme, Year = year, CreditCode = creditCode, ProjectName = projectName, Invoices = invoices.Count == 0 ? null : string.Join(Separator, invoices),
            Amount = amount, Source = source, Note = note, ImportFile = file, ImportedAt = file is null ? null : at, CreatedBy = by, CreatedAt = at,
        };
    }

    public int Id { get; set; }
    public string Programme { get; private set; } = "";
    public int Year { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string ProjectName { get; private set; } = "";
    /// <summary>The invoice numbers, as compared (<see cref="SafeguardChecks.Invoice"/>), comma-separated; null when unknown.</summary>
    public string? Invoices { get; private set; }
    public decimal Amount { get; private set; }
    public string Source { get; private set; } = "";
    public string? Note { get; private set; }
    public string? ImportFile { get; private set; }
    public DateTimeOffset? ImportedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; set; }

    public IReadOnlyList<string> InvoiceList => Invoices is null ? [] : Invoices.Split(Separator);

    public FundingEntry ToEntry() => new(KeyOf(Id), Programme, Year, ProjectName, InvoiceList, Amount, Source);

    public static string KeyOf(int id) => $"funding:{id}";
}

/// <summary>
/// 设备发票 — an invoice of the equipment an application declares (S-3 compares them). The enterprise lists them while it
/// may change the application (draft, returned, withdrawn); they are not part of the frozen declaration (ADR-031).
/// </summary>
public sealed class ApplicationInvoice
{
    public const int NumberLength = 50;
    public const int EquipmentLength = 200;
    public const string UniqueIndex = "ux_application_invoices_number";

    public int Id { get; set; }
    public int ApplicationId { get; set; }
    /// <summary>As compared (<see cref="SafeguardChecks.Invoice"/>): no blanks, half-width, upper case.</summary>
    public required string Number { get; set; }
    public decimal Amount { get; set; }
    public string? Equipment { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// 核准放行 — the bureau lets one application past one failed check for one entry, with its reason (who, when, which
/// check, which entry). Never changed or deleted; one per application, rule and entry.
/// </summary>
public sealed class CheckOverride
{
    public const int ReasonLength = 1000;
    public const int EntryLength = 1000;
    public const string UniqueIndex = "ux_check_overrides_entry";
    public const string RuleCheck = "ck_check_overrides_rule";
    public const string RuleSql = "\"Rule\" IN ('S-1', 'S-2', 'S-3')";

    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public required string Rule { get; set; }
    /// <summary>The entry's key (<c>credit:12</c>, <c>funding:5</c>, <c>application:7</c>).</summary>
    public required string EntryKey { get; set; }
    /// <summary>What the check said of the entry when it was overridden (with its source).</summary>
    public required string Entry { get; set; }
    public required string Reason { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
