using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Revisions;
using Renewal.Services.Simulation;
using Renewal.Web.Features.Dashboard;
using Renewal.Web.Features.Library;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Library;

/// <summary>
/// The library list's 符合政策 filter asks the policy engine under the rules in force, as the dashboard's T-3 does:
/// a demonstration project whose A is 0 because its B is higher (I-5) is eligible for A and listed, one that fails A is
/// not, the count is the dashboard's, the project page says the same, and a change of the library changes the answer.
/// </summary>
/// <remarks>
/// Under the pack as shipped A (at least 30,000,000) always beats B (at most 8,000,000), so this app's rules in force lower
/// A's threshold to 50,000,000 and its rate to 5%: 甲's project with 60,000,000 digital investment then computes A
/// 3,000,000 against B 4,800,000. Under the pack's threshold (500,000,000) it would not be eligible at all, so a listed
/// project also shows that the filter reads the request's engine, not the pack.
/// </remarks>
public abstract class EligibleFilterTests(EligibleRulesApp app)
{
    private const int Year = 2025;

    /// <summary>Makes a fresh project of 甲 a demonstration project completed in <see cref="Year"/> (A 3,000,000, B 4,800,000).</summary>
    private async Task<int> DemonstrationProjectAsync()
    {
        var id = app.Data.TakeJiaProject();
        using var db = app.Db();
        var p = await db.Projects.Include(x => x.Investments).SingleAsync(x => x.Id == id);
        p.Status = ProjectStatus.Completed;
        p.CompletedOn = new DateOnly(Year, 6, 30);
        p.DigitalScopes = ["smart_factory_demo"];
        p.Investments.Single(i => i.Year == Year).Digital = 60_000_000m;
        await db.SaveChangesAsync();
        return id;
    }

    private static async Task<ProjectPage> ListAsync(Session s, string query) =>
        await s.JsonAsync<ProjectPage>("/api/v1/projects?pageSize=200" + query);

    /// <summary>Every id of the list, page by page (the demo library may hold more than one page).</summary>
    private static async Task<List<int>> AllIdsAsync(Session s, string query)
    {
        var ids = new List<int>();
        for (var page = 1; ; page++)
        {
            var p = await ListAsync(s, query + "&page=" + page);
            if (p.Items.Count == 0) return ids;
            ids.AddRange(p.Items.Select(i => i.Id));
        }
    }

    [Fact]
    public async Task ADemonstrationProjectPaidAsB_IsListedUnderA_AndAProjectFailingA_IsNot()
    {
        var demo = await DemonstrationProjectAsync();
        var other = app.Data.TakeJiaProject(); // in progress, no digital investment: A-1 fails
        using var s = await app.SignInAsync("shiju");

        var evaluation = await s.JsonAsync<Evaluation>($"/api/v1/projects/{demo}/evaluation?year={Year}");
        var a = Assert.Single(evaluation.Awards, x => x.Scheme == "demonstration");
        Assert.True(a.Eligible);
        Assert.Equal((0m, "I-5"), (a.Amount, a.FailedRule));
        Assert.Equal(4_800_000m, Assert.Single(evaluation.Awards, x => x.Scheme == "effective_investment").Amount);
        Assert.False(Assert.Single((await s.JsonAsync<Evaluation>($"/api/v1/projects/{other}/evaluation?year={Year}")).Awards, x => x.Scheme == "demonstration").Eligible);

        var inYear = await AllIdsAsync(s, $"&eligible=Demonstration&year={Year}");
        Assert.Contains(demo, inYear);
        Assert.DoesNotContain(other, inYear);
        Assert.Contains(demo, await AllIdsAsync(s, "&eligible=Demonstration"));
        // a project is rewarded in the year it was completed, not the next.
        Assert.DoesNotContain(demo, await AllIdsAsync(s, $"&eligible=Demonstration&year={Year + 1}"));
        // B holds for both (4,800,000 each in 2025): the filter is per scheme.
        Assert.Contains(other, await AllIdsAsync(s, $"&eligible=EffectiveInvestment&year={Year}"));

        var page = await s.PageAsync($"/library/projects/{demo}?Year={Year}");
        Assert.Contains("符合政策，本项为 0 元（I-5 同一项目同一年度 A、B 就高不重复）", page);
        var list = await s.PageAsync($"/library?Filter.Eligible=Demonstration&Filter.Year={Year}&Filter.PageSize=200");
        Assert.Contains($"<a href=\"/library/projects/{demo}\">", list);
        Assert.DoesNotContain($"<a href=\"/library/projects/{other}\">", list);
    }

