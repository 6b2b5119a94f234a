using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Visits;

/// <summary>
/// 走访与项目征集 on the pages and the API (issue 14 item 1): the district records a visit from its form, the enterprise
/// confirms the intention on /enterprise and the project is in the library; who may do what, per role — an enterprise
/// records no visit, a district sees no other area's visit (404), a bank and finance see nothing.
/// </summary>
[Collection(VisitFixture.Name)]
public sealed class VisitWebTests(VisitApp app)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private int NeighbourEnterprise()
    {
        using var db = app.Db();
        return db.Projects.Where(p => p.Id == app.Data.NeighbourProjectId).Select(p => p.EnterpriseId).Single();
    }

    private int ForeignEnterprise()
    {
        using var db = app.Db();
        return db.Projects.Where(p => p.Id == app.Data.ForeignProjectId).Select(p => p.EnterpriseId).Single();
    }

    [Fact]
    public async Task TheDistrictRecordsAVisitOnItsForm_TheEnterpriseConfirms_AndTheProjectIsInTheLibrary()
    {
        var d = app.Data;
        using var quzhen = await app.SignInAsync("quzhen");
        using var qiye = await app.SignInAsync("qiye");
        var form = await quzhen.PageAsync("/visits/new");
        Assert.Contains("更新意向 1", form);
        var (post, html) = await quzhen.SubmitFormAsync("/visits/new",
        [
            new("Form.EnterpriseId", d.DemoEnterpriseId.ToString(CultureInfo.InvariantCulture)), new("Form.VisitedOn", Day(app.Clock.Today)),
            new("Form.PeopleMet[0].Name", "赵工"), new("Form.PeopleMet[0].Title", "设备科长"),
            new("Form.Plans[0].Name", "网页测试：焊装线机器人改造"), new("Form.Plans[0].Kind", "Renovation"), new("Form.Plans[0].FromYear", "2026"),
            new("Form.Plans[0].ToYear", "2027"), new("Form.Plans[0].Equipment", "8,000,000"), new("Form.Plans[0].Digital", "2000000"), new("Form.Plans[0].Tasks", "3"),
            new("Form.EquipmentSeen", "焊装线 2010 年设备"), new("Form.FollowUpRows[0].Text", "送政策材料"), new("Form.FollowUpRows[0].DueOn", Day(app.Clock.Today.AddDays(7))),
        ]);
        Assert.True(post.StatusCode == HttpStatusCode.Redirect, html);
        var visitPath = Session.RedirectPath(post)!;
        var visit = await quzhen.PageAsync(visitPath);
        Assert.Contains("网页测试：焊装线机器人改造", visit);
        Assert.Contains("待企业确认", visit);

        var mine = await qiye.PageAsync("/enterprise");
        Assert.Contains("待确认的征集项目", mine);
        Assert.Contains("网页测试：焊装线机器人改造", mine);
        var drafts = await qiye.JsonAsync<JsonElement[]>("/api/v1/visits/drafts?status=Pending");
        var draft = drafts.Single(x => x.GetProperty("name").GetString() == "网页测试：焊装线机器人改造");
        var id = draft.GetProperty("id").GetInt32();
        using (var confirm = await qiye.PostFormAsync("/enterprise/collected?handler=Confirm",
            [new("id", id.ToString(CultureInfo.InvariantCulture)), new("version", draft.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        }
        using (var db = app.Db())
        {
            var project = await db.Projects.Include(p => p.Investments).SingleAsync(p => p.Code == $"ZJ-{id:D6}");
            Assert.Equal((d.DemoEnterpriseId, "网页测试：焊装线机器人改造"), (project.EnterpriseId, project.Name));
            Assert.Equal(8_000_000m, project.Investments.Sum(i => i.Equipment));
            var library = await quzhen.PageAsync($"/library/projects/{project.Id}");
            Assert.Contains("网页测试：焊装线机器人改造", library);
        }
        Assert.Contains("已入库", await quzhen.PageAsync(visitPath));
    }

    [Fact]
    public async Task AFutureDate_IsRefusedOnThePage_NamingTheField_AndNothingIsSaved()
    {
        using var quzhen = await app.SignInAsync("quzhen");
        int before;
        using (var db = app.Db()) before = await db.Visits.CountAsync();
        var (post, html) = await quzhen.SubmitFormAsync("/visits/new",
        [
            new("Form.EnterpriseId", app.Data.DemoEnterpriseId.ToString(CultureInfo.InvariantCulture)), new("Form.VisitedOn", Day(app.Clock.Today.AddDays(1))),
            new("Form.PeopleMet[0].Name", "赵工"), new("Form.Plans[0].Name", "负数"), new("Form.Plans[0].FromYear", "2026"), new("Form.Plans[0].Equipment", "-5"),
        ]);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("走访日期（visitedOn）", html);
        Assert.Contains("晚于今天", html);
        Assert.Contains("第 1 个更新意向的计划设备投资（intentions[0].equipment）不能为负数", html);
        Assert.Contains("赵工", html); // what was typed is kept
        using (var db = app.Db()) Assert.Equal(before, await db.Visits.CountAsync());
    }

    /// <summary>A page refused: sent to the access-denied page.</summary>
    private static async Task DeniedAsync(Session who, string path)
    {
        using var r = await who.GetAsync(path);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect && Session.RedirectPath(r)!.StartsWith("/account/denied", StringComparison.Ordinal), $"{path}: {r.StatusCode} {Session.RedirectPath(r)}");
    }

    [Fact]
    public async Task EachRole_DoesOnlyItsPart()
    {
        using var quzhen = await app.SignInAsync("quzhen");
        using var shiju = await app.SignInAsync("shiju");
        using var qiye = await app.SignInAsync("qiye");
        using var yinhang = await app.SignInAsync("yinhang");
        using var caizheng = await app.SignInAsync("caizheng");
        var today = Day(app.Clock.Today);
        object Body(int enterprise) => new { enterpriseId = enterprise, visitedOn = today, people = new[] { new { name = "钱经理" } } };

        // The enterprise records no visit, nor reads any; a bank and finance neither.
        foreach (var who in new[] { qiye, yinhang, caizheng })
        {
            using var record = await who.PostJsonAsync("/api/v1/visits", Body(app.Data.DemoEnterpriseId));
            Assert.Equal(HttpStatusCode.Forbidden, record.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.GetAsync("/api/v1/visits")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await who.GetAsync("/api/v1/visits/coverage")).StatusCode);
            await DeniedAsync(who, "/visits");
            await DeniedAsync(who, "/visits/new");
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await yinhang.GetAsync("/api/v1/visits/drafts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await caizheng.GetAsync("/api/v1/visits/drafts")).StatusCode);
        await DeniedAsync(yinhang, "/enterprise/collected");

        // The district visits its area only; the bureau anywhere.
        using (var outside = await quzhen.PostJsonAsync("/api/v1/visits", Body(ForeignEnterprise())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
            Assert.Contains("不在本区镇", await outside.Content.ReadAsStringAsync());
        }
        using var neighbour = await quzhen.PostJsonAsync("/api/v1/visits", Body(NeighbourEnterprise()));
        Assert.Equal(HttpStatusCode.Created, neighbour.StatusCode);
        using var foreign = await shiju.PostJsonAsync("/api/v1/visits", Body(ForeignEnterprise()));
        Assert.Equal(HttpStatusCode.Created, foreign.StatusCode);
        var foreignId = JsonDocument.Parse(await foreign.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        // Another area's visit is not there for the district.
        Assert.Equal(HttpStatusCode.NotFound, (await quzhen.GetAsync($"/visits/{foreignId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await quzhen.GetAsync($"/api/v1/visits/{foreignId}")).StatusCode);
        Assert.DoesNotContain(await quzhen.JsonAsync<JsonElement[]>("/api/v1/visits"), v => v.GetProperty("id").GetInt32() == foreignId);
        Assert.Equal(HttpStatusCode.OK, (await shiju.GetAsync($"/visits/{foreignId}")).StatusCode);

        // The district confirms nothing for the enterprise; coverage pages answer for district and bureau.
        using (var confirm = await quzhen.PostJsonAsync("/api/v1/visits/drafts/1/confirm", new { version = 1 }))
            Assert.Equal(HttpStatusCode.Forbidden, confirm.StatusCode);
        Assert.Contains("走访覆盖情况", await quzhen.PageAsync("/visits/coverage"));
        var all = await shiju.PageAsync("/visits/coverage");
        Assert.Contains("按区镇", all);
        var coverage = await quzhen.JsonAsync<JsonElement>("/api/v1/visits/coverage?area=%E5%BC%A0%E6%B5%A6%E9%95%87");
        Assert.Equal(app.Data.DistrictArea, coverage.GetProperty("area").GetString());
        Assert.Contains("/visits", await quzhen.PageAsync("/"));
    }

    [Fact]
    public async Task TheCoverage_DownloadsAsXlsx_WithTheSameFigures_InTheDistrictsOwnScope()
    {
        using var quzhen = await app.SignInAsync("quzhen");
        var json = JsonDocument.Parse(await quzhen.PageAsync("/api/v1/visits/coverage")).RootElement;
        using var r = await quzhen.GetAsync("/visits/coverage?handler=Xlsx&Area=" + Uri.EscapeDataString("张浦镇"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType?.MediaType);
        using var xlsx = Renewal.Exchange.Xlsx.XlsxPackage.Open(new MemoryStream(await r.Content.ReadAsByteArrayAsync()), 10_000_000);
        Assert.Equal(["区镇覆盖", "行业覆盖", "每月走访", "征集项目对照目标"], xlsx.SheetNames);
        static string Cell(Renewal.Exchange.Xlsx.XRow row, int i) => row.Cells[i].Value;
        var areas = xlsx.Rows("区镇覆盖").Select(row => Enumerable.Range(0, 10).Select(i => Cell(row, i)).ToArray()).ToList();
        Assert.Equal(Renewal.Services.Visits.VisitWorkbook.AreaHeaders, areas[0]);
        // A district asking for another area still gets its own (the scope is the server's): one area row and the total.
        var area = json.GetProperty("byArea")[0];
        Assert.Equal(2, areas.Count - 1);
        Assert.Equal([area.GetProperty("area").GetString()!, area.GetProperty("enterprises").GetInt32().ToString(CultureInfo.InvariantCulture),
            area.GetProperty("visited").GetInt32().ToString(CultureInfo.InvariantCulture)], areas[1][..3]);
        Assert.Equal(area.GetProperty("plannedEquipment").GetDecimal(), decimal.Parse(areas[1][8], CultureInfo.InvariantCulture));
        var years = xlsx.Rows("征集项目对照目标").Skip(1).Take(4).Select(row => (Cell(row, 0), decimal.Parse(Cell(row, 3), CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(json.GetProperty("byYear").EnumerateArray().Select(y => (y.GetProperty("year").GetInt32().ToString(CultureInfo.InvariantCulture),
            y.GetProperty("pending").GetDecimal() + y.GetProperty("confirmed").GetDecimal())), years);
        using var bank = await app.SignInAsync("yinhang");
        using var refused = await bank.GetAsync("/visits/coverage?handler=Xlsx");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task TheDemo_HasADraftWaitingForQiye_OnItsPageAndInItsInbox()
    {
        using var qiye = await app.SignInAsync("qiye");
        Assert.Contains("数控加工中心更新及车间数字化改造（走访征集）", await qiye.PageAsync("/enterprise"));
        Assert.Contains("待确认征集项目", await qiye.PageAsync("/inbox"));
        using var quzhen = await app.SignInAsync("quzhen");
        var list = await quzhen.PageAsync("/visits");
        Assert.Contains("张建国", list);
        Assert.Contains("逾期", list);
    }
}

public sealed class VisitApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class VisitFixture : ICollectionFixture<VisitApp>
{
    public const string Name = "web on SQLite, visits";
}
