namespace Renewal.Web.Features.Simulation;

/// <summary>
/// Who may simulate (ADR-009): the policy makers — bureau reviewers and administrators — and finance, which answers for
/// the budget a change would cost. District reviewers (one area) and enterprises and banks may not: a what-if re-runs
/// the whole city's library.
/// </summary>
public static class SimulationAccess
{
    public const string Roles = "BureauReviewer,BureauAdmin,Finance";
    public static readonly string[] RoleList = ["BureauReviewer", "BureauAdmin", "Finance"];
}
