using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy;
using Renewal.Policy.Model;
using PolicyEnterprise = Renewal.Policy.Model.Enterprise;
using PolicyLoan = Renewal.Policy.Model.Loan;
using PolicyProject = Renewal.Policy.Model.Project;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services;

/// <summary>
/// Maps the stored library to the engine's input: one scenario for an award year. Enterprise ids are credit
/// codes, project ids <c>credit code/project code</c>, loan ids the loan codes. The committed awards of earlier
/// years — paid, or approved and not paid yet (<see cref="CommittedAwards"/>, ADR-016) — become <c>prior_awards</c>.
/// With <c>asOf</c>, each project's status and completion come from its latest progress report filed on or before
/// that date (the library "as it was").
/// </summary>
public static class LibraryScenario
{
    public static string ProjectKey(string creditCode, string projectCode) => creditCode + "/" + projectCode;

    /// <param name="db">The library.</param>
    /// <param name="year">Award year.</param>
    /// <param name="asOf">Restore project status from progress reports filed on or before this date.</param>
    /// <param name="name">Scenario name.</param>
    /// <param name="enterpriseId">Only this enterprise (its C award and its loans' caps need nothing else).</param>
    public static Scenario Build(LibraryDbContext db, int year, DateOnly? asOf = null, string? name = null, int? enterpriseId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var one = enterpriseId is not null;
        var eid = enterpriseId ?? 0;
        var enterprises = db.Enterprises.AsNoTracking().Where(e => !one || e.Id == eid).OrderBy(e => e.Id).ToList();
        var codes = enterprises.ToDictionary(e => e.Id, e => e.CreditCode);
        var projects = db.Projects.AsNoTracking().Where(p => !one || p.EnterpriseId == eid).OrderBy(p => p.Id).ToList();
        var investments = db.Investments.AsNoTracking().Where(i => !one || i.Project!.EnterpriseId == eid).ToList().ToLookup(i => i.ProjectId);
        var prior = CommittedAwards.EarlierThan(db, year, enterpriseId);
        var reports = asOf is { } date
            ? db.ProgressReports.AsNoTracking().Where(r => r.ReportedOn <= date && (!one || r.Project!.EnterpriseId == eid)).ToList()
                .GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.ReportedOn).ThenBy(r => r.Id).Last())
            : [];
        var projectKeys = projects.ToDictionary(p => p.Id, p => ProjectKey(codes[p.EnterpriseId], p.Code));
        var loans = db.Loans.AsNoTracking().Include(l => l.Repayments).Where(l => !one || l.EnterpriseId == eid).OrderBy(l => l.Id).ToList();

        return new Scenario
        {
            Name = name ?? $"项目库 {year} 年度" + (asOf is { } d ? $"（截至 {d:yyyy-MM-dd}）" : ""),
            Year = year,
            Enterprises = [.. enterprises.Select(ToPolicy)],
            Projects = [.. projects.Select(p =>
            {
                var status = p.Status;
                var completedOn = p.CompletedOn;
                if (asOf is not null)
                {
                    if (reports.TryGetValue(p.Id, out var r))
                    {
                        status = r.Status;
                        if (status != ProjectStatus.Completed) completedOn = null;
                        else completedOn ??= r.ReportedOn;
                    }
                    else if (completedOn is { } c && c > asOf) { status = ProjectStatus.InProgress; completedOn = null; }
                }
                return ToPolicy(p, projectKeys[p.Id], codes[p.EnterpriseId], status, completedOn, investments[p.Id], prior[p.Id]);
            })],
            Loans = [.. loans.Select(l => ToPolicy(l, codes[l.EnterpriseId], projectKeys[l.ProjectId]))],
        };
    }

    /// <summary>A stored enterprise as the engine reads it (its id is its credit code).</summary>
    /// <exception cref="InvalidDataException">The stored industry code is not a GB/T 4754-2017 code (it is checked on every
    /// write, so this is a damaged row, never silently replaced).</exception>
    public static PolicyEnterprise ToPolicy(Renewal.Data.Entities.Enterprise e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new PolicyEnterprise(e.CreditCode, e.CreditCode, e.Name, e.Area, ParseIndustry(e.IndustryCode));
    }

    /// <summary>A stored project as the engine reads it, with the status and completion date in force for the evaluation.</summary>
    public static PolicyProject ToPolicy(Renewal.Data.Entities.Project p, string id, string enterpriseId, ProjectStatus status, DateOnly? completedOn,
        IEnumerable<ProjectInvestment> investments, IEnumerable<PriorAward> committedEarlier)
    {
        ArgumentNullException.ThrowIfNull(investments);
        return ToPolicy(p, id, enterpriseId, status, completedOn,
            [.. investments.OrderBy(i => i.Year).Select(i => new YearInvestment(i.Year, new Money(i.Equipment), new Money(i.Digital)))], committedEarlier);
    }

    /// <summary>A stored project as the engine reads it, its yearly investments already mapped (in year order).</summary>
    public static PolicyProject ToPolicy(Renewal.Data.Entities.Project p, string id, string enterpriseId, ProjectStatus status, DateOnly? completedOn,
        ImmutableArray<YearInvestment> investments, IEnumerable<PriorAward> committedEarlier)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PolicyProject
        {
            Id = id,
            EnterpriseId = enterpriseId,
            Name = p.Name,
            Kind = p.Kind,
            Status = status,
            CompletedOn = completedOn,
            Tasks = [.. p.Tasks],
            Clusters = [.. p.Clusters],
            SafetyRenovation = p.SafetyRenovation,
            DigitalScopes = [.. p.DigitalScopes],
            Investment = investments,
            PriorAwards = [.. committedEarlier],
        };
    }

    /// <summary>A stored loan (with its repayments loaded) as the engine reads it.</summary>
    public static PolicyLoan ToPolicy(Renewal.Data.Entities.Loan l, string enterpriseId, string projectId)
    {
        ArgumentNullException.ThrowIfNull(l);
        return ToPolicy(l, enterpriseId, projectId, [.. l.Repayments.OrderBy(r => r.Date).Select(r => new Renewal.Policy.Model.Repayment(r.Date, new Money(r.Amount)))]);
    }

    /// <summary>A stored loan as the engine reads it, its repayments already mapped (in date order).</summary>
    public static PolicyLoan ToPolicy(Renewal.Data.Entities.Loan l, string enterpriseId, string projectId, ImmutableArray<Renewal.Policy.Model.Repayment> repayments)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new PolicyLoan
        {
            Id = l.Code,
            EnterpriseId = enterpriseId,
            ProjectId = projectId,
            Category = l.Category,
            Principal = new Money(l.Principal),
            Rate = new Rate(l.Rate),
            IssuedOn = l.IssuedOn,
            MaturesOn = l.MaturesOn,
            EquipmentAmount = new Money(l.EquipmentAmount),
            ViaSuzhouPlatform = l.ViaSuzhouPlatform,
            Approvals = l.Approvals is null ? null : [.. l.Approvals],
            Repayments = repayments,
        };
    }

    private static IndustryCode ParseIndustry(string code) =>
        IndustryCode.TryParse(code, out var c, out var problem) ? c : throw new InvalidDataException($"库中行业代码无效：{code}（{problem}）");
}
