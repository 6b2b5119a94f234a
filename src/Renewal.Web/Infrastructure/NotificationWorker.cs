using Renewal.Data;
using Renewal.Services.Notifications;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// Sends the e-mail outbox every <c>Smtp:DrainSeconds</c> (default 10) when <c>Smtp:Host</c> is configured, and writes
/// the calls' reminders every <c>Notifications:ReminderMinutes</c> (default 10). Each node may run it: sending marks a
/// message under its concurrency token and reminders are unique per user and key.
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, SmtpOptions smtp, IMailSender mail, TimeProvider clock, IConfiguration config,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var drainEvery = TimeSpan.FromSeconds(Math.Clamp(config.GetValue("Smtp:DrainSeconds", 10.0), 1, 3600));
        var remindEvery = TimeSpan.FromMinutes(Math.Clamp(config.GetValue("Notifications:ReminderMinutes", 10.0), 0.1, 1440));
        var lastReminders = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(drainEvery);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
                var now = clock.GetUtcNow();
                if (now - lastReminders >= remindEvery)
                {
                    lastReminders = now;
                    var n = await CallReminders.RunAsync(db, now, stoppingToken);
                    if (n > 0) logger.LogInformation("申报批次提醒 {Count} 条", n);
                }
                if (smtp.Configured)
                {
                    var (sent, failed) = await OutboxDrain.RunAsync(db, mail, now, ct: stoppingToken);
                    if (sent + failed > 0) logger.LogInformation("邮件：发送 {Sent} 封，失败 {Failed} 封（稍后重试）", sent, failed);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogDebug(e, "消息任务暂不可执行");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
