using System.Net;
using System.Net.Http.Json;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>Every form is protected: a POST without the antiforgery token (or with another user's) is rejected with 400.</summary>
[Collection(SqliteFixture.Name)]
public sealed class AntiforgeryTests(SqliteApp app)
{
    [Fact]
    public async Task SignInPost_WithoutTheToken_IsRejected()
    {
        using var s = app.Anonymous();
        await s.PageAsync("/account/signin"); // has the antiforgery cookie, but the form field is left out
        using var r = await s.Client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "qiye", ["Password"] = RenewalApp.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.DoesNotContain(r.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("renewal.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/account/signout")]
    [InlineData("/applications/new")]
    public async Task SignedInPost_WithoutTheToken_IsRejected(string path)
    {
        using var s = await app.SignInAsync("qiye");
        using var r = await s.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Scheme"] = "TechRenovation", ["Year"] = "2026" }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.GetAsync("/library")).StatusCode); // still signed in: the sign-out did not happen
    }

    [Fact]
    public async Task WorkflowMove_WithoutTheToken_IsRejected_AndNothingMoves()
    {
        using var s = await app.SignInAsync("qiye");
        using var r = await s.Client.PostAsync($"/applications/{app.Data.OwnApplicationId}?handler=Move",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "Submit" }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var dto = await s.JsonAsync<System.Text.Json.JsonElement>($"/api/v1/applications/{app.Data.OwnApplicationId}");
        Assert.Equal("Draft", dto.GetProperty("state").GetString());
    }

    [Fact]
    public async Task APostWithAnotherUsersToken_IsRejected()
    {
        using var victim = await app.SignInAsync("qiye");
        using var attacker = await app.SignInAsync("qiye2");
        var attackersToken = await attacker.TokenAsync();
        using var r = await victim.Client.PostAsync("/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = attackersToken }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task TheJsonApi_NeedsNoFormToken_ButStillNeedsTheSignInCookie()
    {
        using var anonymous = app.Anonymous();
        using var refused = await anonymous.Client.PostAsJsonAsync("/api/v1/applications", new { scheme = "TechRenovation", year = 2026 }, Session.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
