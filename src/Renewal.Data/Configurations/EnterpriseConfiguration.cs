using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>企业: unique by credit code, looked up by area.</summary>
internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> e)
    {
        e.ToTable("enterprises");
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.HasIndex(x => x.Area);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Area).HasMaxLength(50);
        e.Property(x => x.IndustryCode).HasMaxLength(5);
        e.Property(x => x.ContactName).HasMaxLength(50);
        e.Property(x => x.ContactPhone).HasMaxLength(50);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
