using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>季度进展: selected per project by the day it was filed (the "as of" views).</summary>
internal sealed class ProgressReportConfiguration(ColumnTypes types) : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> e)
    {
        e.ToTable("progress_reports");
        e.HasIndex(x => new { x.ProjectId, x.ReportedOn });
        e.Property(x => x.Status).HasConversion(CodeConverters.StatusCode()).HasMaxLength(20);
        e.Property(x => x.CumulativeEquipment).HasColumnType(types.Money);
        e.Property(x => x.CumulativeDigital).HasColumnType(types.Money);
        e.Property(x => x.Note).HasMaxLength(TextLimits.ProgressNote);
        e.HasOne(x => x.Project).WithMany(x => x.Reports).HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
