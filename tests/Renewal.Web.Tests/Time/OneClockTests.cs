using System.Globalization;
using System.Net;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Reports;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Reports;
using Renewal.Web.Tests.Workflow;

namespace Renewal.Web.Tests.Time;

/// <summary>
/// One clock (issue 12 item 9): at 07:30 in Kunshan the UTC date is still yesterday, and every date shown is Kunshan's —
/// 填报日 of a progress report, 公示期 of an application (page, /notice and its xlsx), the award notice PDF and the
/// audit log's times. The app has its own clock, moved to such mornings, which the shared fixture's tests must not meet.
/// </summary>
[Collection(OneClockFixture.Name)]
public sealed class OneClockTests(OneClockApp app)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Moves the app's clock to the next 07:30 in Kunshan (23:30 UTC, the day before) and returns Kunshan's day. The tests
    /// of this class share the clock and run in any order, so each finds its own morning.
    /// </summary>
    private DateOnly AtHalfPastSevenInKunshan()
    {
        var now = app.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(23).AddMinutes(30);
        if (target <= now) target = target.AddDays(1);
        app.Clock.Advance(target - now);
        var day = Renewal.Services.BeijingTime.Today(app.Clock);
        Assert.Equal(day.AddDays(-1), DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        return day;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    [Fact]
    public async Task AProgressReportFiledBeforeEightInTheMorning_IsFiledOnKunshansDay()
    {
        var day = AtHalfPastSevenInKunshan();
        using var jia = await app.SignInAsync("jia");
        var project = app.Data.TakeJiaProject();
        using (var r = await jia.PostJsonAsync($"/api/v1/enterprise/projects/{project}/reports",
            new { year = 2025, quarter = 4, status = "InProgress", cumulativeEquipment = 1_000_000m, cumulativeDigital = 0m }))
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var report = await jia.PageAsync($"/enterprise/projects/{project}/report");
        Assert.Contains($"<td>{Day(day)}</td>", report);
        Assert.DoesNotContain($"<td>{Day(day.AddDays(-1))}</td>", report);
        Assert.Contains($"填报于 {Day(day)}", await jia.PageAsync("/enterprise"));
    }

    [Fact]
    public async Task ANoticeStartedBeforeEightInTheMorning_RunsFromKunshansDay_OnThePageTheListItsXlsxAndTheAwardNotice()
    {
        var day = AtHalfPastSevenInKunshan();
        var end = WorkingDays.End(day, 5);
        var id = await Flow.ToNoticeAsync(app, app.Data.TakeJiaProject(), 2025);
        using var shiju = await app.SignInAsync("shiju");
        var number = (await Flow.GetAsync(shiju, id)).Number;

        // 5 working days from Kunshan's day.
        var page = await shiju.PageAsync($"/applications/{id}");
        Assert.Contains($"{Day(day)} — {Day(end)}", page);
        var notice = await shiju.PageAsync("/notice?Year=2025");
        Assert.Contains($"公示期 {Day(day)} 至 {Day(end)}", notice);

        using var xlsx = await shiju.GetAsync("/notice/xlsx?year=2025");
        var sheet = Poppler.Sheet(await xlsx.Content.ReadAsByteArrayAsync());
        var header = sheet[NoticeWorkbook.HeaderRow];
        string Col(string name) => header.Single(h => h.Value == name).Key;
        var row = sheet.Values.Single(r => r.TryGetValue(Col("申报编号"), out var n) && n == number);
        Assert.Equal(Renewal.Exchange.Xlsx.CellText.Serial(day).ToString(Inv), row[Col("公示开始")]);
        Assert.Equal(Renewal.Exchange.Xlsx.CellText.Serial(end).ToString(Inv), row[Col("公示结束")]);

        // The audit log shows the move at 07:30 Beijing time, on Kunshan's day.
        var audit = await shiju.PageAsync($"/audit?Filter.Subject={number}&Filter.From={Day(day)}&Filter.To={Day(day)}");
        Assert.Contains($"{Day(day)} 07:3", audit);
        Assert.Contains("市局审核通过并公示", audit);

        // A week later, still before eight in Kunshan: the approval and the award notice are dated on Kunshan's day.
        Flow.PassTheNotice(app); // eight days on, still 07:30-ish in Kunshan and the day before in UTC
        var approvedOn = day.AddDays(8);
        using var later = await app.SignInAsync("shiju");
        Assert.Equal(ApplicationState.Approved, (await Flow.MoveAsync(later, id, WorkflowAction.Approve)).State);
        using var pdf = await later.GetAsync($"/reports/award-notice?enterprise={app.Data.JiaEnterpriseId}&year=2025");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var (text, _) = Poppler.Read(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains($"{approvedOn.Year}年{approvedOn.Month}月{approvedOn.Day}日", text);
        var utcDay = approvedOn.AddDays(-1);
        Assert.DoesNotContain($"{utcDay.Year}年{utcDay.Month}月{utcDay.Day}日", text);
    }
}

/// <summary>An app of its own: its clock is moved to a Kunshan morning whose UTC date is the day before.</summary>
public sealed class OneClockApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class OneClockFixture : ICollectionFixture<OneClockApp>
{
    public const string Name = "web on SQLite, one clock";
}
