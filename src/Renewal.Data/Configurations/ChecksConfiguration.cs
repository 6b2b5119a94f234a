using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>信用与事故记录: looked up by credit code; kind stored by name; a lifted date only on a blacklist entry, not before its listing.</summary>
internal sealed class CreditRecordConfiguration : IEntityTypeConfiguration<CreditRecord>
{
    public void Configure(EntityTypeBuilder<CreditRecord> e)
    {
        e.ToTable("credit_records", t => t.HasCheckConstraint(CreditRecord.LiftedCheck, CreditRecord.LiftedSql));
        e.HasIndex(x => x.CreditCode);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(TextLimits.ProjectName);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Source).HasMaxLength(CreditRecord.SourceLength);
        e.Property(x => x.Note).HasMaxLength(CreditRecord.NoteLength);
        e.Property(x => x.ImportFile).HasMaxLength(CreditRecord.FileLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>已获其他资金支持: looked up by credit code; the amount exact.</summary>
internal sealed class FundingRecordConfiguration(ColumnTypes types) : IEntityTypeConfiguration<FundingRecord>
{
    public void Configure(EntityTypeBuilder<FundingRecord> e)
    {
        e.ToTable("funding_records", t => t.HasCheckConstraint("ck_funding_records_amount", $"{types.MoneyValue(nameof(FundingRecord.Amount))} >= 0"));
        e.HasIndex(x => x.CreditCode);
        e.Property(x => x.Programme).HasMaxLength(FundingRecord.ProgrammeLength);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.ProjectName).HasMaxLength(TextLimits.ProjectName);
        e.Property(x => x.Invoices).HasMaxLength(FundingRecord.InvoicesLength);
        e.Property(x => x.Amount).HasColumnType(types.Money);
        e.Property(x => x.Source).HasMaxLength(CreditRecord.SourceLength);
        e.Property(x => x.Note).HasMaxLength(CreditRecord.NoteLength);
        e.Property(x => x.ImportFile).HasMaxLength(CreditRecord.FileLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>设备发票: an invoice number once per application.</summary>
internal sealed class ApplicationInvoiceConfiguration(ColumnTypes types) : IEntityTypeConfiguration<ApplicationInvoice>
{
    public void Configure(EntityTypeBuilder<ApplicationInvoice> e)
    {
        e.ToTable("application_invoices", t => t.HasCheckConstraint("ck_application_invoices_amount", $"{types.MoneyValue(nameof(ApplicationInvoice.Amount))} >= 0"));
        e.HasIndex(x => new { x.ApplicationId, x.Number }).IsUnique().HasDatabaseName(ApplicationInvoice.UniqueIndex);
        e.HasIndex(x => x.Number);
        e.Property(x => x.Number).HasMaxLength(ApplicationInvoice.NumberLength);
        e.Property(x => x.Amount).HasColumnType(types.Money);
        e.Property(x => x.Equipment).HasMaxLength(ApplicationInvoice.EquipmentLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.HasOne<AwardApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>核准放行: one per application, rule and entry; the rule one of S-1…S-3.</summary>
internal sealed class CheckOverrideConfiguration : IEntityTypeConfiguration<CheckOverride>
{
    public void Configure(EntityTypeBuilder<CheckOverride> e)
    {
        e.ToTable("check_overrides", t => t.HasCheckConstraint(CheckOverride.RuleCheck, CheckOverride.RuleSql));
        e.HasIndex(x => new { x.ApplicationId, x.Rule, x.EntryKey }).IsUnique().HasDatabaseName(CheckOverride.UniqueIndex);
        e.Property(x => x.Rule).HasMaxLength(10);
        e.Property(x => x.EntryKey).HasMaxLength(50);
        e.Property(x => x.Entry).HasMaxLength(CheckOverride.EntryLength);
        e.Property(x => x.Reason).HasMaxLength(CheckOverride.ReasonLength);
        e.Property(x => x.By).HasMaxLength(TextLimits.UserName);
        e.HasOne<AwardApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
