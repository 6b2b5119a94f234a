using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Services.Onboarding;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Onboarding;

/// <summary>
/// Onboarding in the web (issue 12 item 8): the bureau imports the library from Excel (located errors in a table,
/// nothing saved; a summary of what was added and changed; audited; size-limited); the administrator invites
/// enterprises without an account and each claims its own account once at /account/claim (rate limited); the accounts
/// page searches and pages.
/// </summary>
[Collection(OnboardingFixture.Name)]
public sealed partial class OnboardingTests(OnboardingApp app)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A valid credit code no enterprise of the demo has (GB 32100 check character computed).</summary>
    internal static string NewCreditCode(int n)
    {
        var first = "91320583MA" + n.ToString("D7", CultureInfo.InvariantCulture);
        return first + Renewal.Policy.Model.CreditCode.CheckCharacter(first);
    }

    /// <summary>A library workbook with one enterprise and one project of it; the enterprise's area as given.</summary>
    internal static byte[] Workbook(string credit, string name, string area)
    {
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms))
        {
            using (var notes = x.AddSheet(LibraryWorkbook.NotesSheet)) notes.Row(LibraryWorkbook.UnitLabel, LibraryWorkbook.Yuan);
            foreach (var sheet in LibraryWorkbook.DataSheets)
            {
                using var s = x.AddSheet(sheet);
                s.Row([.. LibraryWorkbook.HeadersOf(sheet).Select(h => XValue.Text(h))]);
                if (sheet == LibraryWorkbook.Enterprises) s.Row(credit, name, area, "C3421", "是", "张经理", "0512-57000000");
                if (sheet == LibraryWorkbook.Projects) s.Row(credit, "IMP-1", name + "智能化改造", "技术改造", "在建", "2025-01-01", XValue.Blank, "4、7", "", "", "否", "");
            }
            x.Finish();
        }
        return ms.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(Session s, byte[] content, string fileName, bool dryRun = false)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await s.TokenAsync()), "__RequestVerificationToken" } };
        if (dryRun) form.Add(new StringContent("true"), "dryRun");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        form.Add(file, "file", fileName);
        return await s.Client.PostAsync("/library/import", form);
    }

    private static string Section(string html, string label) =>
        Regex.Match(html, $"<section class=\"card\" aria-label=\"{Regex.Escape(label)}\".*?</section>", RegexOptions.Singleline) is { Success: true } m ? m.Value : "";

    private static IReadOnlyList<string[]> Rows(string table) =>
        [.. Regex.Matches(table, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(r => Regex.Matches(r.Groups[1].Value, "<t[dh][^>]*>(.*?)</t[dh]>", RegexOptions.Singleline)
            .Select(c => WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", "")).Trim()).ToArray())];

    // ── import ────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task TheBureau_ImportsALibraryFile_AWrongCellIsLocatedInATable_AndNothingIsSaved_TheFixedFileIsSavedWithASummary()
    {
        var credit = NewCreditCode(101);
        using var shiju = await app.SignInAsync("shiju");
        var page = await shiju.PageAsync("/library/import");
        Assert.Contains("下载项目库导入模板", page);
        using (var template = await shiju.GetAsync("/library/import?handler=Template"))
        {
            Assert.Equal(XlsxType, template.Content.Headers.ContentType?.MediaType);
            using var zip = new ZipArchive(new MemoryStream(await template.Content.ReadAsByteArrayAsync()));
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        }
        int auditBefore;
        using (var db = app.Db()) auditBefore = await db.Audit.CountAsync(a => a.Action == LibraryImport.Action);

        using var refused = await UploadAsync(shiju, Workbook(credit, "昆山导入测试精密有限公司", "火星镇"), "项目库.xlsx");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("导入失败，未保存任何数据：项目库.xlsx 有 1 处错误", Session.ErrorText(html));
        var errors = Rows(Section(html, "导入错误"));
        Assert.Equal(["工作表", "行", "字段", "单元格", "问题"], errors[0]);
        Assert.Equal("企业", errors[1][0]);
        Assert.Equal("2", errors[1][1]);
        Assert.Equal("所属区镇", errors[1][2]);
        Assert.Equal("C2", errors[1][3]);
        Assert.Contains("火星镇", errors[1][4]);
        using (var db = app.Db())
        {
            Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == credit));
            Assert.Equal(auditBefore, await db.Audit.CountAsync(a => a.Action == LibraryImport.Action));
        }

        // 只校验: says what would happen, saves nothing.
        using var dry = await UploadAsync(shiju, Workbook(credit, "昆山导入测试精密有限公司", "周市镇"), "项目库.xlsx", dryRun: true);
        Assert.Contains("校验通过（未保存）", Session.StatusText(await dry.Content.ReadAsStringAsync()));
        using (var db = app.Db()) Assert.False(await db.Enterprises.AnyAsync(e => e.CreditCode == credit));

        using var saved = await UploadAsync(shiju, Workbook(credit, "昆山导入测试精密有限公司", "周市镇"), "项目库.xlsx");
        html = await saved.Content.ReadAsStringAsync();
        Assert.Null(Session.ErrorText(html));
        Assert.Contains("已导入：项目库.xlsx，金额单位 元。新增 2 行、修改 0 行", Session.StatusText(html));
        var summary = Rows(Section(html, "导入结果"));
        Assert.Contains(summary, r => r is ["企业", "1", "0", "0", "1"]);
        Assert.Contains(summary, r => r is ["项目", "1", "0", "0", "1"]);
        using (var db = app.Db())
        {
            var e = await db.Enterprises.AsNoTracking().Include(x => x.Projects).SingleAsync(x => x.CreditCode == credit);
            Assert.Equal("周市镇", e.Area);
            Assert.Equal("IMP-1", Assert.Single(e.Projects).Code);
            var entry = await db.Audit.AsNoTracking().Where(a => a.Action == LibraryImport.Action).OrderBy(a => a.Id).LastAsync();
            Assert.Equal(("shiju", "项目库.xlsx"), (entry.UserName, entry.EntityId));
            Assert.Contains("\"added\":2", entry.After, StringComparison.Ordinal);
        }

        // A new name of the enterprise (and so of its project): nothing added, two rows changed.
        using var changed = await UploadAsync(shiju, Workbook(credit, "昆山导入测试精密股份有限公司", "周市镇"), "项目库.xlsx");
        Assert.Contains("新增 0 行、修改 2 行，0 行不变", Session.StatusText(await changed.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheImport_RefusesNoFile_ADamagedFile_AndAFileOverTheLimit_InChinese_AndOnlyTheBureauMayUseIt()
    {
        using var admin = await app.SignInAsync("admin");
        var (_, none) = await admin.SubmitFormAsync("/library/import", []);
        Assert.Equal("请选择要导入的 Excel 文件（.xlsx）", Session.ErrorText(none));

        using var damaged = await UploadAsync(admin, Encoding.UTF8.GetBytes("这不是 Excel 文件"), "假的.xlsx");
        var html = await damaged.Content.ReadAsStringAsync();
        Assert.Contains("导入失败，未保存任何数据：假的.xlsx", Session.ErrorText(html));
        Assert.Contains("不是 xlsx 文件", Rows(Section(html, "导入错误"))[1][4]);

        using var large = await UploadAsync(admin, new byte[OnboardingApp.ImportMaxBytes + 100_000], "大文件.xlsx");
        Assert.Equal(HttpStatusCode.Redirect, large.StatusCode);
        var back = await admin.PageAsync(Session.RedirectPath(large)!);
        Assert.Contains("文件过大：导入的 Excel 文件最大", Session.ErrorText(back));

        using var qiye = await app.SignInAsync("qiye");
        using var denied = await qiye.GetAsync("/library/import");
        Assert.StartsWith("/account/denied", Session.RedirectPath(denied));
        Assert.DoesNotContain("/library/import", await qiye.PageAsync("/library"));
        Assert.Contains("/library/import", await admin.PageAsync("/library"));
    }

    // ── invitations and claims ────────────────────────────────────────────────────────────────────

    /// <summary>Two enterprises of the demo library in 周市镇 that have no account (by credit code).</summary>
    private async Task<List<(string Credit, string Name)>> WithoutAccountAsync(int count)
    {
        using var db = app.Db();
        var taken = await db.Users.Where(u => u.CreditCode != null).Select(u => u.CreditCode!).ToListAsync();
        var invited = await db.Invitations.Select(i => i.CreditCode).ToListAsync();
        return [.. (await db.Enterprises.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.CreditCode, e.Name }).ToListAsync())
            .Where(e => !taken.Contains(e.CreditCode) && !invited.Contains(e.CreditCode)).Take(count).Select(e => (e.CreditCode, e.Name))];
    }

    private static IReadOnlyList<(string Name, string Credit, string Code)> Codes(string html) =>
        [.. Rows(Section(html, "新生成的邀请码")).Skip(1).Select(r => (r[0], r[1], r[3]))];

    private Session From(string address) => new(ClientAddress.From(app.NewClient(), address));

    private static KeyValuePair<string, string>[] Claim(string credit, string code, string userName, string password = "Claim#2026pw", string? confirm = null) =>
        [new("CreditCode", credit), new("Code", code), new("UserName", userName), new("password", password), new("confirm", confirm ?? password)];

    [Fact]
    public async Task TheAdministrator_InvitesEnterprises_DownloadsTheCodes_AndEachEnterpriseClaimsItsAccountOnce_AndSignsIn()
    {
        var picked = await WithoutAccountAsync(2);
        using var admin = await app.SignInAsync("admin");
        var list = await admin.PageAsync("/admin/invitations?Q=" + Uri.EscapeDataString(picked[0].Credit));
        var rows = Rows(Section(list, "尚无账号的企业"));
        Assert.Contains(rows, r => r.Length > 2 && r[1] == picked[0].Name && r[4] == "未邀请");
        Assert.DoesNotContain("913205837AY4CL12TY", list); // 甲 has an account

        var (_, nothing) = await admin.SubmitFormAsync("/admin/invitations?handler=Create", []);
        Assert.Equal("请至少选择一家企业", Session.ErrorText(nothing));

        var before = app.Clock.GetUtcNow();
        using var made = await admin.PostFormAsync("/admin/invitations?handler=Create", [new("selected", picked[0].Credit), new("selected", picked[1].Credit), new("days", "14")]);
        var html = await made.Content.ReadAsStringAsync();
        Assert.Contains("已为 2 家企业生成邀请码。邀请码只显示这一次", Session.StatusText(html));
        var codes = Codes(html);
        Assert.Equal(picked.Select(p => p.Credit).Order(StringComparer.Ordinal), codes.Select(c => c.Credit).Order(StringComparer.Ordinal));
        Assert.All(codes, c => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", c.Code));
        var first = codes.Single(c => c.Credit == picked[0].Credit);

        // The xlsx of the codes shown: posted back, checked against the hashes; a code that was altered is left out.
        var ids = Regex.Matches(html, "name=\"id\" value=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        var posted = Regex.Matches(html, "name=\"code\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        using var xlsx = await admin.PostFormAsync("/admin/invitations?handler=Download",
            [new("id", ids[0]), new("code", posted[0]), new("id", ids[1]), new("code", "0000000000000000")]);
        Assert.Equal(XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        var sheet = SheetText(await xlsx.Content.ReadAsByteArrayAsync());
        var kept = codes.Single(c => InvitationService.Normalize(c.Code) == InvitationService.Normalize(posted[0]));
        Assert.Contains(kept.Code, sheet, StringComparison.Ordinal);
        Assert.Contains(kept.Credit, sheet, StringComparison.Ordinal);
        Assert.Contains(kept.Name, sheet, StringComparison.Ordinal);
        Assert.Contains("/account/claim", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(codes.Single(c => c != kept).Code, sheet, StringComparison.Ordinal);
        using (var db = app.Db())
        {
            var stored = await db.Invitations.AsNoTracking().Where(i => picked.Select(p => p.Credit).Contains(i.CreditCode)).ToListAsync();
            Assert.Equal(2, stored.Count);
            Assert.All(stored, i => Assert.InRange(i.ExpiresAt, before.AddDays(14), app.Clock.GetUtcNow().AddDays(14)));
            Assert.DoesNotContain(stored, i => i.CodeHash.Contains(InvitationService.Normalize(first.Code), StringComparison.OrdinalIgnoreCase));
        }

        // The list says who was invited.
        var after = Rows(Section(await admin.PageAsync("/admin/invitations?Q=" + Uri.EscapeDataString(picked[0].Credit)), "尚无账号的企业"));
        Assert.Contains(after, r => r.Length > 4 && r[1] == picked[0].Name && r[4].StartsWith("已邀请", StringComparison.Ordinal));

        // The enterprise claims its account; wrong fields first.
        using var firm = From("10.80.0.1");
        var userName = "claim." + Guid.NewGuid().ToString("N")[..6];
        var (_, wrongCode) = await firm.SubmitFormAsync("/account/claim", Claim(first.Credit, "ABCD-EFGH-JKMN-PQRS", userName));
        var (_, wrongCredit) = await firm.SubmitFormAsync("/account/claim", Claim(picked[1].Credit, first.Code, userName));
        Assert.Equal(InvitationService.Refused, Session.ErrorText(wrongCode));
        Assert.Equal(InvitationService.Refused, Session.ErrorText(wrongCredit));
        var (_, weak) = await firm.SubmitFormAsync("/account/claim", Claim(first.Credit, first.Code, userName, "short"));
        Assert.Equal("密码至少 8 位", Session.ErrorText(weak));
        var (_, mismatch) = await firm.SubmitFormAsync("/account/claim", Claim(first.Credit, first.Code, userName, "Claim#2026pw", "Claim#2026px"));
        Assert.Equal("两次输入的密码不一致", Session.ErrorText(mismatch));

        var (claimed, signinPage) = await firm.SubmitFormAsync("/account/claim", Claim(first.Credit.ToLowerInvariant(), first.Code.ToLowerInvariant(), userName));
        Assert.Equal("/account/signin", Session.RedirectPath(claimed));
        Assert.Contains($"企业账号 {userName} 已开通（{first.Name}）", Session.StatusText(signinPage));
        var (_, again) = await From("10.80.0.2").SubmitFormAsync("/account/claim", Claim(first.Credit, first.Code, userName + "x"));
        Assert.Equal(InvitationService.Refused, Session.ErrorText(again));

        using var signedIn = new Session(app.NewClient());
        await signedIn.SignInAsync(userName, "Claim#2026pw");
        var enterprise = await signedIn.PageAsync("/enterprise");
        Assert.Contains(first.Name, enterprise);
        using (var db = app.Db())
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
            Assert.Equal((Role.Enterprise, first.Credit), (account.Role, account.CreditCode));
            Assert.True(await db.Audit.AnyAsync(a => a.Action == "认领企业账号" && a.UserName == userName));
        }
        // The claimed enterprise is no longer offered for invitation.
        var left = await admin.PageAsync("/admin/invitations?Q=" + Uri.EscapeDataString(first.Credit));
        Assert.DoesNotContain($"<td>{first.Credit}</td>", left);
        Assert.Contains("共 0 家企业尚无账号", left);
    }

    [Fact]
    public async Task TheClaim_IsRateLimitedPerAddress_InChinese()
    {
        using var s = From("10.81.0.1");
        for (var i = 0; i < OnboardingApp.ClaimPermits; i++)
        {
            var (post, html) = await s.SubmitFormAsync("/account/claim", Claim(NewCreditCode(900), "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "nobody" + i));
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Equal(InvitationService.Refused, Session.ErrorText(html));
        }
        using var limited = await s.PostFormAsync("/account/claim", Claim(NewCreditCode(900), "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "nobody"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("开通账号的尝试过于频繁，请稍后再试", Session.ErrorText(await limited.Content.ReadAsStringAsync()));
        // Reading the page and another address are not held back.
        Assert.Contains("开通企业账号", await s.PageAsync("/account/claim"));
        var (other, _) = await From("10.81.0.2").SubmitFormAsync("/account/claim", Claim(NewCreditCode(900), "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "nobody"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OnlyTheAdministrator_Invites()
    {
        using var shiju = await app.SignInAsync("shiju");
        using var get = await shiju.GetAsync("/admin/invitations");
        Assert.StartsWith("/account/denied", Session.RedirectPath(get));
        var picked = await WithoutAccountAsync(1);
        using var post = await shiju.PostFormAsync("/admin/invitations?handler=Create", [new("selected", picked[0].Credit)]);
        Assert.StartsWith("/account/denied", Session.RedirectPath(post));
        using var db = app.Db();
        Assert.False(await db.Invitations.AnyAsync(i => i.CreditCode == picked[0].Credit));
    }

    /// <summary>Every text of the workbook's cells (inline and shared strings).</summary>
    private static string SheetText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var sb = new StringBuilder();
        foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var r = new StreamReader(e.Open());
            sb.Append(WebUtility.HtmlDecode(r.ReadToEnd()));
        }
        return sb.ToString();
    }

    // ── accounts: search and paging ───────────────────────────────────────────────────────────────

    [Fact]
    public async Task TheAccountsPage_SearchesByRoleAreaAndKeyword_AndPages()
    {
        for (var i = 0; i < 55; i++) await app.AddAccountAsync($"pager.bank{i:D2}", Role.Bank);
        using var admin = await app.SignInAsync("admin");

        var first = await admin.PageAsync("/admin/accounts?RoleFilter=Bank&Q=pager.bank");
        Assert.Contains("共 55 个账号", first);
        Assert.Contains("第 1 / 2 页", first);
        Assert.Equal(50, Regex.Count(first, "<tr>\\s*<td>pager\\.bank\\d\\d</td>"));
        var second = await admin.PageAsync("/admin/accounts?RoleFilter=Bank&Q=pager.bank&p=2");
        Assert.Contains("第 2 / 2 页", second);
        Assert.Equal(5, Regex.Count(second, "<tr>\\s*<td>pager\\.bank\\d\\d</td>"));
        Assert.Contains("pager.bank54", second);
        Assert.DoesNotContain("pager.bank00", second);

        // By credit code (lower case too) and by enterprise name: the demo enterprise's account.
        using var db = app.Db();
        var qiye = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "qiye");
        var firm = await db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == qiye.CreditCode);
        foreach (var q in new[] { qiye.CreditCode!.ToLowerInvariant()[..10], firm.Name })
        {
            var page = await admin.PageAsync("/admin/accounts?Q=" + Uri.EscapeDataString(q));
            Assert.Contains("<td>qiye</td>", page);
            Assert.DoesNotContain("<td>shiju</td>", page);
        }
        // By area: the district reviewer of the area and the enterprise accounts there; not another area's.
        var area = await admin.PageAsync("/admin/accounts?AreaFilter=" + Uri.EscapeDataString(firm.Area));
        Assert.Contains("<td>qiye</td>", area);
        Assert.DoesNotContain("<td>admin</td>", area);
        var byRole = await admin.PageAsync("/admin/accounts?RoleFilter=BureauAdmin");
        Assert.Contains("<td>admin</td>", byRole);
        Assert.DoesNotContain("<td>qiye</td>", byRole);
    }
}

/// <summary>The onboarding tests' own app: they add enterprises, accounts and invitations; the claim's limit and the import's size are small here.</summary>
public sealed class OnboardingApp() : RenewalApp("sqlite")
{
    public const int ClaimPermits = 6;
    public const long ImportMaxBytes = 300_000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        foreach (var s in base.Settings()) yield return s;
        yield return new("Claim:AddressPermits", ClaimPermits.ToString(CultureInfo.InvariantCulture));
        yield return new("Library:ImportMaxBytes", ImportMaxBytes.ToString(CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name)]
public sealed class OnboardingFixture : ICollectionFixture<OnboardingApp>
{
    public const string Name = "web on SQLite, onboarding";
}
