using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>
/// Sign-in under attack (ADR-015), on each database: many wrong passwords at once neither fail nor lose a count,
/// every refusal reads the same, and a stranger who locks an account does not keep its owner out.
/// </summary>
public abstract class SignInUnderAttackTests(RenewalApp app)
{
    public const string Refused = "用户名或密码错误，或账号暂时锁定，请稍后再试";

    private static string NewName(string prefix) => prefix + "." + Guid.NewGuid().ToString("N")[..8];

    private Session From(string address) => new(ClientAddress.From(app.NewClient(), address));

    private static async Task<(HttpStatusCode Status, string? Error)> AnswerAsync(HttpResponseMessage r) =>
        (r.StatusCode, Session.ErrorText(await r.Content.ReadAsStringAsync()));

    [Fact]
    public async Task FortyWrongPasswordsAtOnce_AnswerTheMessageOrTooMany_AndEveryCountedOneIsInTheDatabase()
    {
        var u = await app.AddAccountAsync(NewName("burst"), Role.Finance);
        // One session per attacker, each from its own address, all released at the same moment.
        var sessions = Enumerable.Range(0, 40).Select(i => From($"10.40.{i / 200}.{i % 200 + 1}")).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = sessions.Select((s, i) => Task.Run(async () =>
        {
            await s.TokenAsync(); // the form's token first, so that the posts overlap
            await gate.Task;
            using var r = await s.TrySignInAsync(u.UserName, "wrong-" + i);
            return await AnswerAsync(r);
        })).ToList();
        await Task.Delay(100);
        gate.SetResult();
        var answers = await Task.WhenAll(running);

        Assert.All(answers, a => Assert.True(a is (HttpStatusCode.OK, Refused) or (HttpStatusCode.TooManyRequests, "登录尝试过于频繁，请稍后再试"), $"{a}"));
        // No address had guessed before, so every answer that is not 429 verified a wrong password and must be counted.
        var verified = answers.Count(a => a.Status == HttpStatusCode.OK);
        Assert.InRange(verified, 20, 40); // the account's window takes 20; guesses in flight together may all pass its check
        using var db = app.Db();
        var stored = await db.Users.AsNoTracking().SingleAsync(x => x.Id == u.Id);
        Assert.Equal(verified, stored.FailedSignIns);
        Assert.True(stored.LockedUntil > app.Clock.GetUtcNow());
        Assert.Single(await db.Audit.Where(a => a.Entity == "user" && a.EntityId == u.UserName && a.Action == "锁定").ToListAsync());
        foreach (var s in sessions) s.Dispose();
    }

    [Fact]
    public async Task AnUnknownAccount_AWrongPassword_AndALockedAccount_AnswerTheSameMessage()
    {
        var u = await app.AddAccountAsync(NewName("same"), Role.BureauReviewer);
        using var s = From("10.41.0.1");
        var unknown = await AnswerAsync(await s.TrySignInAsync(NewName("nobody"), RenewalApp.Password));
        var wrong = await AnswerAsync(await s.TrySignInAsync(u.UserName, "wrong"));
        for (var i = 0; i < 4; i++) Assert.Equal((HttpStatusCode.OK, Refused), await AnswerAsync(await s.TrySignInAsync(u.UserName, "wrong-" + i)));
        using (var db = app.Db()) Assert.True((await db.Users.AsNoTracking().SingleAsync(x => x.Id == u.Id)).LockedUntil > app.Clock.GetUtcNow());
        var locked = await AnswerAsync(await s.TrySignInAsync(u.UserName, RenewalApp.Password));
        Assert.Equal((HttpStatusCode.OK, Refused), unknown);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task AStrangerWhoLocksAnAccount_DoesNotKeepItsOwnerOut_NorSignsTheOwnerOut()
    {
        var u = await app.AddAccountAsync(NewName("victim"), Role.Finance);
        using var owner = From("10.42.0.1");
        await owner.SignInAsync(u.UserName, RenewalApp.Password);

        using var stranger = From("10.42.0.99");
        for (var i = 0; i < 5; i++) await stranger.TrySignInAsync(u.UserName, "guess-" + i);
        using (var db = app.Db()) Assert.True((await db.Users.AsNoTracking().SingleAsync(x => x.Id == u.Id)).LockedUntil > app.Clock.GetUtcNow());
        // The stranger stays locked out, even with the right password…
        Assert.Equal((HttpStatusCode.OK, Refused), await AnswerAsync(await stranger.TrySignInAsync(u.UserName, RenewalApp.Password)));
        // …the owner's running session goes on, and the owner signs in again from its own address.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/library")).StatusCode);
        using var ownerAgain = From("10.42.0.1");
        using var r = await ownerAgain.TrySignInAsync(u.UserName, RenewalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        // The lock still holds for the stranger.
        Assert.Equal((HttpStatusCode.OK, Refused), await AnswerAsync(await stranger.TrySignInAsync(u.UserName, RenewalApp.Password)));
    }

    [Fact]
    public async Task TheAccountsWindow_AnswersTooManyAfterTwentyWrongPasswords_FromAnyAddresses_ForUnknownNamesAlike()
    {
        foreach (var name in new[] { (await app.AddAccountAsync(NewName("window"), Role.Bank)).UserName, NewName("ghost") })
        {
            for (var i = 0; i < 20; i++)
            {
                using var s = From($"10.43.{i}.1");
                Assert.Equal((HttpStatusCode.OK, Refused), await AnswerAsync(await s.TrySignInAsync(name, "wrong")));
            }
            using var next = From("10.43.99.1");
            using var r = await next.TrySignInAsync(name, RenewalApp.Password);
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.Equal("登录尝试过于频繁，请稍后再试", Session.ErrorText(await r.Content.ReadAsStringAsync()));
        }
    }
}

[Collection(SqliteFixture.Name)]
public sealed class SignInUnderAttackOnSqliteTests(SqliteApp app) : SignInUnderAttackTests(app);

[Collection(PostgresFixture.Name)]
public sealed class SignInUnderAttackOnPostgresTests(PostgresApp app) : SignInUnderAttackTests(app);

/// <summary>The app with the default per-address limit of the sign-in post (30 a minute) instead of the test suite's.</summary>
public sealed class ThrottledApp() : RenewalApp("sqlite")
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), new("SignIn:AddressPermits", "30")];
}

/// <summary>ASP.NET Core's rate limiter on the sign-in post, per client address.</summary>
public sealed class SignInRateLimitTests(ThrottledApp app) : IClassFixture<ThrottledApp>
{
    [Fact]
    public async Task ThirtyOnePostsFromOneAddress_TheLastAnswersTooMany_InChinese_WhileAnotherAddressSignsIn()
    {
        using var s = new Session(ClientAddress.From(app.NewClient(), "10.50.0.1"));
        for (var i = 0; i < 30; i++)
        {
            // A different name each time: the account window and the lock play no part.
            using var r = await s.TrySignInAsync($"spray{i}", "wrong");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        using var over = await s.TrySignInAsync("qiye", RenewalApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Contains("登录尝试过于频繁，请稍后再试", await over.Content.ReadAsStringAsync());
        // The page itself still opens (only posts count), and another address is not held back.
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/account/signin")).StatusCode);
        using var other = new Session(ClientAddress.From(app.NewClient(), "10.50.0.2"));
        using var ok = await other.TrySignInAsync("qiye", RenewalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }
}
