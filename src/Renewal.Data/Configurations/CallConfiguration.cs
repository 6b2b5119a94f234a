using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>申报批次 with its material list; looked up by scheme and year.</summary>
internal sealed class CallConfiguration : IEntityTypeConfiguration<ProgrammeCall>
{
    public void Configure(EntityTypeBuilder<ProgrammeCall> e)
    {
        e.ToTable("calls", t => t.HasCheckConstraint("ck_calls_window", "\"OpensAt\" < \"ClosesAt\""));
        e.HasIndex(x => new { x.Scheme, x.Year });
        e.Property(x => x.Scheme).HasConversion(CodeConverters.SchemeCode()).HasMaxLength(30);
        e.Property(x => x.Title).HasMaxLength(ProgrammeCall.TitleLength);
        e.Property(x => x.Announcement).HasMaxLength(ProgrammeCall.AnnouncementLength);
        e.Property(x => x.NoticeText).HasMaxLength(ProgrammeCall.NoticeTextLength);
        e.Property(x => x.NoticeContact).HasMaxLength(ProgrammeCall.NoticeContactLength);
        e.Property(x => x.NoticePhone).HasMaxLength(ProgrammeCall.NoticeContactLength);
        e.Property(x => x.NoticeAddress).HasMaxLength(ProgrammeCall.NoticeContactLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Materials).WithOne().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One material of a call's list.</summary>
internal sealed class CallMaterialConfiguration : IEntityTypeConfiguration<CallMaterial>
{
    public void Configure(EntityTypeBuilder<CallMaterial> e)
    {
        e.ToTable("call_materials");
        e.HasIndex(x => new { x.CallId, x.Order }).IsUnique();
        e.Property(x => x.Name).HasMaxLength(CallMaterial.NameLength);
        e.Property(x => x.Types).HasMaxLength(40);
    }
}

/// <summary>An application's uploaded files: one row per version of a material (unique), never changed.</summary>
internal sealed class ApplicationMaterialConfiguration : IEntityTypeConfiguration<ApplicationMaterial>
{
    public void Configure(EntityTypeBuilder<ApplicationMaterial> e)
    {
        e.ToTable("application_materials");
        e.HasIndex(x => new { x.ApplicationId, x.CallMaterialId, x.Version }).IsUnique().HasDatabaseName(ApplicationMaterial.UniqueIndex);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Type).HasMaxLength(10);
        e.Property(x => x.FileName).HasMaxLength(ApplicationMaterial.FileNameLength);
        e.Property(x => x.UploadedBy).HasMaxLength(TextLimits.UserName);
        e.HasOne<AwardApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CallMaterial>().WithMany().HasForeignKey(x => x.CallMaterialId).OnDelete(DeleteBehavior.Restrict);
    }
}
