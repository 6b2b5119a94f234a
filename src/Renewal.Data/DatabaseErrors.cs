using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Renewal.Data;

/// <summary>What a failed save means, the same on both providers.</summary>
public static class DatabaseErrors
{
    /// <summary>SQLite's extended result code for a UNIQUE constraint (SQLITE_CONSTRAINT_UNIQUE).</summary>
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// True when the save was refused by a unique index — <paramref name="indexName"/> on PostgreSQL, which names the
    /// constraint; on SQLite, which reports only the columns, any unique index over the same table.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string? indexName = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && (indexName is null || pg.ConstraintName == indexName),
            SqliteException lite => lite.SqliteExtendedErrorCode == SqliteConstraintUnique,
            _ => false,
        };
    }
}
