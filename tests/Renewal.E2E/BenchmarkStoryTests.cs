using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Renewal.Data.Entities;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// 标杆企业 in Debian chromium (issue 14 item 3): the district (quzhen) nominates the demo enterprise to the demo round
/// 提名中, seeing its library figures beside the criteria; the bureau (shiju) closes nominations, scores every criterion
/// with a reason and selects it; the enterprise (qiye) ticks what its public page may show; the bureau publishes; a
/// visitor who has not signed in reads the public page with only the agreed figures. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class BenchmarkStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task ARoundFromNominationThroughScoringAndConsent_ToThePublicPage()
    {
        string enterprise, round, project;
        await using (var db = Server.Db())
        {
            var code = await db.Users.AsNoTracking().Where(u => u.UserName == "qiye").Select(u => u.CreditCode!).SingleAsync();
            var e = await db.Enterprises.AsNoTracking().Include(x => x.Projects).SingleAsync(x => x.CreditCode == code);
            enterprise = e.Name;
            project = e.Projects.OrderBy(p => p.Code).First().Name;
            round = await db.BenchmarkRounds.AsNoTracking().Where(r => r.Status == BenchmarkRoundStatus.Nominating).Select(r => r.Name).SingleAsync();
        }

        var district = await PersonAsync();
        await StepAsync("district nominates an enterprise of its area, with its figures beside the criteria", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await People.NavigateAsync(district, "标杆企业");
            await district.GetByRole(AriaRole.Link, new() { Name = round, Exact = true }).ClickAsync();
            await district.GetByRole(AriaRole.Link, new() { Name = "提名本区镇企业" }).ClickAsync();
            await district.GetByLabel("企业名称或统一社会信用代码").FillAsync(enterprise);
            await district.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
            await district.GetByRole(AriaRole.Link, new() { Name = $"提名{enterprise}" }).ClickAsync();
            var form = district.GetByRole(AriaRole.Region, new() { Name = "提名表" });
            await Expect(form.GetByRole(AriaRole.Table, new() { Name = "遴选标准与企业数据" })).ToContainTextAsync("2024—2027 年设备投资");
            await Expect(form).ToContainTextAsync("数字化投资");
            await form.GetByLabel("提名理由").FillAsync("智能化改造成效突出，行业带动作用明显");
            await form.GetByLabel("企业改造目标（企业自述，如产能、能效、质量、数字化目标）").FillAsync("2027 年关键工序数控化率 90%，单位产值能耗下降 10%");
            await form.GetByLabel(project).First.CheckAsync();
            await ScreenshotAsync(district, "95-district-nominates-a-benchmark");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交提名" }).ClickAsync();
            await Expect(district.GetByRole(AriaRole.Status)).ToContainTextAsync("已提名");
            await Expect(district.GetByRole(AriaRole.Region, new() { Name = $"提名：{enterprise}" })).ToContainTextAsync("智能化改造成效突出");
        }, district);

        var bureau = await PersonAsync();
        await StepAsync("bureau closes nominations, scores each criterion with a reason and selects", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.NavigateAsync(bureau, "标杆企业");
            await bureau.GetByRole(AriaRole.Link, new() { Name = round, Exact = true }).ClickAsync();
            await bureau.GetByRole(AriaRole.Button, new() { Name = "截止提名，进入评审" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("评审中");
            foreach (var (criterion, score) in new[] { ("重点行业", "18"), ("计划投资", "26"), ("数字化占比", "25"), ("企业目标", "17") })
            {
                var nomination = bureau.GetByRole(AriaRole.Region, new() { Name = $"提名：{enterprise}" });
                await nomination.GetByLabel($"“{criterion}”得分", new() { Exact = false }).FillAsync(score);
                await nomination.GetByLabel($"“{criterion}”评分理由").FillAsync($"依据项目库数据评定{criterion}");
                await nomination.GetByRole(AriaRole.Button, new() { Name = $"保存“{criterion}”评分" }).ClickAsync();
                await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存评分");
            }
            var ranking = bureau.GetByRole(AriaRole.Table, new() { Name = "排名" });
            await Expect(ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = enterprise })).ToContainTextAsync("86 / 100");
            var mine = bureau.GetByRole(AriaRole.Region, new() { Name = $"提名：{enterprise}" });
            await mine.GetByLabel($"{enterprise}入选理由").FillAsync("综合得分居前，数字化转型示范性强");
            await ScreenshotAsync(bureau, "96-bureau-scores-and-selects");
            await mine.GetByRole(AriaRole.Button, new() { Name = $"选定{enterprise}为标杆企业" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已选定为标杆企业");
        }, bureau);

        var firm = await PersonAsync();
        await StepAsync("enterprise agrees what its public page may show", async () =>
        {
            await People.SignInAsync(firm, "qiye");
            await People.NavigateAsync(firm, "标杆企业");
            var selection = firm.GetByRole(AriaRole.Region, new() { Name = round });
            await Expect(selection).ToContainTextAsync(project);
            await selection.GetByLabel("同意公开：改造项目").CheckAsync();
            await selection.GetByLabel("同意公开：设备投资（2024—2027 年，展示项目合计）").CheckAsync();
            await ScreenshotAsync(firm, "97-enterprise-agrees-what-to-publish");
            await selection.GetByRole(AriaRole.Button, new() { Name = "保存确认" }).ClickAsync();
            await Expect(firm.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存公开内容确认");
        }, firm);

        await StepAsync("bureau publishes the selection", async () =>
        {
            await bureau.ReloadAsync();
            await bureau.GetByRole(AriaRole.Button, new() { Name = "公布遴选结果" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("已公布");
        }, bureau);

        var visitor = await PersonAsync();
        await StepAsync("anyone reads the public page, with only the agreed figures", async () =>
        {
            await visitor.GotoAsync("/benchmarks");
            await visitor.GetByRole(AriaRole.Link, new() { Name = enterprise, Exact = true }).First.ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(enterprise);
            var renewed = visitor.GetByRole(AriaRole.Region, new() { Name = "设备更新成效" });
            await Expect(renewed).ToContainTextAsync(project);
            await Expect(renewed).ToContainTextAsync("设备投资（2024—2027 年，元）");
            await Expect(renewed).Not.ToContainTextAsync("企业改造目标");
            await Expect(renewed).Not.ToContainTextAsync("数字化投资");
            await Expect(visitor.GetByRole(AriaRole.Region, new() { Name = "入选理由" })).ToContainTextAsync("综合得分居前");
            await ScreenshotAsync(visitor, "98-public-benchmark-page");
        }, visitor);
    }
}