    [Fact]
    public async Task TheCountUnderA_IsTheDashboardsDemonstrationCount_CityWideAndForTheDistrict()
    {
        var demo = await DemonstrationProjectAsync();
        foreach (var user in new[] { "shiju", "quzhen" })
        {
            using var s = await app.SignInAsync(user);
            var dashboard = await s.JsonAsync<ReportProgress.ProgressDto>("/api/v1/programme/progress");
            var ids = await AllIdsAsync(s, "&eligible=Demonstration");
            Assert.Equal(dashboard.Demonstrations.Select(d => d.ProjectId).Order(), ids.Order());
            Assert.Contains(demo, ids);
            Assert.Equal(dashboard.Demonstrations.Count, (await ListAsync(s, "&eligible=Demonstration")).Total);
        }

        // The district's scope and the other filters still hold: 甲 is in the district's area.
        using var district = await app.SignInAsync("quzhen");
        using var db = app.Db();
        var otherArea = await db.Enterprises.Where(e => e.Area != app.Data.DistrictArea).Select(e => e.Area).FirstAsync();
        Assert.Equal(0, (await ListAsync(district, "&eligible=Demonstration&area=" + Uri.EscapeDataString(otherArea))).Total);
        Assert.Equal([demo], await AllIdsAsync(district, $"&eligible=Demonstration&year={Year}&q=" + Uri.EscapeDataString(
            await db.Projects.Where(p => p.Id == demo).Select(p => p.Code).SingleAsync())));
        Assert.Equal(0, (await ListAsync(district, "&eligible=Demonstration&status=InProgress")).Total);
    }

    [Fact]
    public async Task AChangeOfTheLibrary_ChangesTheAnswer_AndAnUnchangedLibraryIsNotEvaluatedAgain()
    {
        var demo = await DemonstrationProjectAsync();
        var eligible = app.Services.GetRequiredService<EligibleProjects>();
        using var s = await app.SignInAsync("shiju");
        Assert.Contains(demo, await AllIdsAsync(s, $"&eligible=Demonstration&year={Year}"));
        var evaluations = eligible.Evaluations;
        Assert.Contains(demo, await AllIdsAsync(s, $"&eligible=Demonstration&year={Year}"));
        Assert.Equal(evaluations, eligible.Evaluations);

        using (var db = app.Db())
        {
            var p = await db.Projects.SingleAsync(x => x.Id == demo);
            p.Status = ProjectStatus.InProgress;
            p.CompletedOn = null;
            await db.SaveChangesAsync();
        }
        Assert.DoesNotContain(demo, await AllIdsAsync(s, $"&eligible=Demonstration&year={Year}"));
        Assert.DoesNotContain(demo, await AllIdsAsync(s, "&eligible=Demonstration"));
        Assert.True(eligible.Evaluations > evaluations);
        var dashboard = await s.JsonAsync<ReportProgress.ProgressDto>("/api/v1/programme/progress");
        Assert.DoesNotContain(dashboard.Demonstrations, d => d.ProjectId == demo);
        Assert.Equal(dashboard.Demonstrations.Count, (await ListAsync(s, "&eligible=Demonstration")).Total);
        Assert.DoesNotContain("符合政策，本项为 0 元", await s.PageAsync($"/library/projects/{demo}?Year={Year}"));
    }

    [Fact]
    public async Task TheIdListOfALargeLibrary_IsOneParameter_BeyondEitherProvidersParameterLimit()
    {
        var demo = app.Data.JiaProjectIds[0];
        int[] ids = [.. Enumerable.Range(TestData.Missing, 70_000), demo];
        using var db = app.Db();
        Assert.Equal([demo], await ListProjects.Among(db.Projects, ids).Select(p => p.Id).ToListAsync());
        Assert.Equal(0, await ListProjects.Among(db.Projects, []).CountAsync());
    }
}

/// <summary>The web app with rules in force under which B can beat A (see <see cref="EligibleFilterTests"/>).</summary>
public abstract class EligibleRulesApp(string provider) : RenewalApp(provider)
{
    public static readonly KeyValuePair<string, string>[] Rules =
        [new("demonstration.min_digital_investment", "50000000"), new("demonstration.rate", "0.05")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<RuleBook>();
            services.AddSingleton(new RuleBook(PolicyEngine.Default.With(Rules, "test")));
        });
    }
}

public sealed class EligibleSqliteApp() : EligibleRulesApp("sqlite");

public sealed class EligiblePostgresApp() : EligibleRulesApp("postgres");

public sealed class EligibleFilterOnSqliteTests(EligibleSqliteApp app) : EligibleFilterTests(app), IClassFixture<EligibleSqliteApp>;

public sealed class EligibleFilterOnPostgresTests(EligiblePostgresApp app) : EligibleFilterTests(app), IClassFixture<EligiblePostgresApp>;
