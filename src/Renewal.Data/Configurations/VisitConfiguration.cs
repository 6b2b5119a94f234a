using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>走访记录: by enterprise and by day (the coverage page counts both); people and follow-ups belong to it.</summary>
internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> e)
    {
        e.ToTable("visits");
        e.HasIndex(x => new { x.EnterpriseId, x.VisitedOn });
        e.HasIndex(x => x.VisitedOn);
        e.Property(x => x.EquipmentSeen).HasMaxLength(Visit.TextLength);
        e.Property(x => x.RecordedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.People).WithOne().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.FollowUps).WithOne(x => x.Visit).HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Intentions).WithOne(x => x.Visit).HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitPersonConfiguration : IEntityTypeConfiguration<VisitPerson>
{
    public void Configure(EntityTypeBuilder<VisitPerson> e)
    {
        e.ToTable("visit_people");
        e.Property(x => x.Name).HasMaxLength(Visit.NameLength);
        e.Property(x => x.Title).HasMaxLength(Visit.TitleLength);
    }
}

internal sealed class VisitFollowUpConfiguration : IEntityTypeConfiguration<VisitFollowUp>
{
    public void Configure(EntityTypeBuilder<VisitFollowUp> e)
    {
        e.ToTable("visit_follow_ups");
        e.HasIndex(x => new { x.DoneOn, x.DueOn });
        e.Property(x => x.Text).HasMaxLength(Visit.TextLength);
        e.Property(x => x.DoneBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>
/// 征集项目: the status by name, guarded by check constraints (a confirmed draft has its project and only it, a declined one
/// its reason, amounts not negative and digital within equipment, years in order); one project per draft at most (unique).
/// </summary>
internal sealed class CollectedProjectConfiguration(ColumnTypes types) : IEntityTypeConfiguration<CollectedProject>
{
    public const string AmountsCheck = "ck_collected_projects_amounts";

    public void Configure(EntityTypeBuilder<CollectedProject> e)
    {
        e.ToTable("collected_projects", t =>
        {
            t.HasCheckConstraint(CollectedProject.StatusCheck, CollectedProject.StatusSql);
            t.HasCheckConstraint(CollectedProject.DeclinedCheck, CollectedProject.DeclinedSql);
            t.HasCheckConstraint(CollectedProject.YearsCheck, CollectedProject.YearsSql);
            var eq = types.MoneyValue(nameof(CollectedProject.Equipment));
            var dg = types.MoneyValue(nameof(CollectedProject.Digital));
            t.HasCheckConstraint(AmountsCheck, $"{eq} >= 0 AND {dg} >= 0 AND {dg} <= {eq}");
        });
        e.HasIndex(x => x.ProjectId).IsUnique().HasDatabaseName(CollectedProject.ProjectIndex);
        e.HasIndex(x => new { x.EnterpriseId, x.Status });
        e.Property(x => x.Name).HasMaxLength(TextLimits.ProjectName);
        e.Property(x => x.Kind).HasConversion(CodeConverters.KindCode()).HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Equipment).HasColumnType(types.Money);
        e.Property(x => x.Digital).HasColumnType(types.Money);
        e.PrimitiveCollection(x => x.Tasks);
        e.Property(x => x.DeclineReason).HasMaxLength(CollectedProject.ReasonLength);
        e.Property(x => x.CreatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.UpdatedBy).HasMaxLength(TextLimits.UserName);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Years);
        e.Ignore(x => x.ProjectCode);
        e.HasOne(x => x.Enterprise).WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        // A confirmed project is the enterprise's: deleting it leaves the draft's history, the link is cleared by hand.
        e.HasOne(x => x.Project).WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
