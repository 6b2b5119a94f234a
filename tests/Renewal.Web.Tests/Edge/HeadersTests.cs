using System.Net;
using System.Text.RegularExpressions;
using Renewal.Web.Infrastructure;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Edge;

/// <summary>Every answer carries the security headers: a page, an API answer, the sign-in page, an error, a static file.</summary>
[Collection(SqliteFixture.Name)]
public sealed partial class HeadersTests(SqliteApp app)
{
    [Theory]
    [InlineData("/account/signin", false)]
    [InlineData("/notice", false)]
    [InlineData("/library", true)]
    [InlineData("/api/v1/projects?PageSize=1", true)]
    [InlineData("/api/v1/no-such-thing", true)]
    [InlineData("/css/site.css", false)]
    [InlineData("/health", false)]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path, bool signedIn)
    {
        using var s = signedIn ? await app.SignInAsync("shiju") : app.Anonymous();
        using var r = await s.GetAsync(path);
        var csp = Header(r, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Header(r, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(r, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(r, "Referrer-Policy"));
    }

    [Fact]
    public async Task TheApiReference_AloneMayRunItsInlineStarter_AndCannotBeFramedEither()
    {
        using var s = app.Anonymous();
        using var r = await s.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(WebEdge.ApiReferencePolicy, Header(r, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", WebEdge.ApiReferencePolicy);
    }

    [Fact]
    public async Task InDevelopment_OnHttp_CookiesAreNotSecure_SoTheDemoKeepsItsSession()
    {
        using var s = app.Anonymous();
        using var page = await s.GetAsync("/account/signin");
        Assert.DoesNotContain(Cookies(page), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task NoRenderedPage_HasInlineScriptOrEventHandlerAttributes()
    {
        using var shiju = await app.SignInAsync("shiju");
        using var qiye = await app.SignInAsync("qiye");
        using var visitor = app.Anonymous();
        var pages = new List<(Session Who, string Path)>
        {
            (visitor, "/account/signin"), (visitor, "/notice"),
            (shiju, "/"), (shiju, "/library"), (shiju, $"/library/projects/{app.Data.OwnProjectId}"), (shiju, "/applications"),
            (shiju, $"/applications/{app.Data.NoticeApplicationId}"), (shiju, "/budget"), (shiju, "/simulate"), (shiju, "/candidates"), (shiju, "/audit"),
            (qiye, "/enterprise"), (qiye, "/enterprise/projects/new"), (qiye, $"/enterprise/loans/{app.Data.OwnLoanId}/edit"), (qiye, $"/enterprise/projects/{app.Data.OwnProjectId}/report"),
        };
        var checkedPages = 0;
        foreach (var (who, path) in pages)
        {
            var html = await who.PageAsync(path);
            foreach (Match m in ScriptTag().Matches(html))
            {
                var attributes = m.Groups[1].Value;
                Assert.True(attributes.Contains("src=", StringComparison.Ordinal) || attributes.Contains("type=\"application/json\"", StringComparison.Ordinal),
                    $"{path}: inline script {m.Value}");
            }
            var handler = EventAttribute().Match(html);
            Assert.False(handler.Success, $"{path}: event handler attribute {handler.Value}");
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            checkedPages++;
        }
        Assert.Equal(pages.Count, checkedPages);
        // The year picker that used onchange now says data-autosubmit, handled by site.js.
        Assert.Contains("data-autosubmit", await shiju.PageAsync($"/library/projects/{app.Data.OwnProjectId}"));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("evil.example")]
    public async Task TheLanguageSwitch_ToAnAddressOffTheSite_Is400(string returnUrl)
    {
        using var s = app.Anonymous();
        using var r = await s.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Null(r.Headers.Location);
        Assert.DoesNotContain(Cookies(r), c => c.StartsWith("lang=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLanguageSwitch_ToALocalAddress_StillRedirects()
    {
        using var s = app.Anonymous();
        using var r = await s.GetAsync("/lang/en?returnUrl=%2Fnotice%3Fyear%3D2025");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/notice?year=2025", Session.RedirectPath(r));
        using var home = await s.GetAsync("/lang/zh");
        Assert.Equal("/", Session.RedirectPath(home));
    }

    internal static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) || r.Content.Headers.TryGetValues(name, out v) ? string.Join(",", v) : throw new Xunit.Sdk.XunitException($"{r.RequestMessage?.RequestUri}: no {name} header");

    internal static IEnumerable<string> Cookies(HttpResponseMessage r) => r.Headers.TryGetValues("Set-Cookie", out var c) ? c : [];

    [GeneratedRegex("<script\\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    /// <summary>An on…= attribute inside a tag (not text such as “onchange” in a sentence).</summary>
    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventAttribute();
}
