using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Configurations;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Services.Programme;
using Renewal.Services.Workflow;

namespace Renewal.Services.Benchmarks;

/// <summary>One criterion as the bureau writes it.</summary>
public sealed record CriterionInput(BenchmarkCriterionKind Kind, string? Name, string? Description, int? MaxScore);

/// <summary>A round as the bureau writes it (a draft): name, year, deadline (Beijing date), quota, key industries (division codes), criteria.</summary>
public sealed record RoundInput(string? Name, int? Year, DateOnly? NominationDeadline, int? Quota, IReadOnlyList<string>? KeyIndustries,
    IReadOnlyList<CriterionInput>? Criteria);

public sealed record Industry(string Code, string Name);

public sealed record CriterionRow(int Id, BenchmarkCriterionKind Kind, string Name, string Description, int MaxScore);

/// <summary>A round as its readers see it.</summary>
public sealed record RoundRow(int Id, string Name, int Year, DateOnly NominationDeadline, int Quota, IReadOnlyList<Industry> KeyIndustries,
    BenchmarkRoundStatus Status, string? WithdrawReason, DateTimeOffset? PublishedAt, long Version, IReadOnlyList<CriterionRow> Criteria,
    int Nominations, int Selected)
{
    public int MaxTotal => Criteria.Sum(c => c.MaxScore);
    public IReadOnlyList<BenchmarkRoundStatus> Next => BenchmarkRound.Next(Status);
}

/// <summary>
/// The library's figures beside the criteria: the enterprise's division and whether it is a key industry; its equipment
/// and digital investment 2024–2027 (yuan, exact) and the digital share (digital ÷ equipment, a fraction; null when
/// there is no equipment investment).
/// </summary>
public sealed record BenchmarkFigures(string Division, string DivisionName, bool KeyIndustry, decimal Equipment, decimal Digital, decimal? DigitalShare, int Projects)
{
    /// <summary>The share as a percentage, two decimals (the exact fraction is <see cref="DigitalShare"/>).</summary>
    public string SharePercent => DigitalShare is { } s ? (s * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";
}

public sealed record ProjectRef(int Id, string Code, string Name);

public sealed record ScoreRow(int Id, int CriterionId, int Score, string Reason, string ScoredBy, DateTimeOffset ScoredAt, long Version);

/// <summary>A nomination as the government reads it: who, why, the figures, the scores (total, rank), the selection and the consent.</summary>
public sealed record NominationRow(int Id, int RoundId, int EnterpriseId, string Enterprise, string CreditCode, string Area, string Reason, string Targets,
    IReadOnlyList<ProjectRef> Projects, string NominatedBy, DateTimeOffset NominatedAt, bool Selected, string? SelectionReason,
    IReadOnlyList<ScoreRow> Scores, int Total, bool FullyScored, int Rank, BenchmarkFigures Figures, long Version, DateTimeOffset? ConsentedAt);

/// <summary>One thing the enterprise's public page could show, with its figure, and whether the enterprise agreed.</summary>
public sealed record ConsentItem(string Key, string Label, string Value, bool Agreed);

/// <summary>A selected nomination as its enterprise reads it: what is proposed for its public page and what it agreed.</summary>
public sealed record ConsentView(int NominationId, string Round, int Year, BenchmarkRoundStatus RoundStatus, string Enterprise, long Version,
    DateTimeOffset? ConsentedAt, IReadOnlyList<ConsentItem> Items);

/// <summary>What the enterprise agreed to publish.</summary>
public sealed record ConsentInput(bool Projects, bool Equipment, bool Digital, bool Award, bool Targets);

/// <summary>A selected enterprise on the public list.</summary>
public sealed record PublicEntry(int Id, string Enterprise, string Area, string Division, string DivisionName, string Round, int Year);

/// <summary>The criteria as published, with the bureau's score of each.</summary>
public sealed record PublicCriterion(string Name, string Description, int MaxScore, int Score);

/// <summary>An enterprise's public page: only what it agreed to show (null: not agreed).</summary>
public sealed record PublicPage(int Id, string Enterprise, string Area, string Division, string DivisionName, string Round, int Year, DateTimeOffset? PublishedAt,
    string SelectionReason, IReadOnlyList<PublicCriterion> Criteria, int Total, int MaxTotal,
    IReadOnlyList<ProjectRef>? Projects, decimal? Equipment, decimal? Digital, decimal? Award, string? Targets);

/// <summary>
/// 标杆企业 (plan §三(三), issue 14 item 3; ADR-030): the bureau opens a selection round with published criteria; districts
/// nominate enterprises of their area before the deadline; the bureau scores each criterion with a reason, selects up to
/// the quota with a reason, and publishes; the selected enterprise agrees what its public page shows. Every change is
/// audited; every read and write is checked against the user's role and area on the server.
/// </summary>
public sealed class BenchmarkService(LibraryDbContext db, TimeProvider clock)
{
    public const string BureauOnly = "遴选批次由市局设立、评分和选定";
    public const string DistrictsOnly = "标杆企业由区镇审核员提名";
    public const string Stale = "该记录已被同事更新，本次未保存。请刷新后在最新记录上操作";

    private DateTimeOffset Now => clock.GetUtcNow();
    private static ProgrammeTargets Targets => ProgrammeTargets.Default;

