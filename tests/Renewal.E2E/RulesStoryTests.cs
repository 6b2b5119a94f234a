using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// A server of its own for the rules story: publishing a revision changes every amount after it, which the other stories
/// (run on their shared server) must not see.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RulesPlatformCollectionFixture : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform in chromium, rule revisions";
}

/// <summary>
/// The bureau changes the rules without a release (issue 11, POLICY.md V-1..V-6): an administrator uploads Jiangsu's
/// August 2024 revision (JS-2024-08), reads its impact before publication, cannot publish it herself and signs out; a
/// second administrator publishes it. Then C-3's base rate is set the same way, by the form, and 政策参数 no longer tags
/// it 暂定值. Screenshots under artifacts/screenshots/.
/// </summary>
[Collection(RulesPlatformCollectionFixture.Name)]
public sealed partial class RulesStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    private static ILocator ParameterRow(IPage page, string words) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByText(words, new() { Exact = true }) });

    [Fact]
    public async Task AnAdministratorDraftsJs202408_IsRefusedPublishingIt_ASecondPublishes_ThenC3IsSet_AndNoLongerProvisional()
    {
        var draftUrl = "";
        var admin = await PersonAsync();
        await StepAsync("admin uploads JS-2024-08 and previews its impact", async () =>
        {
            await People.SignInAsync(admin, "admin");
            await People.NavigateAsync(admin, "政策参数");
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("政策参数");
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "A 重大示范项目奖励" })).ToBeVisibleAsync();
            await Expect(ParameterRow(admin, "技改综合奖补基础比例").GetByText("暂定值", new() { Exact = true })).ToBeVisibleAsync();
            await ScreenshotAsync(admin, "40-rules-parameters");
            await admin.GetByRole(AriaRole.Link, new() { Name = "起草修订" }).First.ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("起草规则修订");
            await admin.GetByLabel("修订文件（.yaml、.yml 或 .json）").SetInputFilesAsync(RevisionFile());
            await admin.GetByRole(AriaRole.Button, new() { Name = "上传并保存草稿" }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(DraftPage());
            draftUrl = new Uri(admin.Url).PathAndQuery;
            await Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("已保存修订草稿 JS-2024-08");
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("修订 JS-2024-08");
            await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "修订的取值" })).ToContainTextAsync("2024-08-23 起");
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "发布前的影响测算" })).ToBeVisibleAsync();
            await Expect(admin.Locator("#impact-summary")).ToContainTextAsync("已批准或已拨付的");
            await Expect(admin.GetByRole(AriaRole.Table, new() { Name = "差额按财政层级" })).ToContainTextAsync("省级");
            await ScreenshotAsync(admin, "41-admin-previews-js-2024-08");
        }, admin);

        await StepAsync("admin may not publish her own draft, and signs out", async () =>
        {
            await Expect(admin.GetByText("本修订由您起草：须由另一位市局管理员发布（双人规则 V-6）")).ToBeVisibleAsync();
            await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true })).ToBeDisabledAsync();
            await ScreenshotAsync(admin, "42-admin-cannot-publish-own-draft");
            await admin.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(SignInPage());
        }, admin);

        var admin2 = await PersonAsync();
        await StepAsync("admin2 signs in and publishes JS-2024-08", async () =>
        {
            await People.SignInAsync(admin2, "admin2");
            await People.NavigateAsync(admin2, "政策参数");
            await admin2.GetByRole(AriaRole.Table, new() { Name = "修订草稿" }).GetByRole(AriaRole.Link, new() { Name = "JS-2024-08" }).ClickAsync();
            await Expect(admin2).ToHaveURLAsync(new Regex(Regex.Escape(draftUrl) + "$"));
            await Expect(admin2.GetByText("本修订由您起草")).ToHaveCountAsync(0);
            await admin2.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
            await Expect(admin2).ToHaveURLAsync(RulesPage());
            await Expect(admin2.GetByRole(AriaRole.Status).First).ToContainTextAsync("已发布修订 JS-2024-08");
            var published = admin2.GetByRole(AriaRole.Table, new() { Name = "已发布的修订" });
            await Expect(published).ToContainTextAsync("JS-2024-08");
            await Expect(published).ToContainTextAsync("admin2");
            await Expect(admin2.GetByRole(AriaRole.Row).Filter(new() { HasText = "修订 JS-2024-08" }).First).ToBeVisibleAsync();
            await ScreenshotAsync(admin2, "43-admin2-published-js-2024-08");
        }, admin2);

        var c3Url = "";
        await StepAsync("admin sets C-3's base rate to 6% from 2025 by the form", async () =>
        {
            await People.SignInAsync(admin, "admin");
            await admin.GotoAsync("/rules/drafts/new");
            await admin.GetByLabel("编号（id）", new() { Exact = true }).FillAsync("KS-2025-C3");
            await admin.GetByLabel("标题（title）", new() { Exact = true }).FillAsync("技改综合奖补基础比例设定为 6%（浏览器测试）");
            await admin.GetByLabel("依据（source：文号或公布处）", new() { Exact = true }).FillAsync("昆工信〔2025〕示例号（浏览器测试）");
            await admin.GetByLabel("公布日期（published_on）", new() { Exact = true }).FillAsync("2025-03-01");
            await admin.GetByLabel("添加参数").SelectOptionAsync(new SelectOptionValue { Label = "技改综合奖补基础比例" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();
            var value = admin.GetByLabel("技改综合奖补基础比例的取值");
            await Expect(value).ToHaveValueAsync("5"); // the value in force, in percent
            await admin.GetByLabel("技改综合奖补基础比例的起始日").FillAsync("2025-01-01");
            await admin.GetByLabel("技改综合奖补基础比例的止日").FillAsync("2027-12-31");
            await value.FillAsync("6");
            await ScreenshotAsync(admin, "44-admin-drafts-c3-by-form");
            await admin.GetByRole(AriaRole.Button, new() { Name = "保存草稿", Exact = true }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(DraftPage());
            c3Url = new Uri(admin.Url).PathAndQuery;
            var changed = admin.GetByRole(AriaRole.Table, new() { Name = "修订改变的参数取值" });
            await Expect(changed).ToContainTextAsync("5%");
            await Expect(changed).ToContainTextAsync("6%");
            await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true })).ToBeDisabledAsync();
            await ScreenshotAsync(admin, "45-admin-previews-c3");
        }, admin);

        await StepAsync("admin2 publishes it and 政策参数 no longer tags C-3 as provisional", async () =>
        {
            await admin2.GotoAsync(c3Url);
            await admin2.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
            await Expect(admin2).ToHaveURLAsync(RulesPage());
            await Expect(admin2.GetByRole(AriaRole.Status).First).ToContainTextAsync("已发布修订 KS-2025-C3");
            var row = ParameterRow(admin2, "技改综合奖补基础比例");
            await Expect(row).ToContainTextAsync("6%");
            await Expect(row).ToContainTextAsync("修订 KS-2025-C3");
            await Expect(row.GetByText("暂定值", new() { Exact = true })).ToHaveCountAsync(0);
            await row.GetByText(new Regex(@"^\d+ 层")).ClickAsync(); // the history: the pack's assumed 5%, then the revision's 6%
            await Expect(row.GetByRole(AriaRole.List).First).ToContainTextAsync("规则包");
            await ScreenshotAsync(admin2, "46-rules-c3-no-longer-provisional");
        }, admin2);
    }

    /// <summary>The shared case revisions/js-2024-08.yaml (its text copied here when the shared folder is not beside the repository).</summary>
    private static string RevisionFile()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
        var shared = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "cases", "revisions", "js-2024-08.yaml");
        if (shared is not null && File.Exists(shared)) return Path.GetFullPath(shared);
        var copy = Path.Combine(Path.GetTempPath(), "renewal-e2e", "js-2024-08.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, """
            revision:
              id: JS-2024-08
              title: 江苏省制造业贷款财政贴息政策调整（省级取消 LPR+50BP 与 500 万元设备投资条件）
              source: 2024 年 8 月公开报道的江苏省调整（以正式文件为准）
              published_on: 2024-08-23
              values:
                loan.province.waived:
                  - { from: 2024-08-23, value: [D-E4, D-E5], source: JS-2024-08 }
            """);
        return copy;
    }

    [GeneratedRegex(@"/rules/drafts/\d+$")]
    private static partial Regex DraftPage();

    [GeneratedRegex(@"/rules$")]
    private static partial Regex RulesPage();

    [GeneratedRegex("/account/signin")]
    private static partial Regex SignInPage();
}
