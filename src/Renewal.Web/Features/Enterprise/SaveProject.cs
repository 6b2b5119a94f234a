using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;
using Renewal.Services;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Web.Features.Enterprise;

/// <summary>One year of a project's investment, yuan; digital is part of equipment.</summary>
public sealed class InvestmentInput
{
    public int? Year { get; set; }
    public decimal? Equipment { get; set; }
    public decimal? Digital { get; set; }
}

/// <summary>A project as the enterprise declares it (POST /api/v1/enterprise/projects, PUT …/{id}, and the form).</summary>
public sealed class ProjectRequest
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public ProjectKind? Kind { get; set; }
    public ProjectStatus? Status { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public List<int>? Tasks { get; set; }
    public List<string>? Clusters { get; set; }
    public List<string>? DigitalScopes { get; set; }
    public bool SafetyRenovation { get; set; }
    public decimal? FinancingNeed { get; set; }
    /// <summary>Yearly rows 2024–2027; a year not listed has no investment (an existing row is removed).</summary>
    public List<InvestmentInput>? Investments { get; set; }
    /// <summary>For an update: the version the user read; a newer one in the database means someone else saved first.</summary>
    public long? Version { get; set; }
}

/// <summary>A project as stored, with its version (what the edit form and the API return).</summary>
public sealed record ProjectDto(int Id, string Code, string Name, ProjectKind Kind, ProjectStatus Status, DateOnly? StartedOn, DateOnly? CompletedOn,
    IReadOnlyList<int> Tasks, IReadOnlyList<string> Clusters, IReadOnlyList<string> DigitalScopes, bool SafetyRenovation, decimal? FinancingNeed,
    IReadOnlyList<InvestmentRow> Investments, long Version)
{
    public static ProjectDto Of(Data.Entities.Project p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Code, p.Name, p.Kind, p.Status, p.StartedOn, p.CompletedOn, [.. p.Tasks], [.. p.Clusters], [.. p.DigitalScopes],
            p.SafetyRenovation, p.FinancingNeed, [.. p.Investments.OrderBy(i => i.Year).Select(i => new InvestmentRow(i.Year, i.Equipment, i.Digital))], p.Version);
    }
}

public sealed record InvestmentRow(int Year, decimal Equipment, decimal Digital);

/// <summary>
/// Declare or edit a project of the user's own enterprise with its yearly investment 2024–2027. Everything is checked
/// before anything changes; the project, its investment rows and the audit entry are saved by one SaveChanges; an edit
/// made from a stale version is refused.
/// </summary>
public static class SaveProject
{
    /// <summary>The programme's first award year (<see cref="ProgrammeYears"/>).</summary>
    public static int FirstYear => ProgrammeYears.First;
    /// <summary>The programme's last award year.</summary>
    public static int LastYear => ProgrammeYears.Last;

