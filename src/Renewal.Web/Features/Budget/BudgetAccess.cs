namespace Renewal.Web.Features.Budget;

/// <summary>
/// Who sees the budget (ADR-009): finance, which plans it by level, and the bureau (reviewers and administrators). A
/// district reviewer does not: the budget is the city's, and one area's share of a level's budget is not a figure anyone
/// plans with; enterprises and banks never.
/// </summary>
public static class BudgetAccess
{
    public const string Roles = "BureauReviewer,BureauAdmin,Finance";
    public static readonly string[] RoleList = ["BureauReviewer", "BureauAdmin", "Finance"];
}
