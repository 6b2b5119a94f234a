using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Upward;

/// <summary>The list's filter: programme, status, year, area (each optional).</summary>
public sealed record UpwardFilter(int? ProgrammeId = null, UpwardStatus? Status = null, int? Year = null, string? Area = null);

/// <summary>A higher programme as the pages and the API show it (配套比例 as yuan Kunshan adds per yuan granted).</summary>
public sealed record ProgrammeRow(int Id, string Name, Level Level, decimal MatchingShare, string? Note, bool Active, DateTimeOffset UpdatedAt, string UpdatedBy, long Version)
{
    public string LevelLabel => UpwardWords.Level(Level);
}

/// <summary>What the bureau types for a programme (new or changed).</summary>
public sealed record ProgrammeInput(string? Name, Level? Level, decimal? MatchingShare, string? Note, bool Active = true);

/// <summary>One recommendation as a reader may see it; <see cref="Next"/> are the moves still open.</summary>
public sealed record RecommendationRow(int Id, int ProgrammeId, string Programme, Level Level, int ProjectId, string ProjectCode, string ProjectName,
    string Enterprise, string CreditCode, string Area, int Year, UpwardStatus Status, string Reason, DateOnly? AcceptedOn, decimal? ObtainedAmount,
    DateOnly? ApprovedOn, string? DocumentNumber, decimal? MatchingShare, decimal? MatchingAmount, string? RejectReason, string? WithdrawReason,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version)
{
    public IReadOnlyList<UpwardStatus> Next => UpwardRecommendation.Next(Status);
    public string StatusLabel => UpwardWords.Label(Status);
    public string LevelLabel => UpwardWords.Level(Level);
    /// <summary>The moves, oldest first (filled by <see cref="UpwardService.FindAsync"/>).</summary>
    public IReadOnlyList<EventRow> Events { get; init; } = [];
}

public sealed record EventRow(UpwardStatus Status, DateTimeOffset At, string By, string? Note)
{
    public string StatusLabel => UpwardWords.Label(Status);
}

/// <summary>Per programme, over the rows listed: how many stand in each status, the amount obtained and the matching money owed (yuan).</summary>
public sealed record ProgrammeSummary(int ProgrammeId, string Programme, Level Level, IReadOnlyDictionary<UpwardStatus, int> Counts, decimal Obtained, decimal Matching)
{
    public int Total => Counts.Values.Sum();
}

public sealed record UpwardList(IReadOnlyList<RecommendationRow> Items, IReadOnlyList<ProgrammeSummary> ByProgramme);

/// <summary>已获批 as the bureau enters it: the amount granted (yuan), the date, the document number (文号).</summary>
public sealed record Approval(decimal? Amount, DateOnly? ApprovedOn, string? DocumentNumber);

