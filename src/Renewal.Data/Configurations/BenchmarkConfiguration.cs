using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>标杆企业遴选批次: status by name, guarded by check constraints (a withdrawn round has its reason; quota ≥ 1).</summary>
internal sealed class BenchmarkRoundConfiguration : IEntityTypeConfiguration<BenchmarkRound>
{
    public void Configure(EntityTypeBuilder<BenchmarkRound> e)
    {
        e.ToTable("benchmark_rounds", t =>
        {
            t.HasCheckConstraint(BenchmarkRound.StatusCheck, BenchmarkRound.StatusSql);
            t.HasCheckConstraint(BenchmarkRound.QuotaCheck, BenchmarkRound.QuotaSql);
        });
        e.Property(x => x.Name).HasMaxLength(BenchmarkRound.NameLength);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.PrimitiveCollection(x => x.KeyIndustries);
        e.Property(x => x.WithdrawReason).HasMaxLength(BenchmarkRound.ReasonLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.Status);
        e.HasMany(x => x.Criteria).WithOne(x => x.Round).HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Nominations).WithOne(x => x.Round).HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>遴选标准: one per round and kind (what it looks at), full marks 1..100.</summary>
internal sealed class BenchmarkCriterionConfiguration : IEntityTypeConfiguration<BenchmarkCriterion>
{
    public void Configure(EntityTypeBuilder<BenchmarkCriterion> e)
    {
        e.ToTable("benchmark_criteria", t => t.HasCheckConstraint("ck_benchmark_criteria_max_score", "\"MaxScore\" >= 1 AND \"MaxScore\" <= 100"));
        e.HasIndex(x => new { x.RoundId, x.Kind }).IsUnique();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(BenchmarkCriterion.NameLength);
        e.Property(x => x.Description).HasMaxLength(BenchmarkCriterion.DescriptionLength);
    }
}

/// <summary>标杆企业提名: one per round and enterprise (unique); a selected one has its reason (check constraint).</summary>
internal sealed class BenchmarkNominationConfiguration : IEntityTypeConfiguration<BenchmarkNomination>
{
    public void Configure(EntityTypeBuilder<BenchmarkNomination> e)
    {
        e.ToTable("benchmark_nominations", t => t.HasCheckConstraint(BenchmarkNomination.SelectedCheck, BenchmarkNomination.SelectedSql));
        e.HasIndex(x => new { x.RoundId, x.EnterpriseId }).IsUnique().HasDatabaseName(BenchmarkNomination.UniqueIndex);
        e.HasIndex(x => x.EnterpriseId);
        e.Property(x => x.Reason).HasMaxLength(BenchmarkNomination.TextLength);
        e.Property(x => x.Targets).HasMaxLength(BenchmarkNomination.TextLength);
        e.Property(x => x.SelectionReason).HasMaxLength(BenchmarkNomination.TextLength);
        e.PrimitiveCollection(x => x.FeaturedProjects);
        e.Property(x => x.NominatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.ConsentedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Scores).WithOne(x => x.Nomination).HasForeignKey(x => x.NominationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>评分: one per nomination and criterion (unique), 0..100 in the database (the criterion's own maximum in the service).</summary>
internal sealed class BenchmarkScoreConfiguration : IEntityTypeConfiguration<BenchmarkScore>
{
    public void Configure(EntityTypeBuilder<BenchmarkScore> e)
    {
        e.ToTable("benchmark_scores", t => t.HasCheckConstraint(BenchmarkScore.ScoreCheck, BenchmarkScore.ScoreSql));
        e.HasIndex(x => new { x.NominationId, x.CriterionId }).IsUnique().HasDatabaseName(BenchmarkScore.UniqueIndex);
        e.HasIndex(x => x.CriterionId);
        e.Property(x => x.Reason).HasMaxLength(BenchmarkScore.ReasonLength);
        e.Property(x => x.ScoredBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Criterion).WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}