    /// <summary>The four criteria the issue names, as a new round proposes them (the bureau edits them before opening).</summary>
    public static IReadOnlyList<CriterionInput> DefaultCriteria() =>
    [
        new(BenchmarkCriterionKind.Industry, "重点行业", "企业所属行业大类（GB/T 4754-2017）属于本批次重点行业", 20),
        new(BenchmarkCriterionKind.Investment, "计划投资", "项目库中企业 2024—2027 年设备投资合计（含数字化投资），规模越大得分越高", 30),
        new(BenchmarkCriterionKind.DigitalShare, "数字化占比", "数字化投资占设备投资的比重，体现智能化改造、数字化转型程度", 30),
        new(BenchmarkCriterionKind.Targets, "企业目标", "企业在提名中明确的改造目标（产能、能效、质量、数字化等）具体、可考核", 20),
    ];

    /// <summary>The industry divisions a round may name (the dashboard's own list, industry-divisions.yaml).</summary>
    public static IReadOnlyList<Industry> Divisions() => [.. Targets.Divisions.Select(d => new Industry(d.Key, d.Value))];

    /// <summary>The GB/T 4754 division of an industry code (C3421 → C34), as the dashboard groups enterprises.</summary>
    public static string DivisionOf(string industryCode) => ProgrammeShares.DivisionOf(industryCode);

    // ---------------------------------------------------------------- rounds

    /// <summary>The rounds the user may see: the bureau all, the other government roles all but drafts, others none.</summary>
    public async Task<IReadOnlyList<RoundRow>> RoundsAsync(UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await RoundRowsAsync(VisibleRounds(user), user, ct);
    }

    public async Task<RoundRow?> RoundAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = await RoundRowsAsync(VisibleRounds(user).Where(r => r.Id == id), user, ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private IQueryable<BenchmarkRound> VisibleRounds(UserContext user) =>
        user.IsBureau ? db.BenchmarkRounds.AsNoTracking()
        : user.IsGovernment ? db.BenchmarkRounds.AsNoTracking().Where(r => r.Status != BenchmarkRoundStatus.Draft)
        : db.BenchmarkRounds.AsNoTracking().Where(_ => false);

    private async Task<List<RoundRow>> RoundRowsAsync(IQueryable<BenchmarkRound> q, UserContext user, CancellationToken ct)
    {
        var rounds = await q.Include(r => r.Criteria).OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var counts = await VisibleNominations(user).Where(n => ids.Contains(n.RoundId))
            .GroupBy(n => n.RoundId).Select(g => new { g.Key, All = g.Count(), Selected = g.Count(n => n.Selected) }).ToListAsync(ct);
        return [.. rounds.Select(r =>
        {
            var c = counts.FirstOrDefault(x => x.Key == r.Id);
            return ToRow(r, c?.All ?? 0, c?.Selected ?? 0);
        })];
    }

    private static RoundRow ToRow(BenchmarkRound r, int nominations, int selected) => new(r.Id, r.Name, r.Year, r.NominationDeadline, r.Quota,
        [.. r.KeyIndustries.Select(k => new Industry(k, Targets.DivisionName(k)))], r.Status, r.WithdrawReason, r.PublishedAt, r.Version,
        [.. r.Criteria.OrderBy(c => c.Position).Select(c => new CriterionRow(c.Id, c.Kind, c.Name, c.Description, c.MaxScore))], nominations, selected);

    /// <summary>A new draft round (the bureau). Criteria left out are the four defaults.</summary>
    public async Task<Result<BenchmarkRound>> CreateAsync(UserContext user, RoundInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsBureau) return Result<BenchmarkRound>.Fail(ResultKind.Forbidden, BureauOnly);
        input = input with { Criteria = input.Criteria ?? DefaultCriteria() };
        if (Problem(input) is { } problem) return Result<BenchmarkRound>.Fail(ResultKind.Invalid, problem);
        var round = BenchmarkRound.Draft(input.Name!.Trim(), input.Year!.Value, input.NominationDeadline!.Value, input.Quota!.Value, Industries(input), user.UserName, Now);
        SetCriteria(round, input.Criteria!);
        db.BenchmarkRounds.Add(round);
        // The audit names the round by its number, known after the first save: both in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        AuditLog.Append(db, user.Actor, "create", "benchmark_round", Key(round), null, Describe(round), Now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<BenchmarkRound>.Success(round);
    }

    /// <summary>Edits a draft round: its fields and criteria (replaced as given).</summary>
    public Task<Result<BenchmarkRound>> EditAsync(UserContext user, int id, long version, RoundInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RoundMoveAsync(user, id, version, "update", r =>
        {
            if (r.Status != BenchmarkRoundStatus.Draft) return "只有草拟中的批次可以修改；已发布的遴选标准不再更改";
            var full = input with { Criteria = input.Criteria ?? [.. r.Criteria.OrderBy(c => c.Position).Select(c => new CriterionInput(c.Kind, c.Name, c.Description, c.MaxScore))] };
            if (Problem(full) is { } problem) return problem;
            r.Edit(full.Name!.Trim(), full.Year!.Value, full.NominationDeadline!.Value, full.Quota!.Value, Industries(full), user.UserName, Now);
            db.BenchmarkCriteria.RemoveRange(r.Criteria);
            r.Criteria.Clear();
            SetCriteria(r, full.Criteria!);
            return null;
        }, ct);
    }

    /// <summary>提名中: the criteria are published; the deadline must not have passed (Beijing date).</summary>
    public Task<Result<BenchmarkRound>> OpenAsync(UserContext user, int id, long version, CancellationToken ct = default) =>
        RoundMoveAsync(user, id, version, "open", r =>
        {
            if (r.Refusal(BenchmarkRoundStatus.Nominating) is { } refused) return refused;
            if (r.NominationDeadline < clock.Today()) return $"提名截止日（nomination_deadline）{Date(r.NominationDeadline)} 已过，请先修改截止日";
            if (r.Criteria.Count == 0) return "请至少设置一项遴选标准（criteria）";
            r.Open(user.UserName, Now);
            return null;
        }, ct);

