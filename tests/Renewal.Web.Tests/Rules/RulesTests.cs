using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Workflow;

namespace Renewal.Web.Tests.Rules;

/// <summary>
/// Publishing a revision changes the rules of the whole app (every amount after it), so these tests run on an app of
/// their own, apart from the shared fixture's tests that compute awards under the pack.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RulesSqliteFixture : ICollectionFixture<SqliteApp>
{
    public const string Name = "rule revisions on SQLite";
}

[CollectionDefinition(Name)]
public sealed class RulesPostgresFixture : ICollectionFixture<PostgresApp>
{
    public const string Name = "rule revisions on PostgreSQL";
}

/// <summary>
/// 政策参数 (/rules, issue 11 item 3) as the bureau uses it: an administrator drafts a revision by the forms or from a
/// file, sees before publication which open applications it changes and the forecast (V-5), cannot publish it herself
/// (V-6) — a second administrator does — and the parameter page then shows the revision's layer and the new value.
/// Every refusal of the reader (V-1) is shown in Chinese and the form keeps what was typed.
/// </summary>
public abstract partial class RulesTests(RenewalApp app)
{
    private static List<KeyValuePair<string, string>> Header(string id, string publishedOn = "2026-02-01") =>
    [
        new("id", id), new("title", $"测试修订 {id}"), new("source", "昆工信〔2026〕测试号"), new("published_on", publishedOn),
    ];

