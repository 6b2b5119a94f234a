using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;

namespace Renewal.Web.Features.Budget;

/// <summary>The budget by scheme, fiscal level and year (GET /api/v1/budget; the page is /budget): bureau and finance only (ADR-009).</summary>
public static class GetBudget
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/budget", (LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) => TypedResults.Ok(BudgetReport.Build(db, engine, snapshots)))
            .RequireAuthorization(p => p.RequireRole(BudgetAccess.RoleList))
            .WithName("GetBudget").WithSummary("预算：按政策、财政层级和年度（2024–2027）的已批准、已拨付、待审和预测金额");
}
