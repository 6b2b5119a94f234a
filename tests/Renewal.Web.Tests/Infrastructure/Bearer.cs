using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// A machine client with an API token (ADR-018): it never signs in and sends no antiforgery header, redirects are not
/// followed; it keeps cookies only so that the matrix can post the public forms (the anti-forgery cookie). Tokens for the tests are written straight into the database (the admin's
/// issuing is tested over HTTP in ApiTokensTests).
/// </summary>
public static class Bearer
{
    public static HttpClient Client(RenewalApp app, string secret)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A valid token of <paramref name="userName"/> for 30 days of the app's clock; returns the secret.</summary>
    public static async Task<string> IssueAsync(RenewalApp app, string userName, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.Db();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var (secret, prefix, hash) = ApiTokens.New();
        var now = app.Clock.GetUtcNow();
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id, Name = "测试令牌", Prefix = prefix, SecretHash = hash, CreatedAt = now, CreatedBy = "test",
            ExpiresAt = now + (lifetime ?? TimeSpan.FromDays(30)),
        });
        await db.SaveChangesAsync();
        return secret;
    }
}
