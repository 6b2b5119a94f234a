using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// 公示 with an objection in Debian chromium (issue 12 item 6): an application goes on notice; a visitor who has not
/// signed in objects on /notice (name, contact, reason); the bureau learns of it in 消息, reads who objected and how to
/// reach them on the application, resolves it, and may then approve after the notice. Screenshots 60–66.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class NoticeStoryTests(PlatformFixture platform)
{
    private const string ProjectName = "注塑车间设备更新项目（公示浏览器测试）";
    private const string Objector = "钱公民";
    private const string Contact = "13912345678";
    private const string Reason = "该项目申报的部分注塑机为租赁设备，并非企业自购，请市局核实。";

    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task AnApplicationOnNotice_AVisitorObjects_TheBureauIsToldResolvesItAndThenApproves()
    {
        var number = "";
        var enterprise = await PersonAsync();
        await StepAsync("enterprise declares a project, applies and submits", async () =>
        {
            await People.SignInAsync(enterprise, "qiye");
            number = await People.DeclareAndSubmitAsync(enterprise, "E2E-NOTICE-1", ProjectName, "30000000");
        }, enterprise);

        var district = await PersonAsync();
        await StepAsync("district accepts and approves", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await People.OpenApplicationAsync(district, number);
            await People.PressAsync(district, "受理", "区镇审核中");
            await People.PressAsync(district, "区镇审核通过", "市局审核中");
        }, district);

        var bureau = await PersonAsync();
        await StepAsync("bureau approves it into the public notice", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.OpenApplicationAsync(bureau, number);
            await People.PressAsync(bureau, "市局审核通过并公示", "公示中");
            await Expect(bureau.GetByRole(AriaRole.Region, new() { Name = "公示异议" })).ToContainTextAsync("公示期内暂未收到异议");
            await ScreenshotAsync(bureau, "60-bureau-application-on-notice");
        }, bureau);

        var visitor = await PersonAsync();
        await StepAsync("a visitor who has not signed in objects on the notice", async () =>
        {
            await visitor.GotoAsync("/notice");
            var row = visitor.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
            await Expect(row).ToContainTextAsync("公示中");
            await Expect(row).ToContainTextAsync(new Regex(@"公示期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}"));
            await Expect(row).ToContainTextAsync("天截止");
            await ScreenshotAsync(visitor, "61-public-notice-with-objection-link");
            await row.GetByRole(AriaRole.Link, new() { Name = $"对 {number} 提出异议" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);

            // A reason too short is refused, naming the field and keeping what was typed.
            await visitor.GetByLabel("姓名").FillAsync(Objector);
            await visitor.GetByLabel("联系方式（电话或电子邮箱）").FillAsync(Contact);
            await visitor.GetByLabel("异议理由").FillAsync("设备有问题");
            await visitor.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Alert)).ToContainTextAsync("异议理由（reason）至少");
            await Expect(visitor.GetByLabel("姓名")).ToHaveValueAsync(Objector);
            await ScreenshotAsync(visitor, "62-objection-refused-reason-too-short");

            await visitor.GetByLabel("异议理由").FillAsync(Reason);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Status)).ToContainTextAsync("异议已提交");
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("奖补资金公示名单");
            // The objector's name and contact are for the bureau, never on the public page.
            await Expect(visitor.GetByText(Contact)).ToHaveCountAsync(0);
            await Expect(visitor.GetByText(Objector)).ToHaveCountAsync(0);
            await ScreenshotAsync(visitor, "63-objection-submitted");
        }, visitor);

        await StepAsync("the bureau learns of it in its messages and reads it on the application", async () =>
        {
            await bureau.ReloadAsync();
            await bureau.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "消息" }).ClickAsync();
            var message = bureau.GetByRole(AriaRole.Listitem).Filter(new() { HasText = $"公示异议待处理：{number}" });
            await Expect(message).ToContainTextAsync("注塑机为租赁设备");
            await ScreenshotAsync(bureau, "64-bureau-inbox-objection");
            await message.GetByRole(AriaRole.Button, new() { Name = $"公示异议待处理：{number}" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
            var objections = bureau.GetByRole(AriaRole.Region, new() { Name = "公示异议" });
            var line = objections.GetByRole(AriaRole.Row).Filter(new() { HasText = Reason });
            await Expect(line).ToContainTextAsync(Objector);
            await Expect(line).ToContainTextAsync(Contact);
            await Expect(line).ToContainTextAsync("公众");
            await Expect(objections).ToContainTextAsync("1 项待处理");
            await ScreenshotAsync(bureau, "65-bureau-reads-the-objection");
        }, bureau);

        var bureauLater = await PersonAsync();
        await StepAsync("after the notice the bureau resolves the objection and approves", async () =>
        {
            Server.Clock.Advance(TimeSpan.FromDays(8)); // five working days have passed (and yesterday's session with them)
            await People.SignInAsync(bureauLater, "shiju");
            await People.OpenApplicationAsync(bureauLater, number);
            // Approval waits while the objection is open, and says so.
            await bureauLater.GetByRole(AriaRole.Region, new() { Name = "办理" }).GetByRole(AriaRole.Button, new() { Name = "公示期满批准", Exact = true }).ClickAsync();
            await Expect(bureauLater.GetByRole(AriaRole.Alert)).ToContainTextAsync("公示期内有未处理的异议，处理后方可批准");

            var objections = bureauLater.GetByRole(AriaRole.Region, new() { Name = "公示异议" });
            await objections.GetByLabel("处理意见").FillAsync("经现场核查，注塑机购置发票与合同齐全，均为企业自购，异议不成立，已电话答复异议人。");
            await objections.GetByRole(AriaRole.Button, new() { Name = "处理异议" }).ClickAsync();
            await Expect(bureauLater.GetByRole(AriaRole.Status)).ToContainTextAsync("异议已处理");
            var line = bureauLater.GetByRole(AriaRole.Region, new() { Name = "公示异议" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Reason });
            await Expect(line).ToContainTextAsync("已处理");
            await Expect(line).ToContainTextAsync("异议不成立");
            await Expect(line).ToContainTextAsync("shiju");

            await People.PressAsync(bureauLater, "公示期满批准", "已批准");
            await ScreenshotAsync(bureauLater, "66-bureau-approved-after-resolving");
        }, bureauLater);

        foreach (var p in new[] { enterprise, district, bureau, visitor, bureauLater }) await p.Context.CloseAsync();
    }
}