    /// <summary>评审中: nominations close (before or after the deadline: the bureau decides).</summary>
    public Task<Result<BenchmarkRound>> CloseAsync(UserContext user, int id, long version, CancellationToken ct = default) =>
        RoundMoveAsync(user, id, version, "close", r =>
        {
            if (r.Refusal(BenchmarkRoundStatus.Reviewing) is { } refused) return refused;
            r.Close(user.UserName, Now);
            return null;
        }, ct);

    /// <summary>已公布: at least one selected enterprise, every one fully scored; then scores and selections are frozen.</summary>
    public Task<Result<BenchmarkRound>> PublishAsync(UserContext user, int id, long version, CancellationToken ct = default) =>
        RoundMoveAsync(user, id, version, "publish", r =>
        {
            if (r.Refusal(BenchmarkRoundStatus.Published) is { } refused) return refused;
            var selected = db.BenchmarkNominations.Where(n => n.RoundId == r.Id && n.Selected).Select(n => new { n.Id, Scores = n.Scores.Count }).ToList();
            if (selected.Count == 0) return "尚未选定标杆企业，不能公布";
            if (selected.Any(s => s.Scores < r.Criteria.Count)) return "有入选企业尚未完成各项评分，不能公布";
            r.Publish(user.UserName, Now);
            return null;
        }, ct, async r =>
        {
            // Each selected enterprise is told, in the publication's transaction, and asked what its public page may show.
            foreach (var n in await db.BenchmarkNominations.AsNoTracking().Where(n => n.RoundId == r.Id && n.Selected).OrderBy(n => n.Id).ToListAsync(ct))
                await Notifications.OutreachNotices.SelectedAsync(db, n, r, user.Id, Now, ct);
        });

    /// <summary>撤销, with the reason (before publication).</summary>
    public Task<Result<BenchmarkRound>> WithdrawAsync(UserContext user, int id, long version, string? reason, CancellationToken ct = default) =>
        RoundMoveAsync(user, id, version, "withdraw", r =>
        {
            if (r.Refusal(BenchmarkRoundStatus.Withdrawn) is { } refused) return refused;
            var text = Clean(reason);
            if (text is null) return "请填写撤销原因（reason）";
            if (TextLimits.Check(text, "撤销原因", "reason", BenchmarkRound.ReasonLength) is { } tooLong) return tooLong;
            r.Withdraw(text, user.UserName, Now);
            return null;
        }, ct);

    private async Task<Result<BenchmarkRound>> RoundMoveAsync(UserContext user, int id, long version, string action, Func<BenchmarkRound, string?> apply, CancellationToken ct,
        Func<BenchmarkRound, Task>? alsoSave = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<BenchmarkRound>.Fail(ResultKind.Forbidden, BureauOnly);
        var round = await db.BenchmarkRounds.Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return Result<BenchmarkRound>.Fail(ResultKind.NotFound, "遴选批次不存在");
        if (round.Version != version) return Result<BenchmarkRound>.Fail(ResultKind.Conflict, Stale);
        var before = Describe(round);
        if (apply(round) is { } refused) return Result<BenchmarkRound>.Fail(ResultKind.Invalid, $"{refused}（当前：{BenchmarkWords.Label(round.Status)}）");
        db.Entry(round).Property(r => r.UpdatedAt).IsModified = true;
        db.Entry(round).Property(r => r.Version).OriginalValue = version;
        AuditLog.Append(db, user.Actor, action, "benchmark_round", Key(round), before, Describe(round, version + 1), Now);
        if (alsoSave is not null) await alsoSave(round);
        return await SaveAsync(round, ct);
    }

