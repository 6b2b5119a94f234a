using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Reliability;

/// <summary>
/// A revision published on one node is applied by every node (issue 11, V-4): two app instances on one database, each
/// with its own <see cref="RuleBook"/>; node A's administrators draft and publish (two people, V-6), and node B's rule
/// book — refreshed by its background poll every <c>Rules:RefreshSeconds</c> — applies it within seconds, without a restart.
/// </summary>
public sealed class RuleBookOnTwoNodesTests
{

    private static readonly UserContext Admin = new(1, "admin", Role.BureauAdmin, null, null);
    private static readonly UserContext Admin2 = new(2, "admin2", Role.BureauAdmin, null, null);

    [Theory, OnSqlite, OnPostgres]
    public async Task ARevisionPublishedOnNodeA_IsAppliedByNodeB_WithinSeconds(string provider)
    {
        var database = Databases.Fresh(provider);
        try
        {
            var clock = new TestClock(); // 2 March 2026 in Kunshan: after the revision's published_on
            await using var a = new Node(database, clock);
            _ = a.Services; // migrates
            await using var b = new Node(database, clock);
            var rulesB = b.Services.GetRequiredService<RuleBook>();
            var yearEnd = new DateOnly(2025, 12, 31); // A and B read their rate on 31 December of the award year (V-3)
            Assert.Empty(rulesB.Published);
            Assert.Equal(0.08m, (decimal)rulesB.On(clock.Today).Parameters.ResolveAt(yearEnd).Find("effective_investment.rate")!.Value);

            await using (var scope = a.Services.CreateAsyncScope())
            {
                var service = scope.ServiceProvider.GetRequiredService<RevisionService>();
                var draft = await service.DraftAsync(Admin, TestRevisions.BRate, "KS-2026-01.yaml");
                Assert.True(draft.Ok, draft.Message);
                var published = await service.PublishAsync(Admin2, draft.Value!.Id);
                Assert.True(published.Ok, published.Message);
            }
            Assert.Contains(a.Services.GetRequiredService<RuleBook>().Published, r => r.Id == "KS-2026-01"); // the publishing node at once

            var watch = Stopwatch.StartNew();
            while (!rulesB.Published.Any(r => r.Id == "KS-2026-01") && watch.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
            Assert.True(rulesB.Published.Any(r => r.Id == "KS-2026-01"), $"node B has not applied the revision after {watch.Elapsed.TotalSeconds:0.0} s");
            var revision = Assert.Single(rulesB.Published);
            Assert.Equal("有效投入奖补比例调整为 10%", revision.Title);
            var rate = rulesB.On(clock.Today).Parameters.ResolveAt(yearEnd).Find("effective_investment.rate")!;
            Assert.Equal(0.10m, (decimal)rate.Value);
            Assert.Equal("KS-2026-01", rate.Revision);
            // Known before its publication day, the rules are still the pack's (V-2).
            Assert.Equal(0.08m, (decimal)rulesB.On(new DateOnly(2026, 1, 14)).Parameters.ResolveAt(yearEnd).Find("effective_investment.rate")!.Value);
            // And a request on node B evaluates under it: the scoped engine is the rules as known today.
            await using var requestB = b.Services.CreateAsyncScope();
            Assert.Equal(0.10m, (decimal)requestB.ServiceProvider.GetRequiredService<PolicyEngine>().Parameters.ResolveAt(yearEnd).Find("effective_investment.rate")!.Value);
        }
        finally
        {
            Databases.Drop(database);
        }
    }

    /// <summary>One node on the shared database, its rule book polled every 0.2 s; a tiny demo library (the rule book needs none, the demo accounts do).</summary>
    private sealed class Node(LibraryDatabaseOptions database, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", database.Provider);
            if (database.IsPostgres) builder.UseSetting("ConnectionStrings:Library", database.ConnectionString);
            else builder.UseSetting("Database:Path", database.Path);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Demo:Enterprises", "5");
            builder.UseSetting("Demo:Password", RenewalApp.Password);
            builder.UseSetting("Rules:RefreshSeconds", "0.2");
            builder.UseSetting("Simulation:WarmOnStart", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
            });
        }
    }
}
