using Renewal.Policy.Model;

namespace Renewal.Data.Entities;

/// <summary>
/// 走访记录 — a district officer's visit to an enterprise of the area (plan §三(一) 切实摸清底数, issue 14 item 1): when,
/// whom they met, what equipment they saw, what the enterprise intends to renew (each intention a <see cref="CollectedProject"/>
/// the enterprise confirms), and what must be followed up by when. A visit is a record of what happened: it is not edited
/// afterwards; its follow-ups are marked done.
/// </summary>
public sealed class Visit : IVersioned
{
    public const int TextLength = 2000;
    public const int NameLength = 50;
    public const int TitleLength = 50;

    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    /// <summary>The day of the visit (Beijing); never after the day it was recorded.</summary>
    public DateOnly VisitedOn { get; set; }
    /// <summary>设备现场情况 — what equipment the officer saw (free text).</summary>
    public string? EquipmentSeen { get; set; }
    public int RecordedById { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public long Version { get; set; }
    public List<VisitPerson> People { get; set; } = [];
    public List<VisitFollowUp> FollowUps { get; set; } = [];
    public List<CollectedProject> Intentions { get; set; } = [];
}

/// <summary>走访对象 — one person the officer met (name and position).</summary>
public sealed class VisitPerson
{
    public int Id { get; set; }
    public int VisitId { get; set; }
    public required string Name { get; set; }
    /// <summary>职务, e.g. 设备部经理.</summary>
    public string? Title { get; set; }
}

/// <summary>跟进事项 — something to follow up by a day; overdue while not done after it.</summary>
public sealed class VisitFollowUp : IVersioned
{
    public int Id { get; set; }
    public int VisitId { get; set; }
    public Visit? Visit { get; set; }
    public required string Text { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>The day it was marked done (Beijing); null while open.</summary>
    public DateOnly? DoneOn { get; private set; }
    public string? DoneBy { get; private set; }
    public long Version { get; set; }

    /// <summary>Open and its day has passed.</summary>
    public bool OverdueOn(DateOnly today) => DoneOn is null && DueOn < today;

    /// <summary>办结: marks it done on <paramref name="on"/>; a done follow-up stays done.</summary>
    public void Complete(string by, DateOnly on)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (DoneOn is not null) throw new InvalidOperationException("该跟进事项已办结");
        DoneOn = on;
        DoneBy = by;
    }
}

/// <summary>Where a 征集项目 stands (<see cref="CollectedProject.Next"/>).</summary>
public enum CollectionStatus
{
    /// <summary>待企业确认 — recorded on a visit, waiting for the enterprise.</summary>
    Pending,
    /// <summary>已入库 — the enterprise confirmed it; the project is in the library (<see cref="CollectedProject.ProjectId"/>).</summary>
    Confirmed,
    /// <summary>企业未确认 — the enterprise declined it (with the reason).</summary>
    Declined,
}

/// <summary>
/// 征集项目 — a renewal intention recorded on a visit, a draft of a project: the enterprise confirms it (the project and
/// its yearly investment are created in the library in the same save, and the draft points to it) or declines it with a
/// reason. It is not a project: the library's projects are only what enterprises confirmed. One draft makes at most one
/// project (the unique index on <see cref="ProjectId"/>, and the project's code made from the draft's number).
/// </summary>
public sealed class CollectedProject : IVersioned
{
    public const int ReasonLength = 1000;
    public const string ProjectIndex = "ux_collected_projects_project";
    public const string StatusCheck = "ck_collected_projects_status";
    public const string StatusSql =
        "(\"Status\" IN ('Pending', 'Declined') AND \"ProjectId\" IS NULL) OR (\"Status\" = 'Confirmed' AND \"ProjectId\" IS NOT NULL)";
    public const string DeclinedCheck = "ck_collected_projects_declined";
    public const string DeclinedSql = "\"Status\" <> 'Declined' OR \"DeclineReason\" IS NOT NULL";
    public const string YearsCheck = "ck_collected_projects_years";
    public const string YearsSql = "\"FromYear\" <= \"ToYear\"";

    // For EF.
    private CollectedProject() { }

