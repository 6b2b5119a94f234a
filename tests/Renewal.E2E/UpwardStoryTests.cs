using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// 向上争取 in Debian chromium (issue 14 item 2): the bureau (shiju) recommends a library project to 苏州市工业企业有效投入奖补,
/// records 已受理 and then 已获批 with the amount and the document number, and the budget's section 向上争取配套资金 shows
/// the matching money Kunshan owes at the Suzhou level (配套比例 1:0.5, rounded to the fen). Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class UpwardStoryTests(PlatformFixture platform)
{
    private const string Programme = "苏州市工业企业有效投入奖补";

    private PlatformServer Server => platform.Server;

    /// <summary>The library's last project (the demo recommendations take the first ones): its code and name.</summary>
    private async Task<(string Code, string Name)> ProjectAsync()
    {
        await using var db = Server.Db();
        var p = await db.Projects.AsNoTracking().OrderByDescending(p => p.Id).Select(p => new { p.Code, p.Name }).FirstAsync();
        return (p.Code, p.Name);
    }

    [Fact]
    public async Task TheBureauRecommendsToSuzhou_RecordsTheApproval_AndTheBudgetShowsTheMatchingMoney()
    {
        var (code, name) = await ProjectAsync();
        var now = Server.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var year = now.Year.ToString(CultureInfo.InvariantCulture);
        string Day(int daysAgo) => now.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bureau = await platform.Browser.NewPersonAsync(Server.BaseUrl);

        await StepAsync("bureau recommends the project to Suzhou's programme", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.NavigateAsync(bureau, "向上争取");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("向上争取");
            var form = bureau.GetByRole(AriaRole.Region, new() { Name = "推荐项目" });
            await form.GetByLabel("上级项目").SelectOptionAsync(new SelectOptionValue { Label = $"{Programme}（苏州市级）" });
            await form.GetByLabel("项目编号或名称").FillAsync(code);
            await form.GetByLabel("推荐年度").SelectOptionAsync(year);
            await form.GetByLabel("推荐理由").FillAsync("年度设备投资超过有效投入奖补门槛，设备数字化程度高");
            await ScreenshotAsync(bureau, "110-bureau-recommends-upward");
            await form.GetByRole(AriaRole.Button, new() { Name = "推荐" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已推荐");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("已推荐");
        }, bureau);

        await StepAsync("bureau records 已受理", async () =>
        {
            var moves = bureau.GetByRole(AriaRole.Region, new() { Name = "登记进展" });
            await moves.GetByLabel("受理日期（不填为今天）").FillAsync(Day(5));
            await moves.GetByLabel("受理说明").FillAsync("苏州市工信局已受理");
            await moves.GetByRole(AriaRole.Button, new() { Name = "登记已受理" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("已受理");
        }, bureau);

        await StepAsync("bureau records 已获批 with the amount", async () =>
        {
            var moves = bureau.GetByRole(AriaRole.Region, new() { Name = "登记进展" });
            // A wrong date first: the refusal names the field and keeps what was typed.
            await moves.GetByLabel("获批金额（元）").FillAsync("1234567.89");
            await moves.GetByLabel("获批日期").FillAsync(Day(6));
            await moves.GetByLabel("批复文号").FillAsync("苏工信技改〔2026〕27号");
            await moves.GetByRole(AriaRole.Button, new() { Name = "登记已获批" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Alert)).ToContainTextAsync("获批日期（approved_on）不能早于受理日期");
            moves = bureau.GetByRole(AriaRole.Region, new() { Name = "登记进展" });
            await Expect(moves.GetByLabel("获批金额（元）")).ToHaveValueAsync("1234567.89");
            await moves.GetByLabel("获批日期").FillAsync(Day(1));
            await moves.GetByRole(AriaRole.Button, new() { Name = "登记已获批" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已获批");
            var outcome = bureau.GetByRole(AriaRole.Region, new() { Name = "获批结果" });
            await Expect(outcome).ToContainTextAsync("1,234,567.89");
            await Expect(outcome).ToContainTextAsync("1:0.5");
            await Expect(outcome).ToContainTextAsync("617,283.95"); // 1,234,567.89 × 0.5 = 617,283.945 → 617,283.95
            var history = bureau.GetByRole(AriaRole.Region, new() { Name = "办理记录" });
            await Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(4); // the header and three moves
            await ScreenshotAsync(bureau, "111-bureau-records-the-approval");
        }, bureau);

        await StepAsync("the budget shows the matching money at the Suzhou level", async () =>
        {
            await People.NavigateAsync(bureau, "预算");
            var section = bureau.GetByRole(AriaRole.Region, new() { Name = "向上争取配套资金" });
            var suzhou = section.GetByRole(AriaRole.Row).Filter(new() { HasText = "苏州市级" });
            await Expect(suzhou.Locator("td[title='617,283.95 元']")).ToHaveCountAsync(1);
            await Expect(suzhou.Locator("td[title='1,234,567.89 元']")).ToHaveCountAsync(1);
            await section.ScrollIntoViewIfNeededAsync();
            await ScreenshotAsync(bureau, "112-budget-shows-the-matching-money");
            // The list's sums per programme carry it too.
            await People.NavigateAsync(bureau, "向上争取");
            var sums = bureau.GetByRole(AriaRole.Region, new() { Name = "按上级项目汇总" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Programme });
            await Expect(sums.Locator("td[title='617,283.95 元']")).ToHaveCountAsync(1);
            await ScreenshotAsync(bureau, "113-upward-list");
        }, bureau);
    }
}
