using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Renewal.Data.Sqlite;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Renewal.Data.Sqlite</c>.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LibraryDbContext>
{
    public LibraryDbContext CreateDbContext(string[] args) =>
        new(LibraryDatabase.Configure(new DbContextOptionsBuilder<LibraryDbContext>(),
            new LibraryDatabaseOptions("sqlite", "Data Source=design-time.db")).Options);
}
