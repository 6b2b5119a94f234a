using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renewal.Data.Entities;

namespace Renewal.Data.Configurations;

/// <summary>政策模拟: listed newest first.</summary>
internal sealed class SavedSimulationConfiguration : IEntityTypeConfiguration<SavedSimulation>
{
    public void Configure(EntityTypeBuilder<SavedSimulation> e)
    {
        e.ToTable("saved_simulations");
        e.HasIndex(x => x.CreatedAt);
        e.Property(x => x.Name).HasMaxLength(TextLimits.SimulationName);
        e.Property(x => x.Overrides).HasMaxLength(TextLimits.SimulationOverrides);
        e.Property(x => x.CreatedBy).HasMaxLength(64);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
