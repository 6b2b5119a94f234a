using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Library;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Library;

/// <summary>
/// The project library over HTTP: each role's list holds exactly the rows Access.cs allows (an enterprise its own, a
/// district its area, a bank those with a financing need, the bureau and finance all), filters never widen that
/// scope, paging is stable, and a project's evaluation comes with the engine's explanation.
/// </summary>
public abstract class ProjectLibraryTests(RenewalApp app)
{
    private async Task<ProjectPage> ListAsync(string user, string query = "")
    {
        using var s = await app.SignInAsync(user);
        return await s.JsonAsync<ProjectPage>("/api/v1/projects?pageSize=200" + query);
    }

    [Fact]
    public async Task AnEnterprise_SeesOnlyItsOwnProjects()
    {
        var page = await ListAsync("qiye");
        using var db = app.Db();
        Assert.Equal(await db.Projects.CountAsync(p => p.Enterprise!.CreditCode == app.Data.DemoCreditCode), page.Total);
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, p => Assert.Equal(app.Data.DemoCreditCode, p.CreditCode));
    }

    [Fact]
    public async Task ADistrict_SeesOnlyItsArea_AndAFilterForAnotherAreaFindsNothing()
    {
        var page = await ListAsync("quzhen");
        using var db = app.Db();
        Assert.Equal(await db.Projects.CountAsync(p => p.Enterprise!.Area == app.Data.DistrictArea), page.Total);
        Assert.All(page.Items, p => Assert.Equal(app.Data.DistrictArea, p.Area));

        var otherArea = await db.Enterprises.Where(e => e.Area != app.Data.DistrictArea).Select(e => e.Area).FirstAsync();
        var widened = await ListAsync("quzhen", "&area=" + Uri.EscapeDataString(otherArea));
        Assert.Equal(0, widened.Total);
    }

    [Fact]
    public async Task ABank_SeesOnlyProjectsThatDeclaredAFinancingNeed()
    {
        var page = await ListAsync("yinhang");
        using var db = app.Db();
        Assert.Equal(await db.Projects.CountAsync(p => p.FinancingNeed > 0), page.Total);
        Assert.True(page.Total < app.Data.TotalProjects);
        Assert.All(page.Items, p => Assert.True(p.FinancingNeed > 0, $"{p.Code} has no financing need"));
    }

    [Theory]
    [InlineData("shiju")]
    [InlineData("admin")]
    [InlineData("caizheng")]
    public async Task TheBureauAndFinance_SeeEveryProject(string user)
    {
        var page = await ListAsync(user);
        Assert.Equal(app.Data.TotalProjects, page.Total);
    }

    [Fact]
    public async Task Filters_Combine_AndPagingWalksTheListInOrderWithoutGapsOrRepeats()
    {
        using var db = app.Db();
        var area = app.Data.DistrictArea;
        var expected = await db.Projects.Where(p => p.Enterprise!.Area == area).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        using var s = await app.SignInAsync("shiju");
        var seen = new List<int>();
        for (var page = 1; ; page++)
        {
            var p = await s.JsonAsync<ProjectPage>($"/api/v1/projects?area={Uri.EscapeDataString(area)}&pageSize=10&page={page}");
            Assert.Equal(expected.Count, p.Total);
            if (p.Items.Count == 0) break;
            Assert.True(p.Items.Count <= 10);
            seen.AddRange(p.Items.Select(i => i.Id));
        }
        Assert.Equal(expected, seen);

        var year = await s.JsonAsync<ProjectPage>("/api/v1/projects?year=2025&status=InProgress&pageSize=200");
        Assert.Equal(await db.Projects.CountAsync(p => p.Status == Renewal.Policy.Model.ProjectStatus.InProgress && p.Investments.Any(i => i.Year == 2025)), year.Total);
        Assert.All(year.Items, i => Assert.Equal(Renewal.Policy.Model.ProjectStatus.InProgress, i.Status));
    }

    [Fact]
    public async Task ALongList_IsCountedOnlyUpToTheCap_AndItsPagesAreTheSame()
    {
        using var db = app.Db();
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<Renewal.Policy.Kunshan2024.PolicyEngine>();
        var eligible = scope.ServiceProvider.GetRequiredService<Renewal.Services.Simulation.EligibleProjects>();
        var bureau = new UserContext(0, "shiju", Role.BureauReviewer, null, null);
        var district = new UserContext(0, "quzhen", Role.DistrictReviewer, null, app.Data.DistrictArea);
        var inArea = await db.Projects.CountAsync(p => p.Enterprise!.Area == app.Data.DistrictArea);
        Assert.True(inArea > 20, $"the demo area has {inArea} projects");

        var exact = await ListProjects.QueryAsync(db, bureau, new ProjectFilter { PageSize = 10, Page = 2 }, engine, eligible);
        Assert.Equal((app.Data.TotalProjects, false), (exact.Total, exact.TotalIsLowerBound));
        var capped = await ListProjects.QueryAsync(db, bureau, new ProjectFilter { PageSize = 10, Page = 2 }, engine, eligible, 20);
        Assert.Equal((20, true), (capped.Total, capped.TotalIsLowerBound));
        Assert.Equal(exact.Rows, capped.Rows);

        // The cap counts the user's scope and filters, not the library: a list of exactly the cap is exact.
        var area = await ListProjects.QueryAsync(db, district, new ProjectFilter(), engine, eligible, inArea);
        Assert.Equal((inArea, false), (area.Total, area.TotalIsLowerBound));
        var below = await ListProjects.QueryAsync(db, district, new ProjectFilter(), engine, eligible, inArea - 1);
        Assert.Equal((inArea - 1, true), (below.Total, below.TotalIsLowerBound));
    }

    [Fact]
    public async Task LibraryPage_ShowsTheProjectsInChinese_WithTheCountOfTheUsersScope()
    {
        using var s = await app.SignInAsync("qiye");
        var html = await s.PageAsync("/library");
        using var db = app.Db();
        var own = await db.Projects.Where(p => p.Enterprise!.CreditCode == app.Data.DemoCreditCode).Select(p => p.Name).ToListAsync();
        Assert.Contains("<h1>项目库</h1>", html);
        Assert.Contains($"共 {own.Count:N0} 个项目", html);
        Assert.All(own, name => Assert.Contains(System.Net.WebUtility.HtmlEncode(name), html));
    }

    [Fact]
    public async Task ProjectPage_ExplainsTheEvaluationRuleByRule()
    {
        using var s = await app.SignInAsync("jia");
        var id = app.Data.JiaProjectIds[^1];
        var html = await s.PageAsync($"/library/projects/{id}?Year=2025");
        Assert.Contains("政策测算与依据", html);
        Assert.Contains("4,800,000.00 元", html);

        var evaluation = await s.JsonAsync<Evaluation>($"/api/v1/projects/{id}/evaluation?year=2025");
        Assert.Equal(2025, evaluation.Year);
        Assert.False(string.IsNullOrEmpty(evaluation.ParameterVersion));
        var b = Assert.Single(evaluation.Awards, a => a.Amount == 4_800_000m);
        Assert.True(b.Eligible);
        Assert.NotEmpty(b.Trace);
        Assert.All(b.Trace, t => Assert.False(string.IsNullOrEmpty(t.Rule)));
    }

    [Fact]
    public async Task ProjectPage_OfAnotherEnterprise_IsRefused_AndAMissingOneIsNotFound()
    {
        using var s = await app.SignInAsync("qiye2");
        using var other = await s.GetAsync($"/library/projects/{app.Data.OwnProjectId}");
        Assert.StartsWith("/account/denied", Session.RedirectPath(other));
        using var missing = await s.GetAsync($"/library/projects/{TestData.Missing}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class ProjectLibraryOnSqliteTests(SqliteApp app) : ProjectLibraryTests(app);

[Collection(PostgresFixture.Name)]
public sealed class ProjectLibraryOnPostgresTests(PostgresApp app) : ProjectLibraryTests(app);
