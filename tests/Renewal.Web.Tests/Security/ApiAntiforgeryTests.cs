using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>
/// The JSON API's state changes made with the sign-in cookie need ASP.NET Core's antiforgery header
/// RequestVerificationToken, whose value GET /api/v1/antiforgery gives a signed-in client (ADR-015).
/// </summary>
[Collection(SqliteFixture.Name)]
public sealed class ApiAntiforgeryTests(SqliteApp app)
{
    private static readonly object Run = new { year = 2025, top = 3 };

    /// <summary>A signed-in session whose client does not add the token by itself.</summary>
    private async Task<Session> BareAsync(string user)
    {
        var s = new Session(app.NewClientWithoutApiToken());
        await s.SignInAsync(user, RenewalApp.Password);
        return s;
    }

    private static async Task<string> TokenAsync(Session s)
    {
        using var r = await s.GetAsync("/api/v1/antiforgery");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(["token"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task TheTokenEndpoint_GivesASignedInUserOneTokenAsJson_AndNobodyElse()
    {
        using var s = await BareAsync("shiju");
        Assert.False(string.IsNullOrWhiteSpace(await TokenAsync(s)));
        using var anonymous = new Session(app.NewClientWithoutApiToken());
        using var r = await anonymous.GetAsync("/api/v1/antiforgery");
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task APostWithTheCookieButWithoutTheToken_IsRefusedWith400InChinese_AndNothingIsCreated()
    {
        using var s = await BareAsync("qiye");
        using var db = app.Db();
        var before = await db.Applications.CountAsync();
        using var r = await s.PostJsonAsync("/api/v1/applications", new { scheme = "TechRenovation", year = 2026 });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using var problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal("缺少或无效的防伪令牌", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("RequestVerificationToken", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(before, await db.Applications.CountAsync());
    }

    [Fact]
    public async Task WithTheSessionsToken_ThePostWorks_WithAWrongOrAnotherUsersToken_ItIsRefused()
    {
        using var s = await BareAsync("shiju");
        using var other = await BareAsync("shiju2");
        var token = await TokenAsync(s);
        var others = await TokenAsync(other);
        foreach (var (value, expected) in new[] { (token, HttpStatusCode.OK), ("not-a-token", HttpStatusCode.BadRequest), (others, HttpStatusCode.BadRequest) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/simulations/run") { Content = JsonContent.Create(Run, options: Session.Json) };
            request.Headers.Add("RequestVerificationToken", value);
            using var r = await s.Client.SendAsync(request);
            Assert.Equal(expected, r.StatusCode);
        }
        // The old header name is no longer read.
        using var old = new HttpRequestMessage(HttpMethod.Post, "/api/v1/simulations/run") { Content = JsonContent.Create(Run, options: Session.Json) };
        old.Headers.Add("X-CSRF-TOKEN", token);
        using var refused = await s.Client.SendAsync(old);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task APutWithoutTheToken_IsRefused_ButAGetNeedsNone()
    {
        using var s = await BareAsync("qiye");
        using var put = await s.Client.PutAsJsonAsync($"/api/v1/enterprise/projects/{app.Data.OwnProjectId}", new { name = "不应保存" }, Session.Json);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("缺少或无效的防伪令牌", await put.Content.ReadAsStringAsync());
        using var get = await s.GetAsync($"/api/v1/projects/{app.Data.OwnProjectId}/evaluation?year=2025");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocument_NamesTheHeaderOnEveryStateChange_AndDescribesTheTokenEndpoint()
    {
        using var s = app.Anonymous();
        using var doc = JsonDocument.Parse(await s.PageAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/antiforgery").TryGetProperty("get", out _));
        var writes = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name is "post" or "put" or "patch" or "delete").Select(m => (Path: p.Name, Op: m.Value)))
            .ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, w => Assert.True(w.Op.TryGetProperty("parameters", out var ps)
            && ps.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "RequestVerificationToken" && p.GetProperty("in").GetString() == "header"),
            $"{w.Path}: no RequestVerificationToken header"));
    }
}
