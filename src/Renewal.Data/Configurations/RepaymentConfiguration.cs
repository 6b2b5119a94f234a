using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>还款: read per loan in date order.</summary>
internal sealed class RepaymentConfiguration(ColumnTypes types) : IEntityTypeConfiguration<Repayment>
{
    public void Configure(EntityTypeBuilder<Repayment> e)
    {
        e.ToTable("repayments");
        e.HasIndex(x => new { x.LoanId, x.Date });
        e.Property(x => x.Amount).HasColumnType(types.Money);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Loan).WithMany(x => x.Repayments).HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Cascade);
    }
}
