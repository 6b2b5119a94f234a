namespace Renewal.Data.Entities;

/// <summary>Where a 标杆企业 selection round stands: 草拟 → 提名中 → 评审中 → 已公布, or 撤销 (with a reason) before it is published.</summary>
public enum BenchmarkRoundStatus
{
    /// <summary>草拟 — the bureau is writing the round and its criteria; nobody else sees it.</summary>
    Draft,
    /// <summary>提名中 — criteria published; districts nominate enterprises of their area until the deadline (Beijing date, included).</summary>
    Nominating,
    /// <summary>评审中 — nominations closed; the bureau scores each criterion and selects up to the quota.</summary>
    Reviewing,
    /// <summary>已公布 — the selection is public; scores and selections are frozen.</summary>
    Published,
    /// <summary>撤销 — called off before publication, with the reason.</summary>
    Withdrawn,
}

/// <summary>What a criterion looks at: the library figure (or nomination text) shown beside it.</summary>
public enum BenchmarkCriterionKind
{
    /// <summary>行业 — whether the enterprise's GB/T 4754 division is among the round's key industries.</summary>
    Industry,
    /// <summary>计划投资 — the enterprise's equipment investment 2024–2027 in the library.</summary>
    Investment,
    /// <summary>数字化占比 — digital ÷ equipment investment 2024–2027 (digital is part of equipment, POLICY.md).</summary>
    DigitalShare,
    /// <summary>企业目标 — the transformation targets the enterprise states in its nomination.</summary>
    Targets,
}

/// <summary>
/// 标杆企业遴选批次 (plan §三(三), issue 14 item 3): opened by the bureau with a name, year, nomination deadline (a Beijing
/// date, included), a quota, the key industries (GB/T 4754 divisions, as the dashboard groups them) and its criteria.
/// The status moves only through the methods here (<see cref="Next"/>); each save is checked against the version read.
/// Selections bump the round's version too, so two selections at once cannot both pass the quota.
/// </summary>
public sealed class BenchmarkRound : IVersioned
{
    public const int NameLength = 200;
    public const int ReasonLength = 2000;
    public const int MaxQuota = 1000;
    public const string StatusCheck = "ck_benchmark_rounds_status";
    public const string StatusSql =
        "(\"Status\" IN ('Draft', 'Nominating', 'Reviewing', 'Published') AND \"WithdrawReason\" IS NULL) OR (\"Status\" = 'Withdrawn' AND \"WithdrawReason\" IS NOT NULL)";
    public const string QuotaCheck = "ck_benchmark_rounds_quota";
    public const string QuotaSql = "\"Quota\" >= 1";

    private BenchmarkRound() { }

    public static BenchmarkRound Draft(string name, int year, DateOnly deadline, int quota, IEnumerable<string> industries, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        return new()
        {
            Name = name, Year = year, NominationDeadline = deadline, Quota = quota, KeyIndustries = [.. industries], Status = BenchmarkRoundStatus.Draft,
            CreatedBy = by, CreatedAt = at, UpdatedBy = by, UpdatedAt = at,
        };
    }

    /// <summary>The moves allowed from each status; 已公布 and 撤销 are final.</summary>
    public static IReadOnlyList<BenchmarkRoundStatus> Next(BenchmarkRoundStatus from) => from switch
    {
        BenchmarkRoundStatus.Draft => [BenchmarkRoundStatus.Nominating, BenchmarkRoundStatus.Withdrawn],
        BenchmarkRoundStatus.Nominating => [BenchmarkRoundStatus.Reviewing, BenchmarkRoundStatus.Withdrawn],
        BenchmarkRoundStatus.Reviewing => [BenchmarkRoundStatus.Published, BenchmarkRoundStatus.Withdrawn],
        _ => [],
    };

