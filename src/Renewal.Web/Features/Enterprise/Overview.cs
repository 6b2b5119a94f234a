using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;
using Renewal.Services;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Web.Features.Enterprise;

public sealed record EnterpriseInfo(int Id, string CreditCode, string Name, string Area, string IndustryCode, bool AboveScale,
    string? ContactName, string? ContactPhone)
{
    /// <summary>The enterprise row's version, for the contact form (<see cref="SaveContact"/>).</summary>
    public long Version { get; init; }
}

public sealed record ReportSummary(int Id, int Year, int Quarter, DateOnly ReportedOn, ProjectStatus Status,
    decimal CumulativeEquipment, decimal CumulativeDigital, string? Note);

public sealed record ProjectSummary(int Id, string Code, string Name, ProjectKind Kind, ProjectStatus Status, DateOnly? StartedOn,
    DateOnly? CompletedOn, decimal Equipment, decimal Digital, decimal? FinancingNeed, long Version, ReportSummary? LatestReport)
{
    /// <summary>The key of the project in the engine's scenario (<c>credit code/project code</c>).</summary>
    public string Key { get; init; } = "";
}

public sealed record LoanSummary(int Id, string Code, int ProjectId, string ProjectCode, string? Bank, LoanCategory Category,
    decimal Principal, decimal RatePercent, DateOnly IssuedOn, DateOnly MaturesOn, decimal EquipmentAmount, bool ViaSuzhouPlatform,
    decimal Repaid, long Version);

/// <summary>What <c>/enterprise</c> and <c>GET /api/v1/enterprise</c> show: the enterprise, its projects and loans, and what it can get.</summary>
public sealed record EnterpriseOverview(EnterpriseInfo Enterprise, IReadOnlyList<ProjectSummary> Projects, IReadOnlyList<LoanSummary> Loans,
    IReadOnlyList<YearMatches> Policies, string ParameterVersion);

/// <summary>Reads the overview of the signed-in enterprise user's own enterprise.</summary>
public static class Overview
{
    /// <summary>Award years of the programme (<see cref="ProgrammeYears"/>).</summary>
    public static IReadOnlyList<int> Years => ProgrammeYears.All;

    public static void Map(RouteGroupBuilder enterprise) =>
        enterprise.MapGet("", async Task<Results<Ok<EnterpriseOverview>, ProblemHttpResult>> (HttpContext http, LibraryDbContext db, PolicyEngine engine, CancellationToken ct) =>
        {
            var r = await QueryAsync(db, engine, http.User(), ct);
            return r.Ok ? TypedResults.Ok(r.Value!) : ApiResults.Forbidden(r.Message);
        }).WithName("EnterpriseOverview").WithSummary("本企业概况：企业信息、项目、贷款、最新进展，以及 2024–2027 年可享受的政策与差距").Forbids();

    public static async Task<CommandResult<EnterpriseOverview>> QueryAsync(LibraryDbContext db, PolicyEngine engine, UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        var e = await MyEnterprise.FindAsync(db, user, ct);
        if (e is null) return CommandResult<EnterpriseOverview>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);

        var projects = await db.Projects.AsNoTracking().Where(p => p.EnterpriseId == e.Id).Include(p => p.Investments).OrderBy(p => p.Code).ToListAsync(ct);
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => r.Project!.EnterpriseId == e.Id).ToListAsync(ct))
            .GroupBy(r => r.ProjectId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).First());
        var loans = await db.Loans.AsNoTracking().Where(l => l.EnterpriseId == e.Id).Include(l => l.Repayments).OrderBy(l => l.IssuedOn).ThenBy(l => l.Code).ToListAsync(ct);
        var codes = projects.ToDictionary(p => p.Id, p => p.Code);

        var matcher = new PolicyMatcher(engine);
        var policies = Years.Select(y => matcher.Match(LibraryScenario.Build(db, y, enterpriseId: e.Id))).ToList();

        return CommandResult<EnterpriseOverview>.Success(new EnterpriseOverview(
            new EnterpriseInfo(e.Id, e.CreditCode, e.Name, e.Area, e.IndustryCode, e.AboveScale, e.ContactName, e.ContactPhone) { Version = e.Version },
            [.. projects.Select(p => new ProjectSummary(p.Id, p.Code, p.Name, p.Kind, p.Status, p.StartedOn, p.CompletedOn,
                p.Investments.Sum(i => i.Equipment), p.Investments.Sum(i => i.Digital), p.FinancingNeed, p.Version,
                reports.TryGetValue(p.Id, out var r) ? Summary(r) : null) { Key = LibraryScenario.ProjectKey(e.CreditCode, p.Code) })],
            [.. loans.Select(l => new LoanSummary(l.Id, l.Code, l.ProjectId, codes.GetValueOrDefault(l.ProjectId, ""), l.Bank, l.Category,
                l.Principal, LoanDto.Percent(l.Rate), l.IssuedOn, l.MaturesOn, l.EquipmentAmount, l.ViaSuzhouPlatform, l.Repayments.Sum(x => x.Amount), l.Version))],
            policies,
            engine.Parameters.Fingerprint));
    }

    public static ReportSummary Summary(ProgressReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ReportSummary(r.Id, r.Year, r.Quarter, r.ReportedOn, r.Status, r.CumulativeEquipment, r.CumulativeDigital, r.Note);
    }
}
