using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Library;

public sealed record AwardDto(string Scheme, string? Level, string? Loan, bool Eligible, decimal Amount, bool Assumed, string? FailedRule,
    IReadOnlyList<TraceDto> Trace);

public sealed record TraceDto(string Rule, string Article, string Status, string Text);

public sealed record Evaluation(int ProjectId, int Year, string ParameterVersion, IReadOnlyList<AwardDto> Awards);

/// <summary>
/// The engine's lines that concern one project for a year: its A and B, its enterprise's C, and its loans' D —
/// evaluated on the enterprise alone (C and the loan caps need nothing else). The project page and
/// GET /api/v1/projects/{id}/evaluation.
/// A bank sees only the lines of the project and its loans: C is computed from the whole enterprise's technical
/// renovation investment, projects the bank may not see included, so the bank gets no C line at all; in a D line the
/// per-enterprise cap's sum over all the enterprise's loans is not shown to it either (ADR-015), and it gets the D lines of
/// its own bank's loans only.
/// </summary>
public static class EvaluateProject
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/projects/{id:int}/evaluation", async Task<Results<Ok<Evaluation>, NotFound, ForbidHttpResult>> (int id, int? year, HttpContext http,
            LibraryDbContext db, PolicyEngine engine, TimeProvider clock, CancellationToken ct) =>
        {
            var user = http.User();
            var project = await db.Projects.AsNoTracking().VisibleTo(user).Include(p => p.Enterprise).FirstOrDefaultAsync(p => p.Id == id, ct);
            if (project is null) return await db.Projects.AnyAsync(p => p.Id == id, ct) ? TypedResults.Forbid() : TypedResults.NotFound();
            var y = year ?? Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.Clamp(clock.Year());
            var awards = (await LinesAsync(db, engine, project, y, user, ct))
                .Select(a => new AwardDto(Codes.Of(a.Scheme), a.Level is { } lv ? Codes.Of(lv) : null, a.Loan, a.Eligible, a.Amount.Yuan, a.Assumed, a.FailedRule,
                    [.. a.Trace.Select(t => new TraceDto(t.Rule, t.Article, t.Status.ToString(), t.Text))]))
                .ToList();
            return TypedResults.Ok(new Evaluation(id, y, engine.Parameters.Fingerprint, awards));
        }).WithName("EvaluateProject").WithSummary("按政策引擎测算一个项目（含逐条依据）");

    public static async Task<IEnumerable<AwardLine>> LinesAsync(LibraryDbContext db, PolicyEngine engine, Data.Entities.Project project, int year,
        UserContext viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(viewer);
        var enterpriseWide = viewer.Role != Data.Entities.Role.Bank;
        var scenario = LibraryScenario.Build(db, year, enterpriseId: project.EnterpriseId);
        var code = scenario.Enterprises.Single().Id;
        var key = LibraryScenario.ProjectKey(code, project.Code);
        // A bank reads the D lines of its own loans only: another bank's loan terms show in its line's trace (VisibleTo).
        var loans = (await db.Loans.AsNoTracking().VisibleTo(viewer).Where(l => l.ProjectId == project.Id).Select(l => l.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var lines = engine.Evaluate(scenario, explain: true).Awards
            .Where(a => a.Scheme switch
            {
                Scheme.TechRenovation => enterpriseWide,
                Scheme.LoanInterest => a.Loan is { } l && loans.Contains(l),
                _ => a.Project == key,
            });
        return enterpriseWide ? lines : lines.Select(ForBank);
    }

    /// <summary>The enterprise cap's step of a D line, in the engine's wording ("…单个企业年度上限 …：企业 X 合计 …").</summary>
    public const string EnterpriseCapStep = "单个企业年度上限";

    /// <summary>What a bank reads instead of the enterprise cap's sum over all the enterprise's loans.</summary>
    public const string EnterpriseCapForBank = "单个企业年度上限：按该企业全部贷款合计核定（其中含银行不可见的项目，合计不予显示）";

    /// <summary>
    /// A D line as a bank may read it: the loan's own amount stays, but the step of the per-enterprise cap, which sums
    /// every loan of the enterprise (of projects the bank may not see too), says only that the cap was applied.
    /// </summary>
    private static AwardLine ForBank(AwardLine a) => a.Trace.Any(t => t.Text.Contains(EnterpriseCapStep, StringComparison.Ordinal))
        ? a with { Trace = [.. a.Trace.Select(t => t.Text.Contains(EnterpriseCapStep, StringComparison.Ordinal) ? t with { Text = EnterpriseCapForBank } : t)] }
        : a;
}
