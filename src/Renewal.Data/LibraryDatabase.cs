using Microsoft.EntityFrameworkCore;

namespace Renewal.Data;

/// <summary>Which database holds the library: SQLite by default (a file), PostgreSQL in production.</summary>
/// <param name="Provider"><c>sqlite</c> (default) or <c>postgres</c> (configuration <c>Database:Provider</c>).</param>
/// <param name="ConnectionString">For SQLite: a connection string or empty (then <paramref name="Path"/> is used).</param>
/// <param name="Path">SQLite file path (configuration <c>Database:Path</c>); default <c>data/renewal.db</c>.</param>
public sealed record LibraryDatabaseOptions(string Provider = "sqlite", string? ConnectionString = null, string? Path = null)
{
    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Configures EF Core for the chosen provider. Each provider keeps its migrations in its own assembly
/// (Renewal.Data.Sqlite, Renewal.Data.Postgres), which the application references (ADR-006).
/// </summary>
public static class LibraryDatabase
{
    public const string SqliteMigrations = "Renewal.Data.Sqlite";
    public const string PostgresMigrations = "Renewal.Data.Postgres";

    /// <summary>Registers the provider on <paramref name="builder"/>.</summary>
    public static DbContextOptionsBuilder<LibraryDbContext> Configure(DbContextOptionsBuilder<LibraryDbContext> builder, LibraryDatabaseOptions options)
    {
        Configure((DbContextOptionsBuilder)builder, options);
        return builder;
    }

    /// <summary>Registers the provider on a non-generic builder (as AddDbContext passes it).</summary>
    public static void Configure(DbContextOptionsBuilder builder, LibraryDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("Database:Provider=postgres 需要连接字符串（ConnectionStrings:Library 或 Database:ConnectionString）");
            builder.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
        }
        else
        {
            var cs = options.ConnectionString;
            if (string.IsNullOrWhiteSpace(cs))
            {
                var path = System.IO.Path.GetFullPath(options.Path ?? System.IO.Path.Combine("data", "renewal.db"));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                cs = $"Data Source={path}";
            }
            builder.UseSqlite(cs, o => o.MigrationsAssembly(SqliteMigrations));
        }
    }
}

