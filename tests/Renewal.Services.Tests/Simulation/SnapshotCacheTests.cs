using Renewal.Services;
using Renewal.Data;
using Renewal.Testing;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Simulation;

/// <summary>The snapshot cache: reused while the library is unchanged, rebuilt after any change the engine would see.</summary>
public class SnapshotCacheTests
{
    [Theory]
    [OnSqlite, OnPostgres]
    public void Snapshot_IsReusedUntilTheLibraryChanges_ThenRebuilt(string provider)
    {
        using var db = SimulationLibraries.Fresh(provider);
        var cache = new LibrarySnapshots();
        var first = cache.Get(db, 2025, out var reused);
        Assert.False(reused);
        var again = cache.Get(db, 2025, out reused);
        Assert.True(reused);
        Assert.Same(first, again);
        Assert.Equal(1, cache.Builds);
        cache.Get(db, 2026);
        Assert.Equal(2, cache.Builds); // one per year

        // Each kind of change the scenario reads: an edited investment, a new repayment, a paid award, a removed loan.
        var changes = new List<(string What, Action<LibraryDbContext> Change)>
        {
            ("investment edited", d => { var i = d.Investments.OrderBy(x => x.ProjectId).First(x => x.Year == 2025); i.Equipment += 1_000_000m; }),
            ("repayment added", d => { var l = d.Loans.OrderBy(x => x.Id).First(); d.Repayments.Add(new Renewal.Data.Entities.Repayment { LoanId = l.Id, Date = new DateOnly(2025, 3, 1), Amount = 1m }); }),
            ("enterprise edited", d => d.Enterprises.OrderBy(x => x.Id).First().Area = "周庄镇"),
            ("paid award recorded", d =>
            {
                var p = d.Projects.OrderBy(x => x.Id).First();
                d.AwardDecisions.Add(new AwardDecision { Scheme = Scheme.EffectiveInvestment, Year = 2024, EnterpriseId = p.EnterpriseId, ProjectId = p.Id,
                    Eligible = true, Amount = 1000m, ParameterVersion = "test", Status = AwardStatus.Paid, DecidedAt = DateTimeOffset.UnixEpoch });
            }),
            ("investment replaced", d =>
            {
                var i = d.Investments.OrderBy(x => x.ProjectId).ThenBy(x => x.Year).First();
                d.Investments.Remove(i);
                d.SaveChanges();
                d.Investments.Add(new ProjectInvestment { ProjectId = i.ProjectId + 1, Year = 2030, Equipment = i.Equipment, Digital = 0, Version = i.Version });
            }),
            ("loan removed", d => d.Loans.Remove(d.Loans.OrderByDescending(x => x.Id).First())),
        };
        var builds = cache.Builds;
        foreach (var (what, change) in changes)
        {
            change(db);
            db.SaveChanges();
            db.ChangeTracker.Clear();
            var s = cache.Get(db, 2025, out reused);
            Assert.False(reused, $"{what}: the stale snapshot was reused");
            Assert.Equal(++builds, cache.Builds);
            cache.Get(db, 2025, out reused);
            Assert.True(reused, $"{what}: not reused after the rebuild");
            // The rebuilt snapshot is the library as it is now.
            var fresh = LibraryScenario.Build(db, 2025);
            Assert.Equal(PolicyEngine.Default.EvaluateCompact(fresh).Total, PolicyEngine.Default.EvaluateCompact(s.Scenario).Total);
            Assert.Equal(fresh.Loans.Length, s.Scenario.Loans.Length);
        }
    }

    [Fact]
    public async Task ConcurrentRequests_BuildAStaleSnapshotOnce()
    {
        var options = Databases.Fresh("sqlite");
        using (var seed = LibraryStore.Open(options)) Renewal.Seed.LibrarySeeder.Seed(seed, SimulationLibraries.Options with { Enterprises = 30 });
        var cache = new LibrarySnapshots();
        var snapshots = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var db = LibraryStore.Create(options);
            return cache.Get(db, 2025);
        })));
        Assert.Equal(1, cache.Builds);
        Assert.All(snapshots, s => Assert.Same(snapshots[0], s));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Stamp_IsStableWithoutChanges(string provider)
    {
        using var db = SimulationLibraries.Fresh(provider, 10);
        var before = LibraryStamp.Of(db);
        Assert.Equal(before, LibraryStamp.Of(db));
        var p = db.Projects.OrderBy(x => x.Id).First();
        p.Status = p.Status == ProjectStatus.Completed ? ProjectStatus.InProgress : ProjectStatus.Completed;
        db.SaveChanges();
        Assert.NotEqual(before, LibraryStamp.Of(db));
    }
}