    public int Id { get; set; }
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    /// <summary>提名截止日 (Beijing date): nominations are taken through the end of this day in Kunshan.</summary>
    public DateOnly NominationDeadline { get; private set; }
    /// <summary>How many enterprises may be selected.</summary>
    public int Quota { get; private set; }
    /// <summary>重点行业: GB/T 4754 division codes (C34, C39, …) of industry-divisions.yaml.</summary>
    public List<string> KeyIndustries { get; private set; } = [];
    public BenchmarkRoundStatus Status { get; private set; }
    public string? WithdrawReason { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }
    public List<BenchmarkCriterion> Criteria { get; private set; } = [];
    public List<BenchmarkNomination> Nominations { get; private set; } = [];

    /// <summary>Why the round cannot move to <paramref name="to"/>, or null when it can.</summary>
    public string? Refusal(BenchmarkRoundStatus to) => Next(Status).Contains(to) ? null
        : Status is BenchmarkRoundStatus.Published ? "该批次已公布，不能再更改"
        : Status is BenchmarkRoundStatus.Withdrawn ? "该批次已撤销，不能再更改"
        : "遴选批次只能按 草拟 → 提名中 → 评审中 → 已公布 的顺序推进";

    /// <summary>Edits of the draft: name, year, deadline, quota, key industries (criteria are replaced on the collection).</summary>
    public void Edit(string name, int year, DateOnly deadline, int quota, IEnumerable<string> industries, string by, DateTimeOffset at)
    {
        if (Status != BenchmarkRoundStatus.Draft) throw new InvalidOperationException("只有草拟中的批次可以修改");
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Year = year;
        NominationDeadline = deadline;
        Quota = quota;
        KeyIndustries = [.. industries];
        Touch(by, at);
    }

    /// <summary>提名中: the criteria are published and districts may nominate.</summary>
    public void Open(string by, DateTimeOffset at) => Move(BenchmarkRoundStatus.Nominating, by, at);

    /// <summary>评审中: nominations close.</summary>
    public void Close(string by, DateTimeOffset at) => Move(BenchmarkRoundStatus.Reviewing, by, at);

    /// <summary>已公布: the selection becomes public and frozen.</summary>
    public void Publish(string by, DateTimeOffset at)
    {
        Move(BenchmarkRoundStatus.Published, by, at);
        PublishedAt = at;
    }

    /// <summary>撤销, for <paramref name="reason"/>.</summary>
    public void Withdraw(string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Move(BenchmarkRoundStatus.Withdrawn, by, at);
        WithdrawReason = reason;
    }

    /// <summary>A change under the round (a selection) that must be serialised with the others: the version moves.</summary>
    public void Touch(string by, DateTimeOffset at)
    {
        UpdatedBy = by;
        UpdatedAt = at;
    }

    private void Move(BenchmarkRoundStatus to, string by, DateTimeOffset at)
    {
        if (Refusal(to) is { } refused) throw new InvalidOperationException(refused);
        Status = to;
        Touch(by, at);
    }
}

/// <summary>遴选标准 — one published criterion of a round: name, description, maximum score, and what it looks at.</summary>
public sealed class BenchmarkCriterion
{
    public const int NameLength = 100;
    public const int DescriptionLength = 1000;
    public const int MaxScoreLimit = 100;

    public int Id { get; set; }
    public int RoundId { get; set; }
    public BenchmarkRound? Round { get; set; }
    /// <summary>Order on the page (1, 2, …).</summary>
    public int Position { get; set; }
    public BenchmarkCriterionKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>满分: a score is a whole number 0..MaxScore.</summary>
    public int MaxScore { get; set; }
}

/// <summary>
/// 标杆企业提名 — a district's nomination of one enterprise of its area to a round (one per round and enterprise), with the
/// reason, the enterprise's stated transformation targets and the projects to feature; then the bureau's selection with
/// its reason, and the enterprise's consent to what its public page may show.
/// </summary>
public sealed class BenchmarkNomination : IVersioned
{
    public const int TextLength = 2000;
    public const string UniqueIndex = "ux_benchmark_nominations_round_enterprise";
    public const string SelectedCheck = "ck_benchmark_nominations_selected";
    public const string SelectedSql = "NOT \"Selected\" OR \"SelectionReason\" IS NOT NULL";