/// <summary>
/// 向上争取 (issue 14 item 2, plan §三(二)/(四); ADR-029): the bureau keeps the higher programmes (上级项目), recommends library
/// projects to them for a year with a reason, and records each recommendation's course — 已受理, then 已获批 (amount, date,
/// document; the matching money Kunshan owes is fixed at the programme's 配套比例) or 未获批 (reason), or 撤回 (reason) before an
/// outcome. One recommendation per programme, project and year (a unique index), forward only, each move against the version
/// read, audited. Districts read their area's, finance all, an enterprise its own projects', a bank nothing.
/// </summary>
public sealed class UpwardService(LibraryDbContext db, TimeProvider clock)
{
    public const string BureauOnly = "向上争取由市工信局办理";
    public const string NotForBanks = "银行人员不能查看向上争取推荐";
    private const string Stale = "该推荐已被同事更新，本次未保存。请刷新后在最新记录上操作";

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The programmes (active first, then by level and name). Government only.</summary>
    public async Task<Result<IReadOnlyList<ProgrammeRow>>> ProgrammesAsync(UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsGovernment) return Result<IReadOnlyList<ProgrammeRow>>.Fail(ResultKind.Forbidden, "上级项目由政府部门查看");
        var rows = await db.HigherProgrammes.AsNoTracking().ToListAsync(ct);
        return Result<IReadOnlyList<ProgrammeRow>>.Success([.. rows.OrderByDescending(p => p.Active).ThenBy(p => LevelOrder(p.Level)).ThenBy(p => p.Id).Select(Row)]);
    }

    /// <summary>Adds a programme (<paramref name="id"/> null) or changes one against <paramref name="version"/>. Bureau only.</summary>
    public async Task<Result<ProgrammeRow>> SaveProgrammeAsync(UserContext user, int? id, long? version, ProgrammeInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsBureau) return Result<ProgrammeRow>.Fail(ResultKind.Forbidden, BureauOnly);
        var name = Clean(input.Name);
        var note = Clean(input.Note);
        if (name is null) return Result<ProgrammeRow>.Fail(ResultKind.Invalid, "请填写项目名称（name）");
        if (TextLimits.Check(name, "项目名称", "name", HigherProgramme.NameLength) is { } longName) return Result<ProgrammeRow>.Fail(ResultKind.Invalid, longName);
        if (input.Level is not { } level || !HigherProgramme.Levels.Contains(level))
            return Result<ProgrammeRow>.Fail(ResultKind.Invalid, "请选择项目层级（level）：省级、苏州市级或国家级");
        if (input.MatchingShare is not { } share) return Result<ProgrammeRow>.Fail(ResultKind.Invalid, "请填写配套比例（matching_share）：每获得 1 元上级资金昆山配套的金额（元）");
        if (share < 0 || share > HigherProgramme.MaxShare) return Result<ProgrammeRow>.Fail(ResultKind.Invalid, $"配套比例（matching_share）应在 0 到 {HigherProgramme.MaxShare:0} 之间（1 表示 1:1 配套）");
        if (decimal.Round(share, 4) != share) return Result<ProgrammeRow>.Fail(ResultKind.Invalid, "配套比例（matching_share）最多四位小数");
        if (TextLimits.Check(note, "说明", "note", HigherProgramme.NoteLength) is { } longNote) return Result<ProgrammeRow>.Fail(ResultKind.Invalid, longNote);
        if (await db.HigherProgrammes.AnyAsync(p => p.Name == name && p.Id != (id ?? 0), ct))
            return Result<ProgrammeRow>.Fail(ResultKind.Conflict, $"已有名为“{name}”的上级项目（name）");

        HigherProgramme programme;
        string? before = null;
        if (id is { } pid)
        {
            var found = await db.HigherProgrammes.FirstOrDefaultAsync(p => p.Id == pid, ct);
            if (found is null) return Result<ProgrammeRow>.Fail(ResultKind.NotFound, "上级项目不存在");
            if (version is not { } v || found.Version != v) return Result<ProgrammeRow>.Fail(ResultKind.Conflict, "该上级项目已被同事修改，本次未保存。请刷新后重试");
            programme = found;
            before = Describe(programme);
            db.Entry(programme).Property(p => p.Version).OriginalValue = v;
        }
        else
        {
            programme = new HigherProgramme { CreatedBy = user.UserName, CreatedAt = Now };
            db.HigherProgrammes.Add(programme);
        }
        programme.Name = name;
        programme.Level = level;
        programme.MatchingShare = share;
        programme.Note = note;
        programme.Active = input.Active;
        programme.UpdatedBy = user.UserName;
        programme.UpdatedAt = Now;
        AuditLog.Append(db, user.Actor, id is null ? "新增上级项目" : "修改上级项目", "higher_programme", name, before,
            Describe(programme, id is null ? 1 : programme.Version + 1), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<ProgrammeRow>.Fail(ResultKind.Conflict, "该上级项目已被同事修改，本次未保存。请刷新后重试");
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, HigherProgramme.NameIndex))
        {
            db.ChangeTracker.Clear();
            return Result<ProgrammeRow>.Fail(ResultKind.Conflict, $"已有名为“{name}”的上级项目（name）");
        }
        return Result<ProgrammeRow>.Success(Row(programme));
    }

    /// <summary>The recommendations the user may see, filtered, latest change first, with the sums per programme. Banks are refused.</summary>
    public async Task<Result<UpwardList>> ListAsync(UserContext user, UpwardFilter filter, int take = 500, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        if (user.Role == Role.Bank) return Result<UpwardList>.Fail(ResultKind.Forbidden, NotForBanks);
        var q = db.UpwardRecommendations.AsNoTracking().VisibleTo(user);
        if (filter.ProgrammeId is { } pid) q = q.Where(r => r.ProgrammeId == pid);
        if (filter.Status is { } status) q = q.Where(r => r.Status == status);
        if (filter.Year is { } year) q = q.Where(r => r.Year == year);
        if (Clean(filter.Area) is { } area) q = q.Where(r => r.Project!.Enterprise!.Area == area);
        var rows = await RowsAsync(q, ct);
        var summaries = rows.GroupBy(r => (r.ProgrammeId, r.Programme, r.Level)).OrderBy(g => LevelOrder(g.Key.Level)).ThenBy(g => g.Key.ProgrammeId)
            .Select(g => new ProgrammeSummary(g.Key.ProgrammeId, g.Key.Programme, g.Key.Level,
                Enum.GetValues<UpwardStatus>().ToDictionary(s => s, s => g.Count(r => r.Status == s)),
                g.Sum(r => r.ObtainedAmount ?? 0m), g.Sum(r => r.MatchingAmount ?? 0m)))
            .ToList();
        return Result<UpwardList>.Success(new UpwardList([.. rows.Take(take)], summaries));
    }

    /// <summary>One recommendation with its moves, or null when it does not exist or is not the user's to see.</summary>
    public async Task<RecommendationRow?> FindAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role == Role.Bank) return null;
        var rows = await RowsAsync(db.UpwardRecommendations.AsNoTracking().VisibleTo(user).Where(r => r.Id == id), ct);
        if (rows.Count == 0) return null;
        var events = await db.UpwardEvents.AsNoTracking().Where(e => e.RecommendationId == id).OrderBy(e => e.Id).ToListAsync(ct);
        return rows[0] with { Events = [.. events.Select(e => new EventRow(e.Status, e.At, e.By, e.Note))] };
    }

    /// <summary>
    /// The library project a bureau user means by <paramref name="text"/>: its code exactly, else its name exactly when one
    /// project has it. Refuses with the reason (none, several) naming the field.
    /// </summary>
    public async Task<Result<int>> FindProjectAsync(UserContext user, string? text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var t = Clean(text);
        if (t is null) return Result<int>.Fail(ResultKind.Invalid, "请填写项目编号或项目名称（project）");
        var projects = db.Projects.AsNoTracking().VisibleTo(user);
        if (await projects.Where(p => p.Code == t).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct) is { } byCode) return Result<int>.Success(byCode);
        var byName = await projects.Where(p => p.Name == t).Select(p => p.Id).Take(2).ToListAsync(ct);
        return byName.Count switch
        {
            1 => Result<int>.Success(byName[0]),
            0 => Result<int>.Fail(ResultKind.Invalid, $"项目库中没有编号或名称为“{t}”的项目（project）"),
            _ => Result<int>.Fail(ResultKind.Invalid, $"名称为“{t}”的项目不止一个，请填写项目编号（project）"),
        };
    }

    /// <summary>已推荐: the bureau recommends a library project to an active programme for a programme year, with a reason.</summary>
    public async Task<Result<UpwardRecommendation>> RecommendAsync(UserContext user, int programmeId, int projectId, int? year, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<UpwardRecommendation>.Fail(ResultKind.Forbidden, BureauOnly);
        var programme = await db.HigherProgrammes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct);
        if (programme is null) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, "请选择上级项目（programme）");
        if (!programme.Active) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, $"上级项目“{programme.Name}”已停用，不再接受推荐（programme）");
        var project = await db.Projects.AsNoTracking().Include(p => p.Enterprise).FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return Result<UpwardRecommendation>.Fail(ResultKind.NotFound, "项目不存在");
        var years = Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.All;
        if (year is not { } y || !years.Contains(y)) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, $"推荐年度（year）应为 {years[0]}–{years[^1]} 年");
        var text = Clean(reason);
        if (text is null) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, "请填写推荐理由（reason）");
        if (TextLimits.Check(text, "推荐理由", "reason", UpwardRecommendation.ReasonLength) is { } longReason) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, longReason);
        if (await db.UpwardRecommendations.AsNoTracking().FirstOrDefaultAsync(r => r.ProgrammeId == programmeId && r.ProjectId == projectId && r.Year == y, ct) is { } existing)
            return Result<UpwardRecommendation>.Fail(ResultKind.Conflict, Duplicate(programme.Name, project.Code, y, UpwardWords.Label(existing.Status)));

        var rec = UpwardRecommendation.Recommend(programmeId, projectId, y, text, user.UserName, Now);
        db.UpwardRecommendations.Add(rec);
        AuditLog.Append(db, user.Actor, "向上争取：已推荐", "upward_recommendation", Key(project, y, programme), null, Describe(rec, project, programme), Now);
        await Notifications.OutreachNotices.RecommendedAsync(db, project, programme, y, user.Id, Now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, UpwardRecommendation.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<UpwardRecommendation>.Fail(ResultKind.Conflict, Duplicate(programme.Name, project.Code, y, "刚由同事推荐"));
        }
        return Result<UpwardRecommendation>.Success(rec);
    }

    /// <summary>已受理 on <paramref name="on"/> (today when not given), with an optional note.</summary>
    public Task<Result<UpwardRecommendation>> AcceptAsync(UserContext user, int id, long version, DateOnly? on, string? note, CancellationToken ct = default) =>
        MoveAsync(user, id, version, UpwardStatus.Accepted, (r, _) =>
        {
            var day = on ?? clock.Today();
            if (DateProblem(day, "受理日期", "accepted_on", null) is { } bad) return bad;
            var text = Clean(note);
            if (TextLimits.Check(text, "受理说明", "note", UpwardRecommendation.ReasonLength) is { } tooLong) return tooLong;
            r.Accept(day, text, user.UserName, Now);
            return null;
        }, ct);

    /// <summary>已获批: the amount granted, the date and the document; the matching money at the programme's current 配套比例 is fixed.</summary>
    public Task<Result<UpwardRecommendation>> ApproveAsync(UserContext user, int id, long version, Approval approval, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return MoveAsync(user, id, version, UpwardStatus.Approved, (r, programme) =>
        {
            if (approval.Amount is not { } amount || amount <= 0) return "获批金额（amount）须大于 0 元";
            if (decimal.Round(amount, 2) != amount) return "获批金额（amount）最多两位小数（分）";
            if (amount > 100_000_000_000m) return "获批金额（amount）超出合理范围";
            if (approval.ApprovedOn is not { } day) return "请填写获批日期（approved_on）";
            if (DateProblem(day, "获批日期", "approved_on", r.AcceptedOn) is { } bad) return bad;
            var document = Clean(approval.DocumentNumber);
            if (document is null) return "请填写批复文号（document_number）";
            if (TextLimits.Check(document, "批复文号", "document_number", UpwardRecommendation.DocumentLength) is { } tooLong) return tooLong;
            r.Approve(amount, day, document, programme.MatchingShare, user.UserName, Now);
            return null;
        }, ct);
    }

    /// <summary>未获批, with the reason.</summary>
    public Task<Result<UpwardRecommendation>> RejectAsync(UserContext user, int id, long version, string? reason, CancellationToken ct = default) =>
        MoveAsync(user, id, version, UpwardStatus.Rejected, (r, _) =>
        {
            var text = Clean(reason);
            if (text is null) return "请填写未获批的原因（reason）";
            if (TextLimits.Check(text, "未获批原因", "reason", UpwardRecommendation.ReasonLength) is { } tooLong) return tooLong;
            r.Reject(text, user.UserName, Now);
            return null;
        }, ct);

    /// <summary>撤回, with the reason (before an outcome only).</summary>
    public Task<Result<UpwardRecommendation>> WithdrawAsync(UserContext user, int id, long version, string? reason, CancellationToken ct = default) =>
        MoveAsync(user, id, version, UpwardStatus.Withdrawn, (r, _) =>
        {
            var text = Clean(reason);
            if (text is null) return "请填写撤回的原因（reason）";
            if (TextLimits.Check(text, "撤回原因", "reason", UpwardRecommendation.ReasonLength) is { } tooLong) return tooLong;
            r.Withdraw(text, user.UserName, Now);
            return null;
        }, ct);

    private async Task<Result<UpwardRecommendation>> MoveAsync(UserContext user, int id, long version, UpwardStatus to,
        Func<UpwardRecommendation, HigherProgramme, string?> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<UpwardRecommendation>.Fail(ResultKind.Forbidden, BureauOnly);
        var rec = await db.UpwardRecommendations.Include(r => r.Programme).Include(r => r.Project).ThenInclude(p => p!.Enterprise)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rec is null) return Result<UpwardRecommendation>.Fail(ResultKind.NotFound, "推荐记录不存在");
        if (rec.Version != version) return Result<UpwardRecommendation>.Fail(ResultKind.Conflict, Stale);
        if (rec.Refusal(to) is { } refused) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, $"{refused}（当前：{UpwardWords.Label(rec.Status)}）");
        var before = Describe(rec, rec.Project!, rec.Programme!);
        if (apply(rec, rec.Programme!) is { } invalid) return Result<UpwardRecommendation>.Fail(ResultKind.Invalid, invalid);
        db.Entry(rec).Property(r => r.Version).OriginalValue = version;
        if (to is UpwardStatus.Approved or UpwardStatus.Rejected) await Notifications.OutreachNotices.OutcomeAsync(db, rec, user.Id, Now, ct);
        AuditLog.Append(db, user.Actor, $"向上争取：{UpwardWords.Label(to)}", "upward_recommendation", Key(rec.Project!, rec.Year, rec.Programme!), before,
            Describe(rec, rec.Project!, rec.Programme!, version + 1), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<UpwardRecommendation>.Fail(ResultKind.Conflict, Stale);
        }
        return Result<UpwardRecommendation>.Success(rec);
    }

    /// <summary>A date of the course: not before <paramref name="notBefore"/> (when given), not after today in Kunshan.</summary>
    private string? DateProblem(DateOnly day, string label, string field, DateOnly? notBefore)
    {
        if (day > clock.Today()) return $"{label}（{field}）不能晚于今天";
        if (day.Year < UpwardRecommendation.FirstYear) return $"{label}（{field}）不在合理范围内";
        if (notBefore is { } earliest && day < earliest) return $"{label}（{field}）不能早于受理日期（{earliest:yyyy-MM-dd}）";
        return null;
    }

    private static async Task<List<RecommendationRow>> RowsAsync(IQueryable<UpwardRecommendation> q, CancellationToken ct)
    {
        var rows = await q.Select(r => new
        {
            r, Programme = r.Programme!.Name, r.Programme.Level, r.Project!.Code, r.Project.Name, Enterprise = r.Project.Enterprise!.Name,
            r.Project.Enterprise.CreditCode, r.Project.Enterprise.Area,
        }).ToListAsync(ct);
        return [.. rows.Select(x => new RecommendationRow(x.r.Id, x.r.ProgrammeId, x.Programme, x.Level, x.r.ProjectId, x.Code, x.Name, x.Enterprise, x.CreditCode,
                x.Area, x.r.Year, x.r.Status, x.r.Reason, x.r.AcceptedOn, x.r.ObtainedAmount, x.r.ApprovedOn, x.r.DocumentNumber, x.r.MatchingShare,
                x.r.MatchingAmount, x.r.RejectReason, x.r.WithdrawReason, x.r.CreatedAt, x.r.CreatedBy, x.r.UpdatedAt, x.r.UpdatedBy, x.r.Version))
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)];
    }

    private static string Duplicate(string programme, string project, int year, string status) =>
        $"项目 {project} 已于 {year} 年度推荐至“{programme}”（{status}），同一项目、同一上级项目、同一年度只能推荐一次";

    private static int LevelOrder(Level l) => l switch { Level.Province => 0, Level.Suzhou => 1, Level.Central => 2, _ => 3 };

    private static ProgrammeRow Row(HigherProgramme p) => new(p.Id, p.Name, p.Level, p.MatchingShare, p.Note, p.Active, p.UpdatedAt, p.UpdatedBy, p.Version);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Key(Project p, int year, HigherProgramme programme) => $"{p.Code}|{year.ToString(CultureInfo.InvariantCulture)}|{programme.Name}";

    private static string Describe(HigherProgramme p, long? version = null) => JsonSerializer.Serialize(new
    {
        name = p.Name, level = UpwardWords.Level(p.Level), matching_share = p.MatchingShare, note = p.Note, active = p.Active, version = version ?? p.Version,
    }, AuditLog.SnapshotJson);

    private static string Describe(UpwardRecommendation r, Project p, HigherProgramme programme, long? version = null) => JsonSerializer.Serialize(new
    {
        programme = programme.Name, project = p.Code, enterprise = p.Enterprise?.CreditCode, year = r.Year, status = UpwardWords.Label(r.Status),
        reason = r.Reason, accepted_on = r.AcceptedOn, obtained_amount = r.ObtainedAmount, approved_on = r.ApprovedOn, document_number = r.DocumentNumber,
        matching_share = r.MatchingShare, matching_amount = r.MatchingAmount, reject_reason = r.RejectReason, withdraw_reason = r.WithdrawReason,
        version = version ?? r.Version,
    }, AuditLog.SnapshotJson);
}

