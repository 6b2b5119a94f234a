using Renewal.Policy;
using Renewal.Policy.Model;

namespace Renewal.Data.Entities;

/// <summary>
/// 上级项目/资金 — a higher programme Kunshan recommends its projects to (plan §三(二), §三(四); ADR-029): the province's
/// 智改数转网联, Suzhou's 有效投入奖补, the national 技术改造升级导向计划, or any the bureau adds. Its level is one of the
/// fiscal levels above Kunshan; its 配套比例 is how many yuan Kunshan adds for each yuan the programme grants (the spec
/// gives no figure: the bureau sets it per programme).
/// </summary>
public sealed class HigherProgramme : IVersioned
{
    public const int NameLength = 100;
    public const int NoteLength = 1000;
    /// <summary>The largest 配套比例 accepted: Kunshan adds at most 10 yuan per yuan granted.</summary>
    public const decimal MaxShare = 10m;
    public const string NameIndex = "ux_higher_programmes_name";
    public const string LevelCheck = "ck_higher_programmes_level";
    public const string LevelSql = "\"Level\" IN ('Central', 'Province', 'Suzhou')";

    /// <summary>The levels a higher programme may be at (Kunshan's own awards are the A–D schemes, not a higher programme).</summary>
    public static IReadOnlyList<Level> Levels { get; } = [Level.Province, Level.Suzhou, Level.Central];

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public Level Level { get; set; }
    /// <summary>配套比例: yuan Kunshan adds per yuan the programme grants (0.5 = 1:0.5). 0 ≤ share ≤ <see cref="MaxShare"/>, at most four decimals.</summary>
    public decimal MatchingShare { get; set; }
    /// <summary>说明: the programme's document, who runs it, when it takes recommendations.</summary>
    public string? Note { get; set; }
    /// <summary>An inactive programme takes no new recommendation; those it has stay.</summary>
    public bool Active { get; set; } = true;
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Where a recommendation stands. Moves only forward (<see cref="UpwardRecommendation.Next"/>).</summary>
public enum UpwardStatus
{
    /// <summary>已推荐 — the bureau has put the project forward to the programme.</summary>
    Recommended,
    /// <summary>已受理 — the programme has accepted the recommendation for review.</summary>
    Accepted,
    /// <summary>已获批 — funds were granted (amount, date, document number). Final.</summary>
    Approved,
    /// <summary>未获批 — the programme did not fund it (reason). Final.</summary>
    Rejected,
    /// <summary>撤回 — the bureau withdrew it (reason). Final.</summary>
    Withdrawn,
}

/// <summary>
/// 推荐 — the bureau's recommendation of one library project to one higher programme for one year (issue 14 item 2). One
/// per programme, project and year (a unique index); the status moves only forward through the methods here; each save is
/// checked against the version the user read. At approval the programme's 配套比例 is copied and the matching money Kunshan
/// owes is fixed (<see cref="Matching"/>), so a later change of the share does not rewrite a granted budget line.
/// </summary>
public sealed class UpwardRecommendation : IVersioned
{
    public const int ReasonLength = 1000;
    public const int DocumentLength = 100;
    public const int FirstYear = 2020;
    public const int LastYear = 2035;
    public const string UniqueIndex = "ux_upward_recommendations_programme_project_year";
    public const string StatusCheck = "ck_upward_recommendations_status";
    public const string StatusSql =
        "(\"Status\" IN ('Recommended', 'Accepted', 'Rejected', 'Withdrawn') AND \"ObtainedAmount\" IS NULL AND \"MatchingAmount\" IS NULL)"
        + " OR (\"Status\" = 'Approved' AND \"ObtainedAmount\" IS NOT NULL AND \"MatchingAmount\" IS NOT NULL AND \"MatchingShare\" IS NOT NULL"
        + " AND \"ApprovedOn\" IS NOT NULL AND \"DocumentNumber\" IS NOT NULL)";
    public const string OutcomeCheck = "ck_upward_recommendations_outcome";
    public const string OutcomeSql = "(\"Status\" <> 'Rejected' OR \"RejectReason\" IS NOT NULL) AND (\"Status\" <> 'Withdrawn' OR \"WithdrawReason\" IS NOT NULL)";
    public const string YearCheck = "ck_upward_recommendations_year";
    public static readonly string YearSql = $"\"Year\" BETWEEN {FirstYear} AND {LastYear}";

    private UpwardRecommendation() { }

    /// <summary>The bureau recommends project <paramref name="projectId"/> to programme <paramref name="programmeId"/> for <paramref name="year"/>.</summary>
    public static UpwardRecommendation Recommend(int programmeId, int projectId, int year, string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var r = new UpwardRecommendation
        {
            ProgrammeId = programmeId, ProjectId = projectId, Year = year, Reason = reason, Status = UpwardStatus.Recommended,
            CreatedBy = by, CreatedAt = at, UpdatedBy = by, UpdatedAt = at,
        };
        r.Events.Add(new UpwardEvent { Status = UpwardStatus.Recommended, At = at, By = by, Note = reason });
        return r;
    }

