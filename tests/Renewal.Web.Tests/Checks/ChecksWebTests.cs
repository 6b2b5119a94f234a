using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Workflow;

namespace Renewal.Web.Tests.Checks;

/// <summary>
/// 核查名单 and 拨付前核查 over HTTP (issue 14 item 4): the bureau enters a blacklist entry for 甲; 甲's submission is refused on
/// the page and in the API's problem (with the entry's source); a district cannot override it, the bureau can; finance reads
/// the registers but writes nothing; an import with a bad row names its row and column and saves nothing; the demo has its
/// blacklisted enterprise and its funded-elsewhere entry.
/// </summary>
[Collection(ChecksFixture.Name)]
public sealed class ChecksWebTests(ChecksApp app)
{
    private const string Source = "信用中国（江苏）测试〔2026〕7号";

    [Fact]
    public async Task ABlacklistedEnterprise_IsRefusedWithTheSource_TheBureauOverrides_ADistrictCannot()
    {
        using var shiju = await app.SignInAsync("shiju");
        var today = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (posted, page) = await shiju.SubmitFormAsync("/checks?handler=Credit", [new("creditCode", TestData.JiaCreditCode), new("kind", "Blacklist"), new("on", today), new("source", Source)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("已登记失信名单记录", Session.StatusText(page));
        Assert.Contains(Source, page);

        using var jia = await app.SignInAsync("jia");
        var a = await Flow.CreateAsync(jia, Scheme.TechRenovation, 2025);
        using (var refused = await Flow.TryMoveAsync(jia, a.Id, WorkflowAction.Submit))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("未通过拨付前核查", problem.GetProperty("title").GetString());
            Assert.Contains(Source, problem.GetProperty("detail").GetString());
            var check = problem.GetProperty("checks")[0];
            Assert.Equal("S-1", check.GetProperty("rule").GetString());
            Assert.Equal(Source, check.GetProperty("source").GetString());
        }
        var (_, detail) = await jia.SubmitFormAsync($"/applications/{a.Id}?handler=Move", [new("action", "Submit"), new("version", a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Contains("S-1 未列入失信名单", Session.ErrorText(detail));
        Assert.Contains(Source, Session.ErrorText(detail));
        Assert.Contains("拨付前核查", detail);

        var checks = await jia.JsonAsync<JsonElement>($"/api/v1/applications/{a.Id}/checks");
        var finding = checks.GetProperty("findings")[0];
        var key = finding.GetProperty("entryKey").GetString();
        Assert.False(checks.GetProperty("passed").GetBoolean());

        using var quzhen = await app.SignInAsync("quzhen");
        using (var district = await quzhen.PostJsonAsync($"/api/v1/applications/{a.Id}/checks/overrides", new { rule = "S-1", entryKey = key, reason = "区镇放行" }))
            Assert.Equal(HttpStatusCode.Forbidden, district.StatusCode);
        using (var enterprise = await jia.PostJsonAsync($"/api/v1/applications/{a.Id}/checks/overrides", new { rule = "S-1", entryKey = key, reason = "企业放行" }))
            Assert.Equal(HttpStatusCode.Forbidden, enterprise.StatusCode);
        using (var page2 = await quzhen.PostFormAsync($"/applications/{a.Id}?handler=Override", [new("rule", "S-1"), new("entryKey", key!), new("reason", "区镇放行")]))
            Assert.Equal("/account/denied", Session.RedirectPath(page2)!.Split('?')[0]);

        var (_, overridden) = await shiju.SubmitFormAsync($"/applications/{a.Id}?handler=Override", [new("rule", "S-1"), new("entryKey", key!), new("reason", "已完成信用修复，移出文件待补")]);
        Assert.Contains("已核准放行 S-1", Session.StatusText(overridden));
        Assert.Contains("核准放行：已完成信用修复，移出文件待补", overridden);
        Assert.True((await jia.JsonAsync<JsonElement>($"/api/v1/applications/{a.Id}/checks")).GetProperty("passed").GetBoolean());
        Assert.Equal(ApplicationState.Submitted, (await Flow.MoveAsync(jia, a.Id, WorkflowAction.Submit)).State);
        using var db = app.Db();
        Assert.Equal("shiju", (await db.Audit.SingleAsync(e => e.Action == "核准放行")).UserName);
    }

    [Fact]
    public async Task Finance_ReadsTheRegisters_ButWritesNothing_AndTheDemoHasItsEntries()
    {
        using var caizheng = await app.SignInAsync("caizheng");
        var page = await caizheng.PageAsync("/checks");
        Assert.Contains("信用中国（江苏苏州）严重失信主体名单（演示）", page);
        Assert.Contains("江苏省智改数转网联项目（演示）", page);
        Assert.DoesNotContain("登记信用与事故记录", page);
        var register = await caizheng.JsonAsync<JsonElement[]>("/api/v1/checks/register");
        Assert.Contains(register, r => r.GetProperty("listed").GetBoolean() && r.GetProperty("creditCode").GetString() != app.Data.DemoCreditCode);
        using (var write = await caizheng.PostJsonAsync("/api/v1/checks/register", new { creditCode = TestData.JiaCreditCode, kind = "Blacklist", on = "2026-01-01", source = "x" }))
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        using var quzhen = await app.SignInAsync("quzhen");
        Assert.Equal(HttpStatusCode.Forbidden, (await quzhen.GetAsync("/api/v1/checks/register")).StatusCode);
        Assert.DoesNotContain("核查名单", await quzhen.PageAsync("/"));
        Assert.Contains("href=\"/checks\"", page);
    }

    [Fact]
    public async Task Import_ABadRow_IsNamedByRowAndColumn_AndNothingIsSaved_TheTemplateDownloads()
    {
        using var shiju = await app.SignInAsync("shiju");
        using (var template = await shiju.GetAsync("/checks?handler=Template&kind=credit"))
        {
            Assert.Equal(HttpStatusCode.OK, template.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType!.MediaType);
        }
        int before;
        using (var db = app.Db()) before = await db.FundingRecords.CountAsync();
        using var ms = new MemoryStream();
        ms.SaveAs(new Dictionary<string, object>
        {
            ["已获其他资金支持"] = new List<Dictionary<string, object?>>
            {
                new() { ["资金名称"] = "苏州市有效投入", ["年度"] = "2025", ["统一社会信用代码"] = TestData.JiaCreditCode, ["项目名称"] = "产线", ["支持金额（元）"] = "100", ["来源"] = "苏工信〔2025〕1号" },
                new() { ["资金名称"] = "苏州市有效投入", ["年度"] = "二〇二五", ["统一社会信用代码"] = TestData.JiaCreditCode, ["项目名称"] = "产线", ["支持金额（元）"] = "-5", ["来源"] = "苏工信〔2025〕1号" },
            },
        });
        using var form = new MultipartFormDataContent { { new StringContent("funding"), "kind" } };
        form.Add(new ByteArrayContent(ms.ToArray()), "file", "支持清单.xlsx");
        using var r = await shiju.Client.PostAsync(new Uri("/api/v1/checks/import?kind=funding", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var detail = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("第 3 行 列 年度", detail);
        Assert.Contains("第 3 行 列 支持金额（元）", detail);
        Assert.DoesNotContain("第 2 行", detail);
        using (var db = app.Db()) Assert.Equal(before, await db.FundingRecords.CountAsync());
    }
}

public sealed class ChecksApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class ChecksFixture : ICollectionFixture<ChecksApp>
{
    public const string Name = "web on SQLite, checks";
}
