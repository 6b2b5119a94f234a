using System.Globalization;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Account;

/// <summary>Switching the language keeps the choice for a year, counted on the platform's one clock (not the server's).</summary>
[Collection(SqliteFixture.Name)]
public sealed class LanguageTests(SqliteApp app)
{
    [Fact]
    public async Task LanguageCookie_ExpiresAYearAfterTheAppClock()
    {
        using var s = app.Anonymous();
        using var r = await s.GetAsync("/lang/en?returnUrl=/notice");
        Assert.Equal("/notice", Session.RedirectPath(r));
        var cookie = Assert.Single(r.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lang=", StringComparison.Ordinal));
        var expires = cookie.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))["expires=".Length..];
        var at = DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var expected = app.Clock.GetUtcNow().AddYears(1);
        Assert.InRange(at, expected.AddMinutes(-5), expected.AddMinutes(5));
    }
}
