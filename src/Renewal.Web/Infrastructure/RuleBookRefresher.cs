using Renewal.Data;
using Renewal.Services.Revisions;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// Keeps this node's <see cref="RuleBook"/> current: every <c>Rules:RefreshSeconds</c> (default 2) it reads the ids of
/// the published revisions — one small query — and loads them when another node has published one. So every node
/// applies a newly published revision within seconds, without a restart or a message bus.
/// </summary>
public sealed class RuleBookRefresher(IServiceScopeFactory scopes, RuleBook rules, IConfiguration config, ILogger<RuleBookRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Rules:RefreshSeconds", 2.0), 0.2, 300));
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
                if (await rules.RefreshAsync(db, stoppingToken))
                    logger.LogInformation("规则已更新：已发布修订 {Revisions}", string.Join("、", rules.Published.Select(r => r.Id)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // Before the first migration, or the database briefly away: try again at the next tick.
                logger.LogDebug(e, "规则修订列表暂不可读");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
