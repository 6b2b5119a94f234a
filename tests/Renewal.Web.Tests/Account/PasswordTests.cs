using System.Net;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Account;

/// <summary>修改密码 (issue 12 item 8): a user changes their own password, proving the current one; every refusal is in Chinese.</summary>
public abstract class PasswordTests(RenewalApp app)
{
    [Fact]
    public async Task AUser_ChangesTheirOwnPassword_AndSignsInWithTheNewOne()
    {
        var name = "mima-" + Guid.NewGuid().ToString("N")[..8];
        await app.AddAccountAsync(name, Role.Enterprise, TestData.JiaCreditCode);
        using var s = await app.SignInAsync(name);

        async Task<string> Refusal(string current, string password, string confirm)
        {
            using var r = await s.PostFormAsync("/account/password", [new("current", current), new("password", password), new("confirm", confirm)]);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return await r.Content.ReadAsStringAsync();
        }
        Assert.Contains("当前密码不正确", await Refusal("wrong", "Neues2026pw", "Neues2026pw"), StringComparison.Ordinal);
        Assert.Contains("新密码至少 8 位", await Refusal(RenewalApp.Password, "a1", "a1"), StringComparison.Ordinal);
        Assert.Contains("两次输入的新密码不一致", await Refusal(RenewalApp.Password, "Neues2026pw", "Neues2026px"), StringComparison.Ordinal);

        using var ok = await s.PostFormAsync("/account/password", [new("current", RenewalApp.Password), new("password", "Neues2026pw"), new("confirm", "Neues2026pw")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        using var old = app.Anonymous();
        using var refused = await old.TrySignInAsync(name, RenewalApp.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode); // the page again, with the error
        using var fresh = app.Anonymous();
        using var signedIn = await fresh.TrySignInAsync(name, "Neues2026pw");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var db = app.Db();
        Assert.Contains(db.Audit.Where(a => a.Entity == "user" && a.EntityId == name).Select(a => a.Action).ToList(), a => a == "修改密码");
        Assert.DoesNotContain("Neues2026pw", string.Join("", db.Audit.Where(a => a.EntityId == name).Select(a => a.After).ToList()), StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class PasswordOnSqliteTests(SqliteApp app) : PasswordTests(app);

[Collection(PostgresFixture.Name)]
public sealed class PasswordOnPostgresTests(PostgresApp app) : PasswordTests(app);
