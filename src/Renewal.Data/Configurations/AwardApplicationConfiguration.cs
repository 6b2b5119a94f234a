using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>申报: unique number, one live application per subject, listed by state and year; its subject cannot be deleted under it.</summary>
internal sealed class AwardApplicationConfiguration(ColumnTypes types) : IEntityTypeConfiguration<AwardApplication>
{
    public void Configure(EntityTypeBuilder<AwardApplication> e)
    {
        e.ToTable("applications");
        e.HasIndex(x => x.Number).IsUnique();
        e.HasIndex(x => new { x.State, x.Year });
        e.HasOne<ProgrammeCall>().WithMany().HasForeignKey(x => x.CallId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.EnterpriseId);
        e.HasOne<PaymentBatch>().WithMany().HasForeignKey(x => x.PaymentBatchId).OnDelete(DeleteBehavior.Restrict);
        // One live application per scheme, year and subject, guarded by the database (issue 10): concurrent creates on
        // any number of nodes leave exactly one; a rejected application frees the subject for a new one.
        e.HasIndex(x => new { x.Scheme, x.Year, x.SubjectKey }).IsUnique().HasFilter(AwardApplication.LiveFilterSql)
            .HasDatabaseName(AwardApplication.LiveSubjectIndex);
        e.Property(x => x.SubjectKey).HasMaxLength(40);
        e.Property(x => x.Number).HasMaxLength(32);
        e.Property(x => x.Scheme).HasConversion(CodeConverters.SchemeCode()).HasMaxLength(30);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.SubmittedAmount).HasColumnType(types.Money);
        e.Property(x => x.ApprovedAmount).HasColumnType(types.Money);
        e.Property(x => x.SubmittedParameterVersion).HasMaxLength(64);
        e.Property(x => x.ApprovedParameterVersion).HasMaxLength(64);
        e.Property(x => x.ApprovedByLevel).HasMaxLength(200);
        e.Property(x => x.PaymentReference).HasMaxLength(TextLimits.PaymentReference);
        e.Property(x => x.ReturnRequestReason).HasMaxLength(TextLimits.MoveComment);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Loan).WithMany().HasForeignKey(x => x.LoanId).OnDelete(DeleteBehavior.Restrict);
    }
}
