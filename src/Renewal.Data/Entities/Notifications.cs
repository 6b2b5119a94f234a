namespace Renewal.Data.Entities;

/// <summary>
/// 站内消息 — one message to one user about something that concerns them (issue 12 item 4): an application returned,
/// accepted, on notice, approved, paid; a call opening or about to close. Written in the same transaction as the event,
/// so no event is without its messages. <see cref="Key"/> makes a generated reminder idempotent (one per user and key).
/// </summary>
public sealed class Notification
{
    public const int TitleLength = 200;
    public const int BodyLength = 2000;
    public const string KeyIndex = "ux_notifications_user_key";

    public int Id { get; set; }
    public int UserId { get; set; }
    /// <summary>What happened: returned, accepted, submitted, forwarded, notice, approved, paid, rejected, call_open, call_closing.</summary>
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The page it is about, e.g. /applications/12.</summary>
    public string? Link { get; set; }
    public int? ApplicationId { get; set; }
    /// <summary>For reminders: one per user and key (e.g. call_closing:7); null for events.</summary>
    public string? Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// 邮件发件箱 — an e-mail to send for a <see cref="Notification"/>, written with it; a sender drains it when SMTP is
/// configured and keeps a message until the server has accepted it (attempts, next attempt, last error), so a mail
/// server that is down loses nothing.
/// </summary>
public sealed class OutboxMessage : IVersioned
{
    public int Id { get; set; }
    public int? NotificationId { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public long Version { get; set; }
}
