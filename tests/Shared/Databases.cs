using Renewal.Data;
using Renewal.Services;

namespace Renewal.Testing;

/// <summary>
/// The databases every library test runs on: SQLite (a fresh temporary file) and PostgreSQL (a fresh database on
/// the server that scripts/test.sh starts; connection in RENEWAL_TEST_POSTGRES). The same tests run on both.
/// </summary>
public static class Databases
{
    /// <summary>Theory data: the provider names.</summary>
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    /// <summary>Options for a brand-new, empty, migrated database of <paramref name="provider"/>.</summary>
    public static LibraryDatabaseOptions Fresh(string provider)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), "renewal-tests", Guid.NewGuid().ToString("N") + ".db");
            return new LibraryDatabaseOptions("sqlite", null, path);
        }
        var baseCs = Environment.GetEnvironmentVariable("RENEWAL_TEST_POSTGRES");
        if (string.IsNullOrEmpty(baseCs))
        {
            // In CI and through scripts/test.sh the server is always there; a developer running `dotnet test` alone
            // can opt out explicitly, never silently.
            Assert.Fail("RENEWAL_TEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts PostgreSQL "
                + "(or set RENEWAL_TEST_POSTGRES=Host=…;Username=…;Password=…).");
        }
        var name = "renewal_test_" + Guid.NewGuid().ToString("N")[..12];
        return new LibraryDatabaseOptions("postgres", $"{baseCs};Database={name}");
    }

    /// <summary>A migrated context on a fresh database.</summary>
    public static LibraryDbContext Open(string provider, out LibraryDatabaseOptions options)
    {
        options = Fresh(provider);
        return LibraryStore.Open(options);
    }
}
