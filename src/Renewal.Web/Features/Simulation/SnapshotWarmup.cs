using Renewal.Data;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Features.Simulation;

/// <summary>
/// Builds the library snapshots of the programme years in the background after start, then the dashboard's figures for
/// all of Kunshan (which every area's view is cut from), so that the first what-if, budget or dashboard of the day
/// answers from memory (reading 100,000 projects takes seconds; evaluating them, tens of ms). Afterwards a library change
/// is patched in on the next use, for the enterprises the change feed names (ADR-026, ADR-027). Off with
/// <c>Simulation:WarmOnStart=false</c> (the test hosts, whose assertions count the builds).
/// </summary>
public sealed class SnapshotWarmup(IServiceScopeFactory scopes, LibrarySnapshots snapshots, TimeProvider clock, ILogger<SnapshotWarmup> logger) : BackgroundService
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
        if (stoppingToken.IsCancellationRequested) return;
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
            var options = scope.ServiceProvider.GetRequiredService<LibraryDatabaseOptions>();
            var engine = scope.ServiceProvider.GetRequiredService<Renewal.Policy.Kunshan2024.PolicyEngine>();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Task.Run(() => Renewal.Services.Programme.ProgrammeCache.Get(db, engine, clock.Today(), null, () => LibraryStore.Create(options), clock), stoppingToken);
            logger.LogInformation("Programme dashboard ready in {Ms} ms", watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or System.Data.Common.DbException)
        {
            logger.LogWarning(e, "The programme dashboard could not be prepared in advance");
        }
    }
}
