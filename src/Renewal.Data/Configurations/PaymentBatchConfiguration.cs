using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>拨付批次: unique number; kept for good (the migrations add triggers refusing any change but the first numbering, and any delete).</summary>
internal sealed class PaymentBatchConfiguration(ColumnTypes types) : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> e)
    {
        e.ToTable("payment_batches", t => t.HasCheckConstraint("ck_payment_batches_amounts", "\"Count\" >= 1 AND \"Total\" >= 0"));
        e.HasIndex(x => x.Number).IsUnique();
        e.Property(x => x.Number).HasMaxLength(32);
        e.Property(x => x.Total).HasColumnType(types.Money);
        e.Property(x => x.Note).HasMaxLength(TextLimits.MoveComment);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
    }
}
