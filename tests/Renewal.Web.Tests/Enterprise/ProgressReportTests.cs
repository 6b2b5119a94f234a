using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;

// Not "…Tests.Enterprise": a namespace of that name would hide the entity type Enterprise from the other test folders.
namespace Renewal.Web.Tests.EnterpriseUseCases;

/// <summary>
/// An enterprise files quarterly progress for its own projects: each report is appended with the day it was filed,
/// a second report for the same quarter is a correction that keeps the first, and the history says which is which.
/// A quarter not yet begun, amounts that do not add up, text that is not a number, another enterprise's project and
/// a user who is not an enterprise are refused, and no report is stored.
/// </summary>
public abstract class ProgressReportTests(RenewalApp app)
{
    private async Task<List<ProgressReport>> ReportsAsync(int projectId)
    {
        await using var db = app.Db();
        return await db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == projectId).OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>A project of qiye of its own for this test, so that the reports of one test do not meet another's.</summary>
    private async Task<int> NewProjectAsync(Session qiye)
    {
        using var r = await qiye.PostJsonAsync("/api/v1/enterprise/projects", new
        {
            code = "RPT-" + Guid.NewGuid().ToString("N")[..8], name = "进展填报测试项目", kind = "Renovation", status = "InProgress", startedOn = "2025-01-10",
            investments = new object[] { new { year = 2025, equipment = 2_000_000m, digital = 300_000m } },
        });
        return (await r.BodyAsync(HttpStatusCode.Created))["id"]!.GetValue<int>();
    }

    [Fact]
    public async Task File_OverTheApi_AppendsTheReport_AndACorrectionKeepsTheFirst_MarkedCorrectedInTheHistory()
    {
        using var qiye = await app.SignInAsync("qiye");
        var project = await NewProjectAsync(qiye);
        var first = new { year = 2025, quarter = 4, status = "InProgress", cumulativeEquipment = 1_234_567.89m, cumulativeDigital = 234_567.01m, note = "设备已到货，正在安装调试" };
        using (var r = await qiye.PostJsonAsync($"/api/v1/enterprise/projects/{project}/reports", first))
        {
            var body = await r.BodyAsync(HttpStatusCode.Created);
            Assert.False(body["corrected"]!.GetValue<bool>());
        }
        var stored = Assert.Single(await ReportsAsync(project));
        Assert.Equal((2025, 4, ProjectStatus.InProgress, 1_234_567.89m, 234_567.01m, "设备已到货，正在安装调试"),
            (stored.Year, stored.Quarter, stored.Status, stored.CumulativeEquipment, stored.CumulativeDigital, stored.Note));
        Assert.Equal(app.Clock.Today, stored.ReportedOn);

        var correction = new { year = 2025, quarter = 4, status = "Completed", cumulativeEquipment = 2_000_000m, note = (string?)null };
        using (var r = await qiye.PostJsonAsync($"/api/v1/enterprise/projects/{project}/reports", correction))
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);

        var both = await ReportsAsync(project);
        Assert.Equal(2, both.Count);
        Assert.Equal((1_234_567.89m, 234_567.01m), (both[0].CumulativeEquipment, both[0].CumulativeDigital)); // the first is kept as filed
        Assert.Equal((ProjectStatus.Completed, 2_000_000m, 0m, (string?)null), (both[1].Status, both[1].CumulativeEquipment, both[1].CumulativeDigital, both[1].Note));

        var history = await qiye.JsonAsync<JsonArray>($"/api/v1/enterprise/projects/{project}/reports");
        Assert.Equal(
            [(both[1].Id, false), (both[0].Id, true)],
            history.Select(h => (h!["id"]!.GetValue<int>(), h["corrected"]!.GetValue<bool>())));

