using Renewal.Data.Entities;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Workflow;

/// <summary>The signed-in user as the server sees it: role and the enterprise, area or bank the user is bound to.</summary>
public sealed record UserContext(int Id, string UserName, Role Role, string? CreditCode, string? Area, string? Bank = null)
{
    public Actor Actor => new(Id, UserName);
    public bool IsGovernment => Role is Role.DistrictReviewer or Role.BureauReviewer or Role.BureauAdmin or Role.Finance;
    public bool IsBureau => Role is Role.BureauReviewer or Role.BureauAdmin;
}

/// <summary>
/// Row-level authorization, applied on the server to every query: an enterprise sees only its own data, a district
/// only its area, a bank only projects that declared a financing need and only its own bank's loans (their terms are the
/// bank's business with the enterprise, not another bank's) and 银企对接 records; the bureau and finance see everything.
/// </summary>
public static class Access
{
    public static IQueryable<Enterprise> VisibleTo(this IQueryable<Enterprise> q, UserContext u) => u.Role switch
    {
        Role.Enterprise => q.Where(e => e.CreditCode == u.CreditCode),
        Role.DistrictReviewer => q.Where(e => e.Area == u.Area),
        Role.Bank => q.Where(e => e.Projects.Any(p => p.FinancingNeed > 0)),
        _ => q,
    };

    public static IQueryable<Project> VisibleTo(this IQueryable<Project> q, UserContext u) => u.Role switch
    {
        Role.Enterprise => q.Where(p => p.Enterprise!.CreditCode == u.CreditCode),
        Role.DistrictReviewer => q.Where(p => p.Enterprise!.Area == u.Area),
        Role.Bank => q.Where(p => p.FinancingNeed > 0),
        _ => q,
    };

    public static IQueryable<Loan> VisibleTo(this IQueryable<Loan> q, UserContext u) => u.Role switch
    {
        Role.Enterprise => q.Where(l => l.Enterprise!.CreditCode == u.CreditCode),
        Role.DistrictReviewer => q.Where(l => l.Enterprise!.Area == u.Area),
        // A bank user not bound to a bank sees no loan at all.
        Role.Bank => q.Where(l => u.Bank != null && l.Bank == u.Bank),
        _ => q,
    };

    /// <summary>银企对接 records: a bank its own; an enterprise those of its projects; a district its area's; the bureau and finance all.</summary>
    public static IQueryable<FinancingMatch> VisibleTo(this IQueryable<FinancingMatch> q, UserContext u) => u.Role switch
    {
        Role.Enterprise => q.Where(m => m.Project!.Enterprise!.CreditCode == u.CreditCode),
        Role.DistrictReviewer => q.Where(m => m.Project!.Enterprise!.Area == u.Area),
        Role.Bank => q.Where(m => u.Bank != null && m.Bank == u.Bank),
        _ => q,
    };

    /// <summary>Applications: banks see none.</summary>
    public static IQueryable<AwardApplication> VisibleTo(this IQueryable<AwardApplication> q, UserContext u) => u.Role switch
    {
        Role.Enterprise => q.Where(a => a.Enterprise!.CreditCode == u.CreditCode),
        Role.DistrictReviewer => q.Where(a => a.Enterprise!.Area == u.Area),
        Role.Bank => q.Where(_ => false),
        _ => q,
    };

    /// <summary>May <paramref name="u"/> change the enterprise's own data (projects, loans, reports)? Only the enterprise itself:
    /// the government side corrects a declaration by returning the application, not by editing it.</summary>
    public static bool CanEdit(UserContext u, Enterprise e) => u.Role == Role.Enterprise && e.CreditCode == u.CreditCode;
}