/// <summary>Who sees which recommendation (on the server, in every query): the bureau and finance all, a district its area's, an enterprise its projects', a bank none.</summary>
public static class UpwardAccess
{
    public static IQueryable<UpwardRecommendation> VisibleTo(this IQueryable<UpwardRecommendation> q, UserContext u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return u.Role switch
        {
            Role.Enterprise => q.Where(r => r.Project!.Enterprise!.CreditCode == u.CreditCode),
            Role.DistrictReviewer => q.Where(r => r.Project!.Enterprise!.Area == u.Area),
            Role.Bank => q.Where(_ => false),
            _ => q,
        };
    }
}

/// <summary>The Chinese of the statuses and levels of 向上争取 (the one place they are spelt).</summary>
public static class UpwardWords
{
    public static string Label(UpwardStatus s) => s switch
    {
        UpwardStatus.Recommended => "已推荐",
        UpwardStatus.Accepted => "已受理",
        UpwardStatus.Approved => "已获批",
        UpwardStatus.Rejected => "未获批",
        _ => "撤回",
    };

    /// <summary>A programme's level: 国家级 (the fiscal level “中央”), 省级, 苏州市级.</summary>
    public static string Level(Level l) => l switch
    {
        Renewal.Policy.Model.Level.Central => "国家级",
        Renewal.Policy.Model.Level.Province => "省级",
        Renewal.Policy.Model.Level.Suzhou => "苏州市级",
        _ => "昆山市级",
    };

    public static string EnglishLabel(UpwardStatus s) => s switch
    {
        UpwardStatus.Recommended => "Recommended",
        UpwardStatus.Accepted => "Accepted",
        UpwardStatus.Approved => "Approved",
        UpwardStatus.Rejected => "Not approved",
        _ => "Withdrawn",
    };

    public static string EnglishLevel(Level l) => l switch
    {
        Renewal.Policy.Model.Level.Central => "National",
        Renewal.Policy.Model.Level.Province => "Province",
        Renewal.Policy.Model.Level.Suzhou => "Suzhou",
        _ => "Kunshan",
    };
}