    private static string? Problem(RoundInput i)
    {
        var name = Clean(i.Name);
        if (name is null) return "请填写批次名称（name）";
        if (TextLimits.Check(name, "批次名称", "name", BenchmarkRound.NameLength) is { } longName) return longName;
        if (i.Year is not { } year || !Targets.Years.Contains(year)) return $"年度（year）应为 {Targets.FirstYear}—{Targets.LastYear} 年";
        if (i.NominationDeadline is not { } deadline) return "请填写提名截止日（nomination_deadline）";
        if (deadline.Year is < 2024 or > 2100) return "提名截止日（nomination_deadline）不在合理范围内";
        if (i.Quota is not { } quota || quota < 1 || quota > BenchmarkRound.MaxQuota) return $"入选名额（quota）应为 1—{BenchmarkRound.MaxQuota} 的整数";
        var industries = Industries(i);
        if (industries.Count == 0) return "请至少选择一个重点行业（key_industries）";
        if (industries.FirstOrDefault(k => !Targets.Divisions.ContainsKey(k)) is { } unknown) return $"重点行业（key_industries）“{unknown}”不是 GB/T 4754-2017 行业大类代码";
        if (i.Criteria is not { Count: > 0 } criteria) return "请至少设置一项遴选标准（criteria）";
        for (var n = 0; n < criteria.Count; n++)
        {
            var c = criteria[n];
            var row = $"第 {n + 1} 项遴选标准";
            if (!Enum.IsDefined(c.Kind)) return $"{row}：考察内容（kind）无效";
            if (Clean(c.Name) is not { } cname) return $"{row}：请填写名称（name）";
            if (cname.Length > BenchmarkCriterion.NameLength) return $"{row}：名称（name）最多 {BenchmarkCriterion.NameLength} 个字符";
            if (Clean(c.Description) is not { } desc) return $"{row}：请填写说明（description）";
            if (desc.Length > BenchmarkCriterion.DescriptionLength) return $"{row}：说明（description）最多 {BenchmarkCriterion.DescriptionLength} 个字符";
            if (c.MaxScore is not { } max || max < 1 || max > BenchmarkCriterion.MaxScoreLimit) return $"{row}：满分（max_score）应为 1—{BenchmarkCriterion.MaxScoreLimit} 的整数";
        }
        if (criteria.GroupBy(c => c.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice) return $"遴选标准（criteria）中“{BenchmarkWords.Label(twice.Key)}”出现了两次";
        return null;
    }

    private static List<string> Industries(RoundInput i) =>
        [.. (i.KeyIndustries ?? []).Select(k => k?.Trim().ToUpperInvariant() ?? "").Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static void SetCriteria(BenchmarkRound r, IReadOnlyList<CriterionInput> criteria)
    {
        var n = 0;
        foreach (var c in criteria)
            r.Criteria.Add(new BenchmarkCriterion { Position = ++n, Kind = c.Kind, Name = Clean(c.Name)!, Description = Clean(c.Description)!, MaxScore = c.MaxScore!.Value });
    }

    // ---------------------------------------------------------------- nominations

    private IQueryable<BenchmarkNomination> VisibleNominations(UserContext u) => u.Role switch
    {
        Role.DistrictReviewer => db.BenchmarkNominations.AsNoTracking().Where(n => n.Enterprise!.Area == u.Area),
        Role.BureauReviewer or Role.BureauAdmin or Role.Finance => db.BenchmarkNominations.AsNoTracking(),
        Role.Enterprise => db.BenchmarkNominations.AsNoTracking().Where(n => n.Selected && n.Enterprise!.CreditCode == u.CreditCode
            && n.Round!.Status != BenchmarkRoundStatus.Withdrawn),
        _ => db.BenchmarkNominations.AsNoTracking().Where(_ => false),
    };

    /// <summary>The library's figures of an enterprise against a round's key industries (2024–2027, exact; summed here: SQLite keeps money as text).</summary>
    public async Task<BenchmarkFigures> FiguresAsync(int enterpriseId, IReadOnlyCollection<string> keyIndustries, CancellationToken ct = default)
    {
        var all = await FiguresAsync([enterpriseId], keyIndustries, ct);
        return all[enterpriseId];
    }

    private async Task<Dictionary<int, BenchmarkFigures>> FiguresAsync(IReadOnlyCollection<int> enterpriseIds, IReadOnlyCollection<string> keyIndustries, CancellationToken ct)
    {
        var ids = enterpriseIds.ToList();
        var (first, last) = (Targets.FirstYear, Targets.LastYear);
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.IndustryCode, Projects = e.Projects.Count }).ToListAsync(ct);
        var money = (await db.Investments.AsNoTracking().Where(i => ids.Contains(i.Project!.EnterpriseId) && i.Year >= first && i.Year <= last)
            .Select(i => new { i.Project!.EnterpriseId, i.Equipment, i.Digital }).ToListAsync(ct))
            .GroupBy(i => i.EnterpriseId).ToDictionary(g => g.Key, g => (Equipment: g.Sum(i => i.Equipment), Digital: g.Sum(i => i.Digital)));
        return enterprises.ToDictionary(e => e.Id, e =>
        {
            var division = ProgrammeShares.DivisionOf(e.IndustryCode);
            var (equipment, digital) = money.GetValueOrDefault(e.Id);
            return new BenchmarkFigures(division, Targets.DivisionName(division), keyIndustries.Contains(division), equipment, digital,
                equipment > 0 ? digital / equipment : null, e.Projects);
        });
    }

    /// <summary>The round's nominations the user may see, with figures, scores and rank by total score (ties: earlier nomination first).</summary>
    public async Task<IReadOnlyList<NominationRow>> NominationsAsync(UserContext user, int roundId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await RoundAsync(user, roundId, ct) is not { } round) return [];
        return await NominationRowsAsync(user, round, VisibleNominations(user).Where(n => n.RoundId == roundId), ct);
    }

