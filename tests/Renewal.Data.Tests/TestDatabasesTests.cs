using Microsoft.EntityFrameworkCore;
using Npgsql;
using Renewal.Data.Entities;
using Renewal.Testing;

namespace Renewal.Data.Tests;

/// <summary>
/// The test databases clean up after themselves and say why when PostgreSQL is missing: a temporary database is gone
/// once its handle is disposed, leftovers of test processes that died are swept while those of live ones stay, and a
/// server that is opted out of or cannot be reached gives a reason a developer can act on.
/// </summary>
public sealed class TestDatabasesTests
{
    [Theory]
    [OnSqlite, OnPostgres]
    public void ATemporaryDatabase_HoldsWhatIsWritten_AndIsDeletedWhenDisposed(string provider)
    {
        LibraryDatabaseOptions options;
        using (var temp = Databases.Temporary(provider))
        {
            options = temp.Options;
            using (var db = temp.Open())
            {
                db.Enterprises.Add(new Enterprise { CreditCode = "913205837AY4CL12TY", Name = "临时库企业", Area = "开发区", IndustryCode = "C3421" });
                db.SaveChanges();
            }
            using (var again = temp.Open()) Assert.Equal("临时库企业", again.Enterprises.Single().Name);
            Assert.True(Databases.Exists(options));
            if (provider == "postgres") Assert.Contains(new NpgsqlConnectionStringBuilder(options.ConnectionString).Database, Databases.OwnPostgresDatabases());
            else Assert.StartsWith(Databases.SqliteFolder, options.Path, StringComparison.Ordinal);
        }
        Assert.False(Databases.Exists(options));
        if (provider == "postgres") Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(options.ConnectionString).Database, Databases.OwnPostgresDatabases());
        else Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(options.Path)!, Path.GetFileName(options.Path) + "*"));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Fresh_NamesItsDatabaseAfterThisProcess_SoThatAnotherRunCanTellItIsStillInUse(string provider)
    {
        var options = Databases.Fresh(provider);
        try
        {
            using (var db = LibraryStore.Open(options)) Assert.Equal(0, db.Projects.Count());
            var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (provider == "postgres") Assert.StartsWith($"{Databases.Prefix}{pid}_", new NpgsqlConnectionStringBuilder(options.ConnectionString).Database);
            else Assert.Equal(pid, Path.GetFileName(Path.GetDirectoryName(options.Path)));
            // A sweep leaves a live process's database alone.
            Databases.Sweep(provider == "postgres");
            Assert.True(Databases.Exists(options));
        }
        finally
        {
            Databases.Drop(options);
        }
        Assert.False(Databases.Exists(options));
    }

    [Fact]
    public void Sweep_RemovesTheSqliteFilesOfAProcessThatIsGone()
    {
        var dead = Path.Combine(Path.GetTempPath(), "renewal-tests", "2000000001");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "left-behind.db"), "");
        Databases.Sweep(postgres: false);
        Assert.False(Directory.Exists(dead));
    }

    [Theory]
    [OnPostgres]
    public void Sweep_DropsThePostgresDatabasesOfAProcessThatIsGone(string provider)
    {
        Assert.Equal("postgres", provider);
        const string name = Databases.Prefix + "2000000002_0123456789ab";
        var options = new LibraryDatabaseOptions("postgres", $"{Databases.PostgresBase};Database={name}");
        using (var db = LibraryStore.Open(options)) Assert.Equal(0, db.Users.Count());
        Assert.True(Databases.Exists(options));
        Databases.Sweep(postgres: true);
        Assert.False(Databases.Exists(options));
    }

    [Fact]
    public void WithoutAServer_TheReasonSaysWhatToDo()
    {
        var optedOut = Databases.Probe("skip");
        Assert.Null(optedOut.Base);
        Assert.Contains("RENEWAL_TEST_POSTGRES=skip", optedOut.Problem);
        Assert.Contains("scripts/postgres.sh start", optedOut.Problem);

        var unreachable = Databases.Probe("Host=127.0.0.1;Port=1;Username=nobody;Password=none");
        Assert.Null(unreachable.Base);
        Assert.Contains("连接不上", unreachable.Problem);
        Assert.Contains("Port=1", unreachable.Problem);
    }

    [Fact]
    public void OnPostgres_IsSkippedWithTheReason_ExactlyWhenThereIsNoServer()
    {
        var attribute = new OnPostgresAttribute();
        Assert.Equal(Databases.PostgresUnavailable, attribute.Skip);
        Assert.Equal([["postgres"]], attribute.GetData(typeof(TestDatabasesTests).GetMethod(nameof(OnPostgres_IsSkippedWithTheReason_ExactlyWhenThereIsNoServer))!));
    }

    [Fact]
    public void AnyDatabaseNotMadeForTests_IsNeverDropped()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Databases.Drop(new LibraryDatabaseOptions("postgres", "Host=127.0.0.1;Database=renewal")));
        Assert.Contains("not a test database", ex.Message);
    }
}
