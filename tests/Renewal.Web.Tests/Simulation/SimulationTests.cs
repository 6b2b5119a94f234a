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
        // The form as the page renders it, posted back with two rates typed in percent.
        var fields = FormFields(await s.PageAsync("/simulate?year=2025"));
        Assert.Equal("8", Single(fields, "p:effective_investment.rate")); // a rate shows in percent
        Set(fields, "p:effective_investment.rate", "10");
        Set(fields, "p:demonstration.rate", "10.0%"); // the value in force, typed otherwise: no change
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
    public async Task Form_TheFormAsShown_PostedBack_ChangesNothing()
    {
        using var s = await app.SignInAsync("caizheng");
        using var post = await s.PostFormAsync("/simulate", FormFields(await s.PageAsync("/simulate?year=2026")));
        Assert.Equal("/simulate?year=2026&run=true", Session.RedirectPath(post));
    }

    [Theory]
    [InlineData("10%")]
    [InlineData("10")]
    [InlineData("１０％")]
    public async Task Form_RateTypedInPercent_GivesTheSameResultAsTheCanonicalQuery(string typed)
    {
        using var s = await app.SignInAsync("shiju");
        using var post = await s.PostFormAsync("/simulate", new Dictionary<string, string> { ["year"] = "2025", ["p:effective_investment.rate"] = typed });
        var to = Session.RedirectPath(post)!;
        Assert.Equal("/simulate?year=2025&set=effective_investment.rate%3D0.1&run=true", to);
        var typedResult = Session.StatusText(await s.PageAsync(to));
        var canonical = Session.StatusText(await s.PageAsync("/simulate?year=2025&set=effective_investment.rate%3D0.10"));
        Assert.NotNull(typedResult);
        Assert.Equal(canonical, typedResult);
    }

    [Fact]
    public async Task Form_BadValue_NamesTheParameterInChinese()
    {
        using var s = await app.SignInAsync("shiju");
        using var post = await s.PostFormAsync("/simulate", new Dictionary<string, string> { ["year"] = "2025", ["p:tech_renovation.base_rate"] = "abc" });
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var html = await post.Content.ReadAsStringAsync();
        Assert.Equal("技改综合奖补基础比例（tech_renovation.base_rate）：“abc”不是百分比，例如 8%", Session.ErrorText(html));
        Assert.Contains("value=\"abc\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ShowsValuesInWordsWithUnits_TheCapsTableOneLineARow()
    {
        using var s = await app.SignInAsync("shiju");
        var html = WebUtility.HtmlDecode(await s.PageAsync("/simulate?year=2025"));
        Assert.Contains("D-6a 省级 · 每项目 · 500 万元（5,000,000.00 元）", html, StringComparison.Ordinal);
        Assert.Contains("D-7b 昆山市级 · 每企业 · 300 万元（3,000,000.00 元）", html, StringComparison.Ordinal);
        Assert.Contains("3,000 万元（30,000,000.00 元）", html, StringComparison.Ordinal); // demonstration.cap_per_project
        Assert.Contains(">8%<", html, StringComparison.Ordinal);
        Assert.Contains(">0.5%<", html, StringComparison.Ordinal); // loan.max_spread
        Assert.Contains(">24 个月<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("levels: [", html, StringComparison.Ordinal);
        Assert.Contains("name=\"p:loan.caps.rows[0].id\" value=\"D-6a\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"p:loan.caps.rows[4].id\" value=\"\"", html, StringComparison.Ordinal); // room for a new row
    }

    [Fact]
    public async Task Form_CapsTableEditedThroughTheRows_LowersACapAndAddsACombinedRow()
    {
        using var s = await app.SignInAsync("shiju");
        var fields = FormFields(await s.PageAsync("/simulate?year=2025"));
        Assert.Equal("5,000,000", Single(fields, "p:loan.caps.rows[0].amount"));
        Set(fields, "p:loan.caps.rows[0].amount", "400万");
        Set(fields, "p:loan.caps.rows[4].id", "D-8");
        fields.Add(new("p:loan.caps.rows[4].levels", "province"));
        fields.Add(new("p:loan.caps.rows[4].levels", "kunshan"));
        Set(fields, "p:loan.caps.rows[4].per", "enterprise");
        Set(fields, "p:loan.caps.rows[4].amount", "8,000,000");
        using var post = await s.PostFormAsync("/simulate", fields);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var to = Session.RedirectPath(post)!;
        var set = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + to).Query)["set"].ToString();
        var expected = "loan.caps=[{ id: \"D-6a\", levels: [province], per: project, amount: 4000000 }, { id: \"D-6b\", levels: [province], per: enterprise, amount: 10000000 }, "
            + "{ id: \"D-7a\", levels: [suzhou], per: enterprise, amount: 3000000 }, { id: \"D-7b\", levels: [kunshan], per: enterprise, amount: 3000000 }, "
            + "{ id: \"D-8\", levels: [province, kunshan], per: enterprise, amount: 8000000 }]";
        Assert.Equal(expected, set);

        var html = WebUtility.HtmlDecode(await s.PageAsync(to));
        var change = IndependentChange(new KeyValuePair<string, string>("loan.caps", expected["loan.caps=".Length..]));
        Assert.Contains($"差额 {change.ToString("+#,##0.00;-#,##0.00;0.00", System.Globalization.CultureInfo.InvariantCulture)} 元", Session.StatusText(html) ?? "", StringComparison.Ordinal);
        Assert.Contains("D-8 省级与昆山市级合计 · 每企业 · 800 万元（8,000,000.00 元）", html, StringComparison.Ordinal); // the changes, in words
        Assert.Contains("name=\"p:loan.caps.rows[4].id\" value=\"D-8\"", html, StringComparison.Ordinal); // the editor shows the simulated table

        // A row half filled is refused naming the row and the field; what was typed stays.
        Set(fields, "p:loan.caps.rows[5].id", "D-9");
        using var bad = await s.PostFormAsync("/simulate", fields);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Equal("贴息上限表（loan.caps）：第 6 行的层级未选择：至少选一个层级", Session.ErrorText(page));
        Assert.Contains("name=\"p:loan.caps.rows[5].id\" value=\"D-9\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"p:loan.caps.rows[0].amount\" value=\"400万\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_WithABadValue_ShowsTheErrorAndTheValueAsGiven()
    {
        using var s = await app.SignInAsync("shiju");
        var html = await s.PageAsync("/simulate?year=2025&set=loan.kunshan.rate%3Dx");
        Assert.Contains("loan.kunshan.rate", Session.ErrorText(html), StringComparison.Ordinal);
        Assert.Contains("name=\"p:loan.kunshan.rate\" value=\"x\"", html, StringComparison.Ordinal);
        var ok = await s.PageAsync("/simulate?year=2025&set=loan.kunshan.rate%3D0.015");
        Assert.Contains("name=\"p:loan.kunshan.rate\" value=\"1.5\"", ok, StringComparison.Ordinal); // the editor shows percent
        Assert.Contains("name=\"set\" value=\"loan.kunshan.rate=0.015\"", ok, StringComparison.Ordinal); // saving keeps the canonical text
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
    public async Task Page_ListsTheSavedSimulations_WithTheirChangesInWords()
    {
        using var s = await app.SignInAsync("shiju");
        using var save = await s.PostFormAsync("/simulate?handler=Save", new Dictionary<string, string>
        {
            ["year"] = "2025", ["name"] = "昆山贴息 1.5 个百分点（列表）", ["set"] = "loan.kunshan.rate=0.015",
        });
        var link = Session.RedirectPath(save)!;
        using var finance = await app.SignInAsync("caizheng");
        var html = WebUtility.HtmlDecode(await finance.PageAsync("/simulate?year=2025"));
        Assert.Contains($"<a href=\"{link}\">昆山贴息 1.5 个百分点（列表）</a>", html, StringComparison.Ordinal);
        Assert.Contains("昆山市级贴息：1.5%", html, StringComparison.Ordinal);
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

    /// <summary>The fields the simulation form posts as the page renders it: inputs, checked boxes, selected options, text areas.</summary>
    private static List<KeyValuePair<string, string>> FormFields(string html)
    {
        var start = html.IndexOf("aria-label=\"模拟参数\"", StringComparison.Ordinal);
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        static string? Attr(string tag, string name) =>
            System.Text.RegularExpressions.Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(form,
            "<input\\b[^>]*>|<select\\b[^>]*>.*?</select>|<textarea\\b[^>]*>(.*?)</textarea>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var tag = m.Value[..(m.Value.IndexOf('>', StringComparison.Ordinal) + 1)];
            if (Attr(tag, "name") is not { } name || name == "__RequestVerificationToken") continue;
            if (tag.StartsWith("<textarea", StringComparison.Ordinal)) { fields.Add(new(name, WebUtility.HtmlDecode(m.Groups[1].Value))); continue; }
            if (tag.StartsWith("<select", StringComparison.Ordinal))
            {
                var options = System.Text.RegularExpressions.Regex.Matches(m.Value, "<option\\b[^>]*>").Select(o => o.Value).ToList();
                var chosen = options.FirstOrDefault(o => o.Contains(" selected", StringComparison.Ordinal)) ?? options.FirstOrDefault();
                if (chosen is not null) fields.Add(new(name, Attr(chosen, "value") ?? ""));
                continue;
            }
            if (Attr(tag, "type") is "checkbox" or "radio" && !tag.Contains(" checked", StringComparison.Ordinal)) continue;
            fields.Add(new(name, Attr(tag, "value") ?? ""));
        }
        return fields;
    }

    private static string Single(List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    private static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }
}

[Collection(SqliteFixture.Name)]
public sealed class SimulationOnSqliteTests(SqliteApp app) : SimulationTests(app);

[Collection(PostgresFixture.Name)]
public sealed class SimulationOnPostgresTests(PostgresApp app) : SimulationTests(app);
