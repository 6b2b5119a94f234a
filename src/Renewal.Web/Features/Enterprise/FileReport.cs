using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Enterprise;

/// <summary>A quarterly progress report (POST /api/v1/enterprise/projects/{id}/reports, and the form).</summary>
public sealed class ReportRequest
{
    public int? Year { get; set; }
    /// <summary>1–4.</summary>
    public int? Quarter { get; set; }
    public ProjectStatus? Status { get; set; }
    /// <summary>Equipment investment since the start of the project, yuan.</summary>
    public decimal? CumulativeEquipment { get; set; }
    /// <summary>Of which digital, yuan.</summary>
    public decimal? CumulativeDigital { get; set; }
    public string? Note { get; set; }
}

/// <summary>A report as filed; <see cref="Corrected"/> when a later report for the same quarter replaced it.</summary>
public sealed record ReportDto(int Id, int ProjectId, int Year, int Quarter, DateOnly ReportedOn, ProjectStatus Status,
    decimal CumulativeEquipment, decimal CumulativeDigital, string? Note, bool Corrected);

/// <summary>
/// File a quarterly progress report for one of the enterprise's projects. Reports are appended, never overwritten: a
/// later report for the same quarter is a correction, and the history keeps both.
/// </summary>
public static class FileReport
{
    public const int MaxNote = TextLimits.ProgressNote;

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = "年度", ["quarter"] = "季度", ["status"] = "项目状态", ["cumulativeEquipment"] = "累计设备投资",
        ["cumulativeDigital"] = "累计智能化数字化投入", ["note"] = "进展说明",
    };

    public static void Map(RouteGroupBuilder enterprise)
    {
        enterprise.MapGet("/projects/{id:int}/reports", async (int id, HttpContext http, LibraryDbContext db, CancellationToken ct) =>
            ApiResults.From(await HistoryAsync(db, http.User(), id, ct), h => TypedResults.Ok(h.History)))
            .WithName("ProgressHistory").WithSummary("项目的季度进展历史（全部记录，更正的标为 corrected）").Forbids();

        enterprise.MapPost("/projects/{id:int}/reports", async Task<Results<Created<ReportDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<ReportRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, http.User(), id, body, clock, ct: ct), r => TypedResults.Created($"/api/v1/enterprise/projects/{id}/reports", r));
        }).Accepts<ReportRequest>("application/json").WithName("FileProgressReport").WithSummary("填报季度进展（只追加；同一季度再次填报为更正）").Forbids();
    }

    public static Task<CommandResult<ReportDto>> HandleAsync(LibraryDbContext db, UserContext user, int projectId, ReportRequest request, TimeProvider clock,
        FieldErrors? formErrors = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, () => OnceAsync(db, user, projectId, request, clock.GetUtcNow(), clock.Today(),
            formErrors?.Copy() ?? new FieldErrors(), ct));
    }

    /// <summary>The project (own enterprise only) and its reports, newest first.</summary>
    public static async Task<CommandResult<(Data.Entities.Project Project, IReadOnlyList<ReportDto> History)>> HistoryAsync(LibraryDbContext db, UserContext user,
        int projectId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enterprise = await MyEnterprise.FindAsync(db, user, ct);
        if (enterprise is null) return CommandResult<(Data.Entities.Project, IReadOnlyList<ReportDto>)>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);
        var found = MyEnterprise.Own(await db.Projects.AsNoTracking().Include(p => p.Reports).FirstOrDefaultAsync(p => p.Id == projectId, ct), p => p.EnterpriseId, enterprise.Id, "项目");
        if (!found.Ok) return CommandResult<(Data.Entities.Project, IReadOnlyList<ReportDto>)>.Fail(found.Status, found.Message!);
        var project = found.Value!;
        return CommandResult<(Data.Entities.Project, IReadOnlyList<ReportDto>)>.Success((project, Dtos(project.Reports)));
    }

    /// <summary>Newest first; a report is "corrected" when a later-filed one exists for the same year and quarter.</summary>
    public static IReadOnlyList<ReportDto> Dtos(IEnumerable<ProgressReport> reports)
    {
        var list = reports.OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ThenByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).ToList();
        var latest = list.GroupBy(r => (r.Year, r.Quarter)).Select(g => g.First().Id).ToHashSet();
        return [.. list.Select(r => new ReportDto(r.Id, r.ProjectId, r.Year, r.Quarter, r.ReportedOn, r.Status, r.CumulativeEquipment, r.CumulativeDigital,
            r.Note, !latest.Contains(r.Id)))];
    }

    private static async Task<CommandResult<ReportDto>> OnceAsync(LibraryDbContext db, UserContext user, int projectId, ReportRequest r, DateTimeOffset now,
        DateOnly today, FieldErrors errors, CancellationToken ct)
    {
        var enterprise = await MyEnterprise.FindAsync(db, user, ct);
        if (enterprise is null) return CommandResult<ReportDto>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);
        var found = MyEnterprise.Own(await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct), p => p.EnterpriseId, enterprise.Id, "项目");
        if (!found.Ok) return CommandResult<ReportDto>.Fail(found.Status, found.Message!);
        var project = found.Value!;

        var thisQuarter = (today.Month - 1) / 3 + 1;
        if (!errors.Has("year"))
        {
            if (r.Year is not { } y) errors.Add("year", "请选择年度");
            else if (y < SaveProject.FirstYear || y > SaveProject.LastYear) errors.Add("year", $"年度应在 {SaveProject.FirstYear}–{SaveProject.LastYear} 之间");
        }
        if (!errors.Has("quarter"))
        {
            if (r.Quarter is not { } q) errors.Add("quarter", "请选择季度");
            else if (q is < 1 or > 4) errors.Add("quarter", "季度应为 1–4");
            else if (r.Year is { } y && (y > today.Year || y == today.Year && q > thisQuarter))
                errors.Add("quarter", $"{y} 年第 {q} 季度尚未开始，不能填报（当前为 {today.Year} 年第 {thisQuarter} 季度）");
        }
        Check.Enum(errors, "status", "项目状态", r.Status);
        Check.Money(errors, "cumulativeEquipment", "累计设备投资", r.CumulativeEquipment, required: true);
        Check.Money(errors, "cumulativeDigital", "累计智能化数字化投入", r.CumulativeDigital, required: false);
        if (r.CumulativeEquipment is { } eq && r.CumulativeDigital is { } dg && dg > eq && !errors.Has("cumulativeEquipment") && !errors.Has("cumulativeDigital"))
            errors.Add("cumulativeDigital", $"累计智能化数字化投入（{PolicyMatcher.Yuan(dg)}）不能超过累计设备投资（{PolicyMatcher.Yuan(eq)}）");
        var note = Check.Text(errors, "note", "进展说明", r.Note, MaxNote, required: false);
        if (errors.Any) return CommandResult<ReportDto>.Invalid(errors);

        var report = new ProgressReport
        {
            ProjectId = project.Id, Year = r.Year!.Value, Quarter = r.Quarter!.Value, ReportedOn = today, Status = r.Status!.Value,
            CumulativeEquipment = r.CumulativeEquipment!.Value, CumulativeDigital = r.CumulativeDigital ?? 0, Note = note,
        };
        // A correction keeps the earlier report; the audit entry shows it as "before".
        var earlier = await db.ProgressReports.AsNoTracking().Where(x => x.ProjectId == project.Id && x.Year == report.Year && x.Quarter == report.Quarter)
            .OrderByDescending(x => x.ReportedOn).ThenByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        db.ProgressReports.Add(report);
        AuditLog.Append(db, user.Actor, earlier is null ? "填报季度进展" : "更正季度进展", "progress_report",
            $"{LibraryScenario.ProjectKey(enterprise.CreditCode, project.Code)}/{report.Year}Q{report.Quarter}",
            earlier is null ? null : Describe(earlier), Describe(report), now);
        await db.SaveChangesAsync(ct);
        return CommandResult<ReportDto>.Success(new ReportDto(report.Id, report.ProjectId, report.Year, report.Quarter, report.ReportedOn, report.Status,
            report.CumulativeEquipment, report.CumulativeDigital, report.Note, false));
    }

    private static string Describe(ProgressReport r) => Check.Json(new
    {
        r.Year, r.Quarter, r.ReportedOn, status = Codes.Of(r.Status), r.CumulativeEquipment, r.CumulativeDigital, r.Note,
    });
}