    public async Task<NominationRow?> NominationAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roundId = await VisibleNominations(user).Where(n => n.Id == id).Select(n => (int?)n.RoundId).FirstOrDefaultAsync(ct);
        if (roundId is null) return null;
        return (await NominationsAsync(user, roundId.Value, ct)).FirstOrDefault(n => n.Id == id);
    }

    private async Task<List<NominationRow>> NominationRowsAsync(UserContext user, RoundRow round, IQueryable<BenchmarkNomination> q, CancellationToken ct)
    {
        var rows = await q.Include(n => n.Scores)
            .Select(n => new { n, Enterprise = n.Enterprise!.Name, n.Enterprise.CreditCode, n.Enterprise.Area }).ToListAsync(ct);
        var figures = await FiguresAsync([.. rows.Select(r => r.n.EnterpriseId).Distinct()], [.. round.KeyIndustries.Select(k => k.Code)], ct);
        var projectIds = rows.SelectMany(r => r.n.FeaturedProjects).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).Select(p => new ProjectRef(p.Id, p.Code, p.Name)).ToDictionaryAsync(p => p.Id, ct);
        var criteria = round.Criteria.Select(c => c.Id).ToHashSet();
        var list = rows.Select(r =>
        {
            var scores = r.n.Scores.Where(s => criteria.Contains(s.CriterionId))
                .Select(s => new ScoreRow(s.Id, s.CriterionId, s.Score, s.Reason, s.ScoredBy, s.ScoredAt, s.Version)).ToList();
            return new NominationRow(r.n.Id, r.n.RoundId, r.n.EnterpriseId, r.Enterprise, r.CreditCode, r.Area, r.n.Reason, r.n.Targets,
                [.. r.n.FeaturedProjects.Where(projects.ContainsKey).Select(p => projects[p])], r.n.NominatedBy, r.n.NominatedAt, r.n.Selected, r.n.SelectionReason,
                scores, scores.Sum(s => s.Score), scores.Count == criteria.Count, 0, figures[r.n.EnterpriseId], r.n.Version, r.n.ConsentedAt);
        }).OrderByDescending(n => n.Total).ThenBy(n => n.Id).ToList();
        return [.. list.Select((n, i) => n with { Rank = i + 1 })];
    }

    /// <summary>The enterprises of the district's area it may nominate to the round, by credit code or name (at most 50).</summary>
    public async Task<IReadOnlyList<(int Id, string Name, string CreditCode)>> NomineesAsync(UserContext user, int roundId, string? search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.DistrictReviewer) return [];
        var q = db.Enterprises.AsNoTracking().VisibleTo(user).Where(e => !db.BenchmarkNominations.Any(n => n.RoundId == roundId && n.EnterpriseId == e.Id));
        if (Clean(search) is { } s) q = q.Where(e => e.CreditCode == s || e.Name.Contains(s));
        var rows = await q.OrderBy(e => e.Name).Take(50).Select(e => new { e.Id, e.Name, e.CreditCode }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name, r.CreditCode))];
    }

    /// <summary>The name of an enterprise the user may see (a district: of its area), or null.</summary>
    public async Task<string?> EnterpriseNameAsync(UserContext user, int enterpriseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await db.Enterprises.AsNoTracking().VisibleTo(user).Where(e => e.Id == enterpriseId).Select(e => e.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The enterprise's projects a district may feature (its area's only).</summary>
    public async Task<IReadOnlyList<ProjectRef>> ProjectsAsync(UserContext user, int enterpriseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await db.Projects.AsNoTracking().VisibleTo(user).Where(p => p.EnterpriseId == enterpriseId).OrderBy(p => p.Code)
            .Select(p => new ProjectRef(p.Id, p.Code, p.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// 提名: a district nominates an enterprise of its own area while the round is 提名中 and the deadline (a Beijing date,
    /// included) has not passed, with the reason, the enterprise's stated targets and at least one project of its own to feature.
    /// </summary>
    public async Task<Result<BenchmarkNomination>> NominateAsync(UserContext user, int roundId, int enterpriseId, string? reason, string? targets,
        IReadOnlyCollection<int>? projects, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.DistrictReviewer) return Result<BenchmarkNomination>.Fail(ResultKind.Forbidden, DistrictsOnly);
        var round = await db.BenchmarkRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.Status != BenchmarkRoundStatus.Draft, ct);
        if (round is null) return Result<BenchmarkNomination>.Fail(ResultKind.NotFound, "遴选批次不存在");
        if (round.Status != BenchmarkRoundStatus.Nominating)
            return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, $"该批次不在提名阶段（当前：{BenchmarkWords.Label(round.Status)}）");
        if (clock.Today() > round.NominationDeadline)
            return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, $"提名已于 {Date(round.NominationDeadline)}（北京时间）截止");
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);
        if (enterprise is null) return Result<BenchmarkNomination>.Fail(ResultKind.NotFound, "企业不存在");
        if (enterprise.Area != user.Area) return Result<BenchmarkNomination>.Fail(ResultKind.Forbidden, "只能提名本区镇的企业");
        var why = Clean(reason);
        if (why is null) return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, "请填写提名理由（reason）");
        if (TextLimits.Check(why, "提名理由", "reason", BenchmarkNomination.TextLength) is { } longWhy) return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, longWhy);
        var aims = Clean(targets);
        if (aims is null) return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, "请填写企业改造目标（targets）");
        if (TextLimits.Check(aims, "企业改造目标", "targets", BenchmarkNomination.TextLength) is { } longAims) return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, longAims);
        var chosen = (projects ?? []).Distinct().ToList();
        if (chosen.Count == 0) return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, "请至少选择一个展示项目（projects）");
        var own = await db.Projects.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId && chosen.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (chosen.Where(p => !own.Contains(p)).ToList() is { Count: > 0 } stray)
            return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, $"展示项目（projects）{string.Join("、", stray)} 不是该企业的项目");
        if (await db.BenchmarkNominations.AnyAsync(n => n.RoundId == roundId && n.EnterpriseId == enterpriseId, ct))
            return Result<BenchmarkNomination>.Fail(ResultKind.Conflict, "该企业已被提名到本批次");

        var nomination = BenchmarkNomination.Nominate(roundId, enterpriseId, why, aims, chosen.Order(), user.UserName, Now);
        db.BenchmarkNominations.Add(nomination);
        AuditLog.Append(db, user.Actor, "提名标杆企业", "benchmark_nomination", $"{roundId}|{enterprise.CreditCode}", null, Describe(nomination, enterprise.CreditCode), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, BenchmarkNomination.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<BenchmarkNomination>.Fail(ResultKind.Conflict, "该企业已被提名到本批次（刚由同事提名）");
        }
        return Result<BenchmarkNomination>.Success(nomination);
    }

    // ---------------------------------------------------------------- scores and selection

    /// <summary>评分: the bureau scores one criterion of one nomination (a whole number 0..满分) with a reason, while the round is 评审中.</summary>
    public async Task<Result<BenchmarkScore>> ScoreAsync(UserContext user, int nominationId, int criterionId, int? score, string? reason, long? version,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<BenchmarkScore>.Fail(ResultKind.Forbidden, BureauOnly);
        var n = await db.BenchmarkNominations.Include(x => x.Round).ThenInclude(r => r!.Criteria).Include(x => x.Scores).Include(x => x.Enterprise)
            .FirstOrDefaultAsync(x => x.Id == nominationId, ct);
        if (n is null) return Result<BenchmarkScore>.Fail(ResultKind.NotFound, "提名不存在");
        if (n.Round!.Status != BenchmarkRoundStatus.Reviewing)
            return Result<BenchmarkScore>.Fail(ResultKind.Invalid, n.Round.Status == BenchmarkRoundStatus.Published
                ? "该批次已公布，评分已冻结" : $"只有评审中的批次可以评分（当前：{BenchmarkWords.Label(n.Round.Status)}）");
        var criterion = n.Round.Criteria.FirstOrDefault(c => c.Id == criterionId);
        if (criterion is null) return Result<BenchmarkScore>.Fail(ResultKind.NotFound, "该批次没有这项遴选标准");
        if (score is not { } value) return Result<BenchmarkScore>.Fail(ResultKind.Invalid, $"请填写“{criterion.Name}”的得分（score）");
        if (value < 0 || value > criterion.MaxScore)
            return Result<BenchmarkScore>.Fail(ResultKind.Invalid, $"“{criterion.Name}”的得分（score）应为 0—{criterion.MaxScore} 的整数，实为 {value}");
        var why = Clean(reason);
        if (why is null) return Result<BenchmarkScore>.Fail(ResultKind.Invalid, $"请填写“{criterion.Name}”的评分理由（reason）");
        if (TextLimits.Check(why, "评分理由", "reason", BenchmarkScore.ReasonLength) is { } tooLong) return Result<BenchmarkScore>.Fail(ResultKind.Invalid, tooLong);
        var existing = n.Scores.FirstOrDefault(s => s.CriterionId == criterionId);
        string? before = null;
        if (existing is null)
        {
            existing = new BenchmarkScore { NominationId = n.Id, CriterionId = criterionId };
            n.Scores.Add(existing);
        }
        else
        {
            if (version is { } v && v != existing.Version) return Result<BenchmarkScore>.Fail(ResultKind.Conflict, Stale);
            before = DescribeScore(existing, criterion);
            db.Entry(existing).Property(s => s.Version).OriginalValue = version ?? existing.Version;
        }
        existing.Score = value;
        existing.Reason = why;
        existing.ScoredBy = user.UserName;
        existing.ScoredAt = Now;
        AuditLog.Append(db, user.Actor, "标杆评分", "benchmark_score", $"{n.RoundId}|{n.Enterprise!.CreditCode}|{criterion.Name}", before,
            DescribeScore(existing, criterion), Now);
        return await SaveAsync(existing, ct);
    }

    /// <summary>入选: the bureau selects a fully scored nomination, with a reason, while the round is 评审中, up to the quota.</summary>
    public async Task<Result<BenchmarkNomination>> SelectAsync(UserContext user, int nominationId, long roundVersion, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var why = Clean(reason);
        return await SelectionAsync(user, nominationId, roundVersion, true, (n, round, selected) =>
        {
            if (n.Selected) return "该企业已入选";
            if (n.Scores.Count(s => round.Criteria.Any(c => c.Id == s.CriterionId)) < round.Criteria.Count) return "请先完成该企业各项遴选标准的评分";
            if (selected >= round.Quota) return $"入选企业已达名额 {round.Quota} 家，不能再选定。如需调整，请先取消其他企业的入选";
            if (why is null) return "请填写入选理由（reason）";
            if (TextLimits.Check(why, "入选理由", "reason", BenchmarkNomination.TextLength) is { } tooLong) return tooLong;
            n.Select(why, user.UserName, Now);
            return null;
        }, ct);
    }

    /// <summary>取消入选 (before publication).</summary>
    public Task<Result<BenchmarkNomination>> UnselectAsync(UserContext user, int nominationId, long roundVersion, CancellationToken ct = default) =>
        SelectionAsync(user, nominationId, roundVersion, false, (n, _, _) =>
        {
            if (!n.Selected) return "该企业未入选";
            n.Unselect(user.UserName, Now);
            return null;
        }, ct);

    private async Task<Result<BenchmarkNomination>> SelectionAsync(UserContext user, int nominationId, long roundVersion, bool select,
        Func<BenchmarkNomination, BenchmarkRound, int, string?> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<BenchmarkNomination>.Fail(ResultKind.Forbidden, BureauOnly);
        var n = await db.BenchmarkNominations.Include(x => x.Round).ThenInclude(r => r!.Criteria).Include(x => x.Scores).Include(x => x.Enterprise)
            .FirstOrDefaultAsync(x => x.Id == nominationId, ct);
        if (n is null) return Result<BenchmarkNomination>.Fail(ResultKind.NotFound, "提名不存在");
        var round = n.Round!;
        if (round.Status != BenchmarkRoundStatus.Reviewing)
            return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, round.Status == BenchmarkRoundStatus.Published
                ? "该批次已公布，入选名单已冻结" : $"只有评审中的批次可以选定（当前：{BenchmarkWords.Label(round.Status)}）");
        if (round.Version != roundVersion) return Result<BenchmarkNomination>.Fail(ResultKind.Conflict, "入选名单已被同事更新，本次未保存。请刷新后重试");
        var selected = await db.BenchmarkNominations.CountAsync(x => x.RoundId == round.Id && x.Selected, ct);
        var before = Describe(n, n.Enterprise!.CreditCode);
        if (apply(n, round, selected) is { } refused) return Result<BenchmarkNomination>.Fail(ResultKind.Invalid, refused);
        // The round's version moves with every selection: two selections at once cannot both pass the quota.
        round.Touch(user.UserName, Now);
        db.Entry(round).Property(r => r.UpdatedAt).IsModified = true;
        db.Entry(round).Property(r => r.Version).OriginalValue = roundVersion;
        AuditLog.Append(db, user.Actor, select ? "选定标杆企业" : "取消标杆企业入选", "benchmark_nomination", $"{n.RoundId}|{n.Enterprise.CreditCode}", before,
            Describe(n, n.Enterprise.CreditCode), Now);
        return await SaveAsync(n, ct);
    }

    // ---------------------------------------------------------------- the enterprise's consent

    /// <summary>The enterprise's selected nominations with what is proposed for its public page.</summary>
    public async Task<IReadOnlyList<ConsentView>> ConsentsAsync(UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.Enterprise) return [];
        var rows = await VisibleNominations(user).Select(n => new { n, Round = n.Round!.Name, n.Round.Year, n.Round.Status, Enterprise = n.Enterprise!.Name })
            .OrderByDescending(x => x.n.Id).ToListAsync(ct);
        var list = new List<ConsentView>();
        foreach (var r in rows)
        {
            var p = await ProposalAsync(r.n, ct);
            list.Add(new ConsentView(r.n.Id, r.Round, r.Year, r.Status, r.Enterprise, r.n.Version, r.n.ConsentedAt,
            [
                new("projects", "改造项目", string.Join("；", p.Projects.Select(x => $"{x.Name}（{x.Code}）")), r.n.PublishProjects),
                new("equipment", "设备投资（2024—2027 年，展示项目合计）", Money(p.Equipment) + " 元", r.n.PublishEquipment),
                new("digital", "其中数字化投资", Money(p.Digital) + " 元", r.n.PublishDigital),
                new("award", "已获批奖补资金", Money(p.Award) + " 元", r.n.PublishAward),
                new("targets", "企业改造目标", r.n.Targets, r.n.PublishTargets),
            ]));
        }
        return list;
    }

    private sealed record Proposal(IReadOnlyList<ProjectRef> Projects, decimal Equipment, decimal Digital, decimal Award);

    /// <summary>What the public page would show: the featured projects, their equipment and digital investment 2024–2027, the awards approved for the enterprise.</summary>
    private async Task<Proposal> ProposalAsync(BenchmarkNomination n, CancellationToken ct)
    {
        var ids = n.FeaturedProjects;
        var projects = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id) && p.EnterpriseId == n.EnterpriseId).OrderBy(p => p.Code)
            .Select(p => new ProjectRef(p.Id, p.Code, p.Name)).ToListAsync(ct);
        var (first, last) = (Targets.FirstYear, Targets.LastYear);
        var money = await db.Investments.AsNoTracking().Where(i => ids.Contains(i.ProjectId) && i.Project!.EnterpriseId == n.EnterpriseId && i.Year >= first && i.Year <= last)
            .Select(i => new { i.Equipment, i.Digital }).ToListAsync(ct);
        var awards = await db.Applications.AsNoTracking()
            .Where(a => a.EnterpriseId == n.EnterpriseId && (a.State == ApplicationState.Approved || a.State == ApplicationState.Paid) && a.ApprovedAmount != null)
            .Select(a => a.ApprovedAmount!.Value).ToListAsync(ct);
        return new Proposal(projects, money.Sum(m => m.Equipment), money.Sum(m => m.Digital), awards.Sum());
    }

    /// <summary>确认公开内容: the enterprise ticks what its public page may show (any time after its selection; a later answer replaces it).</summary>
    public async Task<Result<BenchmarkNomination>> ConsentAsync(UserContext user, int nominationId, long version, ConsentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (user.Role != Role.Enterprise) return Result<BenchmarkNomination>.Fail(ResultKind.Forbidden, "公开内容由入选企业自己确认");
        var visible = await VisibleNominations(user).AnyAsync(n => n.Id == nominationId, ct);
        if (!visible) return Result<BenchmarkNomination>.Fail(ResultKind.NotFound, "没有这条入选记录");
        var n = await db.BenchmarkNominations.Include(x => x.Enterprise).FirstAsync(x => x.Id == nominationId, ct);
        if (n.Version != version) return Result<BenchmarkNomination>.Fail(ResultKind.Conflict, Stale);
        var before = Describe(n, n.Enterprise!.CreditCode);
        n.Consent(input.Projects, input.Equipment, input.Digital, input.Award, input.Targets, user.UserName, Now);
        db.Entry(n).Property(x => x.Version).OriginalValue = version;
        AuditLog.Append(db, user.Actor, "确认标杆公开内容", "benchmark_nomination", $"{n.RoundId}|{n.Enterprise.CreditCode}", before, Describe(n, n.Enterprise.CreditCode, version + 1), Now);
        return await SaveAsync(n, ct);
    }

    // ---------------------------------------------------------------- public

    /// <summary>The selected enterprises of the published rounds (anyone may read), by industry division then name.</summary>
    public async Task<IReadOnlyList<PublicEntry>> PublicListAsync(CancellationToken ct = default)
    {
        var rows = await db.BenchmarkNominations.AsNoTracking().Where(n => n.Selected && n.Round!.Status == BenchmarkRoundStatus.Published)
            .Select(n => new { n.Id, n.Enterprise!.Name, n.Enterprise.Area, n.Enterprise.IndustryCode, Round = n.Round!.Name, n.Round.Year }).ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var d = ProgrammeShares.DivisionOf(r.IndustryCode);
            return new PublicEntry(r.Id, r.Name, r.Area, d, Targets.DivisionName(d), r.Round, r.Year);
        }).OrderBy(e => e.Division, StringComparer.Ordinal).ThenByDescending(e => e.Year).ThenBy(e => e.Enterprise, StringComparer.Ordinal)];
    }

    /// <summary>One selected enterprise's public page, or null when it is not selected in a published round. Only figures it agreed to.</summary>
    public async Task<PublicPage?> PublicPageAsync(int id, CancellationToken ct = default)
    {
        var n = await db.BenchmarkNominations.AsNoTracking().Include(x => x.Scores).Include(x => x.Enterprise).Include(x => x.Round).ThenInclude(r => r!.Criteria)
            .FirstOrDefaultAsync(x => x.Id == id && x.Selected && x.Round!.Status == BenchmarkRoundStatus.Published, ct);
        if (n is null) return null;
        var p = await ProposalAsync(n, ct);
        var criteria = n.Round!.Criteria.OrderBy(c => c.Position)
            .Select(c => new PublicCriterion(c.Name, c.Description, c.MaxScore, n.Scores.FirstOrDefault(s => s.CriterionId == c.Id)?.Score ?? 0)).ToList();
        var d = ProgrammeShares.DivisionOf(n.Enterprise!.IndustryCode);
        return new PublicPage(n.Id, n.Enterprise.Name, n.Enterprise.Area, d, Targets.DivisionName(d), n.Round.Name, n.Round.Year, n.Round.PublishedAt,
            n.SelectionReason ?? "", criteria, criteria.Sum(c => c.Score), criteria.Sum(c => c.MaxScore),
            n.PublishProjects ? p.Projects : null, n.PublishEquipment ? p.Equipment : null, n.PublishDigital ? p.Digital : null,
            n.PublishAward ? p.Award : null, n.PublishTargets ? n.Targets : null);
    }

    /// <summary>标杆企业 by industry division for the dashboard: distinct enterprises selected in published rounds, of the area or all.</summary>
    public static IReadOnlyList<(string Division, string Name, int Count)> CountByIndustry(LibraryDbContext db, string? area)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.BenchmarkNominations.AsNoTracking().Where(n => n.Selected && n.Round!.Status == BenchmarkRoundStatus.Published);
        if (area is not null) q = q.Where(n => n.Enterprise!.Area == area);
        var rows = q.Select(n => new { n.EnterpriseId, n.Enterprise!.IndustryCode }).Distinct().ToList();
        return [.. rows.GroupBy(r => ProgrammeShares.DivisionOf(r.IndustryCode)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Targets.DivisionName(g.Key), g.Select(x => x.EnterpriseId).Distinct().Count()))];
    }

    // ---------------------------------------------------------------- helpers

    private async Task<Result<T>> SaveAsync<T>(T value, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<T>.Fail(ResultKind.Conflict, Stale);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Result<T>.Fail(ResultKind.Conflict, "同一记录刚由同事保存，本次未保存。请刷新后重试");
        }
        return Result<T>.Success(value);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Key(BenchmarkRound r) => r.Id.ToString(CultureInfo.InvariantCulture);

    private static string Describe(BenchmarkRound r, long? version = null) => JsonSerializer.Serialize(new
    {
        name = r.Name, year = r.Year, nomination_deadline = Date(r.NominationDeadline), quota = r.Quota, key_industries = string.Join("、", r.KeyIndustries),
        status = BenchmarkWords.Label(r.Status), reason = r.WithdrawReason,
        criteria = string.Join("；", r.Criteria.OrderBy(c => c.Position).Select(c => $"{c.Name}（{c.MaxScore} 分）")), version = version ?? r.Version,
    }, AuditLog.SnapshotJson);

    private static string Describe(BenchmarkNomination n, string creditCode, long? version = null) => JsonSerializer.Serialize(new
    {
        round = n.RoundId, enterprise = creditCode, reason = n.Reason, targets = n.Targets, projects = string.Join("、", n.FeaturedProjects),
        selected = n.Selected ? "入选" : "未入选", selection_reason = n.SelectionReason,
        publish = n.ConsentedAt is null ? null : string.Join("、", new[]
        {
            n.PublishProjects ? "改造项目" : null, n.PublishEquipment ? "设备投资" : null, n.PublishDigital ? "数字化投资" : null,
            n.PublishAward ? "奖补资金" : null, n.PublishTargets ? "改造目标" : null,
        }.Where(x => x is not null)),
        version = version ?? n.Version,
    }, AuditLog.SnapshotJson);

    private static string DescribeScore(BenchmarkScore s, BenchmarkCriterion c) => JsonSerializer.Serialize(new
    {
        criterion = c.Name, score = s.Score, max_score = c.MaxScore, reason = s.Reason,
    }, AuditLog.SnapshotJson);
}

/// <summary>The Chinese of the statuses and criterion kinds (the one place they are spelt).</summary>
public static class BenchmarkWords
{
    public static string Label(BenchmarkRoundStatus s) => s switch
    {
        BenchmarkRoundStatus.Draft => "草拟",
        BenchmarkRoundStatus.Nominating => "提名中",
        BenchmarkRoundStatus.Reviewing => "评审中",
        BenchmarkRoundStatus.Published => "已公布",
        _ => "已撤销",
    };

    public static string Label(BenchmarkCriterionKind k) => k switch
    {
        BenchmarkCriterionKind.Industry => "所属行业",
        BenchmarkCriterionKind.Investment => "计划投资",
        BenchmarkCriterionKind.DigitalShare => "数字化占比",
        _ => "企业目标",
    };
}
