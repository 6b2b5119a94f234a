using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Renewal.Data;
using Renewal.Data.Entities;

namespace Renewal.Services.Notifications;

/// <summary>SMTP settings (<c>Smtp:*</c>); the outbox is drained only when <see cref="Host"/> is set.</summary>
public sealed record SmtpOptions(string? Host, int Port = 25, string From = "noreply@renewal.kunshan.gov.cn", string? UserName = null, string? Password = null,
    bool StartTls = false)
{
    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends one e-mail; throws when the server does not accept it.</summary>
public interface IMailSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct = default);
}

/// <summary>E-mail through SMTP with MailKit.</summary>
public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        using var client = new SmtpClient();
        client.Timeout = 15_000;
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("未配置 SMTP 服务器（Smtp:Host）"), options.Port, options.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>
/// Drains the outbox: each unsent message whose next attempt is due is sent and marked sent; a failure keeps it with
/// the error and a later next attempt (1, 2, 4 … minutes, at most an hour), so a mail server that is down loses
/// nothing and is not hammered. A message is marked under its concurrency token: two nodes draining at once send it
/// at most once more than needed only if one crashes between sending and marking (at-least-once, never lost).
/// </summary>
public static class OutboxDrain
{
    public static async Task<(int Sent, int Failed)> RunAsync(LibraryDbContext db, IMailSender sender, DateTimeOffset now, int batch = 50, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sender);
        // Few rows are unsent; they are filtered by time here (SQLite cannot compare DateTimeOffset in SQL).
        var due = (await db.Outbox.Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(batch * 4).ToListAsync(ct))
            .Where(m => m.NextAttemptAt <= now).Take(batch).ToList();
        int sent = 0, failed = 0;
        foreach (var m in due)
        {
            try
            {
                await sender.SendAsync(m, ct);
                m.SentAt = now;
                m.LastError = null;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                m.Attempts++;
                m.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                m.NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, m.Attempts - 1)));
                failed++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node handled it meanwhile.
                db.ChangeTracker.Clear();
            }
        }
        return (sent, failed);
    }
}
