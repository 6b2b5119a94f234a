using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Admin;

/// <summary>
/// The bureau administrator creates accounts, resets passwords, deactivates and reactivates accounts and lifts a
/// lockout — over the JSON API and through the /admin/accounts forms — and the effect is seen where it matters: in
/// the stored account and at the sign-in form. Duplicate names, weak passwords, a missing account and every caller who
/// is not the administrator are refused, and the account stays as it was.
/// </summary>
public abstract class AccountTests(RenewalApp app)
{
    private const string NewPassword = "Neu#2026pass";

    private static string NewName(string prefix) => prefix + "." + Guid.NewGuid().ToString("N")[..8];

    private async Task<UserAccount?> FindAsync(string userName)
    {
        await using var db = app.Db();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName);
    }

    private async Task<UserAccount> StoredAsync(int id)
    {
        await using var db = app.Db();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<int> UsersAsync()
    {
        await using var db = app.Db();
        return await db.Users.CountAsync();
    }

    /// <summary>An account of its own for one test (the test password), so that locking or deactivating it touches no other test.</summary>
    private async Task<UserAccount> AccountAsync(Role role = Role.BureauReviewer) => await app.AddAccountAsync(NewName("acct"), role);

    /// <summary>What the sign-in form answers: null when it lets the user in, else the message it shows.</summary>
    private async Task<string?> SignInAsync(string userName, string password)
    {
        using var s = app.Anonymous();
        using var r = await s.TrySignInAsync(userName, password);
        return r.StatusCode == HttpStatusCode.Redirect ? null : Session.ErrorText(await r.Content.ReadAsStringAsync()) ?? $"{(int)r.StatusCode}";
    }

    [Fact]
    public async Task Create_OverTheApi_StoresTheAccountWithAHashedPassword_AndTheNewUserCanSignIn()
    {
        using var admin = await app.SignInAsync("admin");
        var name = NewName("ent");
        int id;
        using (var r = await admin.PostJsonAsync("/api/v1/admin/accounts", new
        {
            userName = name, displayName = "测试企业经办人", role = "Enterprise", creditCode = " " + app.Data.OtherCreditCode.ToLowerInvariant() + " ", password = "Start#2026a",
        }))
        {
            var body = await r.BodyAsync(HttpStatusCode.Created);
            id = body["id"]!.GetValue<int>();
            Assert.Null(body["passwordHash"]);
            Assert.DoesNotContain("Start#2026a", body.ToJsonString());
        }
        var u = await StoredAsync(id);
        Assert.Equal((name, "测试企业经办人", Role.Enterprise, app.Data.OtherCreditCode, (string?)null, true), (u.UserName, u.DisplayName, u.Role, u.CreditCode, u.Area, u.Active));
        Assert.DoesNotContain("Start#2026a", u.PasswordHash);
        Assert.Null(await SignInAsync(name, "Start#2026a"));
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(name, RenewalApp.Password));

        // The list finds it, and never shows a hash.
        var list = await admin.JsonAsync<JsonArray>("/api/v1/admin/accounts?q=" + Uri.EscapeDataString(name));
        var row = Assert.Single(list);
        Assert.Equal((id, "Enterprise"), (row!["id"]!.GetValue<int>(), row["role"]!.GetValue<string>()));
        Assert.DoesNotContain("AQAAAA", list.ToJsonString()); // the PasswordHasher v3 prefix

        await using var db = app.Db();
        var entry = await db.Audit.AsNoTracking().SingleAsync(a => a.Entity == "user" && a.EntityId == name && a.Action == "新建账号");
        Assert.Equal("admin", entry.UserName);
        Assert.DoesNotContain("Start#2026a", entry.After);
        Assert.DoesNotContain(u.PasswordHash, entry.After);
    }

    [Fact]
    public async Task Create_WithATakenNameAWeakPasswordOrAMissingAreaOrEnterprise_IsRefusedInChinese_AndNoAccountIsMade()
    {
        using var admin = await app.SignInAsync("admin");
        var before = await UsersAsync();
        async Task<Dictionary<string, string>> RefusedAsync(object body)
        {
            using var r = await admin.PostJsonAsync("/api/v1/admin/accounts", body);
            return await r.FieldErrorsAsync();
        }

        Assert.Equal("用户名“QIYE”已被使用", (await RefusedAsync(new { userName = "QIYE", displayName = "重名", role = "Finance", password = NewPassword }))["userName"]);
        Assert.Equal("密码须同时包含字母和数字", (await RefusedAsync(new { userName = NewName("weak"), displayName = "弱密码", role = "Finance", password = "abcdefgh" }))["password"]);
        Assert.Equal("密码至少 8 位", (await RefusedAsync(new { userName = NewName("short"), displayName = "短密码", role = "Finance", password = "ab12" }))["password"]);
        var tooLong = await RefusedAsync(new { userName = NewName("long"), displayName = new string('名', 101), role = "Finance", password = "a1" + new string('x', 127) });
        Assert.Equal("显示名称（displayName）不能超过 100 字", tooLong["displayName"]);
        Assert.Equal("密码（password）不能超过 128 字", tooLong["password"]);
        var district = await RefusedAsync(new { userName = NewName("qz"), displayName = "区镇", role = "DistrictReviewer", password = NewPassword });
        Assert.Equal("区镇审核员须选择所属区镇", district["area"]);
        var enterprise = await RefusedAsync(new { userName = "x", displayName = "企业", role = "Enterprise", creditCode = "91320583MA1234567X", password = NewPassword });
        Assert.Equal("用户名至少 3 个字符", enterprise["userName"]);
        Assert.True(enterprise.ContainsKey("creditCode"), string.Join("; ", enterprise));
        Assert.Equal("角色（role）的格式不正确", (await RefusedAsync(new { userName = NewName("role"), displayName = "角色", role = "Superuser", password = NewPassword }))["role"]);

        Assert.Equal(before, await UsersAsync());
    }

    [Theory]
    [InlineData("shiju")]
    [InlineData("quzhen")]
    [InlineData("qiye")]
    [InlineData("caizheng")]
    public async Task Create_ByAnyoneButTheAdministrator_IsRefused_OverTheApiAndTheForm(string user)
    {
        using var s = await app.SignInAsync(user);
        var before = await UsersAsync();
        var name = NewName("nope");
        using (var r = await s.PostJsonAsync("/api/v1/admin/accounts", new { userName = name, displayName = "越权", role = "BureauAdmin", password = NewPassword }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await s.PostFormAsync("/admin/accounts?handler=Create",
            [new("Form.UserName", name), new("Form.DisplayName", "越权"), new("Form.Role", "BureauAdmin"), new("Form.Password", NewPassword)]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        Assert.Null(await FindAsync(name));
        Assert.Equal(before, await UsersAsync());
    }

    [Fact]
    public async Task Create_ThroughTheForm_StoresTheAccount_AndABadFormShowsTheChineseMessage()
    {
        using var admin = await app.SignInAsync("admin");
        var before = await UsersAsync();
        using (var bad = await admin.PostFormAsync("/admin/accounts?handler=Create",
            [new("Form.UserName", "张三丰"), new("Form.DisplayName", "中文用户名"), new("Form.Role", "Finance"), new("Form.Password", NewPassword)]))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
            Assert.Contains("用户名只能包含英文字母、数字、点、下划线和连字符", html);
            Assert.DoesNotContain(NewPassword, html); // never echoed back
        }
        Assert.Equal(before, await UsersAsync());

        var name = NewName("qz");
        var (post, page) = await admin.SubmitFormAsync("/admin/accounts?handler=Create",
            [new("Form.UserName", name), new("Form.DisplayName", "区镇审核员（表单）"), new("Form.Role", "DistrictReviewer"), new("Form.Area", app.Data.DistrictArea), new("Form.Password", NewPassword)]);
        Assert.Equal("/admin/accounts", Session.RedirectPath(post));
        Assert.Contains($"已新建账号 {name}", Session.StatusText(page));
        post.Dispose();
        var u = await FindAsync(name);
        Assert.NotNull(u);
        Assert.Equal((Role.DistrictReviewer, app.Data.DistrictArea, (string?)null), (u.Role, u.Area, u.CreditCode));
        Assert.Null(await SignInAsync(name, NewPassword));
    }

    [Fact]
    public async Task ResetPassword_TheNewOneSignsIn_AndTheOldOneNoLonger()
    {
        var u = await AccountAsync();
        Assert.Null(await SignInAsync(u.UserName, RenewalApp.Password));
        using var admin = await app.SignInAsync("admin");
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{u.Id}/password", new { password = NewPassword }))
            Assert.Equal(u.UserName, (await r.BodyAsync(HttpStatusCode.OK))["userName"]!.GetValue<string>());
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(u.UserName, RenewalApp.Password));
        Assert.Null(await SignInAsync(u.UserName, NewPassword));

        // The form does the same.
        using (var form = await admin.PostFormAsync($"/admin/accounts?handler=Password&id={u.Id}", [new("password", "Dritte#2026x")]))
            Assert.Equal("/admin/accounts", Session.RedirectPath(form));
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(u.UserName, NewPassword));
        Assert.Null(await SignInAsync(u.UserName, "Dritte#2026x"));

        await using var db = app.Db();
        var entries = await db.Audit.AsNoTracking().Where(a => a.Entity == "user" && a.EntityId == u.UserName && a.Action == "重置密码").ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.DoesNotContain("Dritte", e.After));
    }

    [Fact]
    public async Task ResetPassword_Weak_Missing_OrByANonAdministrator_IsRefused_AndTheOldPasswordStillWorks()
    {
        var u = await AccountAsync();
        var hash = (await StoredAsync(u.Id)).PasswordHash;
        using var admin = await app.SignInAsync("admin");
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{u.Id}/password", new { password = "1234567" }))
            Assert.Equal("新密码至少 8 位", (await r.FieldErrorsAsync())["password"]);
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{u.Id}/password", new { password = "a1" + new string('x', 127) }))
            Assert.Equal("新密码（password）不能超过 128 字", (await r.FieldErrorsAsync())["password"]);
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{TestData.Missing}/password", new { password = NewPassword }))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var (weakForm, page) = await admin.SubmitFormAsync($"/admin/accounts?handler=Password&id={u.Id}", [new("password", "onlyletters")]);
        Assert.Equal("重置密码未成功：新密码须同时包含字母和数字", Session.ErrorText(page));
        weakForm.Dispose();

        using var shiju = await app.SignInAsync("shiju");
        using (var r = await shiju.PostJsonAsync($"/api/v1/admin/accounts/{u.Id}/password", new { password = NewPassword }))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await shiju.PostFormAsync($"/admin/accounts?handler=Password&id={u.Id}", [new("password", NewPassword)]))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");

        Assert.Equal(hash, (await StoredAsync(u.Id)).PasswordHash);
        Assert.Null(await SignInAsync(u.UserName, RenewalApp.Password));
    }

    [Fact]
    public async Task Deactivate_ShutsTheUserOut_AndActivate_LetsThemBackIn_OverTheApiAndTheForm()
    {
        var u = await AccountAsync(Role.Finance);
        using var open = await app.SignInAsync(u.UserName); // a session already signed in when the account is deactivated
        using (var before = await open.GetAsync("/api/v1/projects?pageSize=1"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        using var admin = await app.SignInAsync("admin");
        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{u.Id}/deactivate"))
            Assert.False((await r.BodyAsync(HttpStatusCode.OK))["active"]!.GetValue<bool>());
        Assert.False((await StoredAsync(u.Id)).Active);
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(u.UserName, RenewalApp.Password));
        using (var after = await open.GetAsync("/api/v1/projects?pageSize=1"))
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode); // the open session ends at its next request

        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{u.Id}/activate"))
            Assert.True((await r.BodyAsync(HttpStatusCode.OK))["active"]!.GetValue<bool>());
        Assert.True((await StoredAsync(u.Id)).Active);
        Assert.Null(await SignInAsync(u.UserName, RenewalApp.Password));

        var (off, page) = await admin.SubmitFormAsync($"/admin/accounts?handler=Deactivate&id={u.Id}");
        Assert.Contains($"已停用账号：{u.UserName}", Session.StatusText(page));
        off.Dispose();
        Assert.False((await StoredAsync(u.Id)).Active);
        using (var on = await admin.PostFormAsync($"/admin/accounts?handler=Activate&id={u.Id}"))
            Assert.Equal("/admin/accounts", Session.RedirectPath(on));
        Assert.True((await StoredAsync(u.Id)).Active);

        await using var db = app.Db();
        Assert.Equal(["停用账号", "启用账号", "停用账号", "启用账号"],
            await db.Audit.Where(a => a.Entity == "user" && a.EntityId == u.UserName && a.UserName == "admin").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Deactivate_OfItself_OfAMissingAccount_OrByANonAdministrator_IsRefused_AndNothingChanges()
    {
        var u = await AccountAsync();
        using var admin = await app.SignInAsync("admin");
        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{app.Data.AdminUserId}/deactivate"))
            Assert.Equal("不能停用自己的账号", (await r.FieldErrorsAsync())["id"]);
        Assert.True((await StoredAsync(app.Data.AdminUserId)).Active);
        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{TestData.Missing}/deactivate"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        using var caizheng = await app.SignInAsync("caizheng");
        using (var r = await caizheng.PostEmptyAsync($"/api/v1/admin/accounts/{u.Id}/deactivate"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var form = await caizheng.PostFormAsync($"/admin/accounts?handler=Deactivate&id={u.Id}"))
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        var after = await StoredAsync(u.Id);
        Assert.Equal((true, u.Version), (after.Active, after.Version));
        Assert.Null(await SignInAsync("admin", RenewalApp.Password));
    }

    [Fact]
    public async Task Unlock_AfterALockoutByWrongPasswords_LetsTheUserSignInAgain_AndOnlyTheAdministratorMayDoIt()
    {
        var u = await AccountAsync();
        for (var i = 0; i < 5; i++) Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(u.UserName, "wrong-" + i.ToString(CultureInfo.InvariantCulture)));
        var locked = await StoredAsync(u.Id);
        Assert.NotNull(locked.LockedUntil);
        Assert.True(locked.LockedUntil > app.Clock.GetUtcNow());
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(u.UserName, RenewalApp.Password));

        using var admin = await app.SignInAsync("admin");
        var listed = await admin.JsonAsync<JsonArray>("/api/v1/admin/accounts?q=" + Uri.EscapeDataString(u.UserName));
        Assert.True(Assert.Single(listed)!["locked"]!.GetValue<bool>());

        // Refused first: a district reviewer, and a missing account.
        using (var quzhen = await app.SignInAsync("quzhen"))
        {
            using var r = await quzhen.PostEmptyAsync($"/api/v1/admin/accounts/{u.Id}/unlock");
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            using var form = await quzhen.PostFormAsync($"/admin/accounts?handler=Unlock&id={u.Id}");
            Assert.True(JsonCalls.IsDenied(form), $"{(int)form.StatusCode} {Session.RedirectPath(form)}");
        }
        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{TestData.Missing}/unlock"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(locked.LockedUntil, (await StoredAsync(u.Id)).LockedUntil);
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", await SignInAsync(u.UserName, RenewalApp.Password));

        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{u.Id}/unlock"))
            Assert.False((await r.BodyAsync(HttpStatusCode.OK))["locked"]!.GetValue<bool>());
        var unlocked = await StoredAsync(u.Id);
        Assert.Equal(((DateTimeOffset?)null, 0), (unlocked.LockedUntil, unlocked.FailedSignIns));
        Assert.Null(await SignInAsync(u.UserName, RenewalApp.Password));
    }

    [Fact]
    public async Task Unlock_ThroughTheForm_ClearsTheLock()
    {
        var u = await AccountAsync(Role.Bank);
        for (var i = 0; i < 5; i++) await SignInAsync(u.UserName, "wrong");
        Assert.NotNull((await StoredAsync(u.Id)).LockedUntil);
        using var admin = await app.SignInAsync("admin");
        var (post, page) = await admin.SubmitFormAsync($"/admin/accounts?handler=Unlock&id={u.Id}");
        Assert.Equal("/admin/accounts", Session.RedirectPath(post));
        Assert.Contains($"已解锁账号：{u.UserName}", Session.StatusText(page));
        post.Dispose();
        Assert.Null((await StoredAsync(u.Id)).LockedUntil);
        Assert.Null(await SignInAsync(u.UserName, RenewalApp.Password));
    }
}

[Collection(SelfServiceSqliteFixture.Name)]
public sealed class AccountOnSqliteTests(SqliteApp app) : AccountTests(app);

[Collection(SelfServicePostgresFixture.Name)]
public sealed class AccountOnPostgresTests(PostgresApp app) : AccountTests(app);
