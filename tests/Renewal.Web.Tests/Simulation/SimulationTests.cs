using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Renewal.Data;
using Renewal.Policy.Kunshan2024;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services.Simulation;
using Renewal.Services;

namespace Renewal.Web.Tests.Simulation;

/// <summary>The what-if page and API as the bureau and finance use them; figures checked against independent evaluations.</summary>
public abstract class SimulationTests(RenewalApp app)
{
    private static readonly KeyValuePair<string, string>[] BRate = [new("effective_investment.rate", "0.10")];

    /// <summary>Total change of the whole library for 2025 under <paramref name="sets"/>, by two full evaluations.</summary>
    private decimal IndependentChange(params KeyValuePair<string, string>[] sets)
    {
        using var db = app.Db();
        var scenario = LibraryScenario.Build(db, 2025);
        var before = LibraryEvaluation.Totals(scenario, PolicyEngine.Default.Evaluate(scenario)).Total;
        var after = LibraryEvaluation.Totals(scenario, PolicyEngine.Default.With(sets).Evaluate(scenario)).Total;
        return after - before;
    }

    [Fact]
    public async Task Api_Run_GivesTheDifferenceOfTwoIndependentEvaluations()
    {
        using var s = await app.SignInAsync("shiju");
        using var r = await s.PostJsonAsync("/api/v1/simulations/run", new { year = 2025, overrides = new Dictionary<string, string> { ["effective_investment.rate"] = "0.10" }, top = 5 });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var total = doc.RootElement.GetProperty("total");
        Assert.Equal(IndependentChange(BRate), total.GetProperty("change").GetDecimal());
        Assert.True(total.GetProperty("change").GetDecimal() > 0m);
        Assert.True(doc.RootElement.GetProperty("mostAffected").GetArrayLength() is > 0 and <= 5);
        Assert.Equal("0.08", doc.RootElement.GetProperty("changes")[0].GetProperty("from").GetString());
    }

