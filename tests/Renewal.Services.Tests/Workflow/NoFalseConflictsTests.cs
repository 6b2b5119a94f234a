using System.Globalization;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Testing;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// Issue 10, item 4: unrelated writes at the same moment never fail over the audit log. Each save seals its entries
/// at the chain's head under the chain's lock (AuditLog.Seal), so concurrent appends take turns instead of
/// colliding on the unique previous hash — and the chain stays whole.
/// </summary>
public class NoFalseConflictsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static void AtOnce(int count, Action<int> work)
    {
        using var barrier = new Barrier(count);
        var errors = new Exception?[count];
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait();
            try { work(i); }
            catch (Exception e) { errors[i] = e; }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.All(errors, e => Assert.Null(e));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void TwelveAppendsAtOnce_EachInItsOwnTransaction_AllCommit_AndTheChainIsWhole(string provider)
    {
        using (Databases.Open(provider, out var options))
        {
            AtOnce(12, i =>
            {
                using var db = LibraryStore.Create(options);
                // Two entries in one save, some with the caller's own transaction and some without.
                using var tx = i % 2 == 0 ? db.Database.BeginTransaction() : null;
                AuditLog.Append(db, Actor.System, "test", "thing", i.ToString(CultureInfo.InvariantCulture), null, "a", Monday);
                AuditLog.Append(db, Actor.System, "test", "thing", i.ToString(CultureInfo.InvariantCulture), "a", "b", Monday);
                db.SaveChanges();
                tx?.Commit();
            });

            using var check = LibraryStore.Create(options);
            Assert.Equal(24, check.Audit.Count());
            Assert.Null(AuditLog.Verify(check));
            // Each thread's two entries are consecutive links of the chain.
            var entries = check.Audit.OrderBy(a => a.Id).ToList();
            for (var k = 0; k < entries.Count; k += 2) Assert.Equal(entries[k].EntityId, entries[k + 1].EntityId);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task UnrelatedMovesAtOnce_AllSucceed(string provider)
    {
        // Eight enterprises, each with a draft of C; all eight submit at the same moment on their own connections.
        var options = Databases.Fresh(provider);
        var users = new UserContext[8];
        var ids = new int[8];
        using (var db = LibraryStore.Open(options))
        {
            var service = new ApplicationService(db, PolicyEngine.Default, new TestClock(Monday));
            for (var i = 0; i < 8; i++)
            {
                var code = CreditCodes[i];
                db.Enterprises.Add(new Renewal.Data.Entities.Enterprise { CreditCode = code, Name = $"企业{i}", Area = "昆山开发区", IndustryCode = "C3421" });
                db.SaveChanges();
                users[i] = new UserContext(100 + i, $"qiye{i}", Role.Enterprise, code, null);
                var created = await service.CreateAsync(users[i], Scheme.TechRenovation, 2025, null, null);
                Assert.True(created.Ok, created.Message);
                ids[i] = created.Value!.Id;
            }
        }

        var results = new Result<AwardApplication>[8];
        AtOnce(8, i =>
        {
            using var db = LibraryStore.Create(options);
            results[i] = new ApplicationService(db, PolicyEngine.Default, new TestClock(Monday)).MoveAsync(users[i], ids[i], WorkflowAction.Submit).GetAwaiter().GetResult();
        });

        Assert.All(results, r => Assert.True(r.Ok, r.Message));
        using var check = LibraryStore.Create(options);
        Assert.Equal(8, check.Applications.Count(a => a.State == ApplicationState.Submitted));
        Assert.Null(AuditLog.Verify(check));
    }

    /// <summary>Eight valid unified social credit codes (the check character computed by the policy model).</summary>
    private static readonly string[] CreditCodes = [.. Enumerable.Range(0, 8).Select(i =>
    {
        var first17 = "91320583MA1" + i.ToString("D6", CultureInfo.InvariantCulture);
        return first17 + Renewal.Policy.Model.CreditCode.CheckCharacter(first17);
    })];
}
