using System.Net;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Account;

/// <summary>Sign-in with the demo accounts, wrong passwords, lockout, sign-out.</summary>
[Collection(SqliteFixture.Name)]
public sealed class SignInTests(SqliteApp app)
{
    [Theory]
    [InlineData("qiye")]
    [InlineData("quzhen")]
    [InlineData("shiju")]
    [InlineData("admin")]
    [InlineData("caizheng")]
    public async Task SignIn_WithTheDemoPassword_OpensTheHomePageWithTheUsersName(string user)
    {
        using var s = app.Anonymous();
        using var r = await s.TrySignInAsync(user, RenewalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/", r.Headers.Location?.OriginalString);
        Assert.Contains(r.Headers.GetValues("Set-Cookie"), c => c.StartsWith("renewal.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var home = await s.PageAsync("/");
        Assert.Contains("欢迎", home);
        Assert.Contains("退出", home);
    }

    [Fact]
    public async Task SignIn_AsABank_LandsOnTheProjectLibrary()
    {
        using var s = await app.SignInAsync("yinhang");
        using var r = await s.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/library", r.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_ReturnsToThePageAskedFor_ButNeverToAnotherSite()
    {
        using var s = app.Anonymous();
        using var asked = await s.GetAsync("/applications");
        Assert.StartsWith("/account/signin?ReturnUrl=%2Fapplications", Session.RedirectPath(asked));
        using (var r = await s.TrySignInAsync("shiju", RenewalApp.Password, returnUrl: "/applications"))
            Assert.Equal("/applications", r.Headers.Location?.OriginalString);
        using var other = app.Anonymous();
        using var evil = await other.TrySignInAsync("shiju", RenewalApp.Password, returnUrl: "https://evil.example/phish");
        Assert.Equal("/", evil.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("qiye", "wrong-password")]
    [InlineData("nobody", RenewalApp.Password)]
    [InlineData("QIYE ", "")]
    [InlineData("qiye", "")]
    public async Task SignIn_WithAWrongUserOrPassword_IsRefusedWithTheSameMessage(string user, string password)
    {
        using var s = app.Anonymous();
        using var r = await s.TrySignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", Session.ErrorText(await r.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(r.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("renewal.auth=", StringComparison.Ordinal));
        using var after = await s.GetAsync("/library");
        Assert.StartsWith("/account/signin", Session.RedirectPath(after));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightPassword_UntilFifteenMinutesPass()
    {
        // suoding is an enterprise account of the fixture's own, so no other test signs in as it.
        using var s = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await s.TrySignInAsync("suoding", "wrong-" + i);
            Assert.Equal("用户名或密码错误，或账号暂时锁定，请稍后再试", Session.ErrorText(await wrong.Content.ReadAsStringAsync()));
        }
        using (var fifth = await s.TrySignInAsync("suoding", "wrong-5")) Assert.Equal(HttpStatusCode.OK, fifth.StatusCode);

        using var right = await s.TrySignInAsync("suoding", RenewalApp.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("锁定", Session.ErrorText(await right.Content.ReadAsStringAsync()));

        using var db = app.Db();
        var user = db.Users.Single(u => u.UserName == "suoding");
        Assert.NotNull(user.LockedUntil);
        Assert.InRange(user.LockedUntil!.Value - app.Clock.GetUtcNow(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        Assert.Contains(db.Audit.Where(a => a.Entity == "user" && a.EntityId == "suoding").Select(a => a.Action), a => a == "锁定");

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = await s.TrySignInAsync("suoding", RenewalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var s = await app.SignInAsync("caizheng");
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/library")).StatusCode);
        using var r = await s.PostFormAsync("/account/signout");
        Assert.Equal("/account/signin", r.Headers.Location?.OriginalString);
        using var after = await s.GetAsync("/library");
        Assert.StartsWith("/account/signin", Session.RedirectPath(after));
    }
}
