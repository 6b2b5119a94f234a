using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Web.Features.Budget;
using Renewal.Web.Features.Simulation;
using Renewal.Web.Infrastructure;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Api;

/// <summary>What-if simulations and the budget: bureau and finance only (ADR-009).</summary>
public static class SimulationApi
{
    /// <summary>A what-if: the award year and the overrides as an object of dotted parameter name → value text.</summary>
    public sealed record RunRequest(int Year, Dictionary<string, string>? Overrides, int? Top);

    public sealed record SaveRequest(string? Name, int Year, Dictionary<string, string>? Overrides);

    public sealed record Saved(int Id, string Url);

    public sealed record SavedDto(int Id, string Name, int Year, IReadOnlyDictionary<string, string> Overrides, string CreatedBy, DateTimeOffset CreatedAt,
        string Note, WhatIfResult Result);

    private static ProblemHttpResult Bad(ParameterException e) => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest,
        title: "参数错误", extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });

    private static List<KeyValuePair<string, string>> Pairs(Dictionary<string, string>? o) => o is null ? [] : [.. o];

    public static void Map(RouteGroupBuilder api)
    {
        var sim = api.MapGroup("/simulations").RequireAuthorization(p => p.RequireRole(SimulationAccess.RoleList));

        sim.MapPost("/run", Results<Ok<WhatIfResult>, ProblemHttpResult> (RunRequest request, LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) =>
        {
            try
            {
                return TypedResults.Ok(WhatIf.Run(snapshots, db, engine, request.Year, Pairs(request.Overrides), request.Top ?? 20));
            }
            catch (ParameterException e)
            {
                return Bad(e);
            }
        }).WithName("RunSimulation").WithSummary("政策模拟：按修改后的参数重算整个项目库，返回按政策、层级、区镇的差额和受影响最大的企业");

        sim.MapPost("/", Results<Created<Saved>, ProblemHttpResult> (SaveRequest request, HttpContext http, LibraryDbContext db, PolicyEngine engine, TimeProvider clock) =>
        {
            try
            {
                var user = http.User();
                var row = SavedSimulations.Save(db, engine, request.Name, request.Year, Pairs(request.Overrides), user.Id, user.UserName, clock.GetUtcNow());
                return TypedResults.Created($"/api/v1/simulations/{row.Id}", new Saved(row.Id, $"/simulate/{row.Id}"));
            }
            catch (ParameterException e)
            {
                return Bad(e);
            }
        }).WithName("SaveSimulation").WithSummary("保存政策模拟（年度与修改的参数，不保存结果）");

        sim.MapGet("/{id:int}", Results<Ok<SavedDto>, NotFound, ProblemHttpResult> (int id, LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) =>
        {
            if (SavedSimulations.Find(db, id) is not { } s) return TypedResults.NotFound();
            try
            {
                var result = WhatIf.Run(snapshots, db, engine, s.Row.Year, s.Overrides);
                return TypedResults.Ok(new SavedDto(s.Row.Id, s.Row.Name, s.Row.Year, s.Overrides.ToDictionary(o => o.Key, o => o.Value), s.Row.CreatedBy, s.Row.CreatedAt,
                    "按当前项目库重新计算", result));
            }
            catch (ParameterException e)
            {
                return Bad(e);
            }
        }).WithName("GetSimulation").WithSummary("打开保存的政策模拟：按当前项目库重新计算");

        api.MapGet("/budget", (LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) => TypedResults.Ok(BudgetReport.Build(db, engine, snapshots)))
            .RequireAuthorization(p => p.RequireRole(BudgetAccess.RoleList))
            .WithName("GetBudget").WithSummary("预算：按政策、财政层级和年度（2024–2027）的已批准、已拨付、待审和预测金额");
    }
}
