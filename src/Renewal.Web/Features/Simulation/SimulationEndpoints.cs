using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Policy.Parameters;

namespace Renewal.Web.Features.Simulation;

/// <summary>What-if simulations under /api/v1/simulations: bureau and finance only (ADR-009).</summary>
public static class SimulationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var simulations = api.MapGroup("/simulations").RequireAuthorization(p => p.RequireRole(SimulationAccess.RoleList));
        RunSimulation.Map(simulations);
        SaveSimulation.Map(simulations);
        GetSimulation.Map(simulations);
    }

    /// <summary>A parameter the request got wrong: 400 naming it.</summary>
    internal static ProblemHttpResult Bad(ParameterException e) => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest,
        title: "参数错误", extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });

    internal static List<KeyValuePair<string, string>> Pairs(Dictionary<string, string>? o) => o is null ? [] : [.. o];
}
