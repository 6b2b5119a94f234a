using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Features.Notice;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Workflow;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Reports;
using Renewal.Services.Workflow;

namespace Renewal.Web.Tests.Reports;

/// <summary>
/// The reports over HTTP: the public-notice xlsx (anyone, the same rows as /notice) and the award notice PDF (the
/// enterprise itself and the government users who may see it; never another enterprise or a bank).
/// </summary>
public abstract class ReportsTests(RenewalApp app)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>丙 (account bing, in the demo district's area) with one B award approved in 2025; 丁 (account ding) elsewhere.</summary>
    private sealed record Setup(int BingId, int DingId, int ApplicationId, decimal Amount, string Name);

    private static readonly ConcurrentDictionary<RenewalApp, Lazy<Task<Setup>>> Setups = new();

    private Task<Setup> Ready() => Setups.GetOrAdd(app, a => new Lazy<Task<Setup>>(() => CreateAsync(a))).Value;

    private static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    private static async Task<Setup> CreateAsync(RenewalApp app)
    {
        Poppler.EnsureFont();
        var area = app.Data.DistrictArea;
        int bingId, dingId, projectId;
        var bing = Code("91320583MA1R3P7Q8");
        var ding = Code("91320583MA1R3P7Q9");
        await using (var db = app.Db())
        {
            var elsewhere = await db.Enterprises.Where(e => e.Area != area).Select(e => e.Area).FirstAsync();
            var b = new Enterprise
            {
                CreditCode = bing, Name = "丙精工装备（昆山）有限公司", Area = area, IndustryCode = "C3421", AboveScale = true,
                Projects = [new Project
                {
                    Code = "BING-01", Name = "丙公司五轴加工中心产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
                    Clusters = ["equipment_manufacturing"], Investments = [new ProjectInvestment { Year = 2025, Equipment = 30_000_000.55m }],
                }],
            };
            var d = new Enterprise { CreditCode = ding, Name = "丁电子有限公司", Area = elsewhere, IndustryCode = "C3971", AboveScale = true };
            db.Enterprises.AddRange(b, d);
            await db.SaveChangesAsync();
            (bingId, dingId, projectId) = (b.Id, d.Id, b.Projects[0].Id);
            await app.AddAccountAsync("bing", Role.Enterprise, creditCode: bing);
            await app.AddAccountAsync("ding", Role.Enterprise, creditCode: ding);
            await app.AddAccountAsync("quzhen-elsewhere", Role.DistrictReviewer, area: elsewhere);
        }

        using var bingSession = await app.SignInAsync("bing");
        using var district = await app.SignInAsync("quzhen");
        using var bureau = await app.SignInAsync("shiju");
        var created = await Flow.CreateAsync(bingSession, Scheme.EffectiveInvestment, 2025, projectId);
        await Flow.MoveAsync(bingSession, created.Id, WorkflowAction.Submit);
        await Flow.MoveAsync(district, created.Id, WorkflowAction.Accept);
        await Flow.MoveAsync(district, created.Id, WorkflowAction.DistrictApprove);
        await Flow.MoveAsync(bureau, created.Id, WorkflowAction.BureauApprove);
        Flow.PassTheNotice(app);
        using var bureauLater = await app.SignInAsync("shiju"); // a week later: a new session
        var approved = await Flow.MoveAsync(bureauLater, created.Id, WorkflowAction.Approve);
        Assert.Equal(ApplicationState.Approved, approved.State);
        return new Setup(bingId, dingId, created.Id, approved.ApprovedAmount!.Value, "丙精工装备（昆山）有限公司");
    }

    private static string PdfPath(int enterprise, int year = 2025) => $"/reports/award-notice?enterprise={enterprise}&year={year}";

    [Fact]
    public async Task TheEnterprise_DownloadsItsAwardNotice_WithItsAwardsAndTheTotalInCapitals()
    {
        var s = await Ready();
        // 8% of 30,000,000.55 to the fen, computed here: 2,400,000.044 → 2,400,000.04.
        Assert.Equal(Math.Round(30_000_000.55m * 0.08m, 2, MidpointRounding.AwayFromZero), s.Amount);
        using var bing = await app.SignInAsync("bing");
        using var r = await bing.GetAsync(PdfPath(s.BingId));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".pdf", r.Content.Headers.ContentDisposition?.FileNameStar ?? r.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var today = app.Clock.Today; // the app's clock, which other tests of the collection move on by whole notices
        var (text, fonts) = Poppler.Read(await r.Content.ReadAsByteArrayAsync());
        Assert.Contains("昆山市工业设备更新奖补通知书", text, StringComparison.Ordinal);
        Assert.Contains(s.Name, text, StringComparison.Ordinal);
        Assert.Contains((await Flow.GetAsync(bing, s.ApplicationId)).Number, text, StringComparison.Ordinal);
        Assert.Contains(s.Amount.ToString("#,##0.00", Inv), text, StringComparison.Ordinal);
        Assert.Contains("人民币" + ChineseAmount.Capital(s.Amount), text, StringComparison.Ordinal);
        Assert.Contains($"{today.Year}年{today.Month}月", text, StringComparison.Ordinal); // dated by the app's clock, in Kunshan
        Assert.Matches(@"Noto Sans CJK SC\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts);
    }

    [Fact]
    public async Task OnlyTheEnterprise_AndTheGovernmentUsersWhoSeeIt_MayDownloadTheAwardNotice()
    {
        var s = await Ready();
        var path = PdfPath(s.BingId);
        foreach (var who in new[] { "bing", "quzhen", "shiju", "admin", "caizheng" })
        {
            using var session = await app.SignInAsync(who);
            using var r = await session.GetAsync(path);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{who}: {(int)r.StatusCode}");
        }
        foreach (var who in new[] { "ding", "qiye", "quzhen-elsewhere", "yinhang" })
        {
            using var session = await app.SignInAsync(who);
            using var r = await session.GetAsync(path);
            Assert.True(r.StatusCode == HttpStatusCode.Redirect && Session.RedirectPath(r)!.StartsWith("/account/denied", StringComparison.Ordinal),
                $"{who}: {(int)r.StatusCode} {r.Headers.Location}");
        }
        using var anonymous = app.Anonymous();
        using (var r = await anonymous.GetAsync(path))
            Assert.StartsWith("/account/signin", Session.RedirectPath(r), StringComparison.Ordinal);

        using var own = await app.SignInAsync("bing");
        using (var r = await own.GetAsync(PdfPath(s.BingId, 2024))) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode); // nothing approved
        using (var r = await own.GetAsync(PdfPath(TestData.Missing))) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using var shiju = await app.SignInAsync("shiju");
        using (var r = await shiju.GetAsync(PdfPath(s.DingId))) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode); // visible, nothing approved
    }

    [Fact]
    public async Task AnApprovedApplication_AndTheEnterprisePage_LinkToTheAwardNotice()
    {
        var s = await Ready();
        using var bing = await app.SignInAsync("bing");
        var html = await bing.PageAsync($"/applications/{s.ApplicationId}");
        Assert.Contains("下载奖补通知书（PDF）", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/reports/award-notice?enterprise={s.BingId}&amp;year=2025\"", html, StringComparison.Ordinal);
        var mine = await bing.PageAsync("/enterprise");
        Assert.Contains("下载2025年度奖补通知书（PDF）", mine, StringComparison.Ordinal);
        Assert.Contains($"href=\"/reports/award-notice?enterprise={s.BingId}&amp;year=2025\"", mine, StringComparison.Ordinal);
        using var ding = await app.SignInAsync("ding");
        Assert.DoesNotContain("奖补通知书", await ding.PageAsync("/enterprise"), StringComparison.Ordinal); // nothing approved
        using var qiye = await app.SignInAsync("qiye");
        Assert.DoesNotContain("下载奖补通知书", await qiye.PageAsync($"/applications/{app.Data.OwnApplicationId}"), StringComparison.Ordinal); // a draft: no notice
    }

    [Fact]
    public async Task TheNoticeXlsx_IsPublic_AndHoldsThePagesRows_WithExactAmountsAndATotal()
    {
        await Ready();
        using var visitor = app.Anonymous();
        var page = await visitor.PageAsync("/notice?Year=2025");
        Assert.Contains("下载公示名单（xlsx）", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/notice/xlsx?year=2025\"", page, StringComparison.Ordinal);

        var rows = await visitor.JsonAsync<List<NoticeRow>>("/api/v1/notice?year=2025");
        Assert.NotEmpty(rows);
        using var r = await visitor.GetAsync("/notice/xlsx?year=2025");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(XlsxModel.ContentType, r.Content.Headers.ContentType?.MediaType);
        var sheet = Poppler.Sheet(await r.Content.ReadAsByteArrayAsync());

        Assert.Contains("2025年度", sheet[1]["A"], StringComparison.Ordinal);
        var header = sheet[NoticeWorkbook.HeaderRow];
        string Col(string name) => header.Single(h => h.Value == name).Key;
        var data = sheet.Where(kv => kv.Key > NoticeWorkbook.HeaderRow && kv.Key <= NoticeWorkbook.HeaderRow + rows.Count).Select(kv => kv.Value).ToList();
        Assert.Equal(rows.Count, data.Count);
        foreach (var (row, cells) in rows.Zip(data))
        {
            Assert.Equal(row.Number, cells[Col("申报编号")]);
            Assert.Equal(row.Enterprise, cells[Col("企业名称")]);
            Assert.Equal(row.Amount, decimal.Parse(cells[Col("奖补金额（元）")], Inv));
            Assert.Equal(row.Amount, decimal.Parse(cells[Col("奖补金额（万元）")], Inv) * 10000m);
        }
        var total = sheet[NoticeWorkbook.HeaderRow + rows.Count + 1];
        Assert.Equal("合计", total["A"]);
        Assert.Equal(rows.Sum(x => x.Amount ?? 0m), decimal.Parse(total[Col("奖补金额（元）")], Inv));

        using var all = await visitor.GetAsync("/notice/xlsx");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Contains("2024—2027年度", Poppler.Sheet(await all.Content.ReadAsByteArrayAsync())[1]["A"], StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class ReportsOnSqliteTests(SqliteApp app) : ReportsTests(app);

[Collection(PostgresFixture.Name)]
public sealed class ReportsOnPostgresTests(PostgresApp app) : ReportsTests(app);
