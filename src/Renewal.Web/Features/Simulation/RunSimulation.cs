using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;

namespace Renewal.Web.Features.Simulation;

/// <summary>A what-if: the award year and the overrides as an object of dotted parameter name → value text.</summary>
public sealed record RunRequest(int Year, Dictionary<string, string>? Overrides, int? Top);

/// <summary>Runs a what-if on the whole library (POST /api/v1/simulations/run; the page runs it by GET with <c>set=</c>).</summary>
public static class RunSimulation
{
    public static void Map(RouteGroupBuilder simulations) =>
        simulations.MapPost("/run", Results<Ok<WhatIfResult>, ProblemHttpResult> (RunRequest request, LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots) =>
        {
            try
            {
                return TypedResults.Ok(WhatIf.Run(snapshots, db, engine, request.Year, SimulationEndpoints.Pairs(request.Overrides), request.Top ?? 20));
            }
            catch (ParameterException e)
            {
                return SimulationEndpoints.Bad(e);
            }
        }).WithName("RunSimulation").WithSummary("政策模拟：按修改后的参数重算整个项目库，返回按政策、层级、区镇的差额和受影响最大的企业");
}
