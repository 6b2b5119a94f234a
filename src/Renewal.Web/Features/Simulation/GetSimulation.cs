using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;

namespace Renewal.Web.Features.Simulation;

public sealed record SavedDto(int Id, string Name, int Year, IReadOnlyDictionary<string, string> Overrides, string CreatedBy, DateTimeOffset CreatedAt,
    string Note, WhatIfResult Result);

/// <summary>Opens a saved what-if, recomputed on the library as it is now (GET /api/v1/simulations/{id}; the page is /simulate/{id}).</summary>
public static class GetSimulation
{
    public static void Map(RouteGroupBuilder simulations) =>
        simulations.MapGet("/{id:int}", async Task<Results<Ok<SavedDto>, NotFound, ProblemHttpResult>> (int id, LibraryDbContext db, PolicyEngine engine,
            LibrarySnapshots snapshots, CancellationToken ct) =>
        {
            if (await SavedSimulations.FindAsync(db, id, ct) is not { } s) return TypedResults.NotFound();
            try
            {
                var result = WhatIf.Run(snapshots, db, engine, s.Row.Year, s.Overrides);
                return TypedResults.Ok(new SavedDto(s.Row.Id, s.Row.Name, s.Row.Year, s.Overrides.ToDictionary(o => o.Key, o => o.Value), s.Row.CreatedBy, s.Row.CreatedAt,
                    "按当前项目库重新计算", result));
            }
            catch (ParameterException e)
            {
                return SimulationEndpoints.Bad(e);
            }
        }).WithName("GetSimulation").WithSummary("打开保存的政策模拟：按当前项目库重新计算");
}
