using Microsoft.EntityFrameworkCore;
using Renewal.Policy.Kunshan2024;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>
/// Fills an empty library with a realistic, deterministic Kunshan-like demo library (<c>renewal seed</c>): enterprises
/// over the 12 areas and the plan's industries, projects with yearly investment 2024–2027, loans and repayments,
/// equipment inventories and quarterly progress reports. The same <see cref="SeedOptions"/> give byte-identical data
/// (keys included) on SQLite and PostgreSQL. Award decisions are not seeded.
/// </summary>
/// <remarks>
/// Everything is written in one transaction (nothing is half-seeded), in batches of about 20,000 rows generated
/// enterprise by enterprise. Rows are inserted with prepared INSERTs built from the EF model (<see cref="PreparedInsert{T}"/>;
/// one row per command on SQLite, multi-row on PostgreSQL): SaveChanges — even with change detection off and the tracker
/// cleared between batches — costs about 70 µs per row (SQLite gets one command per row), over a minute for N = 20,000. Keys
/// are assigned by the seeder (the library is empty, so 1, 2, …); on PostgreSQL the identity sequences are moved
/// past them afterwards.
/// </remarks>
public static class LibrarySeeder
{
    /// <summary>Upper bound of <see cref="SeedOptions.Enterprises"/>.</summary>
    public const int MaxEnterprises = 1_000_000;

    /// <summary>Rows generated before each write.</summary>
    private const int BatchRows = 20_000;

    /// <summary>Seeds an empty library.</summary>
    /// <exception cref="LibraryNotEmptyException">The library already holds enterprises; nothing was changed.</exception>
    public static SeedSummary Seed(LibraryDbContext db, SeedOptions options) => Seed(db, options, reset: false);

    /// <summary>Seeds the library; with <paramref name="reset"/>, first clears it (<see cref="Clear"/>) in the same transaction.</summary>
    /// <exception cref="LibraryNotEmptyException">The library already holds enterprises and <paramref name="reset"/> is false; nothing was changed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The number of enterprises is out of range.</exception>
    public static SeedSummary Seed(LibraryDbContext db, SeedOptions options, bool reset) =>
        Seed(db, options, reset, preparedInserts: true);

