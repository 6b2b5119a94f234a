using System.Net;
using System.Text.RegularExpressions;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>Every page and API endpoint needs sign-in, except the few public ones.</summary>
[Collection(SqliteFixture.Name)]
public sealed partial class SignInRequiredTests(SqliteApp app)
{
    /// <summary>What a visitor may open without signing in: sign-in itself, health, the public notice (page and API),
    /// the OpenAPI document and the Scalar API page (with its assets), the language switch and the error page.</summary>
    private static readonly HashSet<string> Public =
    [
        "GET /account/signin", "POST /account/signin", "GET /health", "GET /notice", "GET /api/v1/notice",
        "GET /openapi/{documentName}.json", "GET /scalar/{documentName?}", "GET /scalar/scalar.js", "GET /scalar/scalar.aspnetcore.js",
        "GET /scalar/favicon.svg", "GET /lang/{code}", "GET /error",
        "GET /notice/xlsx", // the public notice as xlsx (ADR-011)
        "GET /notice/{id:int}/objection", "POST /notice/{id:int}/objection", // 提出异议 without signing in (issue 12 item 6)
        "GET /benchmarks", "GET /benchmarks/{id:int}", "GET /api/v1/benchmarks/", "GET /api/v1/benchmarks/{id:int}", // 标杆企业 public pages (issue 14 item 3)
        "GET /account/claim", "POST /account/claim", // an invited enterprise opens its own account with its code (issue 12 item 8)
        "GET /verify/{code?}", "GET /api/v1/verify/{code}", // an award decision checked by its verification code (issue 11)
    ];

    [Fact]
    public void OnlyThePublicEndpoints_AllowAnonymousVisitors()
    {
        var anonymous = AppEndpoints.Of(app.Services).Where(e => e.AllowsAnonymous).Select(e => e.Key.ToString()).Order().ToList();
        Assert.Equal(Public.Order(), anonymous);
    }

    [Fact]
    public async Task EveryOtherEndpoint_SendsAnAnonymousVisitorToSignIn()
    {
        using var s = app.Anonymous();
        var token = await s.TokenAsync();
        var wrong = new List<string>();
        foreach (var e in AppEndpoints.Of(app.Services).Where(e => !Public.Contains(e.Key.ToString())))
        {
            var path = RouteParameter().Replace(e.Key.Route, "1") + (e.Key.Handler is { } h ? "?handler=" + h : "");
            using var r = e.Key.Method == "GET"
                ? await s.GetAsync(path)
                : await s.Client.PostAsync(path, e.IsPage
                    ? new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })
                    : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            var ok = e.IsPage
                ? r.StatusCode == HttpStatusCode.Redirect && Session.RedirectPath(r)?.StartsWith("/account/signin?ReturnUrl=", StringComparison.Ordinal) == true
                : r.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok) wrong.Add($"{e.Key} → {(int)r.StatusCode} {r.Headers.Location}");
        }
        Assert.True(wrong.Count == 0, "Reachable without signing in:\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public async Task ThePublicPages_OpenWithoutSigningIn()
    {
        using var s = app.Anonymous();
        Assert.Equal("ok", await s.PageAsync("/health"));
        Assert.Contains("公示名单", await s.PageAsync("/notice"));
        Assert.Contains("登录", await s.PageAsync("/account/signin"));
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/api/v1/notice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/scalar/v1")).StatusCode);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
