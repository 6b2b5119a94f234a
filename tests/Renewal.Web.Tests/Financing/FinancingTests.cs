using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Financing;

/// <summary>
/// 银企对接 on the pages and the API (issue 12 item 7): the bank reads the needs of the projects it may see with the
/// enterprise's contact, records its interest and a signed loan; the enterprise sees the bank, its status and the loan;
/// another bank never sees the record or the loan's terms, on any page or API.
/// </summary>
[Collection(FinancingFixture.Name)]
public sealed class FinancingTests(FinancingApp app)
{
    private const string OtherBank = "测试其他银行昆山支行";

    private async Task<Session> OtherBankAsync()
    {
        using (var db = app.Db())
        {
            if (!await db.Users.AnyAsync(u => u.UserName == "tahang")) await app.AddAccountAsync("tahang", Role.Bank, bank: OtherBank);
        }
        return await app.SignInAsync("tahang");
    }

    private string DemoBank()
    {
        using var db = app.Db();
        return db.Users.AsNoTracking().Single(u => u.UserName == "yinhang").Bank!;
    }

    private static int IdOf(HttpResponseMessage r) =>
        int.Parse(Session.RedirectPath(r)!.Split('/')[^1], CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheBankRecordsInterestAndASignedLoan_TheEnterpriseSeesBoth_AnotherBankSeesNeither()
    {
        var d = app.Data;
        var bank = DemoBank();
        using var yinhang = await app.SignInAsync("yinhang");
        using var qiye = await app.SignInAsync("qiye");
        using var tahang = await OtherBankAsync();
        string projectName, contact;
        using (var db = app.Db())
        {
            projectName = await db.Projects.Where(p => p.Id == d.OwnProjectId).Select(p => p.Name).SingleAsync();
            contact = await db.Enterprises.Where(e => e.Id == d.DemoEnterpriseId).Select(e => e.ContactName ?? "").SingleAsync();
        }

        // The needs: the bank's own project among them, with the enterprise's contact.
        var needs = await yinhang.PageAsync("/financing?Area=" + Uri.EscapeDataString(d.DistrictArea));
        Assert.Contains(projectName, needs);
        Assert.Contains(contact, needs);
        using var interest = await yinhang.PostFormAsync("/financing?handler=Interest", [new("projectId", d.OwnProjectId.ToString(CultureInfo.InvariantCulture)), new("note", "可提供设备更新贷款")]);
        Assert.Equal(HttpStatusCode.Redirect, interest.StatusCode);
        var id = IdOf(interest);
        var record = await yinhang.PageAsync($"/financing/{id}");
        Assert.Contains("已登记对接意向", Session.StatusText(record));
        Assert.Contains("有意向", record);

        // The enterprise learns of it, and sees the bank and its status on its page.
        Assert.Contains($"银行有意向：{bank}", await qiye.PageAsync("/inbox"));
        var mine = await qiye.PageAsync("/enterprise");
        Assert.Contains(bank, Section(mine, "银企对接"));
        Assert.Contains("有意向", Section(mine, "银企对接"));

        // Another bank: the record is not there, on the page or the API, and it cannot move it.
        Assert.Equal(HttpStatusCode.NotFound, (await tahang.GetAsync($"/financing/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tahang.GetAsync($"/api/v1/financing/matches/{id}")).StatusCode);
        Assert.DoesNotContain(await tahang.JsonAsync<JsonElement[]>("/api/v1/financing/matches"), m => m.GetProperty("id").GetInt32() == id);
        using (var steal = await tahang.PostJsonAsync($"/api/v1/financing/matches/{id}/contact", new { version = 1, note = "冒名" }))
            Assert.Equal(HttpStatusCode.NotFound, steal.StatusCode);
        Assert.DoesNotContain("可提供设备更新贷款", await tahang.PageAsync("/financing"));

        // The signed loan, on the page.
        var (signed, after) = await yinhang.SubmitFormAsync($"/financing/{id}?handler=Sign", [
            new("version", "1"), new("Sign.Principal", "6800000"), new("Sign.RatePercent", "3.15"), new("Sign.IssuedOn", "2026-04-01"),
            new("Sign.MaturesOn", "2029-04-01"), new("Sign.Category", "DigitalTransformation"), new("Sign.Code", "YH-TEST-0001")]);
        Assert.True(signed.StatusCode == HttpStatusCode.Redirect, Session.ErrorText(after));
        Assert.Contains("已签约", Session.StatusText(after));
        Assert.Contains("6,800,000.00", after);

        using (var db = app.Db())
        {
            var loan = await db.Loans.AsNoTracking().SingleAsync(l => l.Code == "YH-TEST-0001");
            Assert.Equal((d.DemoEnterpriseId, d.OwnProjectId, bank, 6_800_000m, 0.0315m), (loan.EnterpriseId, loan.ProjectId, loan.Bank, loan.Principal, loan.Rate));
            Assert.Contains(await db.Audit.Where(a => a.Entity == "loan" && a.EntityId == "YH-TEST-0001").Select(a => a.UserName).ToListAsync(), u => u == "yinhang");
        }
        mine = await qiye.PageAsync("/enterprise");
        Assert.Contains("YH-TEST-0001", Section(mine, "我的贷款"));
        Assert.Contains("已签约", Section(mine, "银企对接"));
        Assert.Contains($"贷款已签约：{bank}", await qiye.PageAsync("/inbox"));

        // The loan's terms: the lending bank sees them on the project page, another bank does not (nor through the evaluation).
        Assert.Contains("YH-TEST-0001", await yinhang.PageAsync($"/library/projects/{d.OwnProjectId}"));
        var foreign = await tahang.PageAsync($"/library/projects/{d.OwnProjectId}");
        Assert.DoesNotContain("YH-TEST-0001", foreign);
        Assert.DoesNotContain("6,800,000.00", foreign);
        var evaluation = await tahang.JsonAsync<JsonElement>($"/api/v1/projects/{d.OwnProjectId}/evaluation?year=2026");
        Assert.DoesNotContain(evaluation.GetProperty("awards").EnumerateArray(), a => a.GetProperty("scheme").GetString() == "loan_interest");

        // The bureau: the count per status.
        var bureau = await (await app.SignInAsync("shiju")).PageAsync("/financing");
        Assert.Contains("已签约 1", bureau);
    }

    [Fact]
    public async Task Outcomes_MoveOnlyForward_AgainstTheVersionRead_OnTheApi()
    {
        var d = app.Data;
        using var yinhang = await app.SignInAsync("yinhang");
        var project = d.TakeJiaProject();
        using (var db = app.Db())
        {
            var p = await db.Projects.SingleAsync(x => x.Id == project);
            p.FinancingNeed = 3_000_000m;
            await db.SaveChangesAsync();
        }
        using var created = await yinhang.PostJsonAsync("/api/v1/financing/matches", new { projectId = project });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using (var twice = await yinhang.PostJsonAsync("/api/v1/financing/matches", new { projectId = project }))
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        using (var contacted = await yinhang.PostJsonAsync($"/api/v1/financing/matches/{id}/contact", new { version = 1, note = "电话联系财务负责人" }))
            Assert.Equal(HttpStatusCode.OK, contacted.StatusCode);
        using (var stale = await yinhang.PostJsonAsync($"/api/v1/financing/matches/{id}/decline", new { version = 1, reason = "额度不足" }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var back = await yinhang.PostJsonAsync($"/api/v1/financing/matches/{id}/contact", new { version = 2, note = "再次联系" });
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("对接进展只能向前推进，不能退回", await back.Content.ReadAsStringAsync());
        using (var declined = await yinhang.PostJsonAsync($"/api/v1/financing/matches/{id}/decline", new { version = 2, reason = "企业暂缓投资" }))
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);

        // On the page, a final record offers no more moves; a bad loan form is refused naming the field.
        var page = await yinhang.PageAsync($"/financing/{id}");
        Assert.Contains("企业暂缓投资", page);
        Assert.DoesNotContain("记录已签约", page);
    }

    [Fact]
    public async Task TheEnterprise_KeepsItsContact_WhichTheBankReads()
    {
        var d = app.Data;
        using var qiye = await app.SignInAsync("qiye");
        long version;
        using (var db = app.Db()) version = await db.Enterprises.Where(e => e.Id == d.DemoEnterpriseId).Select(e => e.Version).SingleAsync();
        var (bad, refused) = await qiye.SubmitFormAsync("/enterprise?handler=Contact", [new("Contact.Version", version.ToString(CultureInfo.InvariantCulture)),
            new("Contact.ContactName", "赵敏"), new("Contact.ContactPhone", "电话号码")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("联系电话只能包含数字", Session.ErrorText(refused));
        var (ok, saved) = await qiye.SubmitFormAsync("/enterprise?handler=Contact", [new("Contact.Version", version.ToString(CultureInfo.InvariantCulture)),
            new("Contact.ContactName", "赵敏"), new("Contact.ContactPhone", "0512-57001234")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("已保存联系人", Session.StatusText(saved));
        // The version read is now stale.
        using (var stale = await qiye.Client.PutAsJsonAsync("/api/v1/enterprise/contact", new { contactName = "钱多", version }))
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var yinhang = await app.SignInAsync("yinhang");
        var needs = await yinhang.JsonAsync<JsonElement>("/api/v1/financing/needs?area=" + Uri.EscapeDataString(d.DistrictArea) + "&min=1");
        var row = needs.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("projectId").GetInt32() == d.OwnProjectId);
        Assert.Equal(("赵敏", "0512-57001234"), (row.GetProperty("contactName").GetString(), row.GetProperty("contactPhone").GetString()));
    }

    [Fact]
    public async Task TheAdministrator_NamesTheBankOfABankUser()
    {
        using var admin = await app.SignInAsync("admin");
        var (missing, page) = await admin.SubmitFormAsync("/admin/accounts?handler=Create", [new("Form.UserName", "jianhang"), new("Form.DisplayName", "建行客户经理"),
            new("Form.Role", "Bank"), new("Form.Password", "Abcdefg123")]);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("所属银行不能为空", page);
        var (created, _) = await admin.SubmitFormAsync("/admin/accounts?handler=Create", [new("Form.UserName", "jianhang"), new("Form.DisplayName", "建行客户经理"),
            new("Form.Role", "Bank"), new("Form.Bank", "中国建设银行昆山分行"), new("Form.Password", "Abcdefg123")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var db = app.Db();
        Assert.Equal("中国建设银行昆山分行", await db.Users.Where(u => u.UserName == "jianhang").Select(u => u.Bank).SingleAsync());
    }

    /// <summary>The HTML of the page's section labelled <paramref name="label"/>.</summary>
    private static string Section(string html, string label)
    {
        var start = html.IndexOf($"aria-label=\"{label}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {label}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}

public sealed class FinancingApp() : RenewalApp("sqlite");

[CollectionDefinition(Name)]
public sealed class FinancingFixture : ICollectionFixture<FinancingApp>
{
    public const string Name = "web on SQLite, financing";
}
