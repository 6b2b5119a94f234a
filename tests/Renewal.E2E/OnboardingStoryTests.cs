using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// Onboarding in Debian chromium (issue 12 item 8): the administrator imports a library file with a wrong cell and reads
/// where it is, fixes it and imports it; invites the new enterprise; the enterprise opens its own account with its
/// credit code and invitation code and signs in. Screenshots 80–84 under artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class OnboardingStoryTests(PlatformFixture platform)
{
    private const string Name = "昆山浏览器导入测试精工有限公司";
    private const string UserName = "jinggong.caiwu";
    private const string NewPassword = "Jinggong#2026";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    private static string Credit()
    {
        const string first = "91320583MA9E2E001";
        return first + Renewal.Policy.Model.CreditCode.CheckCharacter(first);
    }

    /// <summary>The library workbook a bureau clerk would fill in: one enterprise and its project, the enterprise in <paramref name="area"/>.</summary>
    private static byte[] Workbook(string area)
    {
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms))
        {
            using (var notes = x.AddSheet(LibraryWorkbook.NotesSheet)) notes.Row(LibraryWorkbook.UnitLabel, LibraryWorkbook.Yuan);
            foreach (var sheet in LibraryWorkbook.DataSheets)
            {
                using var s = x.AddSheet(sheet);
                s.Row([.. LibraryWorkbook.HeadersOf(sheet).Select(h => XValue.Text(h))]);
                if (sheet == LibraryWorkbook.Enterprises) s.Row(Credit(), Name, area, "C3421", "是", "王会计", "0512-57001234");
                if (sheet == LibraryWorkbook.Projects) s.Row(Credit(), "JG-2026-01", "精工数控机床更新", "技术改造", "在建", "2026-01-10", XValue.Blank, "4、7", "", "", "否", "");
            }
            x.Finish();
        }
        return ms.ToArray();
    }

    [Fact]
    public async Task TheAdministratorImportsTheLibrary_InvitesTheEnterprise_AndTheEnterpriseOpensItsAccount()
    {
        var admin = await PersonAsync();
        await StepAsync("admin imports a file with a wrong cell, reads where it is, and imports the fixed file", async () =>
        {
            await People.SignInAsync(admin, "admin");
            await People.NavigateAsync(admin, "项目库");
            await admin.GetByRole(AriaRole.Link, new() { Name = "导入项目库（Excel）" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("导入项目库");
            await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "下载项目库导入模板（xlsx，金额单位：元）" })).ToBeVisibleAsync();

            var upload = admin.GetByRole(AriaRole.Region, new() { Name = "上传" });
            await upload.GetByLabel("项目库 Excel 文件（.xlsx）").SetInputFilesAsync(new FilePayload { Name = "新企业.xlsx", MimeType = XlsxType, Buffer = Workbook("火星镇") });
            await upload.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("导入失败，未保存任何数据：新企业.xlsx 有 1 处错误");
            var error = admin.GetByRole(AriaRole.Table, new() { Name = "错误列表" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "所属区镇" });
            await Expect(error).ToContainTextAsync("企业");
            await Expect(error).ToContainTextAsync("C2");
            await Expect(error).ToContainTextAsync("火星镇");
            await ScreenshotAsync(admin, "80-admin-import-refused-with-the-cell");

            await upload.GetByLabel("项目库 Excel 文件（.xlsx）").SetInputFilesAsync(new FilePayload { Name = "新企业.xlsx", MimeType = XlsxType, Buffer = Workbook("周市镇") });
            await upload.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已导入：新企业.xlsx，金额单位 元。新增 2 行、修改 0 行");
            await Expect(admin.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "各工作表" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "项目" }).First).ToContainTextAsync("1");
            await ScreenshotAsync(admin, "81-admin-import-saved");
        }, admin);

        var code = "";
        await StepAsync("admin invites the new enterprise and reads its code once", async () =>
        {
            await People.NavigateAsync(admin, "账号管理");
            await admin.GetByRole(AriaRole.Link, new() { Name = "批量邀请企业开通账号" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("邀请企业开通账号");
            var list = admin.GetByRole(AriaRole.Region, new() { Name = "尚无账号的企业" });
            await list.GetByLabel("区镇").SelectOptionAsync("周市镇");
            await list.GetByLabel("企业名称或信用代码").FillAsync("精工");
            await list.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            list = admin.GetByRole(AriaRole.Region, new() { Name = "尚无账号的企业" });
            await Expect(list.GetByRole(AriaRole.Row).Filter(new() { HasText = Name })).ToContainTextAsync("未邀请");
            await list.GetByLabel($"选择 {Name}").CheckAsync();
            await list.GetByRole(AriaRole.Button, new() { Name = "为选中的企业生成邀请码" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("已为 1 家企业生成邀请码。邀请码只显示这一次");
            var row = admin.GetByRole(AriaRole.Table, new() { Name = "邀请码" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Name });
            await Expect(row).ToContainTextAsync(Credit());
            code = (await row.GetByRole(AriaRole.Cell).Nth(3).InnerTextAsync()).Trim();
            Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
            await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "下载邀请码（xlsx）" })).ToBeVisibleAsync();
            await Expect(admin.GetByRole(AriaRole.Region, new() { Name = "尚无账号的企业" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Name })).ToContainTextAsync("已邀请");
            await ScreenshotAsync(admin, "82-admin-invitation-codes");
        }, admin);

        var firm = await PersonAsync();
        await StepAsync("the enterprise opens its own account with its credit code and invitation code, then signs in", async () =>
        {
            await firm.GotoAsync("/account/signin");
            await firm.GetByRole(AriaRole.Link, new() { Name = "收到市局的邀请码？开通企业账号" }).ClickAsync();
            await Expect(firm.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("开通企业账号");
            await firm.GetByLabel("统一社会信用代码").FillAsync(Credit());
            await firm.GetByLabel("邀请码").FillAsync("AAAA-BBBB-CCCC-DDDD");
            await firm.GetByLabel("用户名（英文字母、数字、点、下划线或连字符，至少 3 位）").FillAsync(UserName);
            await firm.GetByLabel("密码（至少 8 位，含字母和数字）").FillAsync(NewPassword);
            await firm.GetByLabel("再次输入密码").FillAsync(NewPassword);
            await firm.GetByRole(AriaRole.Button, new() { Name = "开通账号" }).ClickAsync();
            await Expect(firm.GetByRole(AriaRole.Alert)).ToHaveTextAsync("统一社会信用代码或邀请码不正确，或邀请码已使用、已过期。请核对后重试，或联系市局重新邀请。");
            await ScreenshotAsync(firm, "83-enterprise-claim-refused");

            await firm.GetByLabel("邀请码").FillAsync(code);
            await firm.GetByLabel("密码（至少 8 位，含字母和数字）").FillAsync(NewPassword);
            await firm.GetByLabel("再次输入密码").FillAsync(NewPassword);
            await firm.GetByRole(AriaRole.Button, new() { Name = "开通账号" }).ClickAsync();
            await Expect(firm.GetByRole(AriaRole.Status)).ToContainTextAsync($"企业账号 {UserName} 已开通（{Name}）");
            await firm.GetByLabel("用户名").FillAsync(UserName);
            await firm.GetByLabel("密码").FillAsync(NewPassword);
            await firm.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
            await Expect(firm.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
            await People.NavigateAsync(firm, "我的企业");
            await Expect(firm.GetByRole(AriaRole.Main)).ToContainTextAsync(Name);
            await ScreenshotAsync(firm, "84-enterprise-signed-in");
        }, firm);
    }
}
