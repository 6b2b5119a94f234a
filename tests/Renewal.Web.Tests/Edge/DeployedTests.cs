using System.Net;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Edge;

/// <summary>As deployed (Production, https): HSTS, and the sign-in, antiforgery and language cookies are Secure.</summary>
[Collection(ProductionFixture.Name)]
public sealed class DeployedTests(ProductionApp app)
{
    [Fact]
    public async Task Https_AnswersWithHsts_AndEveryCookieIsSecure()
    {
        using var s = app.Anonymous();
        using var page = await s.GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=31536000", HeadersTests.Header(page, "Strict-Transport-Security"));
        var antiforgery = Assert.Single(HeadersTests.Cookies(page), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var signIn = await s.TrySignInAsync("shiju", RenewalApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(HeadersTests.Cookies(signIn), c => c.StartsWith("renewal.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);

        using var lang = await s.GetAsync("/lang/en?returnUrl=%2Fnotice");
        var cookie = Assert.Single(HeadersTests.Cookies(lang), c => c.StartsWith("lang=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheLanguageSwitch_OffTheSite_Is400_AsDeployedToo()
    {
        using var s = app.Anonymous();
        using var r = await s.GetAsync("/lang/en?returnUrl=%2F%2Fevil.example%2Fx");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Null(r.Headers.Location);
    }
}
