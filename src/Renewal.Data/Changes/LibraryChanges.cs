using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Renewal.Data.Changes;

/// <summary>
/// A position in the library's change feed, as <see cref="LibraryChanges"/> read it: on SQLite the last sequence number
/// seen, on PostgreSQL the transaction snapshot of the read (which transactions had committed). Opaque to callers.
/// </summary>
/// <param name="Value">The provider's position.</param>
/// <param name="TakenAt">When it was read (by the reader's clock): a position older than <see cref="LibraryChanges.Horizon"/>
/// may have lost rows to <see cref="LibraryChanges.Prune"/>, so reading from it says everything changed.</param>
public sealed record LibraryPosition(string Value, DateTimeOffset TakenAt);

/// <summary>What changed in the library between two positions.</summary>
/// <param name="Position">Where the next read starts.</param>
/// <param name="Enterprises">The enterprises (stored ids, ascending) any of whose rows changed.</param>
/// <param name="Everything">A bulk load, a reset or a lost position: treat the whole library as changed.</param>
public sealed record LibraryChangeSet(LibraryPosition Position, IReadOnlyList<int> Enterprises, bool Everything)
{
    /// <summary>Nothing changed.</summary>
    public bool None => !Everything && Enterprises.Count == 0;
}

/// <summary>
/// The library's change feed (ADR-026): triggers on every table the engine, the dashboard and the candidates read
/// (enterprises, projects, project_investments, loans, repayments, equipment_items, progress_reports, applications,
/// award_decisions) append the id of the enterprise a written row belongs to into <c>library_changes</c>, in the
/// writing transaction — so a change made by any node, the CLI, an import or raw SQL is seen by every node, and a
/// rolled-back write is never seen. A reader keeps a <see cref="LibraryPosition"/> and asks what changed since.
/// <para>
/// Order: on SQLite there is one writer at a time, so the sequence number follows commit order and "after the last
/// number seen" loses nothing. On PostgreSQL sequence numbers are taken before commit, so a transaction that started
/// earlier can commit later with a smaller number; the position is therefore the reader's transaction snapshot
/// (<c>pg_current_snapshot()</c>), and a read returns the rows of the transactions visible now that were not visible
/// at the position (each row carries its transaction id, <c>pg_current_xact_id()</c>). A transaction still running at
/// the read is returned by a later read, whatever its sequence number.
/// </para>
/// <para>
/// Bulk writes (seeding, a library import, storing a whole evaluation) would write one feed row per row; inside their
/// transaction they call <see cref="BeginBulk"/>, which silences the triggers for that transaction only (a row in
/// <c>library_bulk</c> that no other transaction can see), and <see cref="EndBulk"/>, which records the enterprises
/// they name, or the whole library.
/// </para>
/// </summary>
public static class LibraryChanges
{
    /// <summary>Feed rows older than this are deleted by <see cref="Prune"/>.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    /// <summary>A position older than this reads as "everything changed" (well inside <see cref="Retention"/>).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(1);

    /// <summary>The tables whose writes the triggers record, with how a row names its enterprise.</summary>
    public static IReadOnlyList<(string Table, ChangeOwner Owner)> Tables { get; } =
    [
        ("enterprises", ChangeOwner.Self),
        ("projects", ChangeOwner.Enterprise),
        ("project_investments", ChangeOwner.Project),
        ("loans", ChangeOwner.Enterprise),
        ("repayments", ChangeOwner.Loan),
        ("equipment_items", ChangeOwner.Enterprise),
        ("progress_reports", ChangeOwner.Project),
        ("applications", ChangeOwner.Enterprise),
        ("award_decisions", ChangeOwner.Enterprise),
    ];

    /// <summary>The position now: reading from it returns only what commits after.</summary>
    public static LibraryPosition Now(LibraryDbContext db, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Query(db, IsPostgres(db) ? "SELECT pg_current_snapshot()::text" : "SELECT CAST(COALESCE(MAX(\"Seq\"), 0) AS TEXT) FROM library_changes",
            null, r => new LibraryPosition(r.GetString(0), now)).Single();
    }

