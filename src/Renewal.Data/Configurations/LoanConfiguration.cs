using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>贷款: unique loan code; the project it finances cannot be deleted under it.</summary>
internal sealed class LoanConfiguration(ColumnTypes types) : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> e)
    {
        e.ToTable("loans");
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Code).HasMaxLength(TextLimits.LoanCode);
        e.Property(x => x.Bank).HasMaxLength(TextLimits.LoanBank);
        e.Property(x => x.Category).HasConversion(CodeConverters.CategoryCode()).HasMaxLength(30);
        e.Property(x => x.Principal).HasColumnType(types.Money);
        e.Property(x => x.EquipmentAmount).HasColumnType(types.Money);
        e.Property(x => x.Rate).HasColumnType(types.Rate);
        e.Property(x => x.Approvals).HasConversion(CodeConverters.LevelList, CodeConverters.LevelListComparer).HasMaxLength(64);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany(x => x.Loans).HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
