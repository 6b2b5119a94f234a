using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>项目: code unique within the enterprise; kind and status stored as codes.</summary>
internal sealed class ProjectConfiguration(ColumnTypes types) : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> e)
    {
        e.ToTable("projects");
        e.HasIndex(x => new { x.EnterpriseId, x.Code }).IsUnique();
        e.HasIndex(x => x.Status);
        e.Property(x => x.Code).HasMaxLength(TextLimits.ProjectCode);
        e.Property(x => x.Name).HasMaxLength(TextLimits.ProjectName);
        e.Property(x => x.Kind).HasConversion(CodeConverters.KindCode()).HasMaxLength(20);
        e.Property(x => x.Status).HasConversion(CodeConverters.StatusCode()).HasMaxLength(20);
        // Primitive collections (JSON on SQLite, arrays on PostgreSQL), so "projects of task 4" is a query, not a scan.
        e.PrimitiveCollection(x => x.Tasks);
        e.PrimitiveCollection(x => x.Clusters);
        e.PrimitiveCollection(x => x.DigitalScopes);
        e.Property(x => x.FinancingNeed).HasColumnType(types.Money);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany(x => x.Projects).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
    }
}
