using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// A policy maker prices a change before making it: the bureau raises the B rate to 10%, sees the difference, saves it
/// and shares the link; finance opens the link and sees the same figures, then opens the budget. Screenshots under
/// artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed partial class SimulationStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task TheBureauPricesABRateOf10Percent_SavesIt_FinanceOpensTheLink_AndTheBudget()
    {
        var summary = "";
        var link = "";
        var bureau = await PersonAsync();
        Charts.Watch(bureau);
        await StepAsync("bureau changes the B rate and runs the simulation", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.NavigateAsync(bureau, "政策模拟");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("政策模拟");
            var rate = bureau.GetByLabel("按项目年度设备投资额的奖励比例（B-4）"); // the parameter is named in words (issue 9), its identifier is the field name
            await Expect(rate).ToHaveValueAsync("8"); // a rate is typed in percent (issue 11)
            await Expect(bureau.GetByRole(AriaRole.Row).Filter(new() { HasText = "贴息上限表" })).ToContainTextAsync("D-6a 省级 · 每项目 · 500 万元（5,000,000.00 元）");
            await rate.FillAsync("10%");
            await ScreenshotAsync(bureau, "20-bureau-simulation-form");
            await bureau.GetByRole(AriaRole.Button, new() { Name = "运行模拟" }).First.ClickAsync();
            var result = bureau.Locator("#simulation-summary");
            await Expect(result).ToContainTextAsync("差额 +");
            summary = await result.InnerTextAsync();
            await Expect(bureau.GetByRole(AriaRole.Table, new() { Name = "修改的参数" })).ToContainTextAsync("按项目年度设备投资额的奖励比例（B-4）");
            await Expect(bureau.GetByRole(AriaRole.Table, new() { Name = "修改的参数" })).ToContainTextAsync("10%");
            await Expect(bureau.GetByRole(AriaRole.Table, new() { Name = "受影响最大的企业" })).ToBeVisibleAsync();
            await Expect(bureau.GetByRole(AriaRole.Table, new() { Name = "按政策与层级" })).ToContainTextAsync("有效投入奖补");
            await Expect(bureau.Locator("figure.chart canvas").First).ToBeVisibleAsync();
            await ScreenshotAsync(bureau, "21-bureau-simulation-result");
            Assert.Equal(3, await Charts.AssertAllRenderAsync(bureau));
        }, bureau);

        await StepAsync("bureau saves and shares it", async () =>
        {
            await bureau.GetByLabel("模拟名称").FillAsync("有效投入奖补 10%（浏览器测试）");
            await bureau.GetByRole(AriaRole.Button, new() { Name = "保存并分享" }).ClickAsync();
            await Expect(bureau).ToHaveURLAsync(SavedLink());
            await Expect(bureau.GetByRole(AriaRole.Status).Filter(new() { HasText = "已保存" })).ToBeVisibleAsync();
            await Expect(bureau.Locator("#simulation-summary")).ToHaveTextAsync(summary);
            link = new Uri(bureau.Url).PathAndQuery;
            await ScreenshotAsync(bureau, "22-bureau-simulation-saved");
            await People.NavigateAsync(bureau, "政策模拟");
            await Expect(bureau.GetByRole(AriaRole.Table, new() { Name = "已保存的模拟" }).GetByRole(AriaRole.Link, new() { Name = "有效投入奖补 10%（浏览器测试）" }))
                .ToHaveAttributeAsync("href", link);
        }, bureau);

        var finance = await PersonAsync();
        Charts.Watch(finance);
        await StepAsync("finance opens the shared link and sees the same", async () =>
        {
            await People.SignInAsync(finance, "caizheng");
            await finance.GotoAsync(link);
            await Expect(finance.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("有效投入奖补 10%（浏览器测试）");
            await Expect(finance.Locator("#simulation-summary")).ToHaveTextAsync(summary);
            await Expect(finance.GetByText("按当前项目库重新计算")).ToBeVisibleAsync();
            await ScreenshotAsync(finance, "23-finance-opens-shared-simulation");
        }, finance);

        await StepAsync("finance opens the budget", async () =>
        {
            await People.NavigateAsync(finance, "预算");
            await Expect(finance.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("奖补资金预算");
            await Expect(finance.GetByRole(AriaRole.Table, new() { Name = "按财政层级与年度" })).ToContainTextAsync("昆山市级");
            await Expect(finance.Locator("figure.chart canvas")).ToHaveCountAsync(3);
            await ScreenshotAsync(finance, "24-finance-budget");
            Assert.Equal(3, await Charts.AssertAllRenderAsync(finance));
        }, finance);

        var district = await PersonAsync();
        await StepAsync("a district reviewer has no budget or simulation", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await Expect(district.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "政策模拟" })).ToHaveCountAsync(0);
            await district.GotoAsync(link);
            await Expect(district).ToHaveURLAsync(Denied());
        }, district);
    }

    [GeneratedRegex(@"/simulate/\d+$")]
    private static partial Regex SavedLink();

    [GeneratedRegex("/account/denied")]
    private static partial Regex Denied();
}
