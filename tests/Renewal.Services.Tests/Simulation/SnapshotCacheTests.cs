using Renewal.Services;
using Renewal.Data;
using Renewal.Testing;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Simulation;

/// <summary>
/// The snapshot cache: reused while the library is unchanged; after a change the engine would see, patched for the
/// enterprises the change feed names — and the patched snapshot is, row for row and amount for amount, the one a full
/// read of the library makes now.
/// </summary>
public class SnapshotCacheTests
{
    [Theory]
    [OnSqlite, OnPostgres]
    public void Snapshot_IsReusedUntilTheLibraryChanges_ThenPatchedToWhatAFullReadGives(string provider)
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
        var patches = cache.Patches;
        first.Baseline(PolicyEngine.Default); // a kept baseline is patched along
        foreach (var (what, change) in changes)
        {
            change(db);
            db.SaveChanges();
            db.ChangeTracker.Clear();
            var s = cache.Get(db, 2025, out reused);
            Assert.False(reused, $"{what}: the stale snapshot was reused");
            Assert.Equal(builds, cache.Builds);
            Assert.Equal(++patches, cache.Patches);
            Assert.InRange(s.PatchedEnterprises, 1, 2);
            cache.Get(db, 2025, out reused);
            Assert.True(reused, $"{what}: not reused after the patch");
            SnapshotAssert.SameAsFullRead(db, s);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void RandomEdits_ByAnotherNode_ArePatchedIn_AndEqualAFullRead(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        Renewal.Seed.LibrarySeeder.Seed(db, SimulationLibraries.Options with { Enterprises = 40 });
        db.ChangeTracker.Clear();
        // Chunks of 6 enterprises: a round's edits fall in several chunks, the deleted enterprise empties part of one,
        // the new one (the highest id) joins the last.
        var cache = new LibrarySnapshots { ChunkSize = 6 };
        foreach (var year in new[] { 2024, 2025, 2026 }) cache.Get(db, year).Baseline(PolicyEngine.Default);
        var random = new Random(13);
        var ids = db.Enterprises.Select(e => e.Id).ToList();
        for (var round = 0; round < 6; round++)
        {
            // A few enterprises change at once, each in its own way; one round deletes an enterprise, one adds one.
            foreach (var id in Enumerable.Range(0, 3).Select(_ => ids[random.Next(ids.Count)]).Distinct())
            {
                var projects = db.Projects.Include(p => p.Investments).Where(p => p.EnterpriseId == id).OrderBy(p => p.Id).ToList();
                switch (random.Next(4))
                {
                    case 0 when projects.Count > 0:
                        var p = projects[random.Next(projects.Count)];
                        foreach (var i in p.Investments) i.Equipment += 25_000_000m;
                        break;
                    case 1 when projects.Count > 0:
                        db.Projects.Remove(projects[^1]);
                        break;
                    case 2:
                        db.Projects.Add(new Renewal.Data.Entities.Project
                        {
                            EnterpriseId = id, Code = $"NEW-{round}-{random.Next(1000)}", Name = "新增技改项目", Kind = ProjectKind.Renovation,
                            Status = ProjectStatus.InProgress, Clusters = ["高端装备"],
                            Investments = [new ProjectInvestment { Year = 2025, Equipment = 30_000_000m, Digital = 6_000_000m },
                                new ProjectInvestment { Year = 2026, Equipment = 21_000_000m, Digital = 0m }],
                        });
                        break;
                    default:
                        var e = db.Enterprises.Single(x => x.Id == id);
                        e.IndustryCode = e.IndustryCode.StartsWith('C') ? "I6510" : "C3421";
                        break;
                }
            }
            if (round == 2)
            {
                var gone = ids[random.Next(ids.Count)];
                db.Loans.RemoveRange(db.Loans.Where(l => l.EnterpriseId == gone));
                db.Equipment.RemoveRange(db.Equipment.Where(x => x.EnterpriseId == gone));
                db.AwardDecisions.RemoveRange(db.AwardDecisions.Where(x => x.EnterpriseId == gone));
                db.Enterprises.Remove(db.Enterprises.Single(x => x.Id == gone));
                ids.Remove(gone);
            }
            if (round == 4)
            {
                db.Enterprises.Add(new Renewal.Data.Entities.Enterprise { CreditCode = "91320583MA1XYZ0001", Name = "新入库企业", Area = "千灯镇", IndustryCode = "C3421",
                    Projects = [new Renewal.Data.Entities.Project { Code = "X1", Name = "新企业项目", Kind = ProjectKind.New, Status = ProjectStatus.InProgress, Clusters = ["高端装备"],
                        Investments = [new ProjectInvestment { Year = 2025, Equipment = 40_000_000m, Digital = 1_000_000m }] }] });
            }
            db.SaveChanges();
            db.ChangeTracker.Clear();
            using var other = LibraryStore.Create(options);
            foreach (var year in new[] { 2024, 2025, 2026 })
            {
                var s = cache.Get(other, year, out var reused);
                Assert.False(reused);
                SnapshotAssert.SameAsFullRead(other, s);
            }
        }
        Assert.Equal(3, cache.Builds); // only the first reads
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
    public void WritesOutsideTheLibrary_LeaveTheSnapshotAsItIs(string provider)
    {
        using var db = SimulationLibraries.Fresh(provider, 10);
        var cache = new LibrarySnapshots();
        var first = cache.Get(db, 2025);
        var user = new UserAccount { UserName = "someone", DisplayName = "某人", Role = Role.BureauReviewer };
        user.SetPassword("hash");
        db.Users.Add(user);
        db.SaveChanges();
        Assert.Same(first, cache.Get(db, 2025, out var reused));
        Assert.True(reused);
        var p = db.Projects.OrderBy(x => x.Id).First();
        p.Status = p.Status == ProjectStatus.Completed ? ProjectStatus.InProgress : ProjectStatus.Completed;
        p.CompletedOn = p.Status == ProjectStatus.Completed ? new DateOnly(2025, 6, 30) : null;
        db.SaveChanges();
        Assert.NotSame(first, cache.Get(db, 2025, out reused));
        Assert.False(reused);
    }
}

/// <summary>A kept snapshot against a full read of the library now.</summary>
internal static class SnapshotAssert
{
    public static void SameAsFullRead(LibraryDbContext db, LibrarySnapshot kept)
    {
        var full = new LibrarySnapshots().Get(db, kept.Year);
        Assert.Equal(full.Scenario.Enterprises.Select(e => e.Id), kept.Scenario.Enterprises.Select(e => e.Id));
        Assert.Equal(full.Scenario.Projects.Select(p => p.Id), kept.Scenario.Projects.Select(p => p.Id));
        Assert.Equal(full.Scenario.Loans.Select(l => l.Id), kept.Scenario.Loans.Select(l => l.Id));
        Assert.Equal(full.Areas, kept.Areas);
        // The kept (patched) baseline, amount for amount, and a fresh evaluation of the kept rows.
        Assert.Equal(full.Baseline(PolicyEngine.Default), kept.Baseline(PolicyEngine.Default));
        Assert.Equal(full.Evaluate(PolicyEngine.Default), kept.Evaluate(PolicyEngine.Default));
        // And the snapshot's order changes nothing: LibraryScenario.Build (stored-id order) gives the same total.
        Assert.Equal(PolicyEngine.Default.EvaluateCompact(LibraryScenario.Build(db, kept.Year)).Total, PolicyEngine.Default.EvaluateCompact(kept.Scenario).Total);
    }
}
