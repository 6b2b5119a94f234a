using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Features.Applications;
using Renewal.Web.Features.Calls;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Workflow;
using Renewal.Services.Workflow;

namespace Renewal.Web.Tests.Calls;

/// <summary>
/// 申报批次 and 申报材料 on the pages and the API (issue 12 items 1–2): the bureau opens and closes calls, everyone reads
/// them, the new-application page says which call is open; the enterprise uploads materials, which only those who see
/// the application download (byte for byte), refused in Chinese when the content is not what the call takes, and a
/// submission without a required material is refused naming it.
/// </summary>
[Collection(CallsFixture.Name)]
public sealed partial class CallsTests(CallsApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    // ── calls ──────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task TheBureau_OpensACallOnThePage_AndEveryoneReadsItOnCalls()
    {
        using var shiju = await app.SignInAsync("shiju");
        // The demo's rolling call of the year takes technical-renovation applications until 2028: close it first.
        var (closed, listed) = await shiju.SubmitFormAsync("/calls?handler=Close", [new("id", (await DemoCallAsync(shiju, Scheme.TechRenovation, 2027)).ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("已提前截止申报批次", Session.StatusText(listed));

        var (opens, closes) = Window();
        const string title = "2027 年度技改综合奖补申报（第一批）";
        using var posted = await shiju.PostFormAsync("/calls?handler=Open", CallFields(Scheme.TechRenovation, 2027, title, opens, closes,
            ("技改项目备案证明", true, ["pdf"]), ("设备清单", false, ["xlsx", "pdf"])));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, Session.ErrorText(await posted.Content.ReadAsStringAsync()));
        var at = Session.RedirectPath(posted)!;
        Assert.Matches(@"^/calls/\d+$", at);
        var page = await shiju.PageAsync(at);
        Assert.Contains($"已开设申报批次“{title}”", Session.StatusText(page));
        Assert.Contains("本批次受理 2027 年度技改综合奖补申报", page);
        Assert.Contains($"{opens:yyyy-MM-dd HH:mm} 至 {closes:yyyy-MM-dd HH:mm}", page);
        Assert.Contains("未开始", page);

        app.Clock.Advance(TimeSpan.FromMinutes(3)); // past its opening minute
        foreach (var user in new[] { "qiye", "quzhen", "yinhang", "caizheng" })
        {
            using var s = await app.SignInAsync(user);
            var calls = await s.PageAsync("/calls");
            Assert.Contains("申报批次", calls);
            var row = Row(calls, title);
            Assert.Contains("受理中（还有", row);
            Assert.Contains("技改综合奖补", row);
            Assert.Contains("技改项目备案证明", row);
            Assert.Contains("必需", row);
            Assert.Contains("Excel（xlsx）、PDF", row);
            Assert.DoesNotContain("xlsx,pdf", Text(calls), StringComparison.Ordinal);
            Assert.DoesNotContain("TechRenovation", Text(calls), StringComparison.Ordinal);
            Assert.Contains($"href=\"{at}\"", calls);
            Assert.Contains("<a href=\"/calls\">申报批次</a>", calls); // in the navigation of every role
            Assert.Equal(user == "qiye", row.Contains("在此批次申报", StringComparison.Ordinal));
        }

        using var district = await app.SignInAsync("quzhen");
        var api = await district.JsonAsync<List<CallDto>>("/api/v1/calls");
        var call = Assert.Single(api, c => c.Title == title);
        Assert.Equal(CallState.Open, call.State);
        Assert.Equal(TimeSpan.FromHours(8), call.OpensAt.Offset);
        Assert.Equal(opens, call.OpensAt.DateTime);
        Assert.Equal(["pdf"], call.Materials[0].Types);
        Assert.True(call.Materials[0].Required);
        Assert.True(api.FindIndex(c => c.State == CallState.Open) < api.FindIndex(c => c.State == CallState.Closed), "open calls come first");
    }

    [Fact]
    public async Task ARefusedCall_IsSaidInChinese_AndTheFormKeepsWhatWasTyped()
    {
        using var shiju = await app.SignInAsync("shiju");
        var (opens, closes) = Window();
        // The demo's rolling call of 2026 is still open: the same scheme and year may not have two at once.
        using var overlap = await shiju.PostFormAsync("/calls?handler=Open", CallFields(Scheme.TechRenovation, 2026, "重叠的批次", opens, closes, ("技改备案", true, ["pdf"])));
        Assert.Equal(HttpStatusCode.OK, overlap.StatusCode);
        var html = await overlap.Content.ReadAsStringAsync();
        Assert.Contains("时间重叠：同一政策同一年度同时只开一个批次", Session.ErrorText(html));
        Assert.Contains("value=\"重叠的批次\"", html);
        Assert.Contains("value=\"技改备案\"", html);
        Assert.Contains($"value=\"{opens:yyyy-MM-dd'T'HH:mm}\"", html);

        var fields = CallFields(Scheme.TechRenovation, 2026, "时间写错的批次", opens, closes);
        fields.RemoveAll(f => f.Key == "Form.OpensAt");
        fields.Add(new("Form.OpensAt", "下周一"));
        using var unreadable = await shiju.PostFormAsync("/calls?handler=Open", fields);
        var again = await unreadable.Content.ReadAsStringAsync();
        Assert.Contains("开始时间（opensAt）应为北京时间，如 2026-03-10 09:00，“下周一”无法识别", Session.ErrorText(again));
        Assert.Contains("value=\"下周一\"", again);

        using var api = await shiju.PostJsonAsync("/api/v1/calls", new { scheme = "TechRenovation", year = 2026, title = "接口重叠", opensAt = $"{opens:yyyy-MM-dd'T'HH:mm}", closesAt = $"{closes:yyyy-MM-dd'T'HH:mm}" });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Contains("时间重叠", (await Flow.RefusalAsync(api)).Reason);
    }

    [Fact]
    public async Task AnEnterprise_CannotOpenOrCloseACall()
    {
        using var qiye = await app.SignInAsync("qiye");
        var demo = await DemoCallAsync(qiye, Scheme.Demonstration, 2026);
        var (opens, closes) = Window();
        using (var page = await qiye.PostFormAsync("/calls?handler=Open", CallFields(Scheme.Demonstration, 2027, "企业开的批次", opens, closes)))
            Assert.StartsWith("/account/denied", Session.RedirectPath(page));
        using (var page = await qiye.PostFormAsync("/calls?handler=Close", [new("id", demo.ToString(CultureInfo.InvariantCulture))]))
            Assert.StartsWith("/account/denied", Session.RedirectPath(page));
        using (var api = await qiye.PostJsonAsync("/api/v1/calls", new { scheme = "Demonstration", year = 2027, title = "企业开的批次", opensAt = $"{opens:s}", closesAt = $"{closes:s}" }))
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using (var api = await qiye.PostJsonAsync($"/api/v1/calls/{demo}/close", new { }))
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        var calls = await qiye.JsonAsync<List<CallDto>>("/api/v1/calls");
        Assert.DoesNotContain(calls, c => c.Title == "企业开的批次");
        Assert.Equal(CallState.Open, calls.Single(c => c.Id == demo).State);
        Assert.DoesNotContain("开设申报批次", await qiye.PageAsync("/calls"));
    }

    [Fact]
    public async Task TheNewApplicationPage_ShowsTheOpenCallAndItsRequiredMaterials_OrWhyNoneIsOpen()
    {
        var required = await RequiredCallAsync();
        using var jia = await app.SignInAsync("jia");
        var open = Block(await jia.PageAsync("/applications/new?scheme=EffectiveInvestment&year=2026"), "EffectiveInvestment-2026");
        Assert.Contains(required.Title, open);
        Assert.Contains("受理中", open);
        Assert.Contains($"{required.OpensAt:yyyy-MM-dd HH:mm} 至 {required.ClosesAt:yyyy-MM-dd HH:mm}", open);
        Assert.Contains("设备发票（PDF）", open);

        using var shiju = await app.SignInAsync("shiju");
        var loans = await DemoCallAsync(shiju, Scheme.LoanInterest, 2024);
        using (var close = await shiju.PostJsonAsync($"/api/v1/calls/{loans}/close", new { })) Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var none = Block(await jia.PageAsync("/applications/new?scheme=LoanInterest&year=2024"), "LoanInterest-2024");
        Assert.Matches(@"贷款贴息 2024 年度的申报批次“2024 年度贷款贴息申报（常年受理）”已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 截止，目前不能申报", none);
    }

    // ── materials ──────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task AnUploadedPdf_IsListed_AndDownloadsByteEqual_ForItsEnterpriseDistrictAndBureau_And404sForAnotherEnterpriseAndTheBank()
    {
        using var jia = await app.SignInAsync("jia");
        var draft = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2025, app.Data.TakeJiaProject());
        var contract = (await SlotsAsync(jia, draft.Id)).Single(s => s.Name == "设备购置合同");
        const string fileName = "设备购置合同（盖章）.pdf";
        var html = await UploadOnPageAsync(jia, draft.Id, contract.Material, Pdf, fileName);
        Assert.Contains($"已上传“{fileName}”（第 1 版）", Session.StatusText(html));
        var section = Section(html, "申报材料");
        Assert.Contains(fileName, section);
        Assert.Contains("第 1 版", section);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Contains($"<code title=\"SHA-256 {sha}\">{sha[..12]}</code>", section);
        var file = Assert.Single((await SlotsAsync(jia, draft.Id)).Single(s => s.Material == contract.Material).Versions);
        Assert.Equal(sha, file.Sha256);
        Assert.Equal("jia", file.UploadedBy);
        Assert.Contains($"href=\"/applications/{draft.Id}/materials/{file.Id}\"", section);

        foreach (var user in new[] { "jia", "quzhen", "shiju" })
        {
            using var s = user == "jia" ? null : await app.SignInAsync(user);
            var who = s ?? jia;
            using var page = await who.GetAsync($"/applications/{draft.Id}/materials/{file.Id}");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{user}: {(int)page.StatusCode}");
            Assert.Equal(Pdf, await page.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", page.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(fileName, page.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
            using var api = await who.GetAsync(file.Url);
            Assert.Equal(Pdf, await api.Content.ReadAsByteArrayAsync());
        }
        foreach (var user in new[] { "qiye", "yinhang" })
        {
            using var s = await app.SignInAsync(user);
            using (var page = await s.GetAsync($"/applications/{draft.Id}/materials/{file.Id}")) Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            using (var api = await s.GetAsync(file.Url)) Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            using (var list = await s.GetAsync($"/api/v1/applications/{draft.Id}/materials")) Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }

        // The same through the API: multipart, the next version; the district may read it but not upload.
        using (var second = await UploadByApiAsync(jia, draft.Id, contract.Material, Pdf.Concat("% v2\n"u8.ToArray()).ToArray(), "合同第二版.pdf"))
        {
            Assert.True(second.StatusCode == HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
            var dto = (await second.Content.ReadFromJsonAsync<MaterialFileDto>(Session.Json))!;
            Assert.Equal(2, dto.Version);
            Assert.Equal("合同第二版.pdf", dto.FileName);
        }
        using var quzhen = await app.SignInAsync("quzhen");
        using (var refused = await UploadByApiAsync(quzhen, draft.Id, contract.Material, Pdf, "区镇.pdf")) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("选择文件", Section(await quzhen.PageAsync($"/applications/{draft.Id}"), "申报材料"));
        Assert.Equal([1, 2], (await SlotsAsync(quzhen, draft.Id)).Single(s => s.Material == contract.Material).Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task ARenamedNonPdf_IsRefusedWithTheReasonInChinese_AndNothingIsStored()
    {
        var call = await RequiredCallAsync();
        using var jia = await app.SignInAsync("jia");
        var draft = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2026, app.Data.TakeJiaProject());
        await using (var db = app.Db()) Assert.Equal(call.Id, (await db.Applications.FindAsync(draft.Id))!.CallId);
        var invoice = (await SlotsAsync(jia, draft.Id)).Single(s => s.Name == "设备发票");
        var html = await UploadOnPageAsync(jia, draft.Id, invoice.Material, Convert.FromBase64String(TestData.OnePixelPng), "发票.pdf");
        Assert.Equal("“设备发票”：文件类型不符：按内容判断是 PNG 图片，本材料只接受 PDF", Session.ErrorText(html));
        var text = await UploadOnPageAsync(jia, draft.Id, invoice.Material, Encoding.UTF8.GetBytes("这不是发票"), "发票2.pdf");
        Assert.Equal("“设备发票”：文件类型不符：按内容判断不是可接受的文件，本材料只接受 PDF", Session.ErrorText(text));
        Assert.Empty((await SlotsAsync(jia, draft.Id)).Single(s => s.Material == invoice.Material).Versions);

        // Too large: one byte over Materials:MaxBytes (20 MB by default).
        var big = new byte[MaterialUpload.MaxBytes(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()) + 1];
        Pdf.CopyTo(big, 0);
        var tooLarge = await UploadOnPageAsync(jia, draft.Id, invoice.Material, big, "扫描件.pdf");
        Assert.Equal("“设备发票”：文件过大：最大 20 MB", Session.ErrorText(tooLarge));
        // A request that says it is larger than the limit (the file and the form's envelope) is answered before it is read.
        var huge = new byte[big.Length + MaterialUpload.Envelope];
        var refusedUnread = await UploadOnPageAsync(jia, draft.Id, invoice.Material, huge, "整本扫描件.pdf");
        Assert.Equal("文件过大：最大 20 MB", Session.ErrorText(refusedUnread));
        Assert.Empty((await SlotsAsync(jia, draft.Id)).Single(s => s.Material == invoice.Material).Versions);
    }

    [Fact]
    public async Task ASubmissionMissingARequiredMaterial_IsRefusedNamingIt_AndGoesThroughOnceItIsUploaded()
    {
        await RequiredCallAsync();
        using var jia = await app.SignInAsync("jia");
        var draft = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2026, app.Data.TakeJiaProject());
        var page = await jia.PageAsync($"/applications/{draft.Id}");
        var section = Section(page, "申报材料");
        Assert.Contains("设备发票", section);
        Assert.Contains("尚未上传", section);
        Assert.Contains("选择文件", section);

        var refused = await Flow.PressAsync(jia, draft.Id, WorkflowAction.Submit);
        Assert.Equal("缺少必需的申报材料：“设备发票”。请上传后再提交", Session.ErrorText(refused));
        Assert.Equal(ApplicationState.Draft, (await Flow.GetAsync(jia, draft.Id)).State);

        var invoice = (await SlotsAsync(jia, draft.Id)).Single(s => s.Name == "设备发票");
        await UploadOnPageAsync(jia, draft.Id, invoice.Material, Pdf, "设备发票.pdf");
        var submitted = await Flow.PressAsync(jia, draft.Id, WorkflowAction.Submit);
        Assert.Equal("已提交", Flow.StateOn(submitted));
        Assert.DoesNotContain("选择文件", Section(submitted, "申报材料")); // no longer the enterprise's to change

        var late = await UploadOnPageAsync(jia, draft.Id, invoice.Material, Pdf, "补传.pdf");
        Assert.Equal("申报已提交审核，不能再上传材料；如需更正请申请退回", Session.ErrorText(late));
    }

    // ── helpers ────────────────────────────────────────────────────────────────────────────────────

    private static readonly Lock Gate = new();
    private static Task<CallDto>? _required;

    /// <summary>The fixture's call with a required PDF (有效投入奖补 2026, the demo's rolling call closed first), opened once.</summary>
    private Task<CallDto> RequiredCallAsync()
    {
        lock (Gate) return _required ??= OpenRequiredCallAsync();
    }

    private async Task<CallDto> OpenRequiredCallAsync()
    {
        using var shiju = await app.SignInAsync("shiju");
        using (var close = await shiju.PostJsonAsync($"/api/v1/calls/{await DemoCallAsync(shiju, Scheme.EffectiveInvestment, 2026)}/close", new { }))
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var (opens, closes) = Window();
        using var r = await shiju.PostJsonAsync("/api/v1/calls", new
        {
            scheme = "EffectiveInvestment", year = 2026, title = "2026 年度有效投入奖补申报（第一批）", announcement = "请上传设备发票。",
            opensAt = $"{opens:yyyy-MM-dd'T'HH:mm}", closesAt = $"{closes:yyyy-MM-dd'T'HH:mm}+08:00", districtDeadline = $"{closes.AddDays(20):yyyy-MM-dd}",
            materials = new[] { new { name = "设备发票", required = true, types = new[] { "pdf" } }, new { name = "设备照片", required = false, types = new[] { "png", "jpeg" } } },
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        return (await r.Content.ReadFromJsonAsync<CallDto>(Session.Json))!;
    }

    /// <summary>A window from two minutes on (at a full minute, Beijing time) to 17:00 thirty days later; the tests then move the clock past its opening.</summary>
    private (DateTime Opens, DateTime Closes) Window()
    {
        var now = app.Clock.GetLocalNow().DateTime;
        var opens = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified).AddMinutes(2);
        return (opens, opens.Date.AddDays(30).AddHours(17));
    }

    private static async Task<int> DemoCallAsync(Session s, Scheme scheme, int year) =>
        (await s.JsonAsync<List<CallDto>>("/api/v1/calls")).Single(c => c.Scheme == scheme && c.Year == year && c.Title.EndsWith("（常年受理）", StringComparison.Ordinal)).Id;

    private static List<KeyValuePair<string, string>> CallFields(Scheme scheme, int year, string title, DateTime opens, DateTime closes, params (string Name, bool Required, string[] Types)[] materials)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Scheme", scheme.ToString()), new("Form.Year", year.ToString(CultureInfo.InvariantCulture)), new("Form.Title", title),
            new("Form.Announcement", $"本批次受理 {year} 年度{Codes.Label(scheme)}申报。\n请于截止前上传材料。"),
            new("Form.OpensAt", opens.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
            new("Form.ClosesAt", closes.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)),
            new("Form.DistrictDeadline", closes.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < CallForm.Rows; i++)
        {
            var m = i < materials.Length ? materials[i] : ("", false, ["pdf"]);
            fields.Add(new($"Form.Materials[{i}].Name", m.Name));
            if (m.Required) fields.Add(new($"Form.Materials[{i}].Required", "true"));
            fields.AddRange(m.Types.Select(t => new KeyValuePair<string, string>($"Form.Materials[{i}].Types", t)));
        }
        return fields;
    }

    private static Task<List<MaterialSlotDto>> SlotsAsync(Session s, int applicationId) => s.JsonAsync<List<MaterialSlotDto>>($"/api/v1/applications/{applicationId}/materials");

    /// <summary>The upload form of the application page, posted as a browser does (multipart, the session's antiforgery token); the page after the redirect.</summary>
    private static async Task<string> UploadOnPageAsync(Session s, int applicationId, int material, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await s.TokenAsync()), "__RequestVerificationToken" },
            { new StringContent(material.ToString(CultureInfo.InvariantCulture)), "material" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        using var r = await s.Client.PostAsync($"/applications/{applicationId}/materials", form);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"upload: {(int)r.StatusCode}");
        var to = Session.RedirectPath(r)!;
        Assert.StartsWith($"/applications/{applicationId}", to);
        return await s.PageAsync(to.Split('#')[0]);
    }

    private static async Task<HttpResponseMessage> UploadByApiAsync(Session s, int applicationId, int material, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent { { new StringContent(material.ToString(CultureInfo.InvariantCulture)), "material" } };
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await s.Client.PostAsync($"/api/v1/applications/{applicationId}/materials", form);
    }

    /// <summary>The table row of /calls that names <paramref name="title"/>.</summary>
    private static string Row(string html, string title) =>
        Regex.Matches(html, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Single(r => r.Contains(title, StringComparison.Ordinal));

    /// <summary>A card section of a page by its aria-label.</summary>
    private static string Section(string html, string label)
    {
        var m = Regex.Match(html, $"<section class=\"card\" aria-label=\"{Regex.Escape(label)}\".*?</section>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no section “{label}”");
        return m.Value;
    }

    /// <summary>The new-application page's call block for a scheme and year, which must be the one shown.</summary>
    private static string Block(string html, string key)
    {
        var m = Regex.Match(html, $"<div data-call-for=\"{key}\"( hidden=\"hidden\")?>(.*?)</div>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no call block {key}");
        Assert.False(m.Groups[1].Success, $"the block {key} is hidden");
        foreach (Match other in Regex.Matches(html, "<div data-call-for=\"([^\"]+)\"( hidden=\"hidden\")?>"))
            Assert.True(other.Groups[1].Value == key || other.Groups[2].Success, $"{other.Groups[1].Value} is shown too");
        return m.Groups[2].Value;
    }

    /// <summary>The text a person reads (no tags, so no attribute values).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", " "));
}

/// <summary>An app of its own: the tests close the demo's rolling calls and open calls of their own, which the shared fixture's tests must not meet.</summary>
public sealed class CallsApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class CallsFixture : ICollectionFixture<CallsApp>
{
    public const string Name = "web on SQLite, calls";
}
