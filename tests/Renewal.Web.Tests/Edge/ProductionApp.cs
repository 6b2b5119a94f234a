using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Renewal.Data;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Edge;

/// <summary>
/// The app as deployed (environment Production: the exception handler, HSTS and <c>Secure</c> cookies are on), reached
/// over https at a host that is not localhost (HSTS skips localhost), with a switch that makes the app's next saves
/// fail — a fault in the middle of a POST.
/// </summary>
public sealed class ProductionApp() : RenewalApp("sqlite")
{
    public const string Host = "https://renewal.test";

    public FailingSaves Failure { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.ConfigureDbContext<LibraryDbContext>(o => o.AddInterceptors(Failure)));
    }

    public override HttpClient NewClient() => CreateDefaultClient(new Uri(Host), new ApiTokenHandler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
}

/// <summary>While armed, every SaveChanges of the app throws (and is counted), as a database fault would.</summary>
public sealed class FailingSaves : SaveChangesInterceptor
{
    private int _saves;

    public bool Armed { get; set; }

    /// <summary>How many saves were attempted while armed.</summary>
    public int Attempts => Volatile.Read(ref _saves);

    public void Arm()
    {
        Interlocked.Exchange(ref _saves, 0);
        Armed = true;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) => Fail() ?? result;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Fail() ?? result);

    private InterceptionResult<int>? Fail()
    {
        if (!Armed) return null;
        Interlocked.Increment(ref _saves);
        throw new InvalidOperationException("test: the database is unavailable");
    }
}

[CollectionDefinition(Name)]
public sealed class ProductionFixture : ICollectionFixture<ProductionApp>
{
    public const string Name = "web as deployed (Production, https)";
}