        await using var db = app.Db();
        var actions = await db.Audit.Where(a => a.Entity == "progress_report" && a.EntityId.EndsWith("/2025Q4") && a.UserName == "qiye")
            .OrderByDescending(a => a.Id).Take(2).Select(a => new { a.Action, a.Before }).ToListAsync();
        Assert.Equal("更正季度进展", actions[0].Action);
        Assert.Contains("1234567.89", actions[0].Before);
        Assert.Equal("填报季度进展", actions[1].Action);
    }

    [Fact]
    public async Task File_ForAQuarterNotYetBegun_OrWithAmountsThatDoNotAddUp_IsRefusedInChinese_AndNothingIsStored()
    {
        using var qiye = await app.SignInAsync("qiye");
        var project = await NewProjectAsync(qiye);
        // The clock says 2 March 2026: the second quarter of 2026 has not begun.
        using (var r = await qiye.PostJsonAsync($"/api/v1/enterprise/projects/{project}/reports",
            new { year = 2026, quarter = 2, status = "InProgress", cumulativeEquipment = 100m, cumulativeDigital = 200m, note = new string('很', 1001) }))
        {
            var errors = await r.FieldErrorsAsync();
            Assert.Equal("2026 年第 2 季度尚未开始，不能填报（当前为 2026 年第 1 季度）", errors["quarter"]);
            Assert.Contains("累计智能化数字化投入", errors["cumulativeDigital"]);
            Assert.Contains("不能超过累计设备投资", errors["cumulativeDigital"]);
            Assert.Equal("进展说明（note）不能超过 1000 字", errors["note"]);
        }
        using (var r = await qiye.PostJsonAsync($"/api/v1/enterprise/projects/{project}/reports", new { year = 2023, quarter = 5, cumulativeEquipment = -1m }))
        {
            var errors = await r.FieldErrorsAsync();
            Assert.Equal("年度应在 2024–2027 之间", errors["year"]);
            Assert.Equal("季度应为 1–4", errors["quarter"]);
            Assert.Equal("请选择项目状态", errors["status"]);
            Assert.Equal("累计设备投资不能为负数", errors["cumulativeEquipment"]);
        }
        Assert.Empty(await ReportsAsync(project));
    }

    [Fact]
    public async Task File_ThroughTheForm_StoresTheReport_AndTextThatIsNotANumberIsNamedInChinese()
    {
        using var qiye = await app.SignInAsync("qiye");
        var project = await NewProjectAsync(qiye);
        static List<KeyValuePair<string, string>> Form(string equipment) =>
        [
            new("Form.Year", "2026"), new("Form.Quarter", "1"), new("Form.Status", "InProgress"),
            new("Form.CumulativeEquipment", equipment), new("Form.CumulativeDigital", "12,000.5"), new("Form.Note", "一季度完成主要设备采购"),
        ];
        using (var bad = await qiye.PostFormAsync($"/enterprise/projects/{project}/report", Form("一百万")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("累计设备投资应为数字，“一百万”无法识别", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        }
        Assert.Empty(await ReportsAsync(project));

        var (post, page) = await qiye.SubmitFormAsync($"/enterprise/projects/{project}/report", Form("1,500,000"));
        Assert.Equal($"/enterprise/projects/{project}/report", Session.RedirectPath(post));
        Assert.Contains("已填报 2026 年第 1 季度进展", Session.StatusText(page));
        var stored = Assert.Single(await ReportsAsync(project));
        Assert.Equal((2026, 1, 1_500_000m, 12_000.5m, "一季度完成主要设备采购"), (stored.Year, stored.Quarter, stored.CumulativeEquipment, stored.CumulativeDigital, stored.Note));
        post.Dispose();
    }

    [Fact]
    public async Task AnotherEnterprisesProject_TakesNoReport_OverTheApiOrTheForm()
    {
        var foreign = app.Data.JiaProjectIds[^2];
        var before = await ReportsAsync(foreign);
        using var qiye = await app.SignInAsync("qiye");
        var report = new { year = 2025, quarter = 4, status = "InProgress", cumulativeEquipment = 1m };
        using (var r = await qiye.PostJsonAsync($"/api/v1/enterprise/projects/{foreign}/reports", report))
            Assert.Contains("不属于本企业", (await r.BodyAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>());
        using (var r = await qiye.GetAsync($"/api/v1/enterprise/projects/{foreign}/reports"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await qiye.PostFormAsync($"/enterprise/projects/{foreign}/report",
            [new("Form.Year", "2025"), new("Form.Quarter", "4"), new("Form.Status", "InProgress"), new("Form.CumulativeEquipment", "1")]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        using (var r = await qiye.PostJsonAsync($"/api/v1/enterprise/projects/{TestData.Missing}/reports", report))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(before.Select(r => r.Id), (await ReportsAsync(foreign)).Select(r => r.Id));
    }

    [Theory]
    [InlineData("quzhen")]
    [InlineData("shiju")]
    [InlineData("caizheng")]
    public async Task AUserWhoIsNotAnEnterprise_CannotFileAReport(string user)
    {
        var project = app.Data.OwnProjectId;
        var before = await ReportsAsync(project);
        using var s = await app.SignInAsync(user);
        using (var r = await s.PostJsonAsync($"/api/v1/enterprise/projects/{project}/reports", new { year = 2025, quarter = 4, status = "InProgress", cumulativeEquipment = 1m }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await s.PostFormAsync($"/enterprise/projects/{project}/report",
            [new("Form.Year", "2025"), new("Form.Quarter", "4"), new("Form.Status", "InProgress"), new("Form.CumulativeEquipment", "1")]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        Assert.Equal(before.Select(r => r.Id), (await ReportsAsync(project)).Select(r => r.Id));
    }
}

[Collection(SelfServiceSqliteFixture.Name)]
public sealed class ProgressReportOnSqliteTests(SqliteApp app) : ProgressReportTests(app);

[Collection(SelfServicePostgresFixture.Name)]
public sealed class ProgressReportOnPostgresTests(PostgresApp app) : ProgressReportTests(app);
