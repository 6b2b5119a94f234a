using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>年度投资: one row per project and year.</summary>
internal sealed class ProjectInvestmentConfiguration(ColumnTypes types) : IEntityTypeConfiguration<ProjectInvestment>
{
    public void Configure(EntityTypeBuilder<ProjectInvestment> e)
    {
        e.ToTable("project_investments");
        e.HasKey(x => new { x.ProjectId, x.Year });
        e.Property(x => x.Equipment).HasColumnType(types.Money);
        e.Property(x => x.Digital).HasColumnType(types.Money);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Project).WithMany(x => x.Investments).HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
