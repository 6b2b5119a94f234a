using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;
using Renewal.Services.Notifications;
using Renewal.Services.Workflow;
using Project = Renewal.Data.Entities.Project;
using Enterprise = Renewal.Data.Entities.Enterprise;

namespace Renewal.Services.Visits;

/// <summary>A person met on a visit: name and position (职务, optional).</summary>
public sealed record PersonInput(string? Name, string? Title);

/// <summary>
/// A renewal intention: the project's name, its kind (default 技术改造), the planned years (one year: To left empty), the
/// planned equipment and digital investment over those years (yuan), plan tasks 1–12 (optional).
/// </summary>
public sealed record IntentionInput(string? Name, ProjectKind? Kind, int? FromYear, int? ToYear, decimal? Equipment, decimal? Digital, IReadOnlyList<int>? Tasks = null);

/// <summary>Something to follow up by a day.</summary>
public sealed record FollowUpInput(string? Text, DateOnly? DueOn);

/// <summary>A visit as the officer records it (the page's form and POST /api/v1/visits).</summary>
public sealed record VisitInput(int? EnterpriseId, DateOnly? VisitedOn, IReadOnlyList<PersonInput>? People, IReadOnlyList<IntentionInput>? Intentions,
    string? EquipmentSeen, IReadOnlyList<FollowUpInput>? FollowUps);

/// <summary>A visit in a list.</summary>
public sealed record VisitRow(int Id, DateOnly VisitedOn, int EnterpriseId, string Enterprise, string CreditCode, string Area, string People,
    int Intentions, int Pending, int OpenFollowUps, int OverdueFollowUps, string RecordedBy);

public sealed record PersonRow(string Name, string? Title);

public sealed record FollowUpRow(int Id, int VisitId, string Enterprise, string Text, DateOnly DueOn, DateOnly? DoneOn, string? DoneBy, bool Overdue, long Version);

/// <summary>A 征集项目 as its readers see it, with the project it became (code) when confirmed.</summary>
public sealed record DraftRow(int Id, int VisitId, DateOnly VisitedOn, int EnterpriseId, string Enterprise, string CreditCode, string Area, string Name,
    ProjectKind Kind, int FromYear, int ToYear, decimal Equipment, decimal Digital, IReadOnlyList<int> Tasks, CollectionStatus Status,
    int? ProjectId, string? ProjectCode, string? DeclineReason, string RecordedBy, DateTimeOffset UpdatedAt, string UpdatedBy, long Version)
{
    public IReadOnlyList<CollectionStatus> Next => CollectedProject.Next(Status);
}

