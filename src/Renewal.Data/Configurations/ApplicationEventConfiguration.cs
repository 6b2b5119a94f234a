using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>申报记录: the moves of an application, deleted with it.</summary>
internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> e)
    {
        e.ToTable("application_events");
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Action).HasMaxLength(50);
        e.Property(x => x.UserName).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Comment).HasMaxLength(TextLimits.MoveComment);
        e.HasOne<AwardApplication>().WithMany(x => x.Events).HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
