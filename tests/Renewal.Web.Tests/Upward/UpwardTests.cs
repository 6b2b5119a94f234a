using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Upward;

/// <summary>
/// 向上争取 on the pages and the API (issue 14 item 2): the bureau recommends, records 已受理 and 已获批, and the budget shows
/// the matching money; districts read their area's, finance all, the enterprise its own on /enterprise, banks nothing —
/// each refused on the server.
/// </summary>
[Collection(UpwardFixture.Name)]
public sealed class UpwardTests(UpwardApp app)
{
    private const int Suzhou = 2, National = 3;

    private static int IdOf(HttpResponseMessage r) => int.Parse(Session.RedirectPath(r)!.Split('/')[^1], CultureInfo.InvariantCulture);

    private static decimal Matching(JsonElement budget, string level, int year) =>
        budget.GetProperty("upward").GetProperty("byLevel").GetProperty(level).GetProperty(year.ToString(CultureInfo.InvariantCulture)).GetProperty("matching").GetDecimal();

    [Fact]
    public async Task TheBureauRecommendsAndRecordsTheOutcome_TheBudgetShowsTheMatchingMoney_TheEnterpriseReadsIt()
    {
        var d = app.Data;
        string code, name;
        using (var db = app.Db())
        {
            (code, name) = await db.Projects.Where(p => p.Id == d.OwnProjectId).Select(p => ValueTuple.Create(p.Code, p.Name)).SingleAsync();
        }
        using var shiju = await app.SignInAsync("shiju");
        using var caizheng = await app.SignInAsync("caizheng");
        var before = Matching(await caizheng.JsonAsync<JsonElement>("/api/v1/budget"), "suzhou", 2026);

        // The library's project page links to the form with the code filled in.
        Assert.Contains($"/upward?project={Uri.EscapeDataString(code)}#recommend", await shiju.PageAsync($"/library/projects/{d.OwnProjectId}"));
        Assert.Contains($"value=\"{code}\"", await shiju.PageAsync($"/upward?project={Uri.EscapeDataString(code)}"));

        var (missing, refused) = await shiju.SubmitFormAsync("/upward?handler=Recommend", [new("programmeId", "2"), new("project", "不存在的项目"), new("year", "2026"), new("reason", "理由")]);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal("项目库中没有编号或名称为“不存在的项目”的项目（project）", Session.ErrorText(refused));
        using var recommended = await shiju.PostFormAsync("/upward?handler=Recommend", [new("programmeId", "2"), new("project", code), new("year", "2026"), new("reason", "年度设备投资大")]);
        Assert.Equal(HttpStatusCode.Redirect, recommended.StatusCode);
        var id = IdOf(recommended);
        var (again, twice) = await shiju.SubmitFormAsync("/upward?handler=Recommend", [new("programmeId", "2"), new("project", code), new("year", "2026"), new("reason", "再次")]);
        Assert.Contains("同一项目、同一上级项目、同一年度只能推荐一次", Session.ErrorText(twice));

        using (var accepted = await shiju.PostFormAsync($"/upward/{id}?handler=Accept", [new("version", "1"), new("acceptedOn", "2026-02-27"), new("note", "已受理")]))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var (bad, badPage) = await shiju.SubmitFormAsync($"/upward/{id}?handler=Approve", [new("version", "2"), new("amount", "一百万"), new("approvedOn", "2026-03-01"), new("documentNumber", "苏工信〔2026〕9号")]);
        Assert.Contains("获批金额（amount）", Session.ErrorText(badPage));
        using (var approved = await shiju.PostFormAsync($"/upward/{id}?handler=Approve", [new("version", "2"), new("amount", "1000000.01"), new("approvedOn", "2026-03-01"), new("documentNumber", "苏工信〔2026〕9号")]))
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var detail = await shiju.PageAsync($"/upward/{id}");
        Assert.Contains("已获批", detail);
        Assert.Contains("500,000.01", detail); // 1,000,000.01 × 0.5 = 500,000.005 → 500,000.01
        Assert.Contains("办理记录", detail);

        // The budget: the JSON gains exactly the matching money; the page shows the section.
        var budget = await caizheng.JsonAsync<JsonElement>("/api/v1/budget");
        Assert.Equal(before + 500_000.01m, Matching(budget, "suzhou", 2026));
        Assert.True(budget.GetProperty("total").TryGetProperty("approved", out _), "the existing fields stay");
        var page = await caizheng.PageAsync("/budget");
        Assert.Contains("向上争取配套资金", page);
        Assert.Contains("苏州市级", page);

        // The enterprise reads it on its page, read-only; the API gives it its own projects' only.
        using var qiye = await app.SignInAsync("qiye");
        var mine = await qiye.PageAsync("/enterprise");
        Assert.Contains("苏州市工业企业有效投入奖补", mine);
        Assert.Contains(name, mine);
        var list = await qiye.JsonAsync<JsonElement>("/api/v1/upward/recommendations");
        Assert.All(list.GetProperty("items").EnumerateArray(), r => Assert.Equal(d.DemoCreditCode, r.GetProperty("creditCode").GetString()));
        using (var move = await qiye.PostJsonAsync($"/api/v1/upward/recommendations/{id}/withdraw", new { version = 3, reason = "企业要求" }))
            Assert.Equal(HttpStatusCode.Forbidden, move.StatusCode);

        // The audit log says it in words: the object, the amounts, the matching money.
        var audit = await shiju.PageAsync("/audit?Filter.Entity=upward_recommendation");
        Assert.Contains("向上争取推荐", audit);
        Assert.Contains("获批金额", audit);
        Assert.Contains("昆山配套资金", audit);
        Assert.Contains("500,000.01", audit);
        using var db2 = app.Db();
        Assert.Equal(["向上争取：已推荐", "向上争取：已受理", "向上争取：已获批"],
            await db2.Audit.Where(a => a.Entity == "upward_recommendation" && a.EntityId.StartsWith(code + "|2026|苏州")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task TheApi_RecommendsByCode_MovesAgainstTheVersion_AndRefusesInChinese()
    {
        var d = app.Data;
        string code;
        using (var db = app.Db()) code = await db.Projects.Where(p => p.Id == d.ForeignProjectId).Select(p => p.Code).SingleAsync();
        using var admin = await app.SignInAsync("admin");
        using var created = await admin.PostJsonAsync("/api/v1/upward/recommendations", new { programmeId = National, projectCode = code, year = 2027, reason = "重点技改项目" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = row.GetProperty("id").GetInt32();
        Assert.Equal(("Recommended", "已推荐"), (row.GetProperty("status").GetString(), row.GetProperty("statusLabel").GetString()));
        using (var early = await admin.PostJsonAsync($"/api/v1/upward/recommendations/{id}/approve", new { version = 1, amount = 1000m, approvedOn = "2026-03-01", documentNumber = "文" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("尚未受理的推荐不能登记审批结果", await early.Content.ReadAsStringAsync());
        }
        using (var noVersion = await admin.PostJsonAsync($"/api/v1/upward/recommendations/{id}/accept", new { note = "受理" }))
            Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        using (var ok = await admin.PostJsonAsync($"/api/v1/upward/recommendations/{id}/withdraw", new { version = 1, reason = "企业放弃" }))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var stale = await admin.PostJsonAsync($"/api/v1/upward/recommendations/{id}/accept", new { version = 1 }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // The district does not see another area's recommendation: 404, and not in its list.
        using var quzhen = await app.SignInAsync("quzhen");
        Assert.Equal(HttpStatusCode.NotFound, (await quzhen.GetAsync($"/upward/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await quzhen.GetAsync($"/api/v1/upward/recommendations/{id}")).StatusCode);
        var theirs = await quzhen.JsonAsync<JsonElement>("/api/v1/upward/recommendations");
        Assert.All(theirs.GetProperty("items").EnumerateArray(), r => Assert.Equal(d.DistrictArea, r.GetProperty("area").GetString()));
        Assert.NotEqual(0, theirs.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task TheBureauKeepsTheProgrammes_OthersOnlyRead()
    {
        using var shiju = await app.SignInAsync("shiju");
        var (bad, badPage) = await shiju.SubmitFormAsync("/upward/programmes?handler=Save", [new("form.Name", "省工业互联网专项"), new("form.Level", "Province"), new("form.MatchingShare", "11"), new("form.Active", "true")]);
        Assert.Equal("配套比例（matching_share）应在 0 到 10 之间（1 表示 1:1 配套）", Session.ErrorText(badPage));
        using (var ok = await shiju.PostFormAsync("/upward/programmes?handler=Save", [new("form.Name", "省工业互联网专项"), new("form.Level", "Province"), new("form.MatchingShare", "0.3"), new("form.Active", "true")]))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var programmes = await shiju.JsonAsync<JsonElement>("/api/v1/upward/programmes");
        var added = programmes.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "省工业互联网专项");
        Assert.Equal((0.3m, "省级", true), (added.GetProperty("matchingShare").GetDecimal(), added.GetProperty("levelLabel").GetString(), added.GetProperty("active").GetBoolean()));
        Assert.Contains("1:0.3", await shiju.PageAsync("/upward/programmes"));

        using var caizheng = await app.SignInAsync("caizheng");
        var read = await caizheng.PageAsync("/upward/programmes");
        Assert.Contains("苏州市工业企业有效投入奖补", read);
        Assert.DoesNotContain("新增上级项目", read);
        using (var post = await caizheng.PostJsonAsync("/api/v1/upward/programmes", new { name = "财政新增", level = "Suzhou", matchingShare = 1 }))
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    /// <summary>Who reaches what: pages for the government (an enterprise and a bank are refused), the enterprise through /enterprise, a bank nowhere.</summary>
    [Theory]
    [InlineData("qiye", "/upward", false)]
    [InlineData("yinhang", "/upward", false)]
    [InlineData("yinhang", "/upward/programmes", false)]
    [InlineData("quzhen", "/upward", true)]
    [InlineData("caizheng", "/upward", true)]
    [InlineData("shiju", "/upward", true)]
    [InlineData("admin", "/upward/programmes", true)]
    public async Task ThePages_AreForTheGovernment(string user, string path, bool allowed)
    {
        using var s = await app.SignInAsync(user);
        using var r = await s.GetAsync(path);
        if (allowed) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        else Assert.Equal("/account/denied", Session.RedirectPath(r)?.Split('?')[0]);
        var nav = await s.PageAsync("/library");
        Assert.Equal(user is "quzhen" or "caizheng" or "shiju" or "admin", nav.Contains("href=\"/upward\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("yinhang", "/api/v1/upward/recommendations", HttpStatusCode.Forbidden)]
    [InlineData("yinhang", "/api/v1/upward/programmes", HttpStatusCode.Forbidden)]
    [InlineData("qiye", "/api/v1/upward/programmes", HttpStatusCode.Forbidden)]
    [InlineData("qiye", "/api/v1/upward/recommendations", HttpStatusCode.OK)]
    [InlineData("quzhen", "/api/v1/upward/programmes", HttpStatusCode.OK)]
    public async Task TheApi_Reads_ByRole(string user, string path, HttpStatusCode expected)
    {
        using var s = await app.SignInAsync(user);
        using var r = await s.GetAsync(path);
        Assert.Equal(expected, r.StatusCode);
    }

    [Theory]
    [InlineData("quzhen")]
    [InlineData("caizheng")]
    [InlineData("qiye")]
    [InlineData("yinhang")]
    public async Task OnlyTheBureau_Recommends(string user)
    {
        var d = app.Data;
        using var s = await app.SignInAsync(user);
        using var api = await s.PostJsonAsync("/api/v1/upward/recommendations", new { programmeId = Suzhou, projectId = d.NeighbourProjectId, year = 2025, reason = "越权" });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using var page = await s.PostFormAsync("/upward?handler=Recommend", [new("programmeId", "2"), new("project", d.NeighbourProjectId.ToString(CultureInfo.InvariantCulture)), new("year", "2025"), new("reason", "越权")]);
        Assert.NotEqual(HttpStatusCode.Redirect == page.StatusCode ? Session.RedirectPath(page)?.StartsWith("/upward/", StringComparison.Ordinal) : false, true);
        using var db = app.Db();
        Assert.False(await db.UpwardRecommendations.AnyAsync(r => r.ProjectId == d.NeighbourProjectId && r.Year == 2025 && r.ProgrammeId == Suzhou));
    }
}

public sealed class UpwardApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class UpwardFixture : ICollectionFixture<UpwardApp>
{
    public const string Name = "web on SQLite, upward";
}