    /// <summary>A new draft (待企业确认) of <paramref name="enterpriseId"/>, recorded by <paramref name="by"/> at <paramref name="at"/>.</summary>
    public static CollectedProject Draft(int enterpriseId, string name, ProjectKind kind, int fromYear, int toYear, decimal equipment, decimal digital,
        IEnumerable<int> tasks, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (toYear < fromYear) throw new ArgumentException("计划年度的结束年不能早于开始年", nameof(toYear));
        if (equipment < 0 || digital < 0 || digital > equipment) throw new ArgumentException("计划投资应为非负数，且数字化投入不超过设备投资", nameof(digital));
        return new()
        {
            EnterpriseId = enterpriseId, Name = name, Kind = kind, FromYear = fromYear, ToYear = toYear, Equipment = equipment, Digital = digital,
            Tasks = [.. tasks.Distinct().Order()], Status = CollectionStatus.Pending, CreatedBy = by, CreatedAt = at, UpdatedBy = by, UpdatedAt = at,
        };
    }

    /// <summary>The moves allowed from each status: the enterprise answers once; 已入库 and 企业未确认 are final.</summary>
    public static IReadOnlyList<CollectionStatus> Next(CollectionStatus from) => from switch
    {
        CollectionStatus.Pending => [CollectionStatus.Confirmed, CollectionStatus.Declined],
        _ => [],
    };

    public int Id { get; set; }
    public int VisitId { get; set; }
    public Visit? Visit { get; set; }
    public int EnterpriseId { get; private set; }
    public Enterprise? Enterprise { get; set; }
    public string Name { get; private set; } = "";
    public ProjectKind Kind { get; private set; }
    /// <summary>计划实施年度: the first and last year, within the programme (2024–2027).</summary>
    public int FromYear { get; private set; }
    public int ToYear { get; private set; }
    /// <summary>计划设备投资 and 计划智能化数字化投入 over the years, yuan.</summary>
    public decimal Equipment { get; private set; }
    public decimal Digital { get; private set; }
    /// <summary>Plan tasks 1–12 (optional).</summary>
    public List<int> Tasks { get; private set; } = [];
    public CollectionStatus Status { get; private set; }
    public int? ProjectId { get; private set; }
    public Project? Project { get; private set; }
    public string? DeclineReason { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }

    /// <summary>The years of the plan.</summary>
    public IEnumerable<int> Years => Enumerable.Range(FromYear, ToYear - FromYear + 1);

    /// <summary>The project's code when confirmed: 征集 and the draft's number (ZJ-000042), unique within the enterprise as a project code must be.</summary>
    public string ProjectCode => $"ZJ-{Id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The planned amounts by year: spread evenly over the years to the fen, the remainder on the last year, so the years
    /// add up to the amounts exactly.
    /// </summary>
    public IReadOnlyList<(int Year, decimal Equipment, decimal Digital)> ByYear()
    {
        var n = ToYear - FromYear + 1;
        var eq = decimal.Floor(Equipment * 100m / n) / 100m;
        var dg = decimal.Floor(Digital * 100m / n) / 100m;
        return [.. Years.Select(y => y == ToYear ? (y, Equipment - eq * (n - 1), Digital - dg * (n - 1)) : (y, eq, dg))];
    }

    /// <summary>Why the draft cannot move to <paramref name="to"/>, or null when it can.</summary>
    public string? Refusal(CollectionStatus to) => Next(Status).Contains(to) ? null
        : Status == CollectionStatus.Confirmed ? "该征集项目已确认入库，不能再更改"
        : Status == CollectionStatus.Declined ? "该征集项目企业已答复未确认，不能再更改"
        : "征集项目只能由企业确认入库或答复未确认";

    /// <summary>已入库: <paramref name="project"/> (new, of this enterprise) is the project made of the draft.</summary>
    public void Confirm(Project project, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.EnterpriseId != EnterpriseId) throw new InvalidOperationException("入库项目须为本企业的项目");
        Move(CollectionStatus.Confirmed, by, at);
        Project = project;
    }

    /// <summary>企业未确认, for <paramref name="reason"/>.</summary>
    public void Decline(string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Move(CollectionStatus.Declined, by, at);
        DeclineReason = reason;
    }

    private void Move(CollectionStatus to, string by, DateTimeOffset at)
    {
        if (Refusal(to) is { } refused) throw new InvalidOperationException(refused);
        Status = to;
        UpdatedBy = by;
        UpdatedAt = at;
    }
}
