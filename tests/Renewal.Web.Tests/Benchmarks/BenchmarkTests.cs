using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Benchmarks;

/// <summary>
/// 标杆企业 on the pages and the API (issue 14 item 3): anyone reads the published selection and only the figures each
/// enterprise agreed to; a district nominates only its own area and cannot score; the bureau scores and selects; the
/// enterprise answers only for its own selection; the dashboard counts the benchmark enterprises by industry.
/// </summary>
[Collection(BenchmarkFixture.Name)]
public sealed class BenchmarkTests(BenchmarkApp app)
{
    private static string S(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A page's refusal: the sign-in cookie's redirect to /account/denied.</summary>
    private static void Denied(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/account/denied", Session.RedirectPath(r), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_SeesThePublishedSelection_AndOnlyTheFiguresAgreedTo_NeverAContact()
    {
        int agreed, unanswered, open;
        string agreedName, unansweredName, phone;
        using (var db = app.Db())
        {
            var selected = await db.BenchmarkNominations.AsNoTracking().Include(n => n.Enterprise).Where(n => n.Selected).OrderBy(n => n.Id).ToListAsync();
            agreed = selected[0].Id;
            agreedName = selected[0].Enterprise!.Name;
            phone = selected[0].Enterprise!.ContactPhone ?? "13800000000";
            unanswered = selected[1].Id;
            unansweredName = selected[1].Enterprise!.Name;
            open = selected[0].RoundId;
        }
        using var anyone = app.Anonymous();
        var list = await anyone.PageAsync("/benchmarks");
        Assert.Contains(agreedName, list);
        Assert.Contains(unansweredName, list);
        Assert.DoesNotContain("提名中", list);
        var page = await anyone.PageAsync($"/benchmarks/{agreed}");
        Assert.Contains("设备投资（2024—2027 年，元）", page);
        Assert.Contains("入选理由", page);
        Assert.DoesNotContain(phone, page);
        var other = await anyone.PageAsync($"/benchmarks/{unanswered}");
        Assert.Contains("企业尚未同意公开具体数据", other);
        Assert.DoesNotContain("设备投资（2024—2027 年，元）", other);
        var api = await anyone.JsonAsync<JsonElement>($"/api/v1/benchmarks/{unanswered}");
        Assert.Equal(JsonValueKind.Null, api.GetProperty("equipment").ValueKind);
        Assert.Equal(JsonValueKind.Null, api.GetProperty("projects").ValueKind);
        Assert.Contains(await anyone.JsonAsync<JsonElement[]>("/api/v1/benchmarks"), e => e.GetProperty("id").GetInt32() == unanswered);
        // The rounds themselves are the government's.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/api/v1/benchmarks/rounds")).StatusCode);
        using var qiye = await app.SignInAsync("qiye");
        Denied(await qiye.GetAsync($"/benchmarks/rounds/{open}"));
    }

    [Fact]
    public async Task ADistrict_NominatesItsOwnArea_CannotScoreOrSelect_TheBureauDoes_TheEnterpriseAnswersForItsOwnOnly()
    {
        var d = app.Data;
        int round, foreign, ownProject, neighbour;
        using (var db = app.Db())
        {
            round = await db.BenchmarkRounds.Where(r => r.Status == BenchmarkRoundStatus.Nominating).Select(r => r.Id).SingleAsync();
            foreign = await db.Enterprises.Where(e => e.Area != d.DistrictArea).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            neighbour = await db.Enterprises.Where(e => e.Area == d.DistrictArea && e.Id != d.DemoEnterpriseId && e.Projects.Any()).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            ownProject = d.OwnProjectId;
        }
        using var quzhen = await app.SignInAsync("quzhen");
        using var shiju = await app.SignInAsync("shiju");
        using var qiye = await app.SignInAsync("qiye");
        using var qiye2 = await app.SignInAsync("qiye2");

        // Outside its area: refused on the API and on the page.
        using (var r = await quzhen.PostJsonAsync($"/api/v1/benchmarks/rounds/{round}/nominations", new { enterpriseId = foreign, reason = "x", targets = "y", projects = new[] { 1 } }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await quzhen.PostFormAsync($"/benchmarks/rounds/{round}/nominate", [new("enterpriseId", S(foreign)), new("reason", "x"), new("targets", "y")]))
            Denied(r);
        Denied(await quzhen.GetAsync($"/benchmarks/rounds/{round}/nominate?Enterprise={foreign}"));
        // The bureau does not nominate.
        using (var r = await shiju.PostJsonAsync($"/api/v1/benchmarks/rounds/{round}/nominations", new { enterpriseId = d.DemoEnterpriseId, reason = "x", targets = "y", projects = new[] { ownProject } }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        // Its own area: the page shows the figures beside the criteria; the nomination is made.
        var form = await quzhen.PageAsync($"/benchmarks/rounds/{round}/nominate?Enterprise={d.DemoEnterpriseId}");
        Assert.Contains("2024—2027 年设备投资", form);
        var (nominated, after) = await quzhen.SubmitFormAsync($"/benchmarks/rounds/{round}/nominate",
            [new("enterpriseId", S(d.DemoEnterpriseId)), new("reason", "数字化改造成效突出"), new("targets", "2027 年单位产值能耗下降 10%"), new("projects", S(ownProject))]);
        Assert.Equal(HttpStatusCode.Redirect, nominated.StatusCode);
        Assert.Contains("已提名", Session.StatusText(after));
        int nomination;
        using (var db = app.Db()) nomination = await db.BenchmarkNominations.Where(n => n.RoundId == round && n.EnterpriseId == d.DemoEnterpriseId).Select(n => n.Id).SingleAsync();
        using (var r = await quzhen.PostJsonAsync($"/api/v1/benchmarks/rounds/{round}/nominations", new { enterpriseId = neighbour, reason = "x", targets = "y", projects = Array.Empty<int>() }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("请至少选择一个展示项目（projects）", await r.Content.ReadAsStringAsync());
        }

        // The bureau closes nominations; the district cannot score or select.
        var version = (await shiju.JsonAsync<JsonElement>($"/api/v1/benchmarks/rounds/{round}")).GetProperty("version").GetInt64();
        using (var r = await shiju.PostJsonAsync($"/api/v1/benchmarks/rounds/{round}/close", new { version })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var criteria = (await shiju.JsonAsync<JsonElement>($"/api/v1/benchmarks/rounds/{round}")).GetProperty("criteria").EnumerateArray()
            .Select(c => (Id: c.GetProperty("id").GetInt32(), Max: c.GetProperty("maxScore").GetInt32())).ToList();
        using (var r = await quzhen.PostJsonAsync($"/api/v1/benchmarks/nominations/{nomination}/scores", new { criterionId = criteria[0].Id, score = 1, reason = "x" }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await quzhen.PostFormAsync($"/benchmarks/rounds/{round}?handler=Score", [new("nominationId", S(nomination)), new("criterionId", S(criteria[0].Id)), new("score", "1"), new("reason", "x")]))
            Denied(r);
        // Over the maximum on the page: the reason names the field.
        var (over, overHtml) = await shiju.SubmitFormAsync($"/benchmarks/rounds/{round}?handler=Score",
            [new("nominationId", S(nomination)), new("criterionId", S(criteria[0].Id)), new("score", S(criteria[0].Max + 1)), new("reason", "超出")]);
        Assert.Equal(HttpStatusCode.OK, over.StatusCode);
        Assert.Contains($"得分（score）应为 0—{criteria[0].Max} 的整数", Session.ErrorText(overHtml) ?? overHtml[..Math.Min(3000, overHtml.Length)]);
        foreach (var c in criteria)
        {
            using var r = await shiju.PostJsonAsync($"/api/v1/benchmarks/nominations/{nomination}/scores", new { criterionId = c.Id, score = c.Max, reason = "依据项目库数据" });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        version = (await shiju.JsonAsync<JsonElement>($"/api/v1/benchmarks/rounds/{round}")).GetProperty("version").GetInt64();
        using (var r = await quzhen.PostJsonAsync($"/api/v1/benchmarks/nominations/{nomination}/select", new { version, reason = "x" })) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var (selected, selectedHtml) = await shiju.SubmitFormAsync($"/benchmarks/rounds/{round}?handler=Select", [new("nominationId", S(nomination)), new("version", version.ToString(CultureInfo.InvariantCulture)), new("reason", "满分")]);
        Assert.Equal(HttpStatusCode.Redirect, selected.StatusCode);
        Assert.Contains("已选定为标杆企业", Session.StatusText(selectedHtml));
        // The district sees its area's nomination and its total.
        var roundPage = await quzhen.PageAsync($"/benchmarks/rounds/{round}");
        Assert.Contains("100 / 100", roundPage);

        // The enterprise answers for its own selection only.
        var consents = await qiye.JsonAsync<JsonElement[]>("/api/v1/benchmarks/consent");
        var mine = Assert.Single(consents);
        Assert.Equal(nomination, mine.GetProperty("nominationId").GetInt32());
        Assert.Empty(await qiye2.JsonAsync<JsonElement[]>("/api/v1/benchmarks/consent"));
        var nv = mine.GetProperty("version").GetInt64();
        using (var r = await qiye2.PostJsonAsync($"/api/v1/benchmarks/nominations/{nomination}/consent", new { version = nv, projects = true, equipment = true, digital = true, award = true, targets = true }))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await shiju.PostJsonAsync($"/api/v1/benchmarks/nominations/{nomination}/consent", new { version = nv, projects = true, equipment = true, digital = true, award = true, targets = true }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Denied(await qiye2.PostFormAsync("/benchmarks/rounds?handler=Create", [new("Form.Name", "x")]));
        var (consented, consentHtml) = await qiye.SubmitFormAsync("/benchmarks/consent", [new("nominationId", S(nomination)), new("version", nv.ToString(CultureInfo.InvariantCulture)), new("publish", "projects")]);
        Assert.Equal(HttpStatusCode.Redirect, consented.StatusCode);
        Assert.Contains("已保存公开内容确认", Session.StatusText(consentHtml));

        // Not published yet: not public.
        using var anyone = app.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/benchmarks/{nomination}")).StatusCode);
        version = (await shiju.JsonAsync<JsonElement>($"/api/v1/benchmarks/rounds/{round}")).GetProperty("version").GetInt64();
        using (var r = await shiju.PostJsonAsync($"/api/v1/benchmarks/rounds/{round}/publish", new { version })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var page = await anyone.PageAsync($"/benchmarks/{nomination}");
        Assert.Contains("改造项目", page);
        Assert.DoesNotContain("设备投资（2024—2027 年，元）", page);

        // The dashboard counts the benchmark enterprises by industry (three now: the demo's two and this one).
        var home = await shiju.PageAsync("/");
        Assert.Contains("标杆企业（按行业大类）", home);
        using (var db = app.Db())
        {
            Assert.Equal(3, Renewal.Services.Benchmarks.BenchmarkService.CountByIndustry(db, null).Sum(c => c.Count));
            Assert.Contains(await db.Audit.AsNoTracking().Select(a => a.Entity).Distinct().ToListAsync(), e => e == "benchmark_score");
        }
    }
}

public sealed class BenchmarkApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class BenchmarkFixture : ICollectionFixture<BenchmarkApp>
{
    public const string Name = "web on SQLite, benchmarks";
}
