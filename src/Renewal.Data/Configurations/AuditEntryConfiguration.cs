using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>审计日志: an append-only hash chain.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_log");
        e.Property(x => x.UserName).HasMaxLength(64);
        e.Property(x => x.Action).HasMaxLength(50);
        e.Property(x => x.Entity).HasMaxLength(50);
        e.Property(x => x.EntityId).HasMaxLength(100);
        e.Property(x => x.PreviousHash).HasMaxLength(64);
        e.Property(x => x.Hash).HasMaxLength(64);
        // One successor per entry: two concurrent appends on the same tail cannot both commit (no fork).
        e.HasIndex(x => x.PreviousHash).IsUnique();
    }
}