    /// <summary>The moves allowed from each status: 已推荐 → 已受理 → 已获批 | 未获批; 已推荐/已受理 → 撤回; the outcomes are final.</summary>
    public static IReadOnlyList<UpwardStatus> Next(UpwardStatus from) => from switch
    {
        UpwardStatus.Recommended => [UpwardStatus.Accepted, UpwardStatus.Withdrawn],
        UpwardStatus.Accepted => [UpwardStatus.Approved, UpwardStatus.Rejected, UpwardStatus.Withdrawn],
        _ => [],
    };

    /// <summary>The matching money Kunshan owes: <paramref name="obtained"/> × <paramref name="share"/>, rounded once to the fen (四舍五入, I-9).</summary>
    public static decimal Matching(decimal obtained, decimal share) => (new Money(obtained) * share).RoundToFen().Yuan;

    public int Id { get; set; }
    public int ProgrammeId { get; private set; }
    public HigherProgramme? Programme { get; set; }
    public int ProjectId { get; private set; }
    public Project? Project { get; set; }
    /// <summary>The year the recommendation is for (the programme's round; the budget books it in this year).</summary>
    public int Year { get; private set; }
    /// <summary>推荐理由.</summary>
    public string Reason { get; private set; } = "";
    public UpwardStatus Status { get; private set; }
    /// <summary>已受理: when the programme accepted it, and any note.</summary>
    public DateOnly? AcceptedOn { get; private set; }
    /// <summary>已获批: the amount granted (yuan), the date and the document (文号).</summary>
    public decimal? ObtainedAmount { get; private set; }
    public DateOnly? ApprovedOn { get; private set; }
    public string? DocumentNumber { get; private set; }
    /// <summary>已获批: the programme's 配套比例 at approval, and the matching money it makes (<see cref="Matching"/>).</summary>
    public decimal? MatchingShare { get; private set; }
    public decimal? MatchingAmount { get; private set; }
    public string? RejectReason { get; private set; }
    public string? WithdrawReason { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }
    /// <summary>The moves, oldest first (the first is the recommendation itself).</summary>
    public List<UpwardEvent> Events { get; private set; } = [];

    /// <summary>Why the recommendation cannot move to <paramref name="to"/>, or null when it can.</summary>
    public string? Refusal(UpwardStatus to) => Next(Status).Contains(to) ? null
        : Status is UpwardStatus.Approved or UpwardStatus.Rejected or UpwardStatus.Withdrawn ? "该推荐已有结果，不能再更改"
        : Status == UpwardStatus.Recommended && to is UpwardStatus.Approved or UpwardStatus.Rejected ? "尚未受理的推荐不能登记审批结果，请先登记已受理"
        : "推荐进展只能向前推进，不能退回";

    /// <summary>已受理 on <paramref name="on"/>.</summary>
    public void Accept(DateOnly on, string? note, string by, DateTimeOffset at)
    {
        Move(UpwardStatus.Accepted, note, by, at);
        AcceptedOn = on;
    }

    /// <summary>已获批: <paramref name="amount"/> yuan granted on <paramref name="on"/> by document <paramref name="document"/>; the matching money at <paramref name="share"/>.</summary>
    public void Approve(decimal amount, DateOnly on, string document, decimal share, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(document);
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "获批金额须大于 0");
        Move(UpwardStatus.Approved, document, by, at);
        ObtainedAmount = amount;
        ApprovedOn = on;
        DocumentNumber = document;
        MatchingShare = share;
        MatchingAmount = Matching(amount, share);
    }

    /// <summary>未获批, for <paramref name="reason"/>.</summary>
    public void Reject(string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Move(UpwardStatus.Rejected, reason, by, at);
        RejectReason = reason;
    }

    /// <summary>撤回, for <paramref name="reason"/>.</summary>
    public void Withdraw(string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Move(UpwardStatus.Withdrawn, reason, by, at);
        WithdrawReason = reason;
    }

    private void Move(UpwardStatus to, string? note, string by, DateTimeOffset at)
    {
        if (Refusal(to) is { } refused) throw new InvalidOperationException(refused);
        Status = to;
        UpdatedBy = by;
        UpdatedAt = at;
        Events.Add(new UpwardEvent { RecommendationId = Id, Status = to, At = at, By = by, Note = note });
    }
}

/// <summary>One move of a recommendation: the status it moved to, when, by whom, with what (reason, note or document number). Never changed.</summary>
public sealed class UpwardEvent
{
    public int Id { get; set; }
    public int RecommendationId { get; set; }
    public UpwardStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string? Note { get; set; }
}