    /// <param name="db">The library.</param>
    /// <param name="options">What to seed.</param>
    /// <param name="reset">Clear the library first.</param>
    /// <param name="preparedInserts">Insert with prepared multi-row commands (<see cref="PreparedInsert{T}"/>, the fast path);
    /// false = through SaveChanges (the reference the tests compare the fast path with).</param>
    internal static SeedSummary Seed(LibraryDbContext db, SeedOptions options, bool reset, bool preparedInserts)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Enterprises is < 1 or > MaxEnterprises)
            throw new ArgumentOutOfRangeException(nameof(options), options.Enterprises, $"企业数应在 1–{MaxEnterprises} 之间");
        var tracker = db.ChangeTracker;
        if (tracker.HasChanges()) throw new InvalidOperationException("生成演示数据前上下文中不应有未保存的修改");

        var autoDetect = tracker.AutoDetectChangesEnabled;
        var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        try
        {
            var existing = db.Enterprises.Count();
            if (existing > 0 && !reset) throw new LibraryNotEmptyException(existing);
            // One feed row for the whole load instead of one per row written (ADR-026): every reader reads it whole again.
            LibraryChanges.BeginBulk(db);
            var cleared = reset ? Clear(db) : 0;

            tracker.AutoDetectChangesEnabled = false;
            var generator = new SeedGenerator(options, EquipmentCatalogue.Default, PolicyEngine.Default.Lpr);
            var batch = new SeedBatch();
            using (var writer = preparedInserts ? new PreparedWriter(db) : (IBatchWriter)new SaveChangesWriter(db))
            {
                for (var i = 0; i < options.Enterprises; i++)
                {
                    generator.Enterprise(i, batch);
                    if (batch.Rows >= BatchRows) writer.Write(batch);
                }
                writer.Write(batch);
            }
            if (IsPostgres(db)) MoveSequences(db);
            LibraryChanges.EndBulk(db, null);
            transaction?.Commit();

            return new SeedSummary
            {
                Cleared = cleared,
                Enterprises = generator.Enterprises,
                Projects = generator.Projects,
                Investments = generator.Investments,
                Loans = generator.Loans,
                Repayments = generator.Repayments,
                EquipmentItems = generator.EquipmentItems,
                ProgressReports = generator.Reports,
                DemonstrationProjects = generator.Demonstrations,
                CompletedDemonstrationProjects = generator.CompletedDemonstrations,
                EquipmentByYear = generator.EquipmentByYear,
                DigitalByYear = generator.DigitalByYear,
            };
        }
        finally
        {
            tracker.Clear();
            tracker.AutoDetectChangesEnabled = autoDetect;
            transaction?.Dispose();
        }
    }

    /// <summary>
    /// Deletes the whole library: enterprises, projects, yearly investment, loans, repayments, equipment inventory,
    /// progress reports, award decisions, applications (with their events and objections) and cap ledgers. User
    /// accounts and the audit log are kept. Returns the number of enterprises deleted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The library holds declarations of record (申报快照): they are kept for good
    /// (ADR-018), so a library whose applications were submitted cannot be cleared; seed a new database instead.</exception>
    public static int Clear(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Declarations.Count() is var kept and > 0)
            throw new InvalidOperationException($"库中已有 {kept} 份申报快照，须长期保存，不能清空项目库；请在新的数据库中生成演示数据");
        var transaction = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
        try
        {
            db.ApplicationEvents.ExecuteDelete();
            db.Objections.ExecuteDelete();
            db.Applications.ExecuteDelete();
            db.CapLedgers.ExecuteDelete();
            db.AwardDecisions.ExecuteDelete();
            db.Repayments.ExecuteDelete();
            db.Loans.ExecuteDelete();
            db.ProgressReports.ExecuteDelete();
            db.Investments.ExecuteDelete();
            db.Projects.ExecuteDelete();
            db.Equipment.ExecuteDelete();
            var enterprises = db.Enterprises.ExecuteDelete();
            transaction?.Commit();
            return enterprises;
        }
        finally
        {
            transaction?.Dispose();
        }
    }

    /// <summary>Writes a batch of generated rows and empties it.</summary>
    private interface IBatchWriter : IDisposable
    {
        void Write(SeedBatch batch);
    }

    /// <summary>EF Core's SaveChanges, change detection off, tracker cleared after each batch (PostgreSQL: batched statements).</summary>
    private sealed class SaveChangesWriter(LibraryDbContext db) : IBatchWriter
    {
        public void Write(SeedBatch batch)
        {
            if (batch.Rows == 0) return;
            db.Enterprises.AddRange(batch.Enterprises);
            db.Projects.AddRange(batch.Projects);
            db.Investments.AddRange(batch.Investments);
            db.Loans.AddRange(batch.Loans);
            db.Repayments.AddRange(batch.Repayments);
            db.Equipment.AddRange(batch.Equipment);
            db.ProgressReports.AddRange(batch.Reports);
            db.SaveChanges();
            db.ChangeTracker.Clear();
            batch.Clear();
        }

        public void Dispose() { }
    }

    /// <summary>Prepared multi-row INSERTs per table, reused for every batch.</summary>
    private sealed class PreparedWriter(LibraryDbContext db) : IBatchWriter
    {
        private readonly PreparedInsert<Renewal.Data.Entities.Enterprise> _enterprises = new(db);
        private readonly PreparedInsert<Renewal.Data.Entities.Project> _projects = new(db);
        private readonly PreparedInsert<Renewal.Data.Entities.ProjectInvestment> _investments = new(db);
        private readonly PreparedInsert<Renewal.Data.Entities.Loan> _loans = new(db);
        private readonly PreparedInsert<Renewal.Data.Entities.Repayment> _repayments = new(db);
        private readonly PreparedInsert<Renewal.Data.Entities.EquipmentItem> _equipment = new(db);
        private readonly PreparedInsert<Renewal.Data.Entities.ProgressReport> _reports = new(db);

        public void Write(SeedBatch batch)
        {
            _enterprises.Insert(batch.Enterprises);
            _projects.Insert(batch.Projects);
            _investments.Insert(batch.Investments);
            _loans.Insert(batch.Loans);
            _repayments.Insert(batch.Repayments);
            _equipment.Insert(batch.Equipment);
            _reports.Insert(batch.Reports);
            batch.Clear();
        }

        public void Dispose()
        {
            _enterprises.Dispose();
            _projects.Dispose();
            _investments.Dispose();
            _loans.Dispose();
            _repayments.Dispose();
            _equipment.Dispose();
            _reports.Dispose();
        }
    }

    private static bool IsPostgres(LibraryDbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>PostgreSQL identity sequences do not see explicit keys: move each past the largest key.</summary>
    private static void MoveSequences(LibraryDbContext db)
    {
        foreach (var sql in SequenceStatements) db.Database.ExecuteSqlRaw(sql);
    }

    private static readonly string[] SequenceStatements =
    [
        """SELECT setval(pg_get_serial_sequence('enterprises', 'Id'), COALESCE((SELECT MAX("Id") FROM enterprises), 0) + 1, false)""",
        """SELECT setval(pg_get_serial_sequence('projects', 'Id'), COALESCE((SELECT MAX("Id") FROM projects), 0) + 1, false)""",
        """SELECT setval(pg_get_serial_sequence('loans', 'Id'), COALESCE((SELECT MAX("Id") FROM loans), 0) + 1, false)""",
        """SELECT setval(pg_get_serial_sequence('repayments', 'Id'), COALESCE((SELECT MAX("Id") FROM repayments), 0) + 1, false)""",
        """SELECT setval(pg_get_serial_sequence('equipment_items', 'Id'), COALESCE((SELECT MAX("Id") FROM equipment_items), 0) + 1, false)""",
        """SELECT setval(pg_get_serial_sequence('progress_reports', 'Id'), COALESCE((SELECT MAX("Id") FROM progress_reports), 0) + 1, false)""",
    ];
}