    /// <summary>What changed since <paramref name="from"/>, and the position to read from next.</summary>
    /// <param name="db">The library.</param>
    /// <param name="from">A position from <see cref="Now"/> or an earlier read.</param>
    /// <param name="now">The reader's clock (stamped on the new position).</param>
    public static LibraryChangeSet Since(LibraryDbContext db, LibraryPosition from, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(from);
        if (now - from.TakenAt > Horizon) return new LibraryChangeSet(Now(db, now), [], true);
        var ids = new List<int>();
        var everything = false;
        string? position = null;
        if (IsPostgres(db))
        {
            // One statement, one snapshot: the snapshot returned is the one the rows were read under.
            const string sql = """
                SELECT pg_current_snapshot()::text, NULL::integer, 0
                UNION ALL
                SELECT NULL, c."EnterpriseId", 1 FROM (
                    SELECT DISTINCT "EnterpriseId" FROM library_changes
                    WHERE "Xid" >= pg_snapshot_xmin(@p::pg_snapshot) AND NOT pg_visible_in_snapshot("Xid", @p::pg_snapshot)) c
                """;
            foreach (var (snapshot, id, kind) in Query(db, sql, from.Value, r => (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? (int?)null : r.GetInt32(1), r.GetInt32(2))))
            {
                if (kind == 0) position = snapshot;
                else if (id is { } e) ids.Add(e);
                else everything = true;
            }
        }
        else
        {
            var last = long.Parse(from.Value, CultureInfo.InvariantCulture);
            long max = last;
            // A gap after the position means rows were pruned: what they said is lost.
            const string sql = """
                SELECT "EnterpriseId", MAX("Seq"), (SELECT MIN("Seq") FROM library_changes) FROM library_changes WHERE "Seq" > @p GROUP BY "EnterpriseId"
                """;
            foreach (var (id, seq, min) in Query(db, sql, last, r => (r.IsDBNull(0) ? (int?)null : r.GetInt32(0), r.GetInt64(1), r.GetInt64(2))))
            {
                if (id is { } e) ids.Add(e);
                else everything = true;
                max = Math.Max(max, seq);
                if (min > last + 1) everything = true;
            }
            position = max.ToString(CultureInfo.InvariantCulture);
        }
        ids.Sort();
        return new LibraryChangeSet(new LibraryPosition(position!, now), ids, everything);
    }

    /// <summary>
    /// Silences the feed's triggers for the current transaction (only), for a bulk write; <see cref="EndBulk"/> must
    /// follow in the same transaction.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open: a committed silencer would silence every writer.</exception>
    public static void BeginBulk(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("BeginBulk needs the bulk write's transaction");
        db.Database.ExecuteSqlRaw("INSERT INTO library_bulk (\"Id\") VALUES (1)");
    }