    private BenchmarkNomination() { }

    public static BenchmarkNomination Nominate(int roundId, int enterpriseId, string reason, string targets, IEnumerable<int> projects, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(targets);
        return new()
        {
            RoundId = roundId, EnterpriseId = enterpriseId, Reason = reason, Targets = targets, FeaturedProjects = [.. projects],
            NominatedBy = by, NominatedAt = at, UpdatedBy = by, UpdatedAt = at,
        };
    }

    public int Id { get; set; }
    public int RoundId { get; private set; }
    public BenchmarkRound? Round { get; set; }
    public int EnterpriseId { get; private set; }
    public Enterprise? Enterprise { get; set; }
    /// <summary>提名理由.</summary>
    public string Reason { get; private set; } = "";
    /// <summary>企业改造目标, as the enterprise states them.</summary>
    public string Targets { get; private set; } = "";
    /// <summary>展示项目: ids of the enterprise's projects to feature.</summary>
    public List<int> FeaturedProjects { get; private set; } = [];
    public string NominatedBy { get; private set; } = "";
    public DateTimeOffset NominatedAt { get; private set; }
    public bool Selected { get; private set; }
    public string? SelectionReason { get; private set; }
    /// <summary>What the enterprise agreed to publish (each false until it ticks it); null when it has not answered yet.</summary>
    public DateTimeOffset? ConsentedAt { get; private set; }
    public string? ConsentedBy { get; private set; }
    public bool PublishProjects { get; private set; }
    public bool PublishEquipment { get; private set; }
    public bool PublishDigital { get; private set; }
    public bool PublishAward { get; private set; }
    public bool PublishTargets { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public long Version { get; set; }
    public List<BenchmarkScore> Scores { get; private set; } = [];

    /// <summary>入选, for <paramref name="reason"/>; the round must be under review (checked by the caller with the quota).</summary>
    public void Select(string reason, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Selected = true;
        SelectionReason = reason;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    /// <summary>取消入选 (before publication).</summary>
    public void Unselect(string by, DateTimeOffset at)
    {
        Selected = false;
        SelectionReason = null;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    /// <summary>The enterprise's answer: which figures its public page may show (it may change its answer at any time).</summary>
    public void Consent(bool projects, bool equipment, bool digital, bool award, bool targets, string by, DateTimeOffset at)
    {
        if (!Selected) throw new InvalidOperationException("只有入选的企业需要确认公开内容");
        PublishProjects = projects;
        PublishEquipment = equipment;
        PublishDigital = digital;
        PublishAward = award;
        PublishTargets = targets;
        ConsentedAt = at;
        ConsentedBy = by;
        UpdatedBy = by;
        UpdatedAt = at;
    }
}

/// <summary>评分 — the bureau's score of one criterion of one nomination (0..max, a whole number) with its reason.</summary>
public sealed class BenchmarkScore : IVersioned
{
    public const int ReasonLength = 1000;
    public const string UniqueIndex = "ux_benchmark_scores_nomination_criterion";
    public const string ScoreCheck = "ck_benchmark_scores_score";
    public const string ScoreSql = "\"Score\" >= 0 AND \"Score\" <= 100";

    public int Id { get; set; }
    public int NominationId { get; set; }
    public BenchmarkNomination? Nomination { get; set; }
    public int CriterionId { get; set; }
    public BenchmarkCriterion? Criterion { get; set; }
    public int Score { get; set; }
    public string Reason { get; set; } = "";
    public string ScoredBy { get; set; } = "";
    public DateTimeOffset ScoredAt { get; set; }
    public long Version { get; set; }
}
