using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>
/// 规则修订: one document id per live revision (unique, discarded drafts excluded), the two-person rule as a check
/// constraint, and — in the migrations — triggers that refuse any UPDATE or DELETE of a published row on both providers.
/// </summary>
internal sealed class RuleRevisionConfiguration : IEntityTypeConfiguration<RuleRevision>
{
    public void Configure(EntityTypeBuilder<RuleRevision> e)
    {
        e.ToTable("rule_revisions", t => t.HasCheckConstraint(RuleRevision.TwoPeopleCheck, RuleRevision.TwoPeopleSql));
        e.HasIndex(x => x.DocumentId).IsUnique().HasFilter(RuleRevision.LiveFilterSql).HasDatabaseName(RuleRevision.UniqueIndex);
        e.HasIndex(x => x.State);
        e.Property(x => x.DocumentId).HasMaxLength(RuleRevision.DocumentIdLength);
        e.Property(x => x.Title).HasMaxLength(RuleRevision.TitleLength);
        e.Property(x => x.Source).HasMaxLength(RuleRevision.SourceLength);
        e.Property(x => x.Text).HasMaxLength(RuleRevision.TextLength);
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.DraftedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.PublishedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.DiscardedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
