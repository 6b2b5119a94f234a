using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// Reviewers and finance in Debian chromium (issue 12 item 5): the bureau returns an application to the district, who
/// passes it again with an opinion; the bureau approves less than computed with its reason; finance pays it in a batch
/// with a voucher and downloads the treasury's list; the enterprise learns of the payment in its inbox.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class PaymentStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task TheBureauReturnsToTheDistrict_ApprovesLessWithAReason_FinancePaysABatch_TheEnterpriseIsTold()
    {
        const string projectName = "注塑车间设备更新项目（拨付浏览器测试）";
        var number = "";

        var enterprise = await PersonAsync();
        await StepAsync("enterprise declares a project and submits", async () =>
        {
            // 40,000,000 of equipment in 2025 in a cluster: 8% = 3,200,000 of 有效投入奖补.
            await People.SignInAsync(enterprise, "qiye");
            number = await People.DeclareAndSubmitAsync(enterprise, "E2E-PAY-01", projectName, "40000000");
            await Expect(enterprise.GetByRole(AriaRole.Region, new() { Name = "申报信息" })).ToContainTextAsync("3,200,000.00 元");
        }, enterprise);

        var district = await PersonAsync();
        var bureau = await PersonAsync();
        await StepAsync("district passes it, the bureau returns it to the district, the district passes it again", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await People.OpenApplicationAsync(district, number);
            await People.PressAsync(district, "受理", "区镇审核中");
            await district.GetByLabel("审核意见").FillAsync("材料齐全，同意上报");
            await People.PressAsync(district, "区镇审核通过", "市局审核中");

            await People.SignInAsync(bureau, "shiju");
            await People.OpenApplicationAsync(bureau, number);
            await bureau.GetByLabel("复核意见（必填）").FillAsync("请核实设备合同与发票金额是否一致");
            await People.PressAsync(bureau, "退回区镇复核", "区镇审核中");
            await ScreenshotAsync(bureau, "70-bureau-returned-to-the-district");

            await district.ReloadAsync();
            await Expect(district.GetByRole(AriaRole.Region, new() { Name = "办理记录" })).ToContainTextAsync("请核实设备合同与发票金额是否一致");
            await district.GetByLabel("审核意见").FillAsync("已核实合同与发票一致");
            await People.PressAsync(district, "区镇审核通过", "市局审核中");
        }, district, bureau);

        await StepAsync("bureau puts it on notice, then approves less than computed with its reason", async () =>
        {
            await bureau.ReloadAsync();
            await People.PressAsync(bureau, "市局审核通过并公示", "公示中");
            Server.Clock.Advance(TimeSpan.FromDays(8)); // five working days have passed (and the sign-in with them)
            await People.SignInAsync(bureau, "shiju");
            await People.OpenApplicationAsync(bureau, number);
            await bureau.GetByLabel("批准金额（元）").FillAsync("3,000,000");
            await bureau.GetByLabel("审核意见（核减时必填核减理由）").FillAsync("一台设备未见验收单，按核实金额核减");
            await ScreenshotAsync(bureau, "71-bureau-approves-less");
            await People.PressAsync(bureau, "公示期满批准", "已批准");
            var info = bureau.GetByRole(AriaRole.Region, new() { Name = "申报信息" });
            await Expect(info).ToContainTextAsync("测算 3,200,000.00 元，核减为 3,000,000.00 元；理由：一台设备未见验收单，按核实金额核减");
        }, bureau);

        var finance = await PersonAsync();
        await StepAsync("finance pays it in a batch and downloads the treasury's list", async () =>
        {
            await People.SignInAsync(finance, "caizheng");
            await People.NavigateAsync(finance, "拨付");
            await Expect(finance.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("奖补资金拨付");
            var row = finance.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
            await Expect(row).ToContainTextAsync("3,000,000.00");
            await finance.GetByRole(AriaRole.Button, new() { Name = "确认拨付所选" }).ClickAsync();
            await Expect(finance.GetByRole(AriaRole.Alert)).ToContainTextAsync("请选择要拨付的申报");
            row = finance.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
            await row.GetByRole(AriaRole.Checkbox, new() { Name = $"拨付 {number}" }).CheckAsync();
            await row.GetByLabel($"{number} 的支付凭证号").FillAsync("GK-E2E-0001");
            await finance.GetByLabel("备注（如国库支付指令号）").FillAsync("国库支付指令 E2E-01");
            await ScreenshotAsync(finance, "72-finance-batch");
            await finance.GetByRole(AriaRole.Button, new() { Name = "确认拨付所选" }).ClickAsync();
            await Expect(finance.GetByRole(AriaRole.Status)).ToContainTextAsync("已拨付 1 项，合计 3,000,000.00 元");
            await Expect(finance.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("拨付批次 BF");
            await Expect(finance.GetByRole(AriaRole.Row).Filter(new() { HasText = number })).ToContainTextAsync("GK-E2E-0001");
            await ScreenshotAsync(finance, "73-finance-batch-paid");
            var download = await finance.RunAndWaitForDownloadAsync(() =>
                finance.GetByRole(AriaRole.Link, new() { Name = "下载拨付清单（xlsx）" }).ClickAsync());
            Assert.StartsWith("拨付清单-BF", download.SuggestedFilename, StringComparison.Ordinal);
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        }, finance);

        await StepAsync("the enterprise learns of the payment", async () =>
        {
            await People.SignInAsync(enterprise, "qiye"); // a week has passed since its last sign-in
            await enterprise.GotoAsync("/inbox");
            await Expect(enterprise.GetByText($"奖补已拨付：{number}").First).ToBeVisibleAsync();
            await People.OpenApplicationAsync(enterprise, number);
            await Expect(enterprise.GetByRole(AriaRole.Region, new() { Name = "申报信息" })).ToContainTextAsync("GK-E2E-0001");
            await ScreenshotAsync(enterprise, "74-enterprise-sees-the-payment");
        }, enterprise);
    }
}
