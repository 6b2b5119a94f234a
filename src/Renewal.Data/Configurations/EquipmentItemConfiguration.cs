using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>设备台账: asset code unique within the enterprise.</summary>
internal sealed class EquipmentItemConfiguration : IEntityTypeConfiguration<EquipmentItem>
{
    public void Configure(EntityTypeBuilder<EquipmentItem> e)
    {
        e.ToTable("equipment_items");
        e.HasIndex(x => new { x.EnterpriseId, x.Code }).IsUnique();
        e.Property(x => x.Code).HasMaxLength(50);
        e.Property(x => x.Type).HasMaxLength(50);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.HazardousCatalogueItem).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany(x => x.Equipment).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
    }
}
