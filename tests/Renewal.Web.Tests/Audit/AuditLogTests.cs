using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Audit;
using Renewal.Web.Tests.Reports;
using Renewal.Web.Features.Audit;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Audit;

/// <summary>
/// The audit log over HTTP: every change is recorded with who and what, the hash chain stays intact through real
/// requests (real clock precision, each database), and the page and the API both say so — or say where it broke.
/// </summary>
public abstract class AuditLogTests(RenewalApp app)
{
    [Fact]
    public async Task AfterSignInsAndMoves_TheChainIsIntact_AndThePageSaysSo()
    {
        using var jia = await app.SignInAsync("jia");
        var draft = await Workflow.Flow.CreateAsync(jia, Renewal.Policy.Model.Scheme.TechRenovation, 2025);
        await Workflow.Flow.MoveAsync(jia, draft.Id, Renewal.Data.Entities.WorkflowAction.Submit);

        using var shiju = await app.SignInAsync("shiju");
        var verify = await shiju.JsonAsync<VerifyResult>("/api/v1/audit/verify");
        Assert.True(verify.Intact, $"entry {verify.BrokenAt}: {verify.Problem}");

        var page = await shiju.PageAsync("/audit");
        Assert.Contains("哈希链完整", Session.StatusText(page));
        Assert.Contains(draft.Number, page);
        Assert.Contains("<td>jia</td>", page);
        Assert.Contains("提交申报", page);
    }

