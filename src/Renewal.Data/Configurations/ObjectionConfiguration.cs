using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>异议: raised on an application in public notice, deleted with it; a public one always has its contact (a check).</summary>
internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.ToTable("objections", t => t.HasCheckConstraint(Objection.PublicContactCheck, Objection.PublicContactSql));
        e.Property(x => x.RaisedBy).HasMaxLength(TextLimits.ObjectionRaisedBy);
        e.Property(x => x.Content).HasMaxLength(TextLimits.ObjectionContent);
        e.Property(x => x.Resolution).HasMaxLength(TextLimits.ObjectionResolution);
        e.Property(x => x.Contact).HasMaxLength(TextLimits.ObjectionContact);
        e.Property(x => x.ResolvedBy).HasMaxLength(TextLimits.UserName);
        e.HasOne<AwardApplication>().WithMany(x => x.Objections).HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
