using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Changes;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;
using Loan = Renewal.Data.Entities.Loan;
using Repayment = Renewal.Data.Entities.Repayment;
using Renewal.Testing;

namespace Renewal.Data.Tests.Model;

/// <summary>
/// The library's change feed (ADR-026) on both databases: every write to a table the snapshots, the dashboard and the
/// candidates read names its enterprise in the feed, in its own transaction; a rolled-back write names nobody; a bulk
/// write names what it says; and no committed change is ever missed by a reader, also when transactions commit in
/// another order than they started.
/// </summary>
public sealed class LibraryChangesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 1, 0, 0, TimeSpan.Zero);

    private static Enterprise NewEnterprise(string suffix) =>
        new() { CreditCode = "9132058300000" + suffix, Name = "企业" + suffix, Area = "周市镇", IndustryCode = "C3421" };

    private static Project NewProject(int enterpriseId, string code) =>
        new() { EnterpriseId = enterpriseId, Code = code, Name = "项目" + code, Kind = ProjectKind.Renovation, Status = ProjectStatus.InProgress };

    private static IReadOnlyList<int> Changed(LibraryDbContext db, ref LibraryPosition position)
    {
        var set = LibraryChanges.Since(db, position, T0);
        Assert.False(set.Everything);
        position = set.Position;
        return set.Enterprises;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void EveryLibraryTable_NamesTheEnterpriseOfTheRowWritten(string provider)
    {
        using var temp = Databases.Temporary(provider);
        using var db = LibraryStore.Create(temp.Options);
        var a = NewEnterprise("0A1");
        var b = NewEnterprise("0B2");
        db.Enterprises.AddRange(a, b);
        db.SaveChanges();
        var position = LibraryChanges.Now(db, T0);
        Assert.True(LibraryChanges.Since(db, position, T0).None);

        var project = NewProject(a.Id, "P1");
        project.Investments.Add(new ProjectInvestment { Year = 2025, Equipment = 1_000_000m, Digital = 0m });
        db.Projects.Add(project);
        db.SaveChanges();
        Assert.Equal([a.Id], Changed(db, ref position));
        Assert.Empty(Changed(db, ref position));

        var loan = new Loan
        {
            Code = "L1", EnterpriseId = a.Id, ProjectId = project.Id, Category = LoanCategory.DigitalTransformation, Principal = 1_000_000m, Rate = 0.03m,
            IssuedOn = new DateOnly(2025, 1, 1), MaturesOn = new DateOnly(2027, 1, 1), EquipmentAmount = 1_000_000m,
        };
        db.Loans.Add(loan);
        db.SaveChanges();
        Assert.Equal([a.Id], Changed(db, ref position));

        // Child rows alone, each table in turn: the enterprise is found through the project or the loan.
        db.Repayments.Add(new Repayment { LoanId = loan.Id, Date = new DateOnly(2025, 6, 1), Amount = 1000m });
        db.SaveChanges();
        Assert.Equal([a.Id], Changed(db, ref position));
        db.Investments.Single().Digital = 10m;
        db.SaveChanges();
        Assert.Equal([a.Id], Changed(db, ref position));
        db.ProgressReports.Add(new ProgressReport { ProjectId = project.Id, Year = 2025, Quarter = 2, ReportedOn = new DateOnly(2025, 7, 1), Status = ProjectStatus.InProgress });
        db.Equipment.Add(new EquipmentItem { EnterpriseId = b.Id, Code = "E1", Type = "锅炉", Name = "燃气锅炉", CommissioningYear = 2005 });
        db.SaveChanges();
        Assert.Equal(new[] { a.Id, b.Id }.Order(), Changed(db, ref position));
        db.AwardDecisions.Add(new AwardDecision { Scheme = Scheme.TechRenovation, Year = 2025, EnterpriseId = b.Id, ParameterVersion = "v", Amount = 1m });
        db.SaveChanges();
        Assert.Equal([b.Id], Changed(db, ref position));
        db.Applications.Add(AwardApplication.Draft(Scheme.TechRenovation, 2025, a.Id, T0));
        db.SaveChanges();
        Assert.Equal([a.Id], Changed(db, ref position));
        // Every table of the feed was written above: a trigger lost to a table rebuild shows here.
        Assert.Equal(9, LibraryChanges.Tables.Count);
        b.Name = "企业改名";
        db.SaveChanges();
        Assert.Equal([b.Id], Changed(db, ref position));

        // A project moved to another enterprise changes both.
        project.EnterpriseId = b.Id;
        loan.EnterpriseId = b.Id;
        db.SaveChanges();
        Assert.Equal(new[] { a.Id, b.Id }.Order(), Changed(db, ref position));

        // A delete that cascades to investments and reports: the project's enterprise, and nothing means "everything".
        db.Loans.Remove(loan);
        db.Projects.Remove(project);
        db.SaveChanges();
        var set = LibraryChanges.Since(db, position, T0);
        Assert.False(set.Everything);
        Assert.Equal([b.Id], set.Enterprises);

        // A write that rolls back names nobody.
        using (var tx = db.Database.BeginTransaction())
        {
            a.Name = "未提交";
            db.SaveChanges();
            tx.Rollback();
        }
        Assert.True(LibraryChanges.Since(db, set.Position, T0).None);
    }

    private static int Rows(LibraryDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM library_changes").Single();

    [Theory]
    [OnSqlite, OnPostgres]
    public void ABulkWrite_IsSilent_AndNamesWhatItSays_AndNeedsItsTransaction(string provider)
    {
        using var temp = Databases.Temporary(provider);
        using var db = LibraryStore.Create(temp.Options);
        var a = NewEnterprise("0A1");
        db.Enterprises.Add(a);
        db.SaveChanges();
        var position = LibraryChanges.Now(db, T0);

        var rows = Rows(db);
        Assert.Throws<InvalidOperationException>(() => LibraryChanges.BeginBulk(db));
        using (var tx = db.Database.BeginTransaction())
        {
            LibraryChanges.BeginBulk(db);
            for (var i = 0; i < 50; i++) db.Projects.Add(NewProject(a.Id, "B" + i));
            db.SaveChanges();
            LibraryChanges.EndBulk(db, [a.Id, a.Id]);
            tx.Commit();
        }
        Assert.Equal([a.Id], Changed(db, ref position));
        Assert.Equal(rows + 1, Rows(db)); // one row for the bulk, none for its fifty projects

        using (var tx = db.Database.BeginTransaction())
        {
            LibraryChanges.BeginBulk(db);
            db.Projects.Add(NewProject(a.Id, "C1"));
            db.SaveChanges();
            LibraryChanges.EndBulk(db, null);
            tx.Commit();
        }
        var everything = LibraryChanges.Since(db, position, T0);
        Assert.True(everything.Everything);

        // After the bulk the triggers speak again.
        a.Name = "再改";
        db.SaveChanges();
        Assert.Equal([a.Id], LibraryChanges.Since(db, everything.Position, T0).Enterprises);

        // A position older than the horizon may have lost rows: everything.
        Assert.True(LibraryChanges.Since(db, everything.Position, T0 + LibraryChanges.Horizon + TimeSpan.FromMinutes(1)).Everything);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void PrunedRows_AfterAPosition_ReadAsEverything_AndTheNewestRowStays(string provider)
    {
        using var temp = Databases.Temporary(provider);
        using var db = LibraryStore.Create(temp.Options);
        var a = NewEnterprise("0A1");
        db.Enterprises.Add(a);
        db.SaveChanges();
        var position = LibraryChanges.Now(db, T0);
        a.Name = "一";
        db.SaveChanges();
        a.Name = "二";
        db.SaveChanges();
        Assert.Equal(0, LibraryChanges.Prune(db)); // nothing is two days old
        Thread.Sleep(20);
        // Rows are stamped by the database's clock: with no retention, all but the newest go.
        Assert.Equal(2, LibraryChanges.Prune(db, TimeSpan.Zero));
        var set = LibraryChanges.Since(db, position, T0);
        if (provider == "sqlite") Assert.True(set.Everything); // the gap shows on SQLite
        else Assert.Equal([a.Id], set.Enterprises); // PostgreSQL: the newest row still names it; older positions are refused by age
    }

    /// <summary>
    /// PostgreSQL takes sequence numbers before commit: a transaction that began first and commits last has the smaller
    /// number. The reader must still see it, after it commits.
    /// </summary>
    [Theory]
    [OnPostgres]
    public void ATransactionCommittingAfterALaterOne_IsStillSeen(string provider)
    {
        using var temp = Databases.Temporary(provider);
        int x, y;
        using (var db = LibraryStore.Create(temp.Options))
        {
            var ex = NewEnterprise("0X1");
            var ey = NewEnterprise("0Y2");
            db.Enterprises.AddRange(ex, ey);
            db.SaveChanges();
            (x, y) = (ex.Id, ey.Id);
        }
        using var reader = LibraryStore.Create(temp.Options);
        var position = LibraryChanges.Now(reader, T0);
        using var slow = LibraryStore.Create(temp.Options);
        using var slowTx = slow.Database.BeginTransaction();
        slow.Enterprises.Single(e => e.Id == x).Name = "先开始后提交";
        slow.SaveChanges(); // its feed row has the smaller number
        using (var fast = LibraryStore.Create(temp.Options))
        {
            fast.Enterprises.Single(e => e.Id == y).Name = "后开始先提交";
            fast.SaveChanges();
        }
        Assert.Equal([y], Changed(reader, ref position));
        slowTx.Commit();
        Assert.Equal([x], Changed(reader, ref position));
        Assert.Empty(Changed(reader, ref position));
    }

    /// <summary>Many writers at once, each transaction naming one enterprise, and a reader polling meanwhile: it sees every commit.</summary>
    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AReaderPollingDuringConcurrentWrites_MissesNoCommittedChange(string provider)
    {
        using var temp = Databases.Temporary(provider);
        var ids = new List<int>();
        using (var db = LibraryStore.Create(temp.Options))
        {
            for (var i = 0; i < 40; i++) db.Enterprises.Add(NewEnterprise(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)));
            db.SaveChanges();
            ids.AddRange(db.Enterprises.Select(e => e.Id));
        }
        var committed = new ConcurrentBag<int>();
        var seen = new HashSet<int>();
        using var reader = LibraryStore.Create(temp.Options);
        var position = LibraryChanges.Now(reader, T0);
        using var done = new CancellationTokenSource();

        async Task Writer(int w)
        {
            var random = new Random(w);
            for (var k = 0; k < 10; k++)
            {
                var id = ids[(w * 10 + k) % ids.Count];
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var db = LibraryStore.Create(temp.Options);
                        using var tx = await db.Database.BeginTransactionAsync();
                        var e = await db.Enterprises.SingleAsync(x => x.Id == id);
                        e.Name = $"写者{w}-{k}";
                        await db.SaveChangesAsync();
                        await Task.Delay(random.Next(0, 15)); // hold the transaction open a while: commits overtake each other
                        await tx.CommitAsync();
                        committed.Add(id);
                        break;
                    }
                    catch (Exception ex) when (attempt < 20 && ex is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
                    {
                        await Task.Delay(5 * (attempt + 1));
                    }
                }
            }
        }

        var polling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var e in Changed(reader, ref position)) seen.Add(e);
                await Task.Delay(3);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 8).Select(Writer));
        await done.CancelAsync();
        await polling;
        foreach (var e in Changed(reader, ref position)) seen.Add(e);
        Assert.Equal(80, committed.Count);
        Assert.Equal(committed.Distinct().Order(), seen.Order());
    }
}
