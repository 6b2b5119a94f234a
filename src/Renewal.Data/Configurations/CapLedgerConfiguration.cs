using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>上限台账: one row per cap key, versioned so concurrent approvals cannot both book past the cap.</summary>
internal sealed class CapLedgerConfiguration(ColumnTypes types) : IEntityTypeConfiguration<CapLedger>
{
    public void Configure(EntityTypeBuilder<CapLedger> e)
    {
        e.ToTable("cap_ledgers");
        e.HasIndex(x => x.Key).IsUnique();
        e.Property(x => x.Key).HasMaxLength(100);
        e.Property(x => x.Cap).HasColumnType(types.Money);
        e.Property(x => x.Used).HasColumnType(types.Money);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
