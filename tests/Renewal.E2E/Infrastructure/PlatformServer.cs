using Microsoft.AspNetCore.DataProtection;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Renewal.Data;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services;

namespace Renewal.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel at http://127.0.0.1:{free port}, on a fresh temporary SQLite file with a small demo
/// library (40 enterprises) and the demo accounts, its clock replaced by a <see cref="TestClock"/> the story moves
/// past the public notice.
/// </summary>
public sealed class PlatformServer : WebApplicationFactory<Program>
{
    public const string Password = "E2e#2026pass";

    private readonly string _database = Path.Combine(Path.GetTempPath(), "renewal-e2e", Guid.NewGuid().ToString("N") + ".db");

    public TestClock Clock { get; } = new();

    /// <summary>The server's warnings and errors, for the message of a failed step.</summary>
    public ServerLog Log { get; } = new();

    public PlatformServer()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string BaseUrl { get; }

    public LibraryDbContext Db() => LibraryStore.Create(new LibraryDatabaseOptions("sqlite", null, _database));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Database:Path", _database);
        builder.UseSetting("Materials:Path", _database + ".materials"); // uploads beside the temporary database, not in the source tree
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Enterprises", "40");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Workflow:NoticeWorkingDays", "5");
        builder.UseSetting("Simulation:WarmOnStart", "false"); // no background reads racing the stories
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Keys in memory, per app: test processes running side by side must not share (and race to create) the
            // key ring in ~/.aspnet, where one app's test clock would date the keys another app reads.
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            try { File.Delete(f); } catch (IOException) { }
        }
        try { if (Directory.Exists(_database + ".materials")) Directory.Delete(_database + ".materials", recursive: true); } catch (IOException) { }
    }
}