    private static List<KeyValuePair<string, string>> Row(int i, string parameter, string from, string? until, params (string Suffix, string Value)[] value)
    {
        var fields = new List<KeyValuePair<string, string>> { new($"r{i}.parameter", parameter), new($"r{i}.from", from), new($"r{i}.until", until ?? ""), new($"r{i}.source", ""), new($"r{i}.note", "") };
        fields.AddRange(value.Select(v => new KeyValuePair<string, string>($"r{i}.value{v.Suffix}", v.Value)));
        return fields;
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    /// <summary>The text of a page as read: tags gone, spaces collapsed.</summary>
    private static string Words(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    /// <summary>The HTML of the row of <paramref name="parameter"/> on /rules.</summary>
    private static string RowOf(string html, string parameter)
    {
        var id = "param-" + parameter.Replace('.', '-');
        var m = Regex.Match(html, $"<tr id=\"{Regex.Escape(id)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no row {id} on /rules");
        return Decoded(m.Groups[1].Value);
    }

    /// <summary>The current-value cell of a row (the 暂定值 tag and the revision tag sit there).</summary>
    private static string ValueCell(string row) => Regex.Match(row, "<td class=\"value\">(.*?)</td>", RegexOptions.Singleline).Groups[1].Value;

    private async Task<int> DraftIdAsync(string documentId)
    {
        await using var db = app.Db();
        return await db.Revisions.Where(r => r.DocumentId == documentId && r.State != RevisionState.Discarded).Select(r => r.Id).SingleAsync();
    }

    private static async Task<HttpResponseMessage> PostTextAsync(Session s, string path, string text)
    {
        using var content = new StringContent(text, Encoding.UTF8, "application/yaml");
        return await s.Client.PostAsync(path, content);
    }

    [Fact]
    public async Task AdminDraftsByTheForm_ThePreviewShowsAnOpenApplicationBeforeAndAfter_TheDrafterCannotPublish_Admin2Does_AndTheLayerShows()
    {
        const string id = "KS-TEST-B10";
        using var admin = await app.SignInAsync("admin");
        Assert.Contains("起草规则修订", await admin.PageAsync("/rules/drafts/new"), StringComparison.Ordinal);

        // 添加: a row for B's rate, its editor showing the rate in force in percent.
        var (add, added) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Add", [.. Header(id), new("add", "effective_investment.rate")]);
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.Contains("name=\"r0.parameter\" value=\"effective_investment.rate\"", added, StringComparison.Ordinal);
        Assert.Matches("name=\"r0.value\" value=\"8\"", added);
        Assert.Contains($"value=\"{id}\"", added, StringComparison.Ordinal); // the header stays as typed

        // 保存草稿: 10% from 2024 → the draft page.
        var (save, draft) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Save", [.. Header(id), .. Row(0, "effective_investment.rate", "2024-01-01", "2027-12-31", ("", "10"))]);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var draftId = await DraftIdAsync(id);
        Assert.Equal($"/rules/drafts/{draftId}", Session.RedirectPath(save));
        await using (var db = app.Db())
        {
            var row = await db.Revisions.SingleAsync(r => r.Id == draftId);
            Assert.Equal((RevisionState.Draft, "admin"), (row.State, row.DraftedBy));
            Assert.Contains("effective_investment.rate:", row.Text, StringComparison.Ordinal);
            Assert.Contains("value: 0.1,", row.Text, StringComparison.Ordinal);
        }

        // The preview: an open application (甲's B for 2025, 60,000,000 of equipment) goes from 8% to 10% of it.
        string number;
        int open;
        using (var jia = await app.SignInAsync("jia"))
        {
            var created = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2025, app.Data.TakeJiaProject());
            await Flow.MoveAsync(jia, created.Id, WorkflowAction.Submit);
            (open, number) = (created.Id, created.Number);
        }
        draft = await admin.PageAsync($"/rules/drafts/{draftId}");
        using var impactResponse = await admin.GetAsync($"/api/v1/rules/revisions/{draftId}/impact");
        var impact = await impactResponse.BodyAsync(HttpStatusCode.OK);
        var changed = impact["applications"]!.AsArray().SingleOrDefault(a => a!["id"]!.GetValue<int>() == open) ?? throw new InvalidOperationException(impact["applications"]!.ToJsonString());
        var (before, after) = (changed["before"]!.GetValue<decimal>(), changed["after"]!.GetValue<decimal>());
        Assert.Equal((4_800_000m, 6_000_000m), (before, after));
        Assert.Equal("EffectiveInvestment", changed["scheme"]!.GetValue<string>());
        Assert.True(impact["decidedApplications"]!.GetValue<int>() >= 0);
        Assert.True(impact["total"]!["after"]!.GetValue<decimal>() > impact["total"]!["before"]!.GetValue<decimal>());
        Assert.Equal(4, impact["forecast"]!.AsArray().Count);
        var page = Decoded(draft);
        Assert.Contains("发布前的影响测算", page, StringComparison.Ordinal);
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.Contains($"{number} 测试甲精密机械有限公司 有效投入奖补 2025 已提交 4,800,000.00 6,000,000.00 +1,200,000.00", Words(draft), StringComparison.Ordinal);
        Assert.Contains("有效投入奖补", page, StringComparison.Ordinal);
        Assert.Contains("受影响最大的企业", page, StringComparison.Ordinal);
        Assert.Contains("已批准或已拨付的", page, StringComparison.Ordinal);
        // The drafter is told plainly and the button is disabled; the server refuses anyway, on the page and in the API.
        Assert.Contains("本修订由您起草：须由另一位市局管理员发布", page, StringComparison.Ordinal);
        Assert.Matches("<button type=\"submit\" disabled=\"disabled\"[^>]*>发布</button>", draft);
        var (self, selfPage) = await admin.SubmitFormAsync($"/rules/drafts/{draftId}?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, self.StatusCode);
        Assert.Equal($"未发布：修订 {id} 由您起草，须由另一位市局管理员发布（双人规则 V-6）", Session.ErrorText(selfPage));
        using (var api = await admin.PostJsonAsync($"/api/v1/rules/revisions/{draftId}/publish", new { }))
        {
            var problem = await api.BodyAsync(HttpStatusCode.Forbidden);
            Assert.Contains("须由另一位市局管理员发布", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A reviewer reads the draft and its impact but cannot publish it.
        using (var shiju = await app.SignInAsync("shiju"))
        {
            var read = Decoded(await shiju.PageAsync($"/rules/drafts/{draftId}"));
            Assert.Contains("只有市局管理员可以修改、发布或作废修订", read, StringComparison.Ordinal);
            Assert.DoesNotContain(">发布</button>", read, StringComparison.Ordinal);
            using var denied = await shiju.PostFormAsync($"/rules/drafts/{draftId}?handler=Publish");
            Assert.True(JsonCalls.IsDenied(denied), $"{denied.StatusCode} {denied.Headers.Location}");
            using var api = await shiju.PostJsonAsync($"/api/v1/rules/revisions/{draftId}/publish", new { });
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }
        await using (var db = app.Db()) Assert.Equal(RevisionState.Draft, (await db.Revisions.SingleAsync(r => r.Id == draftId)).State);

        // admin2 publishes: back to /rules with the message; B's rate now 10% from the revision, its layer in the history.
        using var admin2 = await app.SignInAsync("admin2");
        var published = Decoded(await admin2.PageAsync($"/rules/drafts/{draftId}"));
        Assert.DoesNotContain("本修订由您起草", published, StringComparison.Ordinal);
        var (publish, rules) = await admin2.SubmitFormAsync($"/rules/drafts/{draftId}?handler=Publish");
        Assert.Equal("/rules", Session.RedirectPath(publish));
        Assert.StartsWith($"已发布修订 {id}", Session.StatusText(rules), StringComparison.Ordinal);
        var rate = RowOf(rules, "effective_investment.rate");
        Assert.Contains("10%", ValueCell(rate), StringComparison.Ordinal);
        Assert.Contains($"修订 {id}", ValueCell(rate), StringComparison.Ordinal);
        Assert.Contains("规则包", rate, StringComparison.Ordinal);
        Assert.Contains("公布 2024-05-14", rate, StringComparison.Ordinal);
        Assert.Contains("公布 2026-02-01", rate, StringComparison.Ordinal);
        Assert.Contains("2024-01-01 至 2027-12-31：8%", rate, StringComparison.Ordinal); // the pack's value stays, overridden (V-2)
        Assert.Contains("2024-01-01 至 2027-12-31：10%", rate, StringComparison.Ordinal);
        var list = Words(Regex.Match(rules, "aria-label=\"已发布的修订\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Matches($"{id} 测试修订 {id} 昆工信〔2026〕测试号 2026-02-01 admin [0-9: -]+ admin2 ", list);

        // The same through the API: the parameter in force with its two layers.
        using var parameters = await admin2.GetAsync("/api/v1/rules/parameters");
        var all = (await parameters.BodyAsync(HttpStatusCode.OK)).AsArray();
        var b = all.Single(p => p!["name"]!.GetValue<string>() == "effective_investment.rate")!;
        Assert.Equal(("0.1", id, "B"), (b["inForce"]!["value"]!.GetValue<string>(), b["revision"]!.GetValue<string>(), b["scheme"]!.GetValue<string>()));
        Assert.Equal([null, id], b["layers"]!.AsArray().Select(l => l!["revision"]?.GetValue<string>()));
    }

    [Fact]
    public async Task AnUploadNamingAnUnknownParameter_IsRefusedNamingItInChinese_TheTextStays_AndNothingIsStored()
    {
        const string text = """
            revision:
              id: KS-TEST-UNKNOWN
              title: 含未知参数的修订
              source: 测试
              published_on: 2026-01-10
              values:
                loan.kunshan.ratio:
                  - { from: 2026-01-01, value: 0.015, source: KS-TEST-UNKNOWN }
            """;
        using var admin = await app.SignInAsync("admin");
        int before;
        await using (var db = app.Db()) before = await db.Revisions.CountAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await admin.TokenAsync()), "__RequestVerificationToken" },
            { new StringContent(""), "text" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        form.Add(file, "upload", "kunshan-ratio.yaml");
        using var r = await admin.Client.PostAsync("/rules/drafts/new?handler=File", form);
        var html = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var page = Decoded(html);
        Assert.Contains("修订未保存", page, StringComparison.Ordinal);
        Assert.True(page.Contains("kunshan-ratio.yaml:7", StringComparison.Ordinal), Regex.Match(page, "修订未保存.*?</div>", RegexOptions.Singleline).Value);
        Assert.Contains("kunshan-ratio.yaml:7: 修订 KS-TEST-UNKNOWN 参数 loan.kunshan.ratio 字段 values：未知参数“loan.kunshan.ratio”：本规则包没有这个参数", page, StringComparison.Ordinal);
        Assert.Contains("loan.kunshan.ratio:", page, StringComparison.Ordinal); // the file's text is in the text box, to be corrected
        // The API says the same as an RFC 7807 problem.
        using var api = await PostTextAsync(admin, "/api/v1/rules/revisions", text);
        var problem = await api.BodyAsync(HttpStatusCode.BadRequest);
        Assert.Contains("未知参数“loan.kunshan.ratio”", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        // Another file type is refused before it is read.
        using var other = new MultipartFormDataContent { { new StringContent(await admin.TokenAsync()), "__RequestVerificationToken" } };
        other.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "upload", "revision.txt");
        using var txt = await admin.Client.PostAsync("/rules/drafts/new?handler=File", other);
        Assert.Contains("修订文件“revision.txt”应为 .yaml、.yml 或 .json 文件", Decoded(await txt.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var db = app.Db()) Assert.Equal(before, await db.Revisions.CountAsync());
    }

    [Fact]
    public async Task TheForm_RefusesOverlappingValues_AndAYieldToALaterLevel_InChinese_KeepingWhatWasTyped()
    {
        using var admin = await app.SignInAsync("admin");
        int before;
        await using (var db = app.Db()) before = await db.Revisions.CountAsync();
        var (overlap, html) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Save",
        [
            .. Header("KS-TEST-OVERLAP"),
            .. Row(0, "loan.kunshan.rate", "2025-01-01", "2025-12-31", ("", "1.2%")),
            .. Row(1, "loan.kunshan.rate", "2025-06-01", null, ("", "1.5")),
        ]);
        Assert.Equal(HttpStatusCode.OK, overlap.StatusCode);
        var page = Decoded(html);
        Assert.Contains("修订未保存", page, StringComparison.Ordinal);
        Assert.Matches("第 2 行（[^）]*）：与第 1 个取值的有效期重叠（2025-01-01 至 2025-12-31 与 2025-06-01 至 今后）", page);
        Assert.Contains("name=\"r0.value\" value=\"1.2%\"", html, StringComparison.Ordinal); // as typed
        Assert.Contains("name=\"r1.from\" value=\"2025-06-01\"", html, StringComparison.Ordinal);
        // 删除 the first row: the second becomes the first, as typed.
        var (removed, one) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Remove",
        [
            .. Header("KS-TEST-OVERLAP"), new("remove", "0"),
            .. Row(0, "loan.kunshan.rate", "2025-01-01", "2025-12-31", ("", "1.2%")),
            .. Row(1, "loan.kunshan.rate", "2025-06-01", null, ("", "1.5")),
        ]);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("name=\"r0.from\" value=\"2025-06-01\"", one, StringComparison.Ordinal);
        Assert.Contains("name=\"r0.value\" value=\"1.5\"", one, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"r1.parameter\"", one, StringComparison.Ordinal);

        // D-10: a level yields only to levels before it; Kunshan is after the province.
        var (yields, refused) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Save",
            [.. Header("KS-TEST-YIELD"), .. Row(0, "loan.province.yields_to", "2026-01-01", null, (".list", "1"), ("", "kunshan"))]);
        Assert.Equal(HttpStatusCode.OK, yields.StatusCode);
        var yieldPage = Decoded(refused);
        Assert.Contains("修订未保存", yieldPage, StringComparison.Ordinal);
        Assert.Matches("第 1 行（[^）]*）：省级只能让位于排在它前面的层级（D-10，顺序 中央→省级→苏州市级→昆山市级），不能让位于昆山市级", yieldPage);
        Assert.Contains("name=\"r0.value\" value=\"kunshan\" checked=\"checked\"", refused, StringComparison.Ordinal);

        // A value that is not of the parameter's type is refused naming the row and the parameter in words.
        var (typed, typedPage) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Save",
            [.. Header("KS-TEST-TYPE"), .. Row(0, "tech_renovation.base_rate", "2026-01-01", null, ("", "六个点"))]);
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        Assert.Contains("第 1 行（技改综合奖补基础比例）", Decoded(typedPage), StringComparison.Ordinal);
        Assert.Contains("value=\"六个点\"", typedPage, StringComparison.Ordinal);
        await using (var db = app.Db()) Assert.Equal(before, await db.Revisions.CountAsync());
    }

    [Fact]
    public async Task ACRateRevisionWithItsOwnSource_RemovesTheProvisionalTag_FromThePage()
    {
        using var shiju = await app.SignInAsync("shiju");
        var tagged = RowOf(await shiju.PageAsync("/rules"), "tech_renovation.base_rate");
        Assert.Contains("assumed", ValueCell(tagged), StringComparison.Ordinal);
        Assert.Contains("暂定值", ValueCell(tagged), StringComparison.Ordinal);

        const string text = """
            revision:
              id: KS-TEST-C6
              title: 技改综合奖补基础比例设定为 6%（测试用）
              source: 昆工信〔2026〕2号（测试用）
              published_on: 2026-02-15
              values:
                tech_renovation.base_rate:
                  - { from: 2025-01-01, until: 2027-12-31, value: 0.06, source: 昆工信〔2026〕2号 }
            """;
        using var admin = await app.SignInAsync("admin");
        using var drafted = await PostTextAsync(admin, "/api/v1/rules/revisions", text);
        var draft = await drafted.BodyAsync(HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<int>();
        Assert.Equal(("KS-TEST-C6", "Draft", "admin"), (draft["documentId"]!.GetValue<string>(), draft["state"]!.GetValue<string>(), draft["draftedBy"]!.GetValue<string>()));
        using (var refused = await admin.PostJsonAsync($"/api/v1/rules/revisions/{id}/publish", new { })) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var admin2 = await app.SignInAsync("admin2");
        using var published = await admin2.PostJsonAsync($"/api/v1/rules/revisions/{id}/publish", new { });
        var body = await published.BodyAsync(HttpStatusCode.OK);
        Assert.Equal(("Published", "admin2"), (body["state"]!.GetValue<string>(), body["publishedBy"]!.GetValue<string>()));

        var now = RowOf(await shiju.PageAsync("/rules"), "tech_renovation.base_rate");
        Assert.DoesNotContain("assumed", ValueCell(now), StringComparison.Ordinal);
        Assert.DoesNotContain("暂定值", ValueCell(now), StringComparison.Ordinal);
        Assert.Contains("6%", ValueCell(now), StringComparison.Ordinal);
        Assert.Contains("修订 KS-TEST-C6", ValueCell(now), StringComparison.Ordinal);
        // 2024 is before the revision's first day: on 31 December 2024 the value is still the assumed 5%.
        var in2024 = RowOf(await shiju.PageAsync("/rules?year=2024"), "tech_renovation.base_rate");
        Assert.Contains("暂定值", ValueCell(in2024), StringComparison.Ordinal);
        Assert.Contains("5%", ValueCell(in2024), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorEditsADraft_ThenDiscardsIt_AndTheListSaysSo()
    {
        using var admin = await app.SignInAsync("admin");
        var (_, _) = await admin.SubmitFormAsync("/rules/drafts/new?handler=Save",
            [.. Header("KS-TEST-EDIT"), .. Row(0, "loan.kunshan.rate", "2026-01-01", null, ("", "1.2"))]);
        var draftId = await DraftIdAsync("KS-TEST-EDIT");
        var edit = await admin.PageAsync($"/rules/drafts/{draftId}/edit");
        Assert.Contains("name=\"r0.value\" value=\"1.2\"", edit, StringComparison.Ordinal); // the draft's 0.012 in percent
        long version;
        await using (var db = app.Db()) version = (await db.Revisions.SingleAsync(r => r.Id == draftId)).Version;
        var (saved, _) = await admin.SubmitFormAsync($"/rules/drafts/{draftId}/edit?handler=Save",
            [.. Header("KS-TEST-EDIT"), new("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. Row(0, "loan.kunshan.rate", "2026-01-01", null, ("", "1.5%"))]);
        Assert.Equal($"/rules/drafts/{draftId}", Session.RedirectPath(saved));
        await using (var db = app.Db()) Assert.Contains("value: 0.015,", (await db.Revisions.SingleAsync(r => r.Id == draftId)).Text, StringComparison.Ordinal);
        // A stale version (someone changed it in between) is refused.
        var (stale, stalePage) = await admin.SubmitFormAsync($"/rules/drafts/{draftId}/edit?handler=Save",
            [.. Header("KS-TEST-EDIT"), new("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. Row(0, "loan.kunshan.rate", "2026-01-01", null, ("", "2"))]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("其他人已修改该草稿，请刷新后重试", Decoded(stalePage), StringComparison.Ordinal);

        var (discard, rules) = await admin.SubmitFormAsync($"/rules/drafts/{draftId}?handler=Discard");
        Assert.Equal("/rules", Session.RedirectPath(discard));
        Assert.Equal("已作废草稿 KS-TEST-EDIT。", Session.StatusText(rules));
        Assert.Contains("已作废的草稿", Decoded(rules), StringComparison.Ordinal);
        // A discarded draft is not edited any more.
        using var gone = await admin.GetAsync($"/rules/drafts/{draftId}/edit");
        Assert.Equal($"/rules/drafts/{draftId}", Session.RedirectPath(gone));
    }

    [Fact]
    public async Task ThePage_SwitchesToEnglish_AndTheReviewerSeesNoDraftingLink()
    {
        using var shiju = await app.SignInAsync("shiju");
        var zh = Decoded(await shiju.PageAsync("/rules"));
        Assert.Contains("<h1>政策参数</h1>", zh, StringComparison.Ordinal);
        Assert.Contains("A 重大示范项目奖励", zh, StringComparison.Ordinal);
        Assert.Contains("D 贷款贴息", zh, StringComparison.Ordinal);
        Assert.Contains("3,000 万元（30,000,000.00 元）", zh, StringComparison.Ordinal); // money in 万元 with the exact 元
        Assert.DoesNotContain("/rules/drafts/new", zh, StringComparison.Ordinal);
        using (var switched = await shiju.GetAsync("/lang/en?returnUrl=%2Frules")) Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var en = await shiju.PageAsync("/rules");
        Assert.Contains("<h1>Policy parameters</h1>", en, StringComparison.Ordinal);
        Assert.Contains("Revisions of the rules", en, StringComparison.Ordinal);
    }
}

[Collection(RulesSqliteFixture.Name)]
public sealed class RulesOnSqliteTests(SqliteApp app) : RulesTests(app);

[Collection(RulesPostgresFixture.Name)]
public sealed class RulesOnPostgresTests(PostgresApp app) : RulesTests(app);
