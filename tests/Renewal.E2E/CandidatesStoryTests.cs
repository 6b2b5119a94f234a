using Microsoft.Playwright;
using Renewal.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Renewal.E2E.Infrastructure.Browser;

namespace Renewal.E2E;

/// <summary>
/// Renewal candidates in the browser: the district reviewer sees its own area only, filters by R-2 and opens an
/// enterprise's items with reasons and suggestions; the enterprise finds its own from 我的企业. Screenshots under
/// artifacts/screenshots/.
/// </summary>
[Collection(PlatformCollectionFixture.Name)]
public sealed class CandidatesStoryTests(PlatformFixture platform)
{
    private PlatformServer Server => platform.Server;

    private Task<IPage> PersonAsync() => platform.Browser.NewPersonAsync(Server.BaseUrl);

    [Fact]
    public async Task TheDistrictSeesItsArea_FiltersR2_OpensAnEnterprise_AndTheEnterpriseSeesItsOwn()
    {
        var district = await PersonAsync();
        await StepAsync("district opens 更新潜力 and sees its own area only", async () =>
        {
            await People.SignInAsync(district, "quzhen");
            await People.NavigateAsync(district, "更新潜力");
            await Expect(district.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("设备更新潜力");
            var areas = district.GetByRole(AriaRole.Table, new() { Name = "按区镇" });
            await Expect(areas.Locator("tbody tr")).ToHaveCountAsync(1);
            await ScreenshotAsync(district, "30-district-candidates");
        }, district);

        await StepAsync("district filters by R-2 and opens the first enterprise", async () =>
        {
            await district.GetByLabel("规则").SelectOptionAsync("R-2");
            await district.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            var enterprises = district.GetByRole(AriaRole.Table, new() { Name = "按企业" });
            await Expect(enterprises.Locator("tbody tr").First).ToBeVisibleAsync();
            await enterprises.Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(district.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("设备更新潜力");
            var items = district.GetByRole(AriaRole.Table, new() { Name = "设备台账与更新建议" });
            await Expect(items).ToContainTextAsync("R-2");
            await Expect(items).ToContainTextAsync("能效二级及以上");
            await ScreenshotAsync(district, "31-district-candidate-items");
        }, district);

        var enterprise = await PersonAsync();
        await StepAsync("the enterprise finds its own candidates from 我的企业", async () =>
        {
            await People.SignInAsync(enterprise, "qiye");
            await People.NavigateAsync(enterprise, "我的企业");
            await enterprise.GetByRole(AriaRole.Link, new() { Name = "设备更新潜力：台账中应更新的设备、原因与更新建议（R-1..R-4）" }).ClickAsync();
            await Expect(enterprise.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("设备更新潜力");
            await Expect(enterprise.GetByRole(AriaRole.Table, new() { Name = "设备台账与更新建议" })).ToBeVisibleAsync();
            await ScreenshotAsync(enterprise, "32-enterprise-own-candidates");
        }, enterprise);
    }
}