    /// <summary>
    /// Ends a bulk write: the triggers speak again, and the feed records <paramref name="enterprises"/> (stored ids), or
    /// the whole library when null.
    /// </summary>
    public static void EndBulk(LibraryDbContext db, IReadOnlyCollection<int>? enterprises)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("EndBulk needs the bulk write's transaction");
        db.Database.ExecuteSqlRaw("DELETE FROM library_bulk");
        Record(db, enterprises);
    }

    /// <summary>Records a change of <paramref name="enterprises"/>, or of the whole library when null, in the current transaction.</summary>
    public static void Record(LibraryDbContext db, IReadOnlyCollection<int>? enterprises)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (enterprises is null)
        {
            db.Database.ExecuteSqlRaw("INSERT INTO library_changes (\"EnterpriseId\") VALUES (NULL)");
            return;
        }
        foreach (var chunk in enterprises.Distinct().Chunk(500))
        {
            // Integers formatted invariantly: nothing of a user's reaches this SQL.
#pragma warning disable EF1003
            db.Database.ExecuteSqlRaw("INSERT INTO library_changes (\"EnterpriseId\") VALUES "
                + string.Join(", ", chunk.Select(e => "(" + e.ToString(CultureInfo.InvariantCulture) + ")")));
#pragma warning restore EF1003
        }
    }

    /// <summary>
    /// Deletes feed rows older than <paramref name="retention"/> (default <see cref="Retention"/>) by the database's clock,
    /// which stamped them; returns how many. The newest row always stays: on SQLite it carries the sequence, and a gap
    /// after a reader's position is how the reader knows it lost rows.
    /// </summary>
    public static int Prune(LibraryDbContext db, TimeSpan? retention = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seconds = (long)(retention ?? Retention).TotalSeconds;
        return IsPostgres(db)
            ? db.Database.ExecuteSql($"DELETE FROM library_changes WHERE \"At\" < now() - make_interval(secs => {seconds}) AND \"Seq\" < (SELECT MAX(\"Seq\") FROM library_changes)")
            : db.Database.ExecuteSql($"DELETE FROM library_changes WHERE \"At\" < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || {seconds} || ' seconds') AND \"Seq\" < (SELECT MAX(\"Seq\") FROM library_changes)");
    }

    private static bool IsPostgres(LibraryDbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    private static List<T> Query<T>(LibraryDbContext db, string sql, object? p, Func<DbDataReader, T> read)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) db.Database.OpenConnection();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (p is not null)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "p";
                parameter.Value = p;
                command.Parameters.Add(parameter);
            }
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(read(reader));
            return rows;
        }
        finally
        {
            if (opened) db.Database.CloseConnection();
        }
    }
}

/// <summary>How a written row names the enterprise it belongs to.</summary>
public enum ChangeOwner
{
    /// <summary>The enterprise itself (its <c>Id</c>).</summary>
    Self,
    /// <summary>Its <c>EnterpriseId</c>.</summary>
    Enterprise,
    /// <summary>Its project's enterprise (<c>ProjectId</c>).</summary>
    Project,
    /// <summary>Its loan's enterprise (<c>LoanId</c>).</summary>
    Loan,
}

/// <summary>The SQL that creates the feed, per provider (used by the migrations of both).</summary>
public static class LibraryChangesSql
{
    /// <summary>SQLite: the tables and, per library table, an insert, an update and a delete trigger.</summary>
    public static IEnumerable<string> Sqlite()
    {
        yield return """
            CREATE TABLE library_changes (
                "Seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                "EnterpriseId" INTEGER NULL,
                "At" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
            """;
        yield return "CREATE INDEX ix_library_changes_at ON library_changes (\"At\")";
        yield return "CREATE TABLE library_bulk (\"Id\" INTEGER NOT NULL PRIMARY KEY)";
        foreach (var statement in SqliteTriggers()) yield return statement;
    }

    /// <summary>SQLite's triggers alone: a table rebuild (a check constraint added) drops them; a later migration makes them again.</summary>
    public static IEnumerable<string> SqliteTriggers()
    {
        static string Owner(ChangeOwner owner, string row) => owner switch
        {
            ChangeOwner.Self => $"SELECT {row}.\"Id\" AS e",
            ChangeOwner.Enterprise => $"SELECT {row}.\"EnterpriseId\" AS e",
            // The parent may be gone (a cascade from a project or loan delete, whose own trigger recorded the enterprise).
            ChangeOwner.Project => $"SELECT \"EnterpriseId\" AS e FROM projects WHERE \"Id\" = {row}.\"ProjectId\"",
            _ => $"SELECT \"EnterpriseId\" AS e FROM loans WHERE \"Id\" = {row}.\"LoanId\"",
        };
        const string Quiet = "NOT EXISTS (SELECT 1 FROM library_bulk)";
        foreach (var (table, owner) in LibraryChanges.Tables)
        {
            yield return $"DROP TRIGGER IF EXISTS {table}_changes_insert";
            yield return $"DROP TRIGGER IF EXISTS {table}_changes_update";
            yield return $"DROP TRIGGER IF EXISTS {table}_changes_delete";
            yield return $"CREATE TRIGGER {table}_changes_insert AFTER INSERT ON {table} WHEN {Quiet} BEGIN INSERT INTO library_changes (\"EnterpriseId\") {Owner(owner, "NEW")}; END";
            yield return $"CREATE TRIGGER {table}_changes_update AFTER UPDATE ON {table} WHEN {Quiet} BEGIN INSERT INTO library_changes (\"EnterpriseId\") {Owner(owner, "NEW")} UNION {Owner(owner, "OLD")}; END";
            yield return $"CREATE TRIGGER {table}_changes_delete AFTER DELETE ON {table} WHEN {Quiet} BEGIN INSERT INTO library_changes (\"EnterpriseId\") {Owner(owner, "OLD")}; END";
        }
    }

