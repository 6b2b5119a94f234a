using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>奖补决定: looked up by year and scheme, by enterprise, and per project.</summary>
internal sealed class AwardDecisionConfiguration(ColumnTypes types) : IEntityTypeConfiguration<AwardDecision>
{
    public void Configure(EntityTypeBuilder<AwardDecision> e)
    {
        e.ToTable("award_decisions");
        e.HasIndex(x => new { x.Year, x.Scheme });
        e.HasIndex(x => x.EnterpriseId);
        // The project list's "eligible for" filter looks decisions up per project.
        e.HasIndex(x => new { x.ProjectId, x.Scheme, x.Year });
        e.Property(x => x.Scheme).HasConversion(CodeConverters.SchemeCode()).HasMaxLength(30);
        e.Property(x => x.Level).HasConversion(CodeConverters.OptionalLevelCode()).HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Amount).HasColumnType(types.Money);
        e.Property(x => x.ParameterVersion).HasMaxLength(64);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
    }
}
