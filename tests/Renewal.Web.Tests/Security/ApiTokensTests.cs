using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>
/// Bearer API tokens for machine clients (ADR-019): the bureau administrator issues them (the secret answered once,
/// only its hash stored), lists and revokes them, audited; a token authenticates /api/v1 as its account with the
/// session's rights, needs no antiforgery header, and stops working when revoked, expired or its account deactivated;
/// pages never take one.
/// </summary>
public abstract partial class ApiTokensTests(RenewalApp app)
{
    private static readonly object Run = new { year = 2025, top = 3 };

    private async Task<int> IdOfAsync(string userName)
    {
        await using var db = app.Db();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private string Today => app.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The administrator issues a token over the API; returns the whole answer.</summary>
    private async Task<JsonNode> IssueAsync(Session admin, int accountId, string name = "工商银行贷款台账系统", string? expiresOn = null)
    {
        using var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{accountId}/tokens", new { name, expiresOn = expiresOn ?? Today });
        Assert.True(r.Headers.CacheControl?.NoStore, $"{r.Headers.CacheControl}");
        return await r.BodyAsync(HttpStatusCode.Created);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using var problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("令牌无效或已过期", problem.RootElement.GetProperty("title").GetString());
    }

    private async Task<string> AccountAsync(Role role)
    {
        var name = "tok." + Guid.NewGuid().ToString("N")[..8];
        await app.AddAccountAsync(name, role);
        return name;
    }

    [Fact]
    public async Task ABankToken_ReadsWhatTheBankSessionReads_AndIsRefusedWhatTheBankMayNot()
    {
        using var bank = new Session(Bearer.Client(app, await Bearer.IssueAsync(app, "yinhang")));
        using var session = await app.SignInAsync("yinhang");
        using (var mine = await bank.GetAsync("/api/v1/projects"))
        using (var theirs = await session.GetAsync("/api/v1/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Equal(await theirs.Content.ReadAsStringAsync(), await mine.Content.ReadAsStringAsync());
        }
        foreach (var path in new[] { "/api/v1/applications", "/api/v1/admin/accounts", $"/api/v1/projects/{app.Data.ForeignProjectId}/evaluation?year=2025", "/api/v1/budget" })
        {
            using var r = await bank.GetAsync(path);
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)r.StatusCode}");
        }
        using var own = await bank.GetAsync($"/api/v1/projects/{app.Data.OwnProjectId}/evaluation?year=2025");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task AWriteWithAToken_NeedsNoAntiforgeryHeader_TheCookieWithoutOneIs400_AndACookieWithABadTokenIs401()
    {
        using var bureau = Bearer.Client(app, await Bearer.IssueAsync(app, "shiju"));
        using (var r = await bureau.PostAsJsonAsync("/api/v1/simulations/run", Run, Session.Json))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        using var cookie = new Session(app.NewClientWithoutApiToken());
        await cookie.SignInAsync("shiju", RenewalApp.Password);
        using (var r = await cookie.PostJsonAsync("/api/v1/simulations/run", Run))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        // The cookie does not carry a request whose token is refused: no fallback to the session, no skipped antiforgery.
        foreach (var bad in new[] { "rnw_abcdefgh_" + new string('A', 43), "garbage", "" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/simulations/run") { Content = JsonContent.Create(Run, options: Session.Json) };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bad);
            using var r = await cookie.Client.SendAsync(request);
            await AssertRefusedAsync(r);
        }
        // The same session with its antiforgery token still works, as before.
        using var again = await app.SignInAsync("shiju");
        using (var r = await again.PostJsonAsync("/api/v1/simulations/run", Run))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task UnknownMalformedRevokedAndExpiredTokens_AreAll401_WithOneChineseMessage()
    {
        foreach (var header in new[] { "Bearer rnw_abcdefgh_" + new string('x', 43), "Bearer not-a-token", "Bearer ", "Bearer", "bearer " + new string('a', 5000) })
        {
            using var client = app.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
            using var r = await client.GetAsync("/api/v1/projects");
            await AssertRefusedAsync(r);
            Assert.Contains("invalid_token", r.Headers.WwwAuthenticate.ToString());
        }

        using var admin = await app.SignInAsync("admin");
        var bankId = await IdOfAsync("yinhang");
        var issued = await IssueAsync(admin, bankId);
        var secret = issued["secret"]!.GetValue<string>();
        var tokenId = issued["token"]!["id"]!.GetValue<int>();
        using var bank = Bearer.Client(app, secret);
        using (var r = await bank.GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens/{tokenId}/revoke", new { }))
        {
            var body = await r.BodyAsync(HttpStatusCode.OK);
            Assert.False(body["valid"]!.GetValue<bool>());
            Assert.Equal("admin", body["revokedBy"]!.GetValue<string>());
        }
        using (var r = await bank.GetAsync("/api/v1/projects")) await AssertRefusedAsync(r);

        // Expiry follows the app's clock: a token with a minute left works, and is refused two minutes later.
        var shortLived = await Bearer.IssueAsync(app, "yinhang", TimeSpan.FromMinutes(1));
        using var soon = Bearer.Client(app, shortLived);
        using (var r = await soon.GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var r = await soon.GetAsync("/api/v1/projects")) await AssertRefusedAsync(r);
    }

    [Fact]
    public async Task ADeactivatedAccountsToken_StopsAtOnce_AndWorksAgainWhenReactivated()
    {
        var name = await AccountAsync(Role.Bank);
        var id = await IdOfAsync(name);
        using var client = Bearer.Client(app, await Bearer.IssueAsync(app, name));
        using (var r = await client.GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var admin = await app.SignInAsync("admin");
        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{id}/deactivate")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await client.GetAsync("/api/v1/projects")) await AssertRefusedAsync(r);
        // Nor can a new one be issued for it.
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{id}/tokens", new { name = "停用后", expiresOn = Today }))
            Assert.Contains("已停用", (await r.FieldErrorsAsync())["id"]);
        using (var r = await admin.PostEmptyAsync($"/api/v1/admin/accounts/{id}/activate")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await client.GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task TheSecret_IsAnsweredOnce_AndTheDatabaseAndTheAuditHoldOnlyItsPrefix_OrHash()
    {
        using var admin = await app.SignInAsync("admin");
        var bankId = await IdOfAsync("yinhang");
        var issued = await IssueAsync(admin, bankId, "数据库检查");
        var secret = issued["secret"]!.GetValue<string>();
        Assert.Matches("^rnw_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("只显示这一次", issued["hint"]!.GetValue<string>());
        var prefix = issued["token"]!["prefix"]!.GetValue<string>();
        Assert.Equal(secret[..12], prefix);

        await using var db = app.Db();
        var row = await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Prefix == prefix);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), row.SecretHash);
        var texts = typeof(ApiToken).GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (string?)p.GetValue(row) ?? "").ToList();
        Assert.DoesNotContain(texts, t => t.Contains(secret[13..], StringComparison.Ordinal));
        // The list never shows it either.
        using (var r = await admin.GetAsync($"/api/v1/admin/accounts/{bankId}/tokens"))
        {
            var text = await r.Content.ReadAsStringAsync();
            Assert.Contains(prefix, text);
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(row.SecretHash, text);
        }
        var audit = await db.Audit.AsNoTracking().Where(a => a.EntityId == prefix).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(("签发API令牌", "api_token", "admin"), (entry.Action, entry.Entity, entry.UserName));
        Assert.Contains("数据库检查", entry.After);
        Assert.Contains("yinhang", entry.After);
        Assert.DoesNotContain(secret, entry.After);
        Assert.DoesNotContain(row.SecretHash, entry.After);
    }

    [Fact]
    public async Task IssueAndRevoke_AreAudited_AndRevokingTwiceAuditsOnce()
    {
        using var admin = await app.SignInAsync("admin");
        var bankId = await IdOfAsync("yinhang");
        var issued = await IssueAsync(admin, bankId, "撤销审计");
        var prefix = issued["token"]!["prefix"]!.GetValue<string>();
        var tokenId = issued["token"]!["id"]!.GetValue<int>();
        for (var i = 0; i < 2; i++)
        {
            using var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens/{tokenId}/revoke", new { });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        await using var db = app.Db();
        var actions = await db.Audit.AsNoTracking().Where(a => a.EntityId == prefix).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["签发API令牌", "撤销API令牌"], actions);
        // Another account's token id is not found under this account.
        var otherId = await IdOfAsync("shiju");
        using var wrong = await admin.PostJsonAsync($"/api/v1/admin/accounts/{otherId}/tokens/{tokenId}/revoke", new { });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task OnlyTheBureauAdministrator_IssuesListsAndRevokes_NotOthers_NotWithTheirOwnToken()
    {
        var bankId = await IdOfAsync("yinhang");
        using var admin = await app.SignInAsync("admin");
        var tokenId = (await IssueAsync(admin, bankId))["token"]!["id"]!.GetValue<int>();
        await using var db = app.Db();
        var before = await db.ApiTokens.CountAsync();
        var callers = new List<(string Who, HttpClient Client)>();
        foreach (var user in new[] { "shiju", "yinhang", "qiye", "caizheng" })
        {
            callers.Add((user + " (session)", (await app.SignInAsync(user)).Client));
            callers.Add((user + " (token)", Bearer.Client(app, await Bearer.IssueAsync(app, user))));
        }
        var afterSetup = await db.ApiTokens.CountAsync();
        foreach (var (who, client) in callers)
        {
            using (var r = await client.PostAsJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens", new { name = "越权", expiresOn = Today }, Session.Json))
                Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{who} issue: {(int)r.StatusCode}");
            using (var r = await client.GetAsync($"/api/v1/admin/accounts/{bankId}/tokens"))
                Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{who} list: {(int)r.StatusCode}");
            using (var r = await client.PostAsJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens/{tokenId}/revoke", new { }, Session.Json))
                Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{who} revoke: {(int)r.StatusCode}");
            client.Dispose();
        }
        Assert.Equal(afterSetup, await db.ApiTokens.CountAsync());
        Assert.Equal(before + callers.Count / 2, afterSetup);
        Assert.Null((await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId)).RevokedAt);
        // The administrator's own token may do what the administrator may.
        using var adminToken = Bearer.Client(app, await Bearer.IssueAsync(app, "admin"));
        using var ok = await adminToken.PostAsJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens/{tokenId}/revoke", new { }, Session.Json);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task IssuingChecksTheFields_NamingEach_AndTheLifetimeIsAtMostAYear()
    {
        using var admin = await app.SignInAsync("admin");
        var bankId = await IdOfAsync("yinhang");
        var today = app.Clock.Today;
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens", new { name = " ", expiresOn = Day(today.AddYears(1).AddDays(1)) }))
        {
            var errors = await r.FieldErrorsAsync();
            Assert.Equal("令牌用途不能为空", errors["name"]);
            Assert.Contains("最长一年", errors["expiresOn"]);
        }
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens", new { name = new string('用', 101), expiresOn = Day(today.AddDays(-1)) }))
        {
            var errors = await r.FieldErrorsAsync();
            Assert.Equal("令牌用途（name）不能超过 100 字", errors["name"]);
            Assert.Contains("不能早于今天", errors["expiresOn"]);
        }
        using (var r = await admin.PostJsonAsync($"/api/v1/admin/accounts/{bankId}/tokens", new { name = "无期限" }))
            Assert.Equal("有效期至（expiresOn）不能为空", (await r.FieldErrorsAsync())["expiresOn"]);
        // A year to the day is allowed: the token works through the end of that day in Beijing.
        var issued = await IssueAsync(admin, bankId, "一年", Day(today.AddYears(1)));
        var expires = issued["token"]!["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(new DateTimeOffset(today.AddYears(1).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)), expires);
        using var missing = await admin.PostJsonAsync("/api/v1/admin/accounts/987654/tokens", new { name = "无账号", expiresOn = Day(today) });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task LastUsed_IsWrittenOnFirstUse_ThenAtMostOnceAMinute()
    {
        var secret = await Bearer.IssueAsync(app, "yinhang");
        var hash = ApiTokens.Hash(secret);
        async Task<DateTimeOffset?> LastUsedAsync()
        {
            await using var db = app.Db();
            return await db.ApiTokens.Where(t => t.SecretHash == hash).Select(t => t.LastUsedAt).SingleAsync();
        }
        Assert.Null(await LastUsedAsync());
        using var client = Bearer.Client(app, secret);
        using (var r = await client.GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var first = await LastUsedAsync();
        Assert.NotNull(first);
        for (var i = 0; i < 5; i++)
        {
            using var r = await client.GetAsync("/api/v1/notice");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        Assert.Equal(first, await LastUsedAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        using (var r = await client.GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(await LastUsedAsync() > first);
    }

    [Fact]
    public async Task PagesDoNotTakeATokenOnly_TheyAskForTheSignIn()
    {
        using var admin = Bearer.Client(app, await Bearer.IssueAsync(app, "admin"));
        foreach (var path in new[] { "/library", "/admin/accounts", "/" })
        {
            using var r = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/account/signin", Session.RedirectPath(r));
        }
        using var api = await admin.GetAsync("/api/v1/admin/accounts");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task ThePage_IssuesShowingTheSecretOnce_ListsThePrefix_AndRevokes()
    {
        using var admin = await app.SignInAsync("admin");
        var name = await AccountAsync(Role.Bank);
        var id = await IdOfAsync(name);
        var accounts = await admin.PageAsync("/admin/accounts?Q=" + name);
        Assert.Contains($"/admin/accounts/{id}/tokens", accounts);

        var (post, html) = await admin.SubmitFormAsync($"/admin/accounts/{id}/tokens?handler=Issue",
            [new("Form.Name", "农商行信贷系统"), new("Form.ExpiresOn", Today)]);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(post.Headers.CacheControl?.NoStore, $"{post.Headers.CacheControl}");
        var secret = SecretInput().Match(html).Groups[1].Value;
        Assert.Matches("^rnw_", secret);
        Assert.Contains("只显示这一次", html);
        using (var r = await Bearer.Client(app, secret).GetAsync("/api/v1/projects")) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        var list = await admin.PageAsync($"/admin/accounts/{id}/tokens");
        Assert.Contains("农商行信贷系统", list);
        Assert.Contains(secret[..12], list);
        Assert.DoesNotContain(secret, list);

        (post, html) = await admin.SubmitFormAsync($"/admin/accounts/{id}/tokens?handler=Issue", [new("Form.Name", ""), new("Form.ExpiresOn", "明天")]);
        Assert.Contains("令牌用途不能为空", html);
        Assert.Contains("有效期至应为日期", html);

        await using var db = app.Db();
        var tokenId = await db.ApiTokens.Where(t => t.UserId == id).Select(t => t.Id).SingleAsync();
        (_, html) = await admin.SubmitFormAsync($"/admin/accounts/{id}/tokens?handler=Revoke", [new("tokenId", tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Contains("已撤销", html);
        using (var r = await Bearer.Client(app, secret).GetAsync("/api/v1/projects")) await AssertRefusedAsync(r);
    }

    [Fact]
    public async Task TheOpenApiDocument_DeclaresTheBearerScheme()
    {
        using var s = app.Anonymous();
        using var doc = JsonDocument.Parse(await s.PageAsync("/openapi/v1.json"));
        var scheme = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.Contains(doc.RootElement.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("Bearer", out _));
    }

    [GeneratedRegex("id=\"issued-secret\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretInput();
}

[Collection(SelfServiceSqliteFixture.Name)]
public sealed class ApiTokensOnSqliteTests(SqliteApp app) : ApiTokensTests(app);

[Collection(SelfServicePostgresFixture.Name)]
public sealed class ApiTokensOnPostgresTests(PostgresApp app) : ApiTokensTests(app);
