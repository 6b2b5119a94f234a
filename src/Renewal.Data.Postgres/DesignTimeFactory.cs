using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Renewal.Data.Postgres;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Renewal.Data.Postgres</c> (no server needed).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LibraryDbContext>
{
    public LibraryDbContext CreateDbContext(string[] args) =>
        new(LibraryDatabase.Configure(new DbContextOptionsBuilder<LibraryDbContext>(),
            new LibraryDatabaseOptions("postgres", "Host=localhost;Database=renewal_design")).Options);
}
