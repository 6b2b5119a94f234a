using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>站内消息: read per user, newest first; a reminder at most once per user and key.</summary>
internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.HasIndex(x => new { x.UserId, x.ReadAt });
        e.HasIndex(x => new { x.UserId, x.Key }).IsUnique().HasFilter("\"Key\" IS NOT NULL").HasDatabaseName(Notification.KeyIndex);
        e.Property(x => x.Kind).HasMaxLength(30);
        e.Property(x => x.Title).HasMaxLength(Notification.TitleLength);
        e.Property(x => x.Body).HasMaxLength(Notification.BodyLength);
        e.Property(x => x.Link).HasMaxLength(200);
        e.Property(x => x.Key).HasMaxLength(100);
        e.HasOne<UserAccount>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>邮件发件箱: the sender takes what is unsent and due.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("outbox");
        e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        e.Property(x => x.To).HasMaxLength(200);
        e.Property(x => x.Subject).HasMaxLength(Notification.TitleLength);
        e.Property(x => x.Body).HasMaxLength(Notification.BodyLength + 400);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
