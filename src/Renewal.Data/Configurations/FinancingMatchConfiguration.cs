using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>银企对接记录: one per bank and project (unique); the status stored by name and guarded by check constraints.</summary>
internal sealed class FinancingMatchConfiguration : IEntityTypeConfiguration<FinancingMatch>
{
    public void Configure(EntityTypeBuilder<FinancingMatch> e)
    {
        e.ToTable("financing_matches", t =>
        {
            t.HasCheckConstraint(FinancingMatch.StatusCheck, FinancingMatch.StatusSql);
            t.HasCheckConstraint(FinancingMatch.DeclinedCheck, FinancingMatch.DeclinedSql);
        });
        e.HasIndex(x => new { x.Bank, x.ProjectId }).IsUnique().HasDatabaseName(FinancingMatch.UniqueIndex);
        e.HasIndex(x => x.ProjectId);
        e.HasIndex(x => x.LoanId).IsUnique();
        e.Property(x => x.Bank).HasMaxLength(TextLimits.LoanBank);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.InterestNote).HasMaxLength(FinancingMatch.NoteLength);
        e.Property(x => x.ContactNote).HasMaxLength(FinancingMatch.NoteLength);
        e.Property(x => x.DeclineReason).HasMaxLength(FinancingMatch.NoteLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Loan).WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
    }
}
