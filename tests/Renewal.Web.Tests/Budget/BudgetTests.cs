using System.Net;
using System.Text.Json;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Tests.Budget;

/// <summary>The budget page and API: figures equal independent sums over the applications and the engine.</summary>
public abstract class BudgetTests(RenewalApp app)
{
    [Fact]
    public async Task Api_Budget_EqualsIndependentSums()
    {
        using var s = await app.SignInAsync("caizheng");
        using var doc = JsonDocument.Parse(await (await s.GetAsync("/api/v1/budget")).Content.ReadAsStringAsync());
        var root = doc.RootElement;
        using var db = app.Db();
        var apps = db.Applications.Where(a => a.Year >= 2024 && a.Year <= 2027).ToList();
        var approved = apps.Where(a => a.State is ApplicationState.Approved or ApplicationState.Paid).Sum(a => a.ApprovedAmount ?? 0);
        var pending = apps.Where(a => a.State is ApplicationState.Submitted or ApplicationState.DistrictReview or ApplicationState.BureauReview or ApplicationState.PublicNotice)
            .Sum(a => a.SubmittedAmount ?? 0);
        Assert.Equal(approved, root.GetProperty("total").GetProperty("approved").GetDecimal());
        Assert.Equal(pending, root.GetProperty("total").GetProperty("pending").GetDecimal());
        foreach (var year in new[] { 2024, 2025, 2026, 2027 })
        {
            var scenario = LibraryScenario.Build(db, year);
            var totals = LibraryEvaluation.Totals(scenario, PolicyEngine.Default.Evaluate(scenario));
            var key = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(totals.Total, root.GetProperty("byYear").GetProperty(key).GetProperty("forecast").GetDecimal());
            Assert.Equal(totals.BySchemeAndLevel["loan_interest.province"], root.GetProperty("byLevel").GetProperty("province").GetProperty(key).GetProperty("forecast").GetDecimal());
        }
    }

    [Fact]
    public async Task Page_ShowsTheTablesAndCharts_ToFinance_NotToADistrict()
    {
        using var finance = await app.SignInAsync("caizheng");
        var html = await finance.PageAsync("/budget");
        Assert.Contains("按财政层级", html, StringComparison.Ordinal);
        Assert.Contains("昆山市级", html, StringComparison.Ordinal);
        Assert.Contains("苏州市级", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<figure class=\"chart\""));
        Assert.Contains("href=\"/budget\"", html, StringComparison.Ordinal); // the nav link

        using var xlsx = await finance.GetAsync("/budget?handler=Xlsx&chart=forecast-by-level");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var none = await finance.GetAsync("/budget?handler=Xlsx&chart=nope");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        using var district = await app.SignInAsync("quzhen");
        using var denied = await district.GetAsync("/budget");
        Assert.Equal("/account/denied", Session.RedirectPath(denied)?.Split('?')[0]);
        Assert.DoesNotContain("href=\"/budget\"", await district.PageAsync("/library"), StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class BudgetOnSqliteTests(SqliteApp app) : BudgetTests(app);

[Collection(PostgresFixture.Name)]
public sealed class BudgetOnPostgresTests(PostgresApp app) : BudgetTests(app);
