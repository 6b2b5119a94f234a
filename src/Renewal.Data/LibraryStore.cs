using Microsoft.EntityFrameworkCore;

namespace Renewal.Data;

/// <summary>Opens the library database, creating and migrating it on first use.</summary>
public static class LibraryStore
{
    /// <summary>Options from the environment, ASP.NET-style names: <c>Database__Provider</c>, <c>Database__Path</c>,
    /// <c>ConnectionStrings__Library</c> (or <c>Database__ConnectionString</c>).</summary>
    public static LibraryDatabaseOptions FromEnvironment(string? path = null)
    {
        var provider = Environment.GetEnvironmentVariable("Database__Provider") ?? "sqlite";
        var cs = Environment.GetEnvironmentVariable("ConnectionStrings__Library") ?? Environment.GetEnvironmentVariable("Database__ConnectionString");
        var isSqlite = !new LibraryDatabaseOptions(provider).IsPostgres;
        return new LibraryDatabaseOptions(provider, isSqlite && path is not null ? null : cs, path ?? Environment.GetEnvironmentVariable("Database__Path"));
    }

    /// <summary>A new context on <paramref name="options"/>.</summary>
    public static LibraryDbContext Create(LibraryDatabaseOptions options) =>
        new(LibraryDatabase.Configure(new DbContextOptionsBuilder<LibraryDbContext>(), options).Options);

    /// <summary>A new context whose database exists and has every migration applied.</summary>
    public static LibraryDbContext Open(LibraryDatabaseOptions options)
    {
        var db = Create(options);
        try
        {
            db.Database.Migrate();
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }
}
