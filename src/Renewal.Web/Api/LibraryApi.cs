using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Web.Features.Library;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Api;

/// <summary>Project library endpoints.</summary>
public static class LibraryApi
{
    public sealed record ProjectPage(int Total, int Page, IReadOnlyList<ProjectRow> Items);

    public sealed record AwardDto(string Scheme, string? Level, string? Loan, bool Eligible, decimal Amount, bool Assumed, string? FailedRule,
        IReadOnlyList<TraceDto> Trace);

    public sealed record TraceDto(string Rule, string Article, string Status, string Text);

    public sealed record Evaluation(int ProjectId, int Year, string ParameterVersion, IReadOnlyList<AwardDto> Awards);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/projects", (HttpContext http, LibraryDbContext db, [AsParameters] ProjectQuery q) =>
        {
            var f = q.ToFilter();
            var (rows, total) = ProjectList.Query(db, http.User(), f);
            return TypedResults.Ok(new ProjectPage(total, f.Page, rows));
        }).WithName("ListProjects").WithSummary("项目库列表（按角色范围过滤）");

        api.MapGet("/projects/{id:int}/evaluation", Results<Ok<Evaluation>, NotFound, ForbidHttpResult> (int id, int? year, HttpContext http,
            LibraryDbContext db, PolicyEngine engine, TimeProvider clock) =>
        {
            var user = http.User();
            var project = db.Projects.AsNoTracking().VisibleTo(user).Include(p => p.Enterprise).FirstOrDefault(p => p.Id == id);
            if (project is null) return db.Projects.Any(p => p.Id == id) ? TypedResults.Forbid() : TypedResults.NotFound();
            var y = year ?? Math.Clamp(clock.Year(), 2024, 2027);
            var awards = ProjectEvaluation.Lines(db, engine, project, y)
                .Select(a => new AwardDto(Codes.Of(a.Scheme), a.Level is { } lv ? Codes.Of(lv) : null, a.Loan, a.Eligible, a.Amount.Yuan, a.Assumed, a.FailedRule,
                    [.. a.Trace.Select(t => new TraceDto(t.Rule, t.Article, t.Status.ToString(), t.Text))]))
                .ToList();
            return TypedResults.Ok(new Evaluation(id, y, engine.Parameters.Fingerprint, awards));
        }).WithName("EvaluateProject").WithSummary("按政策引擎测算一个项目（含逐条依据）");
    }

    /// <summary>Query string of the project list.</summary>
    public sealed class ProjectQuery
    {
        public string? Area { get; set; }
        public string? Industry { get; set; }
        public int? Task { get; set; }
        public Renewal.Policy.Model.ProjectStatus? Status { get; set; }
        public int? Year { get; set; }
        public Scheme? Eligible { get; set; }
        public string? Q { get; set; }
        public int? Page { get; set; }
        public int? PageSize { get; set; }

        public ProjectFilter ToFilter() => new()
        {
            Area = Area, Industry = Industry, Task = Task, Status = Status, Year = Year, Eligible = Eligible, Q = Q,
            Page = Page ?? 1, PageSize = PageSize ?? 50,
        };
    }
}