    [Fact]
    public async Task ATamperedEntry_IsReportedByThePageAndTheApi()
    {
        using var shiju = await app.SignInAsync("shiju"); // appends a sign-in entry
        await using var db = app.Db();
        var victim = await db.Audit.OrderByDescending(a => a.Id).FirstAsync();
        var original = victim.After;
        await db.Audit.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.After, "{\"篡改\":true}"));
        try
        {
            var verify = await shiju.JsonAsync<VerifyResult>("/api/v1/audit/verify");
            Assert.False(verify.Intact);
            Assert.Equal(victim.Id, verify.BrokenAt);
            Assert.Contains("哈希链校验失败", Session.ErrorText(await shiju.PageAsync("/audit")));
        }
        finally
        {
            await db.Audit.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.After, original));
        }
    }

    /// <summary>Appends entries of a user nobody else is, at the given moments (offset zero: PostgreSQL refuses others).</summary>
    private async Task AppendAsync(string user, string action, string entity, string id, string? before, string? after, params DateTimeOffset[] at)
    {
        await using var db = app.Db();
        foreach (var t in at) AuditLog.Append(db, new Actor(null, user), action, entity, id, before, after, t);
        await db.SaveChangesAsync();
    }

    private static string Unique(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheLog_IsPagedFiftyAtATime_NewestFirst_AndThePagerKeepsTheFilter()
    {
        var user = Unique("paging");
        await AppendAsync(user, "修改项目", "project", "P-1", null, "{\"Name\":\"x\"}", [.. Enumerable.Range(0, 120).Select(i => Noon.AddMinutes(i))]);
        using var shiju = await app.SignInAsync("shiju");

        var first = await shiju.PageAsync($"/audit?Filter.User={user}");
        Assert.Contains("符合条件 120 条，第 1 / 3 页，每页 50 条", first);
        var ids = EntryIds(first);
        Assert.Equal(50, ids.Count);
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        Assert.Contains($"href=\"/audit?Filter.User={user}&amp;PageNumber=2\"", first);

        var third = await shiju.PageAsync($"/audit?Filter.User={user}&PageNumber=3");
        Assert.Equal(20, EntryIds(third).Count);
        Assert.Contains($"href=\"/audit?Filter.User={user}&amp;PageNumber=2\"", third);
        Assert.DoesNotContain("下一页", third);
        Assert.True(EntryIds(third).Max() < ids.Min());
        // Past the last page: the last page.
        Assert.Equal(EntryIds(third), EntryIds(await shiju.PageAsync($"/audit?Filter.User={user}&PageNumber=99")));
    }

    [Fact]
    public async Task TheFilters_ByUserActionObjectAndBeijingDays_ShowOnlyTheirEntries()
    {
        var user = Unique("filter");
        var other = Unique("other");
        // 2025-03-01 23:30 and 2025-03-02 00:30 in Kunshan: the same UTC day (1 March), different Beijing days.
        var lateOnTheFirst = new DateTimeOffset(2025, 3, 1, 15, 30, 0, TimeSpan.Zero);
        var earlyOnTheSecond = new DateTimeOffset(2025, 3, 1, 16, 30, 0, TimeSpan.Zero);
        await AppendAsync(user, "修改贷款", "loan", "LN-AUDIT-1", null, "{\"Code\":\"LN-AUDIT-1\"}", lateOnTheFirst);
        await AppendAsync(user, "修改贷款", "loan", "LN-AUDIT-2", null, "{\"Code\":\"LN-AUDIT-2\"}", earlyOnTheSecond);
        await AppendAsync(user, "新建项目", "project", "P-AUDIT-3", null, "{\"Code\":\"P-AUDIT-3\"}", earlyOnTheSecond);
        await AppendAsync(other, "修改贷款", "loan", "LN-AUDIT-4", null, "{\"Code\":\"LN-AUDIT-4\"}", earlyOnTheSecond);
        using var shiju = await app.SignInAsync("shiju");

        var byUser = await shiju.PageAsync($"/audit?Filter.User={user}");
        Assert.Contains("符合条件 3 条", byUser);
        Assert.DoesNotContain("LN-AUDIT-4", byUser);

        var byAction = await shiju.PageAsync($"/audit?Filter.User={user}&Filter.Op={Uri.EscapeDataString("修改贷款")}");
        Assert.Contains("符合条件 2 条", byAction);
        Assert.DoesNotContain("P-AUDIT-3", byAction);

        var byObject = await shiju.PageAsync($"/audit?Filter.Entity=loan&Filter.Subject=LN-AUDIT-2");
        Assert.Contains("符合条件 1 条", byObject);
        Assert.Contains("贷款 LN-AUDIT-2", byObject);

        var secondOfMarch = await shiju.PageAsync($"/audit?Filter.User={user}&Filter.From=2025-03-02&Filter.To=2025-03-02");
        Assert.Contains("符合条件 2 条", secondOfMarch);
        Assert.Contains("2025-03-02 00:30:00", secondOfMarch);
        Assert.DoesNotContain("LN-AUDIT-1", secondOfMarch);
        var firstOfMarch = await shiju.PageAsync($"/audit?Filter.User={user}&Filter.To=2025-03-01");
        Assert.Contains("符合条件 1 条", firstOfMarch);
        Assert.Contains("2025-03-01 23:30:00", firstOfMarch);

        // The choices name actions and objects in words.
        Assert.Contains("<option value=\"loan\">贷款</option>", byUser);
        Assert.Contains("<option value=\"修改贷款\">修改贷款</option>", byUser);

        // A day that cannot be read, or a range the wrong way round, is said naming the field; nothing breaks.
        var bad = await shiju.PageAsync($"/audit?Filter.User={user}&Filter.From=2025-13-01");
        Assert.Contains("起始日期应为日期", bad);
        var backwards = await shiju.PageAsync($"/audit?Filter.User={user}&Filter.From=2025-03-02&Filter.To=2025-03-01");
        Assert.Contains("截止日期（2025-03-01）不能早于起始日期（2025-03-02）", backwards);
    }

    [Fact]
    public async Task BeforeAndAfter_AreSaidFieldByFieldInWords_NeverAsJson()
    {
        var user = Unique("words");
        await AppendAsync(user, "修改贷款", "loan", "LN-WORDS",
            "{\"Code\":\"LN-WORDS\",\"Principal\":1000000,\"Rate\":0.035,\"category\":\"equipment_loan\",\"ViaSuzhouPlatform\":false,\"some_new_key\":\"甲\"}",
            "{\"Code\":\"LN-WORDS\",\"Principal\":1200000.5,\"Rate\":0.03,\"category\":\"equipment_loan\",\"ViaSuzhouPlatform\":true,\"some_new_key\":\"乙\"}", Noon);
        using var jia = await app.SignInAsync("jia");
        var draft = await Workflow.Flow.CreateAsync(jia, Renewal.Policy.Model.Scheme.EffectiveInvestment, 2025, app.Data.TakeJiaProject());
        await Workflow.Flow.MoveAsync(jia, draft.Id, Renewal.Data.Entities.WorkflowAction.Submit);
        using var shiju = await app.SignInAsync("shiju");

        var loan = await shiju.PageAsync($"/audit?Filter.User={user}");
        Assert.Contains("<span class=\"field\">本金</span>：<del>1,000,000.00 元</del>", loan);
        Assert.Contains("<ins>1,200,000.50 元</ins>", loan);
        Assert.Contains("<span class=\"field\">合同年利率</span>：<del>3.5%</del>", loan);
        Assert.Contains("<span class=\"field\">经苏州平台</span>：<del>否</del><span class=\"arrow\"> → </span><ins>是</ins>", loan);
        Assert.Contains("<span class=\"field\">字段 some_new_key</span>", loan); // an unknown key beside a Chinese word
        Assert.DoesNotContain("贷款类别", loan); // unchanged fields are not listed
        Assert.DoesNotContain("&quot;Principal&quot;", loan);
        Assert.DoesNotContain("{&quot;", loan);

        var application = await shiju.PageAsync($"/audit?Filter.Entity=application&Filter.Subject={draft.Number}");
        Assert.Contains("新建申报", application);
        Assert.Contains("<span class=\"field\">状态</span>：<del>草稿</del><span class=\"arrow\"> → </span><ins>已提交</ins>", application);
        Assert.Contains("<span class=\"field\">政策</span>：<ins>", application);
        Assert.DoesNotContain("{&quot;", application);
        Assert.DoesNotContain("Submitted", application);
    }

    [Fact]
    public async Task TheXlsx_HoldsEveryFilteredEntry_NotOnlyThePage_WithTheChangeInWords()
    {
        var user = Unique("export");
        await AppendAsync(user, "修改项目", "project", "P-XLSX", "{\"Name\":\"旧名\"}", "{\"Name\":\"新名\"}", [.. Enumerable.Range(0, 60).Select(i => Noon.AddMinutes(i))]);
        await AppendAsync(Unique("else"), "修改项目", "project", "P-XLSX", "{\"Name\":\"旧名\"}", "{\"Name\":\"新名\"}", Noon);
        using var shiju = await app.SignInAsync("shiju");
        var page = await shiju.PageAsync($"/audit?Filter.User={user}");
        Assert.Contains($"href=\"/audit/xlsx?Filter.User={user}\"", page);

        using var r = await shiju.GetAsync($"/audit/xlsx?Filter.User={user}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(Renewal.Web.Features.Notice.XlsxModel.ContentType, r.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".xlsx", r.Content.Headers.ContentDisposition?.FileNameStar ?? r.Content.Headers.ContentDisposition?.FileName ?? "");
        var sheet = Poppler.Sheet(await r.Content.ReadAsByteArrayAsync());
        Assert.Contains(user, sheet[2]["A"]);
        var header = sheet[AuditWorkbook.HeaderRow];
        string Col(string name) => header.Single(h => h.Value == name).Key;
        var rows = sheet.Where(kv => kv.Key > AuditWorkbook.HeaderRow).Select(kv => kv.Value).ToList();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(user, row[Col("用户")]);
            Assert.Equal("项目", row[Col("对象")]);
            Assert.Equal("P-XLSX", row[Col("对象编号")]);
            Assert.Equal("项目名称：旧名 → 新名", row[Col("变更内容")]);
            Assert.Equal("2025-06-01", row[Col("时间（北京时间）")][..10]);
        });
        // Each entry's hash and its predecessor's are in the file (the records themselves in words, not raw).
        await using var db = app.Db();
        var newest = await db.Audit.Where(a => a.UserName == user).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(newest.Hash, rows[0][Col("哈希")]);
        Assert.Equal(newest.PreviousHash, rows[0][Col("前序哈希")]);
        Assert.DoesNotContain(rows, row => row.Values.Any(v => v.Contains("{\"", StringComparison.Ordinal)));
        Assert.Equal(AuditLog.HashOf(newest), newest.Hash);
    }

    [Theory]
    [InlineData("qiye")]
    [InlineData("quzhen")]
    [InlineData("yinhang")]
    public async Task OnlyTheBureauAndFinance_DownloadTheAuditLog(string user)
    {
        using var s = await app.SignInAsync(user);
        using var xlsx = await s.GetAsync("/audit/xlsx");
        Assert.StartsWith("/account/denied", Session.RedirectPath(xlsx));
    }

    private static List<long> EntryIds(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<tr><td class=\"num\">(\\d+)</td>").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData("qiye")]
    [InlineData("quzhen")]
    [InlineData("yinhang")]
    public async Task OnlyTheBureauAndFinance_ReadTheAuditLog(string user)
    {
        using var s = await app.SignInAsync(user);
        using var page = await s.GetAsync("/audit");
        Assert.StartsWith("/account/denied", Session.RedirectPath(page));
        using var api = await s.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class AuditLogOnSqliteTests(SqliteApp app) : AuditLogTests(app);

[Collection(PostgresFixture.Name)]
public sealed class AuditLogOnPostgresTests(PostgresApp app) : AuditLogTests(app);
