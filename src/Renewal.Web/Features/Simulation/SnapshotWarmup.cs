using Renewal.Data;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Features.Simulation;

/// <summary>
/// Builds the library snapshots of the programme years in the background after start, so that the first what-if or
/// budget of the day answers from memory (reading 100,000 projects takes seconds; evaluating them, tens of ms).
/// A library change still rebuilds the year on its next use. Off with <c>Simulation:WarmOnStart=false</c> (the test
/// hosts, whose assertions count the builds).
/// </summary>
public sealed class SnapshotWarmup(IServiceScopeFactory scopes, LibrarySnapshots snapshots, ILogger<SnapshotWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the app finish starting (and the demo seed its library) before reading it.
        await Task.Yield();
        foreach (var year in BudgetReport.ProgrammeYears)
        {
            if (stoppingToken.IsCancellationRequested) return;
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
                var snapshot = await Task.Run(() => snapshots.Get(db, year), stoppingToken);
                logger.LogInformation("Library snapshot {Year} ready in {Ms} ms", year, (long)snapshot.BuildTime.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException or System.Data.Common.DbException)
            {
                // Not fatal: the page builds the snapshot itself on first use and shows any error there.
                logger.LogWarning(e, "Library snapshot {Year} could not be prepared in advance", year);
            }
        }
    }
}
