using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// The web app on a fresh database of its own — a temporary SQLite file, or a fresh PostgreSQL database on the
/// server in RENEWAL_TEST_POSTGRES (started by scripts/postgres.sh when unset) — with a small demo library (40 enterprises), the demo accounts, a few extra
/// accounts and a controlled enterprise for the workflow (<see cref="TestData"/>), and a clock the tests move.
/// </summary>
public class RenewalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test#2026pw";

    private readonly string _provider;
    private readonly LibraryDatabaseOptions _database;

    public RenewalApp(string provider)
    {
        _provider = provider;
        // A fresh database named after this test process (dropped at the end of the run, or swept by the next one
        // if this process is killed). For PostgreSQL: RENEWAL_TEST_POSTGRES, or the server scripts/postgres.sh
        // starts; when neither can be had, every test of the PostgreSQL collections fails with the reason (xunit v2
        // cannot skip the tests of a fixture that cannot be made).
        _database = Renewal.Testing.Databases.Fresh(provider);
    }

    public string Provider => _provider;

    /// <summary>Where the app keeps uploaded materials: a directory of its own, removed with the app (never the source tree's data/).</summary>
    public string MaterialsPath { get; } = Path.Combine(Path.GetTempPath(), "renewal-test-materials", Guid.NewGuid().ToString("N"));
    public TestClock Clock { get; } = new();
    public TestData Data { get; private set; } = null!;

    /// <summary>The database the app uses, for checks that look behind the HTTP surface.</summary>
    public LibraryDatabaseOptions DatabaseOptions => _database;

    /// <summary>Settings the app reads in Program.cs and DemoData.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Database:Provider", _provider);
        if (!_database.IsPostgres) yield return new("Database:Path", _database.Path);
        else yield return new("ConnectionStrings:Library", _database.ConnectionString);
        yield return new("Demo:Seed", "true");
        yield return new("Demo:Enterprises", "40");
        yield return new("Demo:Password", Password);
        yield return new("Materials:Path", MaterialsPath);
        yield return new("Workflow:NoticeWorkingDays", "5");
        yield return new("Simulation:WarmOnStart", "false"); // the simulation tests count snapshot builds
        // One test process signs in hundreds of times from one (unknown) address; the throttle tests set their own limits.
        yield return new("SignIn:AddressPermits", "100000");
        yield return new("Objections:AddressPermits", "100000"); // likewise the public objection form (ObjectionRateLimitTests sets its own)
        yield return new("Claim:AddressPermits", "100000"); // the claim's own limit is tested on an app of its own
        yield return new("Logging:LogLevel:Default", "Warning");
        yield return new("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        yield return new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Keys in memory, per app: test processes running side by side must not share (and race to create) the
            // key ring in ~/.aspnet, where one app's test clock would date the keys another app reads.
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddress>();
        });
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _ = Services; // starts the host: migrates, seeds the demo library and accounts
        Data = await TestData.CreateAsync(this);
    }

    /// <summary>
    /// A client that keeps cookies, does not follow redirects (so sign-in redirects can be seen) and sends the
    /// session's antiforgery token with every state change of the JSON API (<see cref="ApiTokenHandler"/>).
    /// </summary>
    public virtual HttpClient NewClient() => CreateDefaultClient(new Uri("http://localhost"), new ApiTokenHandler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());

    /// <summary>A client like <see cref="NewClient"/> that does not send the API's antiforgery token (what a forged request can do).</summary>
    public HttpClient NewClientWithoutApiToken() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A signed-in session of <paramref name="userName"/> (all test accounts share <see cref="Password"/>).</summary>
    public async Task<Session> SignInAsync(string userName)
    {
        var s = new Session(NewClient());
        await s.SignInAsync(userName, Password);
        return s;
    }

    /// <summary>A session that has not signed in.</summary>
    public Session Anonymous() => new(NewClient());

    /// <summary>A DbContext on the app's database (disposed by the caller).</summary>
    public LibraryDbContext Db() => LibraryStore.Create(DatabaseOptions);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Renewal.Testing.Databases.Drop(_database);
        try { if (Directory.Exists(MaterialsPath)) Directory.Delete(MaterialsPath, recursive: true); } catch (IOException) { }
    }

    /// <summary>Adds an account with the test password (after the demo accounts exist).</summary>
    internal async Task<UserAccount> AddAccountAsync(string userName, Role role, string? creditCode = null, string? area = null, string? bank = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
        var passwords = scope.ServiceProvider.GetRequiredService<Passwords>();
        var u = new UserAccount { UserName = userName, DisplayName = userName, Role = role, CreditCode = creditCode, Area = area, Bank = bank };
        u.SetPassword(passwords.Hash(u, Password));
        db.Users.Add(u);
        await db.SaveChangesAsync();
        return u;
    }
}

/// <summary>The app on a temporary SQLite file.</summary>
public sealed class SqliteApp() : RenewalApp("sqlite");

/// <summary>The app on a fresh PostgreSQL database.</summary>
public sealed class PostgresApp() : RenewalApp("postgres");

[CollectionDefinition(Name)]
public sealed class SqliteFixture : ICollectionFixture<SqliteApp>
{
    public const string Name = "web on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresFixture : ICollectionFixture<PostgresApp>
{
    public const string Name = "web on PostgreSQL";
}