    /// <summary>Chinese names of the request's JSON fields (for messages about unreadable JSON).</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "项目编号", ["name"] = "项目名称", ["kind"] = "项目类型", ["status"] = "项目状态", ["startedOn"] = "开工日期",
        ["completedOn"] = "竣工日期", ["tasks"] = "重点任务", ["clusters"] = "产业创新集群方向", ["digitalScopes"] = "新一代信息技术改造类型",
        ["safetyRenovation"] = "重大安全生产技术改造", ["financingNeed"] = "融资需求", ["investments"] = "年度投资", ["year"] = "年度",
        ["equipment"] = "设备投资额", ["digital"] = "智能化数字化投入", ["version"] = "版本号",
    };

    public static void Map(RouteGroupBuilder enterprise)
    {
        enterprise.MapGet("/projects/{id:int}", async (int id, HttpContext http, LibraryDbContext db, CancellationToken ct) =>
            ApiResults.From(await LoadAsync(db, http.User(), id, ct), TypedResults.Ok))
            .WithName("GetOwnProject").WithSummary("读取本企业的一个项目（含年度投资与版本号，供修改）").Forbids();

        enterprise.MapPost("/projects", async Task<Results<Created<ProjectDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, PolicyEngine engine, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ProjectRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, engine, http.User(), null, body, clock, ct: ct),
                p => TypedResults.Created($"/api/v1/enterprise/projects/{p.Id}", p));
        }).Accepts<ProjectRequest>("application/json").WithName("DeclareProject").WithSummary("申报新项目（含 2024–2027 年度投资）").Forbids();

        enterprise.MapPut("/projects/{id:int}", async Task<Results<Ok<ProjectDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, PolicyEngine engine, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ProjectRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, engine, http.User(), id, body, clock, ct: ct), TypedResults.Ok);
        }).Accepts<ProjectRequest>("application/json").WithName("EditProject").WithSummary("修改本企业的项目（须带读取时的 version；过期则 409）").Forbids();
    }

    /// <summary>Creates (<paramref name="id"/> null) or updates a project.</summary>
    /// <param name="db">The library.</param>
    /// <param name="engine">For the lists of choices.</param>
    /// <param name="user">Who acts (must be the enterprise's user).</param>
    /// <param name="id">The project to edit; null to declare a new one.</param>
    /// <param name="request">The data.</param>
    /// <param name="clock">Today, for date checks; now, for the audit entry.</param>
    /// <param name="formErrors">Messages about form text that could not be read: nothing is saved when there are any.</param>
    /// <param name="ct">Cancels the reads and the save.</param>
    public static Task<CommandResult<ProjectDto>> HandleAsync(LibraryDbContext db, PolicyEngine engine, UserContext user, int? id, ProjectRequest request,
        TimeProvider clock, FieldErrors? formErrors = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, () => OnceAsync(db, engine, user, id, request, clock.GetUtcNow(), clock.Today(),
            formErrors?.Copy() ?? new FieldErrors(), ct));
    }

    /// <summary>The project to edit, with its version: NotFound, or Forbidden when it is another enterprise's.</summary>
    public static async Task<CommandResult<ProjectDto>> LoadAsync(LibraryDbContext db, UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enterprise = await MyEnterprise.FindAsync(db, user, ct);
        if (enterprise is null) return CommandResult<ProjectDto>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);
        var found = MyEnterprise.Own(await db.Projects.AsNoTracking().Include(p => p.Investments).FirstOrDefaultAsync(p => p.Id == id, ct), p => p.EnterpriseId, enterprise.Id, "项目");
        return found.Ok ? CommandResult<ProjectDto>.Success(ProjectDto.Of(found.Value!)) : CommandResult<ProjectDto>.Fail(found.Status, found.Message!);
    }

    private static async Task<CommandResult<ProjectDto>> OnceAsync(LibraryDbContext db, PolicyEngine engine, UserContext user, int? id, ProjectRequest r,
        DateTimeOffset now, DateOnly today, FieldErrors errors, CancellationToken ct)
    {
        var enterprise = await MyEnterprise.FindAsync(db, user, ct);
        if (enterprise is null) return CommandResult<ProjectDto>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);

        Data.Entities.Project? project = null;
        if (id is { } pid)
        {
            var found = MyEnterprise.Own(await db.Projects.Include(p => p.Investments).FirstOrDefaultAsync(p => p.Id == pid, ct), p => p.EnterpriseId, enterprise.Id, "项目");
            if (!found.Ok) return CommandResult<ProjectDto>.Fail(found.Status, found.Message!);
            project = found.Value!;
        }

        var v = Validate(r, engine, errors, today);
        if (v.Code is { } code && await db.Projects.AnyAsync(p => p.EnterpriseId == enterprise.Id && p.Code == code && p.Id != (project == null ? 0 : project.Id), ct))
            errors.Add("code", $"项目编号“{code}”已被本企业的其他项目使用");
        if (project is not null && r.Version is null) errors.Add("version", "缺少版本号（请从编辑页面提交）");
        if (errors.Any) return CommandResult<ProjectDto>.Invalid(errors);

        if (project is not null && r.Version != project.Version)
            return CommandResult<ProjectDto>.Fail(CommandStatus.Conflict, "该项目已被他人修改，本次修改未保存。请重新打开编辑页面，在最新数据上修改。");

        var before = project is null ? null : Describe(project);
        var created = project is null;
        project ??= new Data.Entities.Project { EnterpriseId = enterprise.Id, Code = "", Name = "" };
        project.Code = v.Code!;
        project.Name = v.Name!;
        project.Kind = r.Kind!.Value;
        project.Status = r.Status!.Value;
        project.StartedOn = r.StartedOn;
        project.CompletedOn = r.CompletedOn;
        project.Tasks = [.. v.Tasks];
        project.Clusters = [.. v.Clusters];
        project.DigitalScopes = [.. v.Scopes];
        project.SafetyRenovation = r.SafetyRenovation;
        project.FinancingNeed = r.FinancingNeed is 0m ? null : r.FinancingNeed;

        var rows = (r.Investments ?? []).ToDictionary(i => i.Year!.Value);
        foreach (var old in project.Investments.Where(i => !rows.ContainsKey(i.Year)).ToList()) project.Investments.Remove(old);
        foreach (var (year, row) in rows.OrderBy(k => k.Key))
        {
            var existing = project.Investments.FirstOrDefault(i => i.Year == year);
            if (existing is null) project.Investments.Add(new ProjectInvestment { Year = year, Equipment = row.Equipment ?? 0, Digital = row.Digital ?? 0 });
            else
            {
                existing.Equipment = row.Equipment ?? 0;
                existing.Digital = row.Digital ?? 0;
            }
        }

        var key = LibraryScenario.ProjectKey(enterprise.CreditCode, project.Code);
        if (created)
        {
            db.Projects.Add(project);
        }
        else
        {
            // The version guards the whole project, investment rows included: bump it even when only a row changed,
            // and let the database refuse the update if another save got in since the check above.
            var entry = db.Entry(project);
            entry.Property(p => p.Version).OriginalValue = r.Version!.Value;
            entry.Property(p => p.Version).IsModified = true;
        }
        AuditLog.Append(db, user.Actor, created ? "新建项目" : "修改项目", "project", key, before, Describe(project, created ? 1 : r.Version!.Value + 1), now);
        await db.SaveChangesAsync(ct);
        return CommandResult<ProjectDto>.Success(ProjectDto.Of(project));
    }

    private sealed record Valid(string? Code, string? Name, IReadOnlyList<int> Tasks, IReadOnlyList<string> Clusters, IReadOnlyList<string> Scopes);

    private static Valid Validate(ProjectRequest r, PolicyEngine engine, FieldErrors errors, DateOnly today)
    {
        var code = Check.Text(errors, "code", "项目编号", r.Code, TextLimits.ProjectCode);
        if (code is not null && code.Any(c => char.IsWhiteSpace(c) || c == '/'))
            errors.Add("code", "项目编号不能包含空格或“/”");
        var name = Check.Text(errors, "name", "项目名称", r.Name, TextLimits.ProjectName);
        Check.Enum(errors, "kind", "项目类型", r.Kind);
        var status = Check.Enum(errors, "status", "项目状态", r.Status);

        var earliest = new DateOnly(2000, 1, 1);
        if (r.StartedOn is { } s && (s < earliest || s > today.AddYears(5))) errors.Add("startedOn", "开工日期不在合理范围内");
        if (status == ProjectStatus.Completed)
        {
            if (r.CompletedOn is null) errors.Add("completedOn", "项目状态为竣工时须填写竣工日期");
            else if (r.CompletedOn > today) errors.Add("completedOn", $"竣工日期不能晚于今天（{today:yyyy-MM-dd}）");
            else if (r.CompletedOn < earliest) errors.Add("completedOn", "竣工日期不在合理范围内");
        }
        else if (status is not null && r.CompletedOn is not null)
        {
            errors.Add("completedOn", "项目未竣工时不应填写竣工日期（竣工后请把状态改为“竣工”）");
        }
        if (status is ProjectStatus.InProgress or ProjectStatus.Completed && r.StartedOn is null)
            errors.Add("startedOn", "在建或竣工的项目须填写开工日期");
        if (r.StartedOn is { } st && r.CompletedOn is { } co && co < st) errors.Add("completedOn", "竣工日期不能早于开工日期");

        var tasks = (r.Tasks ?? []).Distinct().Order().ToList();
        foreach (var t in tasks.Where(t => t is < 1 or > 12)) errors.Add("tasks", $"重点任务应为 1–12 之间的整数，“{t}”不是");

        var clusters = Choose(errors, "clusters", "产业创新集群方向", r.Clusters, PolicyLists.Clusters(engine));
        var scopes = Choose(errors, "digitalScopes", "新一代信息技术改造类型", r.DigitalScopes, PolicyLists.Scopes(engine));

        Check.Money(errors, "financingNeed", "融资需求", r.FinancingNeed, required: false);

        var seen = new HashSet<int>();
        var rows = r.Investments ?? [];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var at = $"investments[{i}]";
            if (row is null) { errors.Add(at, $"第 {i + 1} 行年度投资为空"); continue; }
            if (row.Year is not { } y || y < FirstYear || y > LastYear)
            {
                errors.Add($"{at}.year", $"第 {i + 1} 行年度投资的年度应在 {FirstYear}–{LastYear} 之间");
                continue;
            }
            if (!seen.Add(y)) errors.Add($"{at}.year", $"{y} 年的投资填写了不止一行");
            Check.Money(errors, $"{at}.equipment", $"{y} 年设备投资额", row.Equipment, required: true);
            Check.Money(errors, $"{at}.digital", $"{y} 年智能化数字化投入", row.Digital, required: false);
            if (row.Equipment is { } eq && row.Digital is { } dg && dg > eq && !errors.Has($"{at}.equipment") && !errors.Has($"{at}.digital"))
                errors.Add($"{at}.digital", $"{y} 年智能化数字化投入（{PolicyMatcher.Yuan(dg)}）不能超过同年设备投资额（{PolicyMatcher.Yuan(eq)}）");
        }
        return new Valid(code, name, tasks, clusters, scopes);
    }

    /// <summary>Distinct, trimmed identifiers, each one of <paramref name="choices"/>.</summary>
    private static List<string> Choose(FieldErrors errors, string field, string label, List<string>? values, IReadOnlyList<Choice> choices)
    {
        var list = (values ?? []).Where(c => c is not null).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var c in list.Where(c => !choices.Any(x => x.Code == c)))
            errors.Add(field, $"{label}“{c}”不是可选的值（可选：{string.Join("、", choices.Select(x => $"{x.Code}={x.Label}"))}）");
        return list;
    }

    private static string Describe(Data.Entities.Project p, long? version = null) => Check.Json(new
    {
        p.Code, p.Name, kind = Codes.Of(p.Kind), status = Codes.Of(p.Status), p.StartedOn, p.CompletedOn, p.Tasks, p.Clusters, p.DigitalScopes,
        p.SafetyRenovation, p.FinancingNeed,
        investments = p.Investments.OrderBy(i => i.Year).Select(i => new { i.Year, i.Equipment, i.Digital }),
        version = version ?? p.Version,
    });
}

/// <summary>
/// Retries a use case when its SaveChanges loses a write race that is not the user's concern — two audit entries
/// appended on the same tail (the unique previous-hash index), or a unique code inserted at the same moment. The use
/// case runs again from a clean change tracker, so it re-reads and re-validates; a stale version is never retried.
/// </summary>
public static class Retry
{
    /// <summary>
    /// A save that another save beat to a unique key (written at the same moment) is tried again a few times; a stale
    /// version is a conflict at once. (Audit entries no longer collide: they are sealed under the chain's lock, ADR-017.)
    /// </summary>
    public const int MaxAttempts = 5;

    public static async Task<CommandResult<T>> OnWriteRaceAsync<T>(LibraryDbContext db, Func<Task<CommandResult<T>>> once)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(once);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await once();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return CommandResult<T>.Fail(CommandStatus.Conflict, "数据已被他人修改，本次修改未保存。请刷新后在最新数据上修改。");
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return CommandResult<T>.Fail(CommandStatus.Conflict, "其他人同时在保存数据，本次修改未保存，请稍后重试。");
            }
        }
    }
}
