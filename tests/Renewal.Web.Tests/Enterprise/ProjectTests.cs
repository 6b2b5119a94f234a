using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;
using Project = Renewal.Data.Entities.Project;

// Not "…Tests.Enterprise": a namespace of that name would hide the entity type Enterprise from the other test folders.
namespace Renewal.Web.Tests.EnterpriseUseCases;

/// <summary>
/// An enterprise declares and edits its projects, over the JSON API and through the form, and the database holds
/// exactly what was sent: amounts to the fen, the years, kind and status, the lists. Every refusal — a bad field, a
/// stale version, another enterprise's project, a user who is not an enterprise — answers in Chinese (naming the
/// field) and leaves the database as it was.
/// </summary>
public abstract class ProjectTests(RenewalApp app)
{
    private static string NewCode(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static object Declaration(string code, string name = "数控机床更新改造项目", long? version = null) => new
    {
        code, name, kind = "Renovation", status = "InProgress", startedOn = "2025-04-01",
        tasks = new[] { 3, 1, 3 }, clusters = new[] { "equipment_manufacturing" }, digitalScopes = new[] { "smart_factory_demo" },
        safetyRenovation = true, financingNeed = 12_345_678.91m,
        investments = new object[]
        {
            new { year = 2026, equipment = 0.01m, digital = 0m },
            new { year = 2025, equipment = 3_210_000.55m, digital = 1_000_000.05m },
        },
        version,
    };

    private async Task<(int Projects, long Audit)> CountsAsync()
    {
        await using var db = app.Db();
        return (await db.Projects.CountAsync(), await db.Audit.CountAsync());
    }

    private async Task<Project> StoredAsync(int id)
    {
        await using var db = app.Db();
        return await db.Projects.AsNoTracking().Include(p => p.Investments).SingleAsync(p => p.Id == id);
    }

    private async Task<int> DeclareAsync(Session s, string code)
    {
        using var r = await s.PostJsonAsync("/api/v1/enterprise/projects", Declaration(code));
        var body = await r.BodyAsync(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<int>();
        Assert.Equal($"/api/v1/enterprise/projects/{id}", r.Headers.Location?.OriginalString);
        return id;
    }

    [Fact]
    public async Task Declare_OverTheApi_StoresEveryFieldExactly_ForTheUsersOwnEnterprise_WithAnAuditEntry()
    {
        using var qiye = await app.SignInAsync("qiye");
        var code = NewCode("API-");
        var id = await DeclareAsync(qiye, code);

        var p = await StoredAsync(id);
        Assert.Equal(app.Data.DemoEnterpriseId, p.EnterpriseId);
        Assert.Equal((code, "数控机床更新改造项目"), (p.Code, p.Name));
        Assert.Equal((ProjectKind.Renovation, ProjectStatus.InProgress), (p.Kind, p.Status));
        Assert.Equal(new DateOnly(2025, 4, 1), p.StartedOn);
        Assert.Null(p.CompletedOn);
        Assert.Equal([1, 3], p.Tasks);
        Assert.Equal(["equipment_manufacturing"], p.Clusters);
        Assert.Equal(["smart_factory_demo"], p.DigitalScopes);
        Assert.True(p.SafetyRenovation);
        Assert.Equal(12_345_678.91m, p.FinancingNeed);
        Assert.Equal(
            [(2025, 3_210_000.55m, 1_000_000.05m), (2026, 0.01m, 0m)],
            p.Investments.OrderBy(i => i.Year).Select(i => (i.Year, i.Equipment, i.Digital)));

        await using var db = app.Db();
        var audit = await db.Audit.AsNoTracking().Where(a => a.Entity == "project" && a.EntityId == app.Data.DemoCreditCode + "/" + code).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(("新建项目", "qiye"), (entry.Action, entry.UserName));
        Assert.Null(entry.Before);
        Assert.Contains("3210000.55", entry.After);
    }

    [Fact]
    public async Task Edit_OverTheApi_ReplacesTheYears_BumpsTheVersion_AndAStaleVersionIsRefusedWithNothingChanged()
    {
        using var qiye = await app.SignInAsync("qiye");
        var code = NewCode("EDIT-");
        var id = await DeclareAsync(qiye, code);
        var read = await qiye.JsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/enterprise/projects/{id}");
        var version = read["version"]!.GetValue<long>();
        Assert.Equal((await StoredAsync(id)).Version, version);

        var edit = new
        {
            code, name = "数控机床更新改造项目（二期）", kind = "Expansion", status = "Completed", startedOn = "2025-04-01", completedOn = "2026-02-27",
            tasks = new[] { 7 }, clusters = Array.Empty<string>(), digitalScopes = Array.Empty<string>(), safetyRenovation = false, financingNeed = (decimal?)null,
            investments = new object[]
            {
                new { year = 2026, equipment = 4_000_000m, digital = 400_000.4m },
                new { year = 2027, equipment = 99.99m },
            },
            version,
        };
        using (var r = await qiye.PutJsonAsync($"/api/v1/enterprise/projects/{id}", edit))
            Assert.Equal(version + 1, (await r.BodyAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());

        var p = await StoredAsync(id);
        Assert.Equal(("数控机床更新改造项目（二期）", ProjectKind.Expansion, ProjectStatus.Completed), (p.Name, p.Kind, p.Status));
        Assert.Equal(new DateOnly(2026, 2, 27), p.CompletedOn);
        Assert.Equal([7], p.Tasks);
        Assert.Empty(p.Clusters);
        Assert.False(p.SafetyRenovation);
        Assert.Null(p.FinancingNeed);
        // 2025 was not sent: its row is gone; 2026 changed; 2027 is new with no digital part.
        Assert.Equal([(2026, 4_000_000m, 400_000.4m), (2027, 99.99m, 0m)], p.Investments.OrderBy(i => i.Year).Select(i => (i.Year, i.Equipment, i.Digital)));
        Assert.Equal(version + 1, p.Version);

        // Someone who read the first version saves after: refused, and the second version stays.
        using (var stale = await qiye.PutJsonAsync($"/api/v1/enterprise/projects/{id}", Declaration(code, "过期的修改", version)))
        {
            var problem = await stale.BodyAsync(HttpStatusCode.Conflict);
            Assert.Contains("已被他人修改", problem["detail"]!.GetValue<string>());
        }
        var after = await StoredAsync(id);
        Assert.Equal(("数控机床更新改造项目（二期）", version + 1, 2), (after.Name, after.Version, after.Investments.Count));
    }

    [Fact]
    public async Task Declare_WithInvalidFields_IsRefusedWithChineseMessagesNamingEachField_AndNothingIsStored()
    {
        using var qiye = await app.SignInAsync("qiye");
        var before = await CountsAsync();
        var body = new
        {
            code = "BAD CODE", name = "", kind = "Renovation", status = "Completed", startedOn = "2025-04-01", completedOn = "2027-01-01",
            tasks = new[] { 13 }, clusters = new[] { "aerospace" },
            investments = new object[]
            {
                new { year = 2023, equipment = 1m },
                new { year = 2025, equipment = 100m, digital = 200m },
                new { year = 2026, equipment = 10.005m },
            },
        };
        using var r = await qiye.PostJsonAsync("/api/v1/enterprise/projects", body);
        var errors = await r.FieldErrorsAsync();
        Assert.Contains("项目编号不能包含空格", errors["code"]);
        Assert.Contains("项目名称不能为空", errors["name"]);
        Assert.Contains("竣工日期不能晚于今天（2026-03-02）", errors["completedOn"]);
        Assert.Contains("重点任务应为 1–12 之间的整数，“13”不是", errors["tasks"]);
        Assert.Contains("产业创新集群方向“aerospace”不是可选的值", errors["clusters"]);
        Assert.Contains("第 1 行年度投资的年度应在 2024–2027 之间", errors["investments[0].year"]);
        Assert.Contains("2025 年智能化数字化投入", errors["investments[1].digital"]);
        Assert.Contains("不能超过同年设备投资额", errors["investments[1].digital"]);
        Assert.Contains("2026 年设备投资额最多两位小数（到分）", errors["investments[2].equipment"]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Declare_WithJsonThatCannotBeRead_NamesTheFieldInChinese_AndNothingIsStored()
    {
        using var qiye = await app.SignInAsync("qiye");
        var before = await CountsAsync();
        using var r = await qiye.PostJsonAsync("/api/v1/enterprise/projects", new { code = NewCode("J-"), name = "融资需求写成文字", kind = "New", status = "Planned", financingNeed = "很多" });
        var errors = await r.FieldErrorsAsync();
        Assert.Equal("融资需求（financingNeed）的格式不正确", errors["financingNeed"]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task DeclareAndEdit_ThroughTheForm_StoreWhatWasTyped_AndAStaleFormIsRefused()
    {
        using var qiye = await app.SignInAsync("qiye");
        var code = NewCode("FORM-");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Code", code), new("Form.Name", "表单申报的扩建项目"), new("Form.Kind", "Expansion"), new("Form.Status", "Planned"),
            new("Form.Tasks", "5"), new("Form.Tasks", "2"), new("Form.Clusters", "electronic_information"),
            new("Form.FinancingNeed", "1,000,000.50"),
            new("Form.Years[2025].Equipment", "2,500,000.25"), new("Form.Years[2025].Digital", "500000"),
            new("Form.Years[2026].Equipment", ""), new("Form.Years[2026].Digital", ""),
            new("Form.Years[2027].Equipment", "¥100"),
        };
        using var posted = await qiye.PostFormAsync("/enterprise/projects/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = int.Parse(Session.RedirectPath(posted)!.Replace("/library/projects/", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

        var p = await StoredAsync(id);
        Assert.Equal((app.Data.DemoEnterpriseId, code, "表单申报的扩建项目", ProjectKind.Expansion, ProjectStatus.Planned), (p.EnterpriseId, p.Code, p.Name, p.Kind, p.Status));
        Assert.Equal([2, 5], p.Tasks);
        Assert.Equal(["electronic_information"], p.Clusters);
        Assert.Equal(1_000_000.50m, p.FinancingNeed);
        Assert.Equal([(2025, 2_500_000.25m, 500_000m), (2027, 100m, 0m)], p.Investments.OrderBy(i => i.Year).Select(i => (i.Year, i.Equipment, i.Digital)));

        var edit = new List<KeyValuePair<string, string>>
        {
            new("Form.Code", code), new("Form.Name", "表单修改后的名称"), new("Form.Kind", "Expansion"), new("Form.Status", "InProgress"),
            new("Form.StartedOn", "2025/6/1"), new("Form.Years[2025].Equipment", "2500000.25"), new("Form.Version", p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        using (var saved = await qiye.PostFormAsync($"/enterprise/projects/{id}/edit", edit))
            Assert.Equal($"/library/projects/{id}", Session.RedirectPath(saved));
        var edited = await StoredAsync(id);
        Assert.Equal(("表单修改后的名称", ProjectStatus.InProgress, new DateOnly(2025, 6, 1), p.Version + 1), (edited.Name, edited.Status, edited.StartedOn, edited.Version));
        Assert.Equal([(2025, 2_500_000.25m, 0m)], edited.Investments.Select(i => (i.Year, i.Equipment, i.Digital)));

        // The same form again carries the version it was opened with: someone else saved in between.
        edit[1] = new("Form.Name", "第二个窗口的修改");
        using (var stale = await qiye.PostFormAsync($"/enterprise/projects/{id}/edit", edit))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains("该项目已被他人修改，本次修改未保存", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        }
        Assert.Equal(("表单修改后的名称", p.Version + 1), ((await StoredAsync(id)).Name, (await StoredAsync(id)).Version));
    }

    [Fact]
    public async Task Declare_ThroughTheForm_WithTextThatIsNotANumberOrDate_ShowsTheChineseMessage_AndStoresNothing()
    {
        using var qiye = await app.SignInAsync("qiye");
        var before = await CountsAsync();
        using var r = await qiye.PostFormAsync("/enterprise/projects/new",
        [
            new("Form.Code", NewCode("FORM-")), new("Form.Name", "写错了的项目"), new("Form.Kind", "Renovation"), new("Form.Status", "InProgress"),
            new("Form.StartedOn", "去年春天"), new("Form.Years[2025].Equipment", "三百万"),
        ]);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var html = WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());
        Assert.Contains("2025 年设备投资额应为数字，“三百万”无法识别", html);
        Assert.Contains("开工日期应为日期（如 2025-03-01），“去年春天”无法识别", html);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AnotherEnterprisesProject_CannotBeReadOrEdited_OverTheApiOrTheForm_AndStaysAsItWas()
    {
        var foreign = app.Data.JiaProjectIds[^1];
        var before = await StoredAsync(foreign);
        using var qiye = await app.SignInAsync("qiye");

        using (var read = await qiye.GetAsync($"/api/v1/enterprise/projects/{foreign}"))
            Assert.Contains("不属于本企业", (await read.BodyAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>());
        using (var put = await qiye.PutJsonAsync($"/api/v1/enterprise/projects/{foreign}", Declaration(before.Code, "被别的企业改名", before.Version)))
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        using (var form = await qiye.PostFormAsync($"/enterprise/projects/{foreign}/edit",
            [new("Form.Code", before.Code), new("Form.Name", "被别的企业改名"), new("Form.Kind", "New"), new("Form.Status", "Planned"), new("Form.Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        using (var missing = await qiye.PutJsonAsync($"/api/v1/enterprise/projects/{TestData.Missing}", Declaration(NewCode("M-"), version: 1)))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var after = await StoredAsync(foreign);
        Assert.Equal((before.Name, before.Version, before.Kind, before.Status), (after.Name, after.Version, after.Kind, after.Status));
        Assert.Equal(before.Investments.OrderBy(i => i.Year).Select(i => (i.Year, i.Equipment, i.Digital)), after.Investments.OrderBy(i => i.Year).Select(i => (i.Year, i.Equipment, i.Digital)));
    }

    [Theory]
    [InlineData("quzhen")]
    [InlineData("shiju")]
    [InlineData("admin")]
    [InlineData("caizheng")]
    [InlineData("yinhang")]
    public async Task AUserWhoIsNotAnEnterprise_CannotDeclare_OverTheApiOrTheForm(string user)
    {
        using var s = await app.SignInAsync(user);
        var before = await CountsAsync();
        var code = NewCode("ROLE-");
        using (var r = await s.PostJsonAsync("/api/v1/enterprise/projects", Declaration(code)))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await s.PostFormAsync("/enterprise/projects/new",
            [new("Form.Code", code), new("Form.Name", "不该存在的项目"), new("Form.Kind", "New"), new("Form.Status", "Planned")]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        await using var db = app.Db();
        Assert.False(await db.Projects.AnyAsync(p => p.Code == code));
        Assert.Equal(before.Projects, await db.Projects.CountAsync());
    }
}

[Collection(SelfServiceSqliteFixture.Name)]
public sealed class ProjectOnSqliteTests(SqliteApp app) : ProjectTests(app);

[Collection(SelfServicePostgresFixture.Name)]
public sealed class ProjectOnPostgresTests(PostgresApp app) : ProjectTests(app);
