using Microsoft.Extensions.DependencyInjection;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services.Simulation;

namespace Renewal.Web.Tests.Simulation;

/// <summary>
/// The app builds the programme years' library snapshots in the background after start (Simulation:WarmOnStart,
/// on by default), so the first what-if or budget answers from memory; the test hosts switch it off.
/// </summary>
public sealed class SnapshotWarmupTests
{
    private sealed class WarmingApp() : RenewalApp("sqlite")
    {
        public bool Warm { get; init; } = true;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            base.Settings().Where(s => s.Key != "Simulation:WarmOnStart").Append(new("Simulation:WarmOnStart", Warm ? "true" : "false"));
    }

    [Fact]
    public async Task AfterStart_EveryProgrammeYearIsBuilt_WithoutARequest()
    {
        await using var app = new WarmingApp();
        var snapshots = app.Services.GetRequiredService<LibrarySnapshots>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (snapshots.Builds < 4 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(snapshots.Builds >= 4, $"snapshots built in the background: {snapshots.Builds} of 4 (2024–2027)");
    }

    [Fact]
    public async Task SwitchedOff_NothingIsBuiltUntilAsked()
    {
        await using var app = new WarmingApp { Warm = false };
        var snapshots = app.Services.GetRequiredService<LibrarySnapshots>();
        await Task.Delay(1_000);
        Assert.Equal(0, snapshots.Builds);
    }
}