    /// <summary>SQLite: drops what <see cref="Sqlite"/> made.</summary>
    public static IEnumerable<string> SqliteDown()
    {
        foreach (var (table, _) in LibraryChanges.Tables)
        {
            yield return $"DROP TRIGGER IF EXISTS {table}_changes_insert";
            yield return $"DROP TRIGGER IF EXISTS {table}_changes_update";
            yield return $"DROP TRIGGER IF EXISTS {table}_changes_delete";
        }
        yield return "DROP TABLE IF EXISTS library_bulk";
        yield return "DROP TABLE IF EXISTS library_changes";
    }

    /// <summary>PostgreSQL: the tables, one trigger function per <see cref="ChangeOwner"/>, a row trigger per table.</summary>
    public static IEnumerable<string> Postgres()
    {
        yield return """
            CREATE TABLE library_changes (
                "Seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                "EnterpriseId" integer NULL,
                "Xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
                "At" timestamptz NOT NULL DEFAULT now())
            """;
        yield return "CREATE INDEX ix_library_changes_xid ON library_changes (\"Xid\")";
        yield return "CREATE INDEX ix_library_changes_at ON library_changes (\"At\")";
        yield return "CREATE TABLE library_bulk (\"Id\" integer NOT NULL PRIMARY KEY)";
        foreach (var owner in Enum.GetValues<ChangeOwner>())
        {
            string Of(string row) => owner switch
            {
                ChangeOwner.Self => $"SELECT {row}.\"Id\"",
                ChangeOwner.Enterprise => $"SELECT {row}.\"EnterpriseId\"",
                ChangeOwner.Project => $"SELECT \"EnterpriseId\" FROM projects WHERE \"Id\" = {row}.\"ProjectId\"",
                _ => $"SELECT \"EnterpriseId\" FROM loans WHERE \"Id\" = {row}.\"LoanId\"",
            };
            yield return $$"""
                CREATE FUNCTION library_change_{{owner.ToString().ToLowerInvariant()}}() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF EXISTS (SELECT 1 FROM library_bulk) THEN RETURN NULL; END IF;
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO library_changes ("EnterpriseId") {{Of("NEW")}};
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO library_changes ("EnterpriseId") SELECT DISTINCT e FROM ({{Of("NEW")}} UNION {{Of("OLD")}}) AS x(e);
                    ELSE
                        INSERT INTO library_changes ("EnterpriseId") {{Of("OLD")}};
                    END IF;
                    RETURN NULL;
                END $f$
                """;
        }
        foreach (var (table, owner) in LibraryChanges.Tables)
        {
            yield return $"CREATE TRIGGER {table}_changes AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION library_change_{owner.ToString().ToLowerInvariant()}()";
        }
    }

    /// <summary>PostgreSQL: drops what <see cref="Postgres"/> made.</summary>
    public static IEnumerable<string> PostgresDown()
    {
        foreach (var (table, _) in LibraryChanges.Tables) yield return $"DROP TRIGGER IF EXISTS {table}_changes ON {table}";
        foreach (var owner in Enum.GetValues<ChangeOwner>()) yield return $"DROP FUNCTION IF EXISTS library_change_{owner.ToString().ToLowerInvariant()}()";
        yield return "DROP TABLE IF EXISTS library_bulk";
        yield return "DROP TABLE IF EXISTS library_changes";
    }
}
