using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// The programme dashboard in chromium: the bureau sees the whole programme — five targets, every chart drawn, each
/// one's table and xlsx — and a district reviewer only its area. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class DashboardTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    [Fact]
    public async Task TheBureau_SeesTheProgrammeAtAGlance_EveryChartRenders_TablesAndXlsxWork()
    {
        var bureau = await platform.Browser.NewPersonAsync(Server.BaseUrl);
        Charts.Watch(bureau);
        await StepAsync("bureau signs in and sees the dashboard", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("设备更新行动计划进度（全市）");
            var targets = bureau.GetByRole(AriaRole.Region, new() { Name = "计划目标" });
            foreach (var t in new[] { "T-1", "T-2", "T-3", "T-4", "T-5" })
                await Expect(targets.GetByRole(AriaRole.Heading, new() { Name = t })).ToBeVisibleAsync();
            await Expect(targets.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(5);
        }, bureau);

        await StepAsync("every chart renders and shows its table", async () =>
        {
            var n = await Charts.AssertAllRenderAsync(bureau);
            Assert.Equal(6, n);
            await ScreenshotAsync(bureau, "dashboard-01-bureau");
        }, bureau);

        await StepAsync("the area chart's table holds every area", async () =>
        {
            var figure = Charts.Figure(bureau, "各区镇设备投资");
            await figure.GetByRole(AriaRole.Button, new() { Name = "表格", Exact = true }).ClickAsync();
            using var db = Server.Db();
            var areas = await db.Projects.Where(p => p.Investments.Any(i => i.Year >= 2024 && i.Year <= 2027)).Select(p => p.Enterprise!.Area).Distinct().ToListAsync();
            await Expect(figure.GetByRole(AriaRole.Table).GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(areas.Count);
            await ScreenshotAsync(bureau, "dashboard-02-area-table");
            await figure.GetByRole(AriaRole.Button, new() { Name = "图表", Exact = true }).ClickAsync();
        }, bureau);

        await StepAsync("a chart downloads as xlsx", async () =>
        {
            var figure = Charts.Figure(bureau, "各年度设备投资与目标");
            var download = await bureau.RunAndWaitForDownloadAsync(() => figure.GetByRole(AriaRole.Link, new() { Name = "下载 xlsx" }).ClickAsync());
            Assert.Equal("各年度设备投资与目标.xlsx", download.SuggestedFilename);
            var path = Path.Combine(ScreenshotDirectory, "dashboard-year.xlsx");
            await download.SaveAsAsync(path);
            using var zip = ZipFile.OpenRead(path);
            Assert.NotNull(zip.GetEntry("xl/worksheets/sheet1.xml"));
        }, bureau);
        Charts.Watch(bureau).AssertNone();
    }

    [Fact]
    public async Task ADistrictReviewer_SeesItsArea()
    {
        string area;
        using (var db = Server.Db())
            area = await db.Users.Where(u => u.UserName == "quzhen").Select(u => u.Area!).SingleAsync();
        var district = await platform.Browser.NewPersonAsync(Server.BaseUrl);
        Charts.Watch(district);
        await StepAsync("district signs in and sees its area", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await Expect(district.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"（{area}）");
            await Charts.AssertAllRenderAsync(district);
            var figure = Charts.Figure(district, "各区镇设备投资");
            await figure.GetByRole(AriaRole.Button, new() { Name = "表格", Exact = true }).ClickAsync();
            var rows = figure.GetByRole(AriaRole.Table).GetByRole(AriaRole.Rowheader);
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows).ToHaveTextAsync(area);
            await ScreenshotAsync(district, "dashboard-03-district");
        }, district);
    }
}
