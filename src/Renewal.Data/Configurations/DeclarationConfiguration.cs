using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>
/// 申报快照: one row per submission version and one per approval of an application (unique), kept for good — the
/// application it belongs to cannot be deleted under it, and the migrations add triggers that refuse any UPDATE or
/// DELETE of a row on both providers (<see cref="Declaration"/>).
/// </summary>
internal sealed class DeclarationConfiguration(ColumnTypes types) : IEntityTypeConfiguration<Declaration>
{
    public void Configure(EntityTypeBuilder<Declaration> e)
    {
        // A reduced approval (核减) is at least 0, below the computed amount, and says why: never higher (issue 12 item 5).
        var (decided, amount) = (types.MoneyValue(nameof(Declaration.DecidedAmount)), types.MoneyValue(nameof(Declaration.Amount)));
        e.ToTable("declarations", t => t.HasCheckConstraint(Declaration.ReductionCheck,
            $"\"DecidedAmount\" IS NULL OR ({decided} >= 0 AND {decided} < {amount} AND \"DecisionReason\" IS NOT NULL)"));
        e.HasIndex(x => new { x.ApplicationId, x.Purpose, x.Version }).IsUnique().HasDatabaseName(Declaration.UniqueIndex);
        e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Hash).HasMaxLength(64).IsFixedLength(false);
        e.Property(x => x.Subject).HasMaxLength(80);
        e.Property(x => x.Amount).HasColumnType(types.Money);
        e.Property(x => x.ByLevel).HasMaxLength(200);
        e.Property(x => x.DecidedAmount).HasColumnType(types.Money);
        e.Property(x => x.DecidedByLevel).HasMaxLength(200);
        e.Property(x => x.DecisionReason).HasMaxLength(TextLimits.MoveComment);
        e.Property(x => x.ParameterVersion).HasMaxLength(64);
        e.Property(x => x.Revisions).HasMaxLength(2000);
        e.Property(x => x.Materials).HasMaxLength(20000);
        e.Property(x => x.Code).HasMaxLength(14);
        // /verify/{code} finds the decision by its code; two decisions can never share one.
        e.HasIndex(x => x.Code).IsUnique().HasFilter("\"Code\" IS NOT NULL").HasDatabaseName(Declaration.CodeIndex);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.HasOne<AwardApplication>().WithMany(x => x.Declarations).HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