/// <summary>One visit with everything recorded on it.</summary>
public sealed record VisitDetail(int Id, DateOnly VisitedOn, int EnterpriseId, string Enterprise, string CreditCode, string Area, string IndustryCode,
    string? EquipmentSeen, IReadOnlyList<PersonRow> People, IReadOnlyList<DraftRow> Intentions, IReadOnlyList<FollowUpRow> FollowUps,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An enterprise an officer may choose (those of the officer's area).</summary>
public sealed record EnterpriseChoice(int Id, string Name, string CreditCode, string Area);

/// <summary>Enterprises of one GB/T 4754 division (the dashboard's division words) and how many of them were visited in the programme.</summary>
public sealed record DivisionCoverage(string Division, string Name, int Enterprises, int Visited);

/// <summary>One area: enterprises, visited in the programme, visits, drafts waiting and confirmed, planned equipment (not declined), follow-ups overdue.</summary>
public sealed record AreaCoverage(string Area, int Enterprises, int Visited, int Visits, int Pending, int Confirmed, int Declined, decimal PlannedEquipment, int OverdueFollowUps);

/// <summary>Visits made in a calendar month.</summary>
public sealed record MonthVisits(int Year, int Month, int Visits, int Enterprises);

/// <summary>Planned equipment investment of one programme year, of the drafts waiting and of those confirmed (yuan).</summary>
public sealed record YearCollected(int Year, decimal Pending, decimal Confirmed)
{
    public decimal Total => Pending + Confirmed;
}

/// <summary>
/// 走访覆盖 of an area (or, <see cref="Area"/> null, of every area): enterprises visited in the programme against all of
/// the area's, by division and by area; visits per month; follow-ups overdue; the projects collected (drafts waiting and
/// confirmed, planned equipment by year) against T-1 and T-2 of the programme targets file.
/// </summary>
public sealed record Coverage(string? Area, DateOnly Today, int Enterprises, int Visited, int Visits, IReadOnlyList<AreaCoverage> ByArea,
    IReadOnlyList<DivisionCoverage> ByDivision, IReadOnlyList<MonthVisits> ByMonth, IReadOnlyList<FollowUpRow> Overdue,
    int Pending, int Confirmed, int Declined, IReadOnlyList<YearCollected> ByYear, ProgrammeTarget Cumulative, ProgrammeTarget Yearly)
{
    public decimal PlannedEquipment => ByYear.Sum(y => y.Total);
    /// <summary>Visited / enterprises (0 when the area has none).</summary>
    public decimal Share => Enterprises == 0 ? 0 : (decimal)Visited / Enterprises;
}

/// <summary>
/// 走访与项目征集 (plan §三(一) 切实摸清底数; issue 14 item 1; ADR-028). A district officer (or the bureau) records a visit to
/// an enterprise of the area; each renewal intention on it becomes a 征集项目 draft that the enterprise's users are told
/// of and confirm — the project and its yearly investment created in the library in the same save, audited — or decline
/// with a reason. Every move carries the version read; a draft makes at most one project. The coverage reads the same
/// scope: a district its area, the bureau all areas.
/// </summary>
public sealed class VisitService(LibraryDbContext db, TimeProvider clock)
{
    public const string RecordersOnly = "走访由区镇审核员或市局办理";
    public const string EnterprisesOnly = "征集项目由企业确认";
    public const int MaxRows = 20;

    private static ProgrammeTargets Targets => ProgrammeTargets.Default;
    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => clock.Today();

    /// <summary>The first day a visit may carry: the programme's first day.</summary>
    public static DateOnly FirstDay => new(Targets.FirstYear, 1, 1);

    /// <summary>The enterprises the officer may visit (the area's; the bureau's: all), by name; <paramref name="query"/> narrows by name or credit code.</summary>
    public async Task<IReadOnlyList<EnterpriseChoice>> EnterprisesAsync(UserContext user, string? query = null, int take = 500, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!VisitAccess.Records(user)) return [];
        var q = db.Enterprises.AsNoTracking().VisibleTo(user);
        if (Clean(query) is { } text) q = q.Where(e => e.Name.Contains(text) || e.CreditCode.Contains(text));
        return await q.OrderBy(e => e.Area).ThenBy(e => e.Name).Take(take).Select(e => new EnterpriseChoice(e.Id, e.Name, e.CreditCode, e.Area)).ToListAsync(ct);
    }

    /// <summary>Records a visit with its people, intentions (each a draft waiting for the enterprise) and follow-ups, in one save; the enterprise is told.</summary>
    public async Task<Result<Visit>> RecordAsync(UserContext user, VisitInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!VisitAccess.Records(user)) return Result<Visit>.Fail(ResultKind.Forbidden, RecordersOnly);
        var problems = new List<string>();
        Enterprise? enterprise = null;
        if (input.EnterpriseId is not { } eid) problems.Add("请选择走访的企业（enterpriseId）");
        else
        {
            enterprise = await db.Enterprises.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(e => e.Id == eid, ct);
            if (enterprise is null)
                problems.Add(user.Role == Role.DistrictReviewer ? $"所选企业（enterpriseId）不在本区镇（{user.Area}）的企业库中，只能走访本区镇的企业" : "企业库中没有所选企业（enterpriseId）");
        }
        var today = Today;
        if (input.VisitedOn is not { } on) problems.Add("请填写走访日期（visitedOn）");
        else if (on > today) problems.Add($"走访日期（visitedOn）{on:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}，北京时间），不能登记尚未发生的走访");
        else if (on < FirstDay) problems.Add($"走访日期（visitedOn）早于行动计划起始日 {FirstDay:yyyy-MM-dd}");

        var people = new List<VisitPerson>();
        var peopleIn = input.People ?? [];
        if (peopleIn.Count > MaxRows) problems.Add($"走访对象（people）最多 {MaxRows} 人");
        for (var i = 0; i < Math.Min(peopleIn.Count, MaxRows); i++)
        {
            var p = peopleIn[i];
            var name = Clean(p?.Name);
            var title = Clean(p?.Title);
            if (name is null && title is null) continue;
            if (name is null) { problems.Add($"第 {i + 1} 位走访对象的姓名（people[{i}].name）未填写"); continue; }
            if (TextLimits.Check(name, $"第 {i + 1} 位走访对象的姓名", $"people[{i}].name", Visit.NameLength) is { } n) problems.Add(n);
            if (TextLimits.Check(title, $"第 {i + 1} 位走访对象的职务", $"people[{i}].title", Visit.TitleLength) is { } t) problems.Add(t);
            people.Add(new VisitPerson { Name = name, Title = title });
        }
        if (people.Count == 0 && !problems.Any(p => p.Contains("people", StringComparison.Ordinal))) problems.Add("请填写至少一位走访对象的姓名（people）");

        var seen = Clean(input.EquipmentSeen);
        if (TextLimits.Check(seen, "设备现场情况", "equipmentSeen", Visit.TextLength) is { } longSeen) problems.Add(longSeen);

        var intentions = new List<IntentionInput>();
        var intentionsIn = input.Intentions ?? [];
        if (intentionsIn.Count > MaxRows) problems.Add($"更新意向（intentions）最多 {MaxRows} 个");
        for (var i = 0; i < Math.Min(intentionsIn.Count, MaxRows); i++)
        {
            var x = intentionsIn[i];
            if (x is null || (Clean(x.Name) is null && x.Equipment is null && x.Digital is null && x.FromYear is null && x.ToYear is null && (x.Tasks?.Count ?? 0) == 0)) continue;
            var before = problems.Count;
            IntentionProblems(x, i, problems);
            if (problems.Count == before) intentions.Add(x);
        }

        var followUps = new List<VisitFollowUp>();
        var followIn = input.FollowUps ?? [];
        if (followIn.Count > MaxRows) problems.Add($"跟进事项（followUps）最多 {MaxRows} 项");
        for (var i = 0; i < Math.Min(followIn.Count, MaxRows); i++)
        {
            var f = followIn[i];
            var text = Clean(f?.Text);
            if (text is null && f?.DueOn is null) continue;
            if (text is null) { problems.Add($"第 {i + 1} 项跟进事项的内容（followUps[{i}].text）未填写"); continue; }
            if (TextLimits.Check(text, $"第 {i + 1} 项跟进事项", $"followUps[{i}].text", Visit.TextLength) is { } t) problems.Add(t);
            if (f!.DueOn is not { } due) { problems.Add($"第 {i + 1} 项跟进事项的期限（followUps[{i}].dueOn）未填写"); continue; }
            if (input.VisitedOn is { } v && due < v) problems.Add($"第 {i + 1} 项跟进事项的期限（followUps[{i}].dueOn）不能早于走访日期");
            else if (input.VisitedOn is { } v2 && due > v2.AddYears(3)) problems.Add($"第 {i + 1} 项跟进事项的期限（followUps[{i}].dueOn）不能晚于走访后三年");
            followUps.Add(new VisitFollowUp { Text = text, DueOn = due });
        }
        if (problems.Count > 0) return Result<Visit>.Fail(ResultKind.Invalid, string.Join("；", problems));

        var now = Now;
        var visit = new Visit
        {
            EnterpriseId = enterprise!.Id, VisitedOn = input.VisitedOn!.Value, EquipmentSeen = seen, RecordedById = user.Id, RecordedBy = user.UserName,
            RecordedAt = now, People = people, FollowUps = followUps,
            Intentions = [.. intentions.Select(x => CollectedProject.Draft(enterprise.Id, Clean(x.Name)!, x.Kind ?? ProjectKind.Renovation, x.FromYear!.Value,
                x.ToYear ?? x.FromYear!.Value, x.Equipment!.Value, x.Digital ?? 0m, x.Tasks ?? [], user.UserName, now))],
        };
        db.Visits.Add(visit);
        AuditLog.Append(db, user.Actor, "登记走访", "visit", $"{enterprise.CreditCode}|{visit.VisitedOn:yyyy-MM-dd}", null, Describe(visit, enterprise), now);
        if (visit.Intentions.Count > 0) await VisitNotices.CollectedAsync(db, enterprise, visit, user.Id, now, ct);
        await db.SaveChangesAsync(ct);
        return Result<Visit>.Success(visit);
    }

    private static void IntentionProblems(IntentionInput x, int i, List<string> problems)
    {
        var at = $"第 {i + 1} 个更新意向";
        var name = Clean(x.Name);
        if (name is null) problems.Add($"{at}的项目名称（intentions[{i}].name）未填写");
        else if (TextLimits.Check(name, $"{at}的项目名称", $"intentions[{i}].name", TextLimits.ProjectName) is { } n) problems.Add(n);
        if (x.Kind is { } k && !Enum.IsDefined(k)) problems.Add($"{at}的项目类型（intentions[{i}].kind）不是可选的值");
        var first = Targets.FirstYear;
        var last = Targets.LastYear;
        if (x.FromYear is not { } from) problems.Add($"{at}的计划开始年度（intentions[{i}].fromYear）未填写");
        else if (from < first || from > last) problems.Add($"{at}的计划开始年度（intentions[{i}].fromYear）应在 {first}–{last} 之间");
        if (x.ToYear is { } to && (to < first || to > last)) problems.Add($"{at}的计划结束年度（intentions[{i}].toYear）应在 {first}–{last} 之间");
        else if (x.ToYear is { } to2 && x.FromYear is { } f2 && to2 < f2) problems.Add($"{at}的计划结束年度（intentions[{i}].toYear）不能早于开始年度");
        var equipment = Money(x.Equipment, $"{at}的计划设备投资", $"intentions[{i}].equipment", true, problems);
        var digital = Money(x.Digital, $"{at}的计划智能化数字化投入", $"intentions[{i}].digital", false, problems);
        if (equipment is { } eq && eq == 0) problems.Add($"{at}的计划设备投资（intentions[{i}].equipment）须大于 0 元");
        if (equipment is { } e2 && digital is { } d2 && d2 > e2) problems.Add($"{at}的计划智能化数字化投入（intentions[{i}].digital）不能超过计划设备投资");
        foreach (var t in (x.Tasks ?? []).Where(t => t is < 1 or > 12).Distinct())
            problems.Add($"{at}的重点任务（intentions[{i}].tasks）应为 1–12 之间的整数，“{t}”不是");
    }

    /// <summary>A yuan amount: not negative, to the fen, within reason; the problem names the field.</summary>
    private static decimal? Money(decimal? value, string label, string field, bool required, List<string> problems)
    {
        if (value is not { } v)
        {
            if (required) problems.Add($"{label}（{field}）未填写");
            return null;
        }
        if (v < 0) { problems.Add($"{label}（{field}）不能为负数"); return null; }
        if (decimal.Round(v, 2) != v) { problems.Add($"{label}（{field}）最多两位小数（分）"); return null; }
        if (v > 100_000_000_000m) { problems.Add($"{label}（{field}）超出合理范围（不超过 1000 亿元）"); return null; }
        return v;
    }

    /// <summary>The visits the user may see, latest first; <paramref name="area"/> narrows the bureau's view.</summary>
    public async Task<IReadOnlyList<VisitRow>> ListAsync(UserContext user, string? area = null, int? enterpriseId = null, int take = 200, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var today = Today;
        var q = db.Visits.AsNoTracking().VisibleTo(user);
        if (Clean(area) is { } a) q = q.Where(v => v.Enterprise!.Area == a);
        if (enterpriseId is { } eid) q = q.Where(v => v.EnterpriseId == eid);
        var rows = await q.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).Take(take)
            .Select(v => new
            {
                v.Id, v.VisitedOn, v.EnterpriseId, Enterprise = v.Enterprise!.Name, v.Enterprise.CreditCode, v.Enterprise.Area, v.RecordedBy,
                People = v.People.OrderBy(p => p.Id).Select(p => p.Name).ToList(),
                Intentions = v.Intentions.Count, Pending = v.Intentions.Count(i => i.Status == CollectionStatus.Pending),
                Open = v.FollowUps.Count(f => f.DoneOn == null), Overdue = v.FollowUps.Count(f => f.DoneOn == null && f.DueOn < today),
            }).ToListAsync(ct);
        return [.. rows.Select(r => new VisitRow(r.Id, r.VisitedOn, r.EnterpriseId, r.Enterprise, r.CreditCode, r.Area, string.Join("、", r.People),
            r.Intentions, r.Pending, r.Open, r.Overdue, r.RecordedBy))];
    }

    /// <summary>One visit, or null when it does not exist or is not the user's to see (another area's visit is not there for a district).</summary>
    public async Task<VisitDetail?> FindAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var v = await db.Visits.AsNoTracking().VisibleTo(user).Include(x => x.Enterprise).Include(x => x.People).Include(x => x.FollowUps)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null) return null;
        var today = Today;
        var drafts = await DraftsAsync(user, db.CollectedProjects.Where(c => c.VisitId == id), ct);
        return new VisitDetail(v.Id, v.VisitedOn, v.EnterpriseId, v.Enterprise!.Name, v.Enterprise.CreditCode, v.Enterprise.Area, v.Enterprise.IndustryCode,
            v.EquipmentSeen, [.. v.People.OrderBy(p => p.Id).Select(p => new PersonRow(p.Name, p.Title))], drafts,
            [.. v.FollowUps.OrderBy(f => f.DueOn).ThenBy(f => f.Id).Select(f => new FollowUpRow(f.Id, v.Id, v.Enterprise.Name, f.Text, f.DueOn, f.DoneOn, f.DoneBy, f.OverdueOn(today), f.Version))],
            v.RecordedBy, v.RecordedAt);
    }

    /// <summary>The 征集项目 the user may see (an enterprise its own), waiting ones first, then the latest.</summary>
    public Task<IReadOnlyList<DraftRow>> DraftsAsync(UserContext user, CollectionStatus? status = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var q = db.CollectedProjects.AsQueryable();
        if (status is { } s) q = q.Where(c => c.Status == s);
        return DraftsAsync(user, q, ct);
    }

    /// <summary>One draft the user may see, or null.</summary>
    public async Task<DraftRow?> FindDraftAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = await DraftsAsync(user, db.CollectedProjects.Where(c => c.Id == id), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<IReadOnlyList<DraftRow>> DraftsAsync(UserContext user, IQueryable<CollectedProject> q, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().VisibleTo(user)
            .Select(c => new { c, c.Visit!.VisitedOn, Enterprise = c.Enterprise!.Name, c.Enterprise.CreditCode, c.Enterprise.Area, Code = c.Project == null ? null : c.Project.Code })
            .Take(1000).ToListAsync(ct);
        return [.. rows.Select(r => new DraftRow(r.c.Id, r.c.VisitId, r.VisitedOn, r.c.EnterpriseId, r.Enterprise, r.CreditCode, r.Area, r.c.Name, r.c.Kind,
                r.c.FromYear, r.c.ToYear, r.c.Equipment, r.c.Digital, [.. r.c.Tasks], r.c.Status, r.c.ProjectId, r.Code, r.c.DeclineReason, r.c.CreatedBy,
                r.c.UpdatedAt, r.c.UpdatedBy, r.c.Version))
            .OrderBy(d => d.Status == CollectionStatus.Pending ? 0 : 1).ThenByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id)];
    }

    /// <summary>
    /// 确认入库: the enterprise confirms a draft of its own; the project (code <see cref="CollectedProject.ProjectCode"/>, 计划,
    /// the draft's kind and tasks) and its yearly investment (<see cref="CollectedProject.ByYear"/>) are created in the library
    /// in the same save as the move, both audited. A draft confirmed twice at once makes one project: the second save loses
    /// on the draft's version and on the project's code (unique within the enterprise) and is refused.
    /// </summary>
    public Task<Result<CollectedProject>> ConfirmAsync(UserContext user, int id, long version, CancellationToken ct = default) =>
        MoveAsync(user, id, version, CollectionStatus.Confirmed, async (c, e) =>
        {
            var code = c.ProjectCode;
            if (await db.Projects.AnyAsync(p => p.EnterpriseId == c.EnterpriseId && p.Code == code, ct))
                return $"项目编号“{code}”已被本企业的其他项目使用，无法入库。请联系区镇审核员";
            var project = new Project
            {
                EnterpriseId = c.EnterpriseId, Code = code, Name = c.Name, Kind = c.Kind, Status = ProjectStatus.Planned, Tasks = [.. c.Tasks],
                Investments = [.. c.ByYear().Select(y => new ProjectInvestment { Year = y.Year, Equipment = y.Equipment, Digital = y.Digital })],
            };
            db.Projects.Add(project);
            c.Confirm(project, user.UserName, Now);
            AuditLog.Append(db, user.Actor, "新建项目", "project", LibraryScenario.ProjectKey(e.CreditCode, code), null, DescribeProject(project), Now);
            return null;
        }, ct);

    /// <summary>企业未确认: the enterprise declines a draft of its own, with the reason.</summary>
    public Task<Result<CollectedProject>> DeclineAsync(UserContext user, int id, long version, string? reason, CancellationToken ct = default) =>
        MoveAsync(user, id, version, CollectionStatus.Declined, (c, _) =>
        {
            var text = Clean(reason);
            if (text is null) return Task.FromResult<string?>("请填写未确认的原因（reason）");
            if (TextLimits.Check(text, "未确认原因", "reason", CollectedProject.ReasonLength) is { } tooLong) return Task.FromResult<string?>(tooLong);
            c.Decline(text, user.UserName, Now);
            return Task.FromResult<string?>(null);
        }, ct);

    private async Task<Result<CollectedProject>> MoveAsync(UserContext user, int id, long version, CollectionStatus to,
        Func<CollectedProject, Enterprise, Task<string?>> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.Enterprise) return Result<CollectedProject>.Fail(ResultKind.Forbidden, EnterprisesOnly);
        var draft = await db.CollectedProjects.VisibleTo(user).Include(c => c.Enterprise).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (draft is null) return Result<CollectedProject>.Fail(ResultKind.NotFound, "征集项目不存在");
        if (draft.Version != version) return Result<CollectedProject>.Fail(ResultKind.Conflict, Stale);
        if (draft.Refusal(to) is { } refused) return Result<CollectedProject>.Fail(ResultKind.Invalid, $"{refused}（当前：{VisitWords.Label(draft.Status)}）");
        var before = DescribeDraft(draft, draft.Enterprise!);
        if (await apply(draft, draft.Enterprise!) is { } invalid)
        {
            // A refusal read after a colleague's move of the same draft (e.g. its project code now taken by the project that
            // move made) is about a draft that is no longer the one read: say so, as the save would have.
            db.ChangeTracker.Clear();
            var current = await db.CollectedProjects.AsNoTracking().Where(c => c.Id == id).Select(c => c.Version).FirstOrDefaultAsync(ct);
            return current != version ? Result<CollectedProject>.Fail(ResultKind.Conflict, Stale) : Result<CollectedProject>.Fail(ResultKind.Invalid, invalid);
        }
        db.Entry(draft).Property(c => c.Version).OriginalValue = version;
        AuditLog.Append(db, user.Actor, $"征集项目：{VisitWords.Label(to)}", "collected_project", $"{draft.Enterprise!.CreditCode}|{draft.ProjectCode}", before,
            DescribeDraft(draft, draft.Enterprise!, version + 1), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<CollectedProject>.Fail(ResultKind.Conflict, Stale);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Result<CollectedProject>.Fail(ResultKind.Conflict, Stale);
        }
        return Result<CollectedProject>.Success(draft);
    }

    private const string Stale = "该征集项目刚被更新（可能已由本企业的其他账号处理），本次未保存。请刷新后查看";

    /// <summary>办结: the officer marks a follow-up of a visit they may see as done today.</summary>
    public async Task<Result<VisitFollowUp>> CompleteFollowUpAsync(UserContext user, int id, long version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!VisitAccess.Records(user)) return Result<VisitFollowUp>.Fail(ResultKind.Forbidden, RecordersOnly);
        var visible = db.Visits.VisibleTo(user).Select(v => v.Id);
        var f = await db.VisitFollowUps.Include(x => x.Visit!).ThenInclude(v => v.Enterprise).FirstOrDefaultAsync(x => x.Id == id && visible.Contains(x.VisitId), ct);
        if (f is null) return Result<VisitFollowUp>.Fail(ResultKind.NotFound, "跟进事项不存在");
        if (f.Version != version) return Result<VisitFollowUp>.Fail(ResultKind.Conflict, "该跟进事项已被同事更新，本次未保存。请刷新后查看");
        if (f.DoneOn is not null) return Result<VisitFollowUp>.Fail(ResultKind.Invalid, $"该跟进事项已于 {f.DoneOn:yyyy-MM-dd} 办结");
        f.Complete(user.UserName, Today);
        db.Entry(f).Property(x => x.Version).OriginalValue = version;
        AuditLog.Append(db, user.Actor, "跟进事项办结", "visit", $"{f.Visit!.Enterprise!.CreditCode}|{f.Visit.VisitedOn:yyyy-MM-dd}",
            JsonSerializer.Serialize(new { follow_up = f.Text, due_on = f.DueOn }, AuditLog.SnapshotJson),
            JsonSerializer.Serialize(new { follow_up = f.Text, due_on = f.DueOn, done_on = f.DoneOn }, AuditLog.SnapshotJson), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<VisitFollowUp>.Fail(ResultKind.Conflict, "该跟进事项已被同事更新，本次未保存。请刷新后查看");
        }
        return Result<VisitFollowUp>.Success(f);
    }

    /// <summary>
    /// The coverage of the user's scope: a district its own area (whatever <paramref name="area"/> says), the bureau all
    /// areas or the one asked for. Null for those who do not record visits.
    /// </summary>
    public async Task<Coverage?> CoverageAsync(UserContext user, string? area = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!VisitAccess.Records(user)) return null;
        var scope = user.Role == Role.DistrictReviewer ? user.Area : Clean(area);
        var today = Today;
        var first = FirstDay;
        var last = new DateOnly(Targets.LastYear, 12, 31);

        var enterprises = db.Enterprises.AsNoTracking().VisibleTo(user);
        var visits = db.Visits.AsNoTracking().VisibleTo(user);
        var drafts = db.CollectedProjects.AsNoTracking().VisibleTo(user);
        if (scope is not null)
        {
            enterprises = enterprises.Where(e => e.Area == scope);
            visits = visits.Where(v => v.Enterprise!.Area == scope);
            drafts = drafts.Where(c => c.Enterprise!.Area == scope);
        }
        var firms = await enterprises.GroupBy(e => new { e.Area, Division = e.IndustryCode.Substring(0, 3) })
            .Select(g => new { g.Key.Area, g.Key.Division, Count = g.Count() }).ToListAsync(ct);
        var visited = await visits.Where(v => v.VisitedOn >= first && v.VisitedOn <= last)
            .Select(v => new { v.EnterpriseId, v.Enterprise!.Area, Division = v.Enterprise.IndustryCode.Substring(0, 3) }).Distinct().ToListAsync(ct);
        var visitDays = await visits.Select(v => new { v.VisitedOn, v.EnterpriseId, v.Enterprise!.Area }).ToListAsync(ct);
        var collected = await drafts.Select(c => new { c.Enterprise!.Area, c.Status, c.FromYear, c.ToYear, c.Equipment, c.Digital }).ToListAsync(ct);
        var overdue = await db.VisitFollowUps.AsNoTracking().Where(f => f.DoneOn == null && f.DueOn < today && visits.Select(v => v.Id).Contains(f.VisitId))
            .OrderBy(f => f.DueOn).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.VisitId, Enterprise = f.Visit!.Enterprise!.Name, f.Visit.Enterprise.Area, f.Text, f.DueOn, f.Version }).ToListAsync(ct);

        // Amounts by year as the confirmed project gets them (CollectedProject.ByYear), summed here: SQLite keeps money as text.
        var byYear = Targets.Years.ToDictionary(y => y, _ => (Pending: 0m, Confirmed: 0m));
        foreach (var c in collected.Where(c => c.Status != CollectionStatus.Declined))
        {
            var draft = CollectedProject.Draft(0, "-", ProjectKind.Renovation, c.FromYear, c.ToYear, c.Equipment, c.Digital, [], "-", default);
            foreach (var (year, eq, _) in draft.ByYear())
            {
                if (!byYear.TryGetValue(year, out var cell)) continue;
                byYear[year] = c.Status == CollectionStatus.Pending ? (cell.Pending + eq, cell.Confirmed) : (cell.Pending, cell.Confirmed + eq);
            }
        }

        var areas = firms.Select(f => f.Area).Concat(visitDays.Select(v => v.Area)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byArea = areas.Select(a => new AreaCoverage(a,
            firms.Where(f => f.Area == a).Sum(f => f.Count),
            visited.Where(v => v.Area == a).Select(v => v.EnterpriseId).Distinct().Count(),
            visitDays.Count(v => v.Area == a),
            collected.Count(c => c.Area == a && c.Status == CollectionStatus.Pending),
            collected.Count(c => c.Area == a && c.Status == CollectionStatus.Confirmed),
            collected.Count(c => c.Area == a && c.Status == CollectionStatus.Declined),
            collected.Where(c => c.Area == a && c.Status != CollectionStatus.Declined).Sum(c => c.Equipment),
            overdue.Count(o => o.Area == a))).ToList();
        var divisions = firms.Select(f => f.Division).Concat(visited.Select(v => v.Division)).Distinct(StringComparer.Ordinal).ToList();
        var byDivision = divisions.Select(d => new DivisionCoverage(d, Targets.DivisionName(d), firms.Where(f => f.Division == d).Sum(f => f.Count),
                visited.Where(v => v.Division == d).Select(v => v.EnterpriseId).Distinct().Count()))
            .OrderByDescending(d => d.Enterprises).ThenBy(d => d.Division, StringComparer.Ordinal).ToList();
        var byMonth = visitDays.GroupBy(v => (v.VisitedOn.Year, v.VisitedOn.Month)).OrderBy(g => g.Key)
            .Select(g => new MonthVisits(g.Key.Year, g.Key.Month, g.Count(), g.Select(v => v.EnterpriseId).Distinct().Count())).ToList();

        return new Coverage(scope, today, byArea.Sum(a => a.Enterprises), visited.Select(v => v.EnterpriseId).Distinct().Count(), visitDays.Count, byArea, byDivision, byMonth,
            [.. overdue.Select(o => new FollowUpRow(o.Id, o.VisitId, o.Enterprise, o.Text, o.DueOn, null, null, true, o.Version))],
            collected.Count(c => c.Status == CollectionStatus.Pending), collected.Count(c => c.Status == CollectionStatus.Confirmed),
            collected.Count(c => c.Status == CollectionStatus.Declined),
            [.. byYear.OrderBy(y => y.Key).Select(y => new YearCollected(y.Key, y.Value.Pending, y.Value.Confirmed))],
            Targets[Renewal.Policy.Kunshan2024.RuleIds.T1], Targets[Renewal.Policy.Kunshan2024.RuleIds.T2]);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Describe(Visit v, Enterprise e) => JsonSerializer.Serialize(new
    {
        enterprise = e.CreditCode, enterprise_name = e.Name, visited_on = v.VisitedOn, people = v.People.Select(p => p.Title is null ? p.Name : $"{p.Name}（{p.Title}）"),
        equipment_seen = v.EquipmentSeen,
        intentions = v.Intentions.Select(i => new { i.Name, kind = Codes.Of(i.Kind), years = i.FromYear == i.ToYear ? $"{i.FromYear}" : $"{i.FromYear}–{i.ToYear}", i.Equipment, i.Digital, i.Tasks }),
        follow_ups = v.FollowUps.Select(f => new { f.Text, due_on = f.DueOn }),
        version = 1,
    }, AuditLog.SnapshotJson);

    private static string DescribeDraft(CollectedProject c, Enterprise e, long? version = null) => JsonSerializer.Serialize(new
    {
        enterprise = e.CreditCode, c.Name, status = VisitWords.Label(c.Status), years = c.FromYear == c.ToYear ? $"{c.FromYear}" : $"{c.FromYear}–{c.ToYear}",
        c.Equipment, c.Digital, project = c.Project?.Code, decline_reason = c.DeclineReason, version = version ?? c.Version,
    }, AuditLog.SnapshotJson);

    // The same fields as the enterprise's own project form writes (SaveProject), so the audit page reads both alike.
    private static string DescribeProject(Project p) => JsonSerializer.Serialize(new
    {
        p.Code, p.Name, kind = Codes.Of(p.Kind), status = Codes.Of(p.Status), p.StartedOn, p.CompletedOn, p.Tasks, p.Clusters, p.DigitalScopes,
        p.SafetyRenovation, p.FinancingNeed,
        investments = p.Investments.OrderBy(i => i.Year).Select(i => new { i.Year, i.Equipment, i.Digital }),
        version = 1,
    }, AuditLog.SnapshotJson);
}

/// <summary>The Chinese of the statuses (the one place they are spelt).</summary>
public static class VisitWords
{
    public static string Label(CollectionStatus s) => s switch
    {
        CollectionStatus.Pending => "待企业确认",
        CollectionStatus.Confirmed => "已入库",
        _ => "企业未确认",
    };

    public static string Years(int from, int to) => from == to ? $"{from} 年" : $"{from}–{to} 年";

    public static string Yuan(decimal yuan) => yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