    [Fact]
    public async Task Api_Run_RefusesABadParameter_WithItsName()
    {
        using var s = await app.SignInAsync("caizheng");
        using var r = await s.PostJsonAsync("/api/v1/simulations/run", new { year = 2025, overrides = new Dictionary<string, string> { ["loan.kunshan.rat"] = "0.015" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        Assert.Contains("loan.kunshan.rat", body, StringComparison.Ordinal);
        Assert.Contains("未知参数", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Save_ThenGet_RecomputesTheSavedChange()
    {
        using var s = await app.SignInAsync("admin");
        using var bad = await s.PostJsonAsync("/api/v1/simulations", new { name = "无效", year = 2025, overrides = new Dictionary<string, string> { ["loan.kunshan.rate"] = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("loan.kunshan.rate", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var r = await s.PostJsonAsync("/api/v1/simulations", new { name = "昆山贴息 1.5 个百分点", year = 2025, overrides = new Dictionary<string, string> { ["loan.kunshan.rate"] = "0.015" } });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        using var created = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/simulate/{id}", created.RootElement.GetProperty("url").GetString());
        Assert.Equal($"/api/v1/simulations/{id}", r.Headers.Location?.OriginalString);

        using var doc = JsonDocument.Parse(await (await s.GetAsync($"/api/v1/simulations/{id}")).Content.ReadAsStringAsync());
        Assert.Equal("昆山贴息 1.5 个百分点", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal("admin", doc.RootElement.GetProperty("createdBy").GetString());
        var byColumn = doc.RootElement.GetProperty("result").GetProperty("byColumn");
        Assert.Equal(IndependentChange(new KeyValuePair<string, string>("loan.kunshan.rate", "0.015")), byColumn.GetProperty("loan_interest.kunshan").GetProperty("change").GetDecimal());
        Assert.Equal(0m, byColumn.GetProperty("loan_interest.province").GetProperty("change").GetDecimal());
    }

    [Fact]
    public async Task Page_ListsEveryParameterInForce_WithItsSource()
    {
        using var s = await app.SignInAsync("shiju");
        var html = await s.PageAsync("/simulate?year=2025");
        foreach (var d in PolicyEngine.Default.Parameters.Definitions) Assert.Contains($"name=\"p:{d.Name}\"", html, StringComparison.Ordinal);
        Assert.Contains("暂定值，待市局确定", html, StringComparison.Ordinal); // ASSUMED, in words
        Assert.Contains("细则二（二）", html, StringComparison.Ordinal); // Annex §2(2)
        Assert.DoesNotContain("Annex §", html, StringComparison.Ordinal);
        Assert.DoesNotContain("模拟结果", html, StringComparison.Ordinal); // nothing runs until asked
    }

    [Fact]
    public async Task Form_OnlyChangedValuesBecomeOverrides_AndTheResultShowsTheDifference()
    {
        using var s = await app.SignInAsync("shiju");
        var fields = ParameterText.InForce(PolicyEngine.Default.Parameters, 2025).ToDictionary(p => "p:" + p.Name, p => p.Value);
        fields["p:effective_investment.rate"] = "0.1";
        fields["p:demonstration.rate"] = "0.100"; // the value in force, typed otherwise: no change
        fields["year"] = "2025";
        using var post = await s.PostFormAsync("/simulate", fields);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var to = Session.RedirectPath(post)!;
        Assert.Equal("/simulate?year=2025&set=effective_investment.rate%3D0.1&run=true", to);

        var html = await s.PageAsync(to);
        var change = IndependentChange(BRate);
        Assert.Contains($"差额 +{change:#,##0.00} 元", WebUtility.HtmlDecode(Session.StatusText(html) ?? ""), StringComparison.Ordinal);
        Assert.Contains("受影响最大的企业", html, StringComparison.Ordinal);
        Assert.Contains("用时", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(html, "<figure class=\"chart\""));
    }

    [Fact]
    public async Task Form_BadValue_IsShownWithTheParameterName()
    {
        using var s = await app.SignInAsync("admin");
        using var post = await s.PostFormAsync("/simulate", new Dictionary<string, string> { ["year"] = "2025", ["p:loan.kunshan.rate"] = "一点五" });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var html = await post.Content.ReadAsStringAsync();
        Assert.Contains("loan.kunshan.rate", Session.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("value=\"一点五\"", html, StringComparison.Ordinal); // what was typed stays in the form
    }

    [Fact]
    public async Task Save_ThenAnotherGovernmentUserOpensTheLink_AndSeesTheSameResult()
    {
        using var bureau = await app.SignInAsync("shiju");
        using var save = await bureau.PostFormAsync("/simulate?handler=Save", new Dictionary<string, string>
        {
            ["year"] = "2025", ["name"] = "有效投入 10% 测算", ["set"] = "effective_investment.rate=0.10",
        });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var link = Session.RedirectPath(save)!;
        Assert.Matches(@"^/simulate/\d+$", link);
        var mine = await bureau.PageAsync(link);

        using var finance = await app.SignInAsync("caizheng");
        var theirs = await finance.PageAsync(link);
        Assert.Contains("有效投入 10% 测算", theirs, StringComparison.Ordinal);
        Assert.Contains("按当前项目库重新计算", theirs, StringComparison.Ordinal);
        Assert.Equal(Session.StatusText(mine.Split("id=\"simulation-summary\"")[1]), Session.StatusText(theirs.Split("id=\"simulation-summary\"")[1]));

        var id = int.Parse(link.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        using var doc = JsonDocument.Parse(await (await finance.GetAsync($"/api/v1/simulations/{id}")).Content.ReadAsStringAsync());
        Assert.Equal(IndependentChange(BRate), doc.RootElement.GetProperty("result").GetProperty("total").GetProperty("change").GetDecimal());
        Assert.Equal("0.10", doc.RootElement.GetProperty("overrides").GetProperty("effective_investment.rate").GetString());

        using var district = await app.SignInAsync("quzhen");
        using var denied = await district.GetAsync(link);
        Assert.Equal("/account/denied", Session.RedirectPath(denied)?.Split('?')[0]);
    }

    [Fact]
    public async Task Save_WithoutAName_IsRefused_AndNothingIsSaved()
    {
        using var s = await app.SignInAsync("shiju");
        int before;
        using (var db = app.Db()) before = db.Simulations.Count();
        using var post = await s.PostFormAsync("/simulate?handler=Save", new Dictionary<string, string> { ["year"] = "2025", ["name"] = " ", ["set"] = "effective_investment.rate=0.10" });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("模拟名称", Session.ErrorText(await post.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using (var db = app.Db()) Assert.Equal(before, db.Simulations.Count());
    }

    [Fact]
    public async Task Snapshot_IsReusedBetweenRequests()
    {
        var snapshots = app.Services.GetRequiredService<LibrarySnapshots>();
        using var s = await app.SignInAsync("caizheng");
        await s.PageAsync("/simulate?year=2026&set=loan.kunshan.rate%3D0.015");
        var builds = snapshots.Builds;
        var html = await s.PageAsync("/simulate?year=2026&set=tech_renovation.base_rate%3D0.08");
        Assert.Equal(builds, snapshots.Builds);
        Assert.Contains("项目库快照复用", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartXlsx_DownloadsTheFigures_UnknownChartIs404()
    {
        using var s = await app.SignInAsync("shiju");
        using var ok = await s.GetAsync("/simulate?handler=Xlsx&chart=by-scheme&year=2025&set=effective_investment.rate%3D0.10");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ok.Content.Headers.ContentType?.MediaType);
        using var missing = await s.GetAsync("/simulate?handler=Xlsx&chart=nope&year=2025");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class SimulationOnSqliteTests(SqliteApp app) : SimulationTests(app);

[Collection(PostgresFixture.Name)]
public sealed class SimulationOnPostgresTests(PostgresApp app) : SimulationTests(app);
