using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Simulation;

public sealed record SaveRequest(string? Name, int Year, Dictionary<string, string>? Overrides);

public sealed record Saved(int Id, string Url);

/// <summary>Saves a what-if's year and overrides under a name, not its result (POST /api/v1/simulations, and the page's save).</summary>
public static class SaveSimulation
{
    public static void Map(RouteGroupBuilder simulations) =>
        simulations.MapPost("/", async Task<Results<Created<Saved>, ProblemHttpResult>> (SaveRequest request, HttpContext http, LibraryDbContext db, PolicyEngine engine,
            TimeProvider clock, CancellationToken ct) =>
        {
            try
            {
                var row = await HandleAsync(db, engine, http, request.Name, request.Year, SimulationEndpoints.Pairs(request.Overrides), clock, ct);
                return TypedResults.Created($"/api/v1/simulations/{row.Id}", new Saved(row.Id, $"/simulate/{row.Id}"));
            }
            catch (ParameterException e)
            {
                return SimulationEndpoints.Bad(e);
            }
        }).WithName("SaveSimulation").WithSummary("保存政策模拟（年度与修改的参数，不保存结果）");

    /// <summary>Stores the simulation for the signed-in user; throws <see cref="ParameterException"/> naming the field at fault.</summary>
    public static Task<Data.Entities.SavedSimulation> HandleAsync(LibraryDbContext db, PolicyEngine engine, HttpContext http, string? name, int year,
        IReadOnlyList<KeyValuePair<string, string>> overrides, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        var user = http.User();
        return SavedSimulations.SaveAsync(db, engine, name, year, overrides, user.Id, user.UserName, clock.GetUtcNow(), ct);
    }
}
