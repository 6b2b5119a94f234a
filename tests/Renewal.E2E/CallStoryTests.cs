using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// 申报批次 and 申报材料 in Debian chromium (issue 12): the bureau closes the demo's rolling call of 技改综合奖补 2026 and
/// opens one with a required material; the enterprise applies in it from the call list, is refused on submit naming the
/// material, uploads a PDF and submits. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class CallStoryTests(PlatformFixture platform)
{
    private const string Title = "2026 年度技改综合奖补申报（第二批，浏览器测试）";
    private const string Material = "技改项目备案证明";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task TheBureauOpensACall_TheEnterpriseIsToldWhatIsMissing_UploadsItAndSubmits()
    {
        var bureau = await PersonAsync();
        await StepAsync("bureau closes the rolling call and opens one with a required material", async () =>
        {
            await People.SignInAsync(bureau, "shiju");
            await People.NavigateAsync(bureau, "申报批次");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("申报批次");
            await bureau.GetByRole(AriaRole.Button, new() { Name = "提前截止：2026 年度技改综合奖补申报（常年受理）" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync("已提前截止申报批次");

            var now = Server.Clock.GetLocalNow().DateTime;
            var opens = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified).AddMinutes(2);
            var closes = opens.Date.AddDays(30).AddHours(17);
            var form = bureau.GetByRole(AriaRole.Region, new() { Name = "开设申报批次" });
            await form.GetByLabel("政策").SelectOptionAsync(new SelectOptionValue { Label = "技改综合奖补" });
            await form.GetByLabel("年度").SelectOptionAsync("2026");
            await form.GetByLabel("批次名称").FillAsync(Title);
            await form.GetByLabel("开始时间（北京时间）").FillAsync(opens.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await form.GetByLabel("截止时间（北京时间）").FillAsync(closes.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await form.GetByLabel("区镇初审截止日").FillAsync(closes.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await form.GetByLabel("申报通知").FillAsync("受理 2026 年度技改综合奖补第二批申报。\n请上传经备案的技改项目备案证明（PDF）。");
            await form.GetByLabel("第 1 项材料名称").FillAsync(Material);
            await form.GetByLabel("第 1 项必需").CheckAsync();
            await Expect(form.GetByLabel("第 1 项 PDF")).ToBeCheckedAsync();
            await ScreenshotAsync(bureau, "50-bureau-opens-a-call");
            await form.GetByRole(AriaRole.Button, new() { Name = "开设批次" }).ClickAsync();
            await Expect(bureau.GetByRole(AriaRole.Status)).ToContainTextAsync($"已开设申报批次“{Title}”");
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("未开始");

            Server.Clock.Advance(TimeSpan.FromMinutes(3)); // past its opening minute
            await bureau.ReloadAsync();
            await Expect(bureau.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("受理中（还有 30 天截止）");
            var materials = bureau.GetByRole(AriaRole.Region, new() { Name = "申报材料清单" });
            await Expect(materials.GetByRole(AriaRole.Row).Filter(new() { HasText = Material })).ToContainTextAsync("必需");
            await Expect(bureau.GetByRole(AriaRole.Region, new() { Name = "申报通知" })).ToContainTextAsync("第二批申报");
            await ScreenshotAsync(bureau, "51-bureau-call-page");
        }, bureau);

        var enterprise = await PersonAsync();
        await StepAsync("enterprise applies in the call from the list of calls", async () =>
        {
            await People.SignInAsync(enterprise, "qiye");
            await People.NavigateAsync(enterprise, "申报批次");
            var row = enterprise.GetByRole(AriaRole.Row).Filter(new() { HasText = Title });
            await Expect(row).ToContainTextAsync("受理中");
            await row.GetByRole(AriaRole.Link, new() { Name = "在此批次申报" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("新建申报");
            var call = enterprise.GetByRole(AriaRole.Region, new() { Name = "申报批次" });
            await Expect(call.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
            await Expect(call.GetByText($"{Material}（PDF）")).ToBeVisibleAsync();
            // Another year shows that year's call instead (the page follows the choice before anything is sent).
            await enterprise.GetByLabel("年度").SelectOptionAsync("2025");
            await Expect(call.GetByRole(AriaRole.Link, new() { Name = "2025 年度技改综合奖补申报（常年受理）" })).ToBeVisibleAsync();
            await Expect(call.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeHiddenAsync();
            await enterprise.GetByLabel("年度").SelectOptionAsync("2026");
            await Expect(call.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
            await ScreenshotAsync(enterprise, "52-enterprise-new-application-in-the-call");
            await enterprise.GetByRole(AriaRole.Button, new() { Name = "创建申报" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("草稿");
            var slot = enterprise.GetByRole(AriaRole.Group, new() { Name = Material });
            await Expect(slot).ToContainTextAsync("尚未上传");
        }, enterprise);

        await StepAsync("enterprise is refused on submit, naming the missing material", async () =>
        {
            await enterprise.GetByRole(AriaRole.Region, new() { Name = "办理", Exact = true }).GetByRole(AriaRole.Button, new() { Name = "提交申报", Exact = true }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Alert)).ToContainTextAsync($"缺少必需的申报材料：“{Material}”");
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("草稿");
            await ScreenshotAsync(enterprise, "53-enterprise-refused-missing-material");
        }, enterprise);

        await StepAsync("enterprise uploads the PDF and submits", async () =>
        {
            var slot = enterprise.GetByRole(AriaRole.Group, new() { Name = Material });
            await slot.GetByLabel("选择文件").SetInputFilesAsync(new FilePayload { Name = $"{Material}.pdf", MimeType = "application/pdf", Buffer = Pdf });
            await slot.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Status)).ToContainTextAsync($"已上传“{Material}.pdf”（第 1 版）");
            slot = enterprise.GetByRole(AriaRole.Group, new() { Name = Material });
            await Expect(slot.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Material}.pdf" })).ToContainTextAsync("第 1 版");
            await ScreenshotAsync(enterprise, "54-enterprise-uploaded-the-material");
            await People.PressAsync(enterprise, "提交申报", "已提交");
            await Expect(enterprise.GetByRole(AriaRole.Group, new() { Name = Material }).GetByLabel("选择文件")).ToHaveCountAsync(0);
            await ScreenshotAsync(enterprise, "55-enterprise-submitted-in-the-call");
        }, enterprise);
    }
}
