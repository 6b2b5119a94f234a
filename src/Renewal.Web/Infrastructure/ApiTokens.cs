using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Renewal.Data;
using Renewal.Data.Entities;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// Bearer tokens for machine clients (ADR-019). A request under /api/v1 with <c>Authorization: Bearer rnw_…</c> is
/// authenticated by <see cref="ApiTokenAuthenticationHandler"/> as the token's account, with the same claims as the
/// sign-in cookie; every other request (every page, and the API without that header) by the cookie. The choice is made
/// by a policy scheme (<see cref="SelectorScheme"/>), the default of every operation, so the fallback policy and the
/// role policies hold for both. A token is opaque: <c>rnw_</c>, 8 characters that are its non-secret prefix, <c>_</c>,
/// and 32 random bytes in base64url; the database keeps only its SHA-256.
/// </summary>
public static class ApiTokens
{
    /// <summary>The bearer handler's scheme (the ticket of a token-authenticated request names it).</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: forwards to <see cref="Scheme"/> or to the cookie.</summary>
    public const string SelectorScheme = "CookieOrApiToken";

    /// <summary>The claim with the id of the token a request came with.</summary>
    public const string TokenClaim = "api_token";

    public const string Invalid = "令牌无效或已过期";
    public const string InvalidDetail = "请在请求头 Authorization: Bearer … 中附上市局管理员签发的、仍在有效期内的 API 令牌。";

    /// <summary>The last-used time is written when it is older than this, so a busy client does not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string Start = "rnw_";
    private const int IdChars = 8;
    private const int SecretBytes = 32;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    /// <summary>rnw_ + 8 + _ + 43 (32 bytes in base64url without padding).</summary>
    public const int Length = 4 + IdChars + 1 + 43;

    /// <summary>A new token: the secret (shown once), its prefix and its hash.</summary>
    public static (string Secret, string Prefix, string Hash) New()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, IdChars);
        var secret = $"{Start}{id}_{Base64Url(RandomNumberGenerator.GetBytes(SecretBytes))}";
        return (secret, PrefixOf(secret), Hash(secret));
    }

    /// <summary>SHA-256 of the token as lower-case hex. The token carries 256 random bits, so no salt or slow hash is needed.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string PrefixOf(string token) => token[..ApiToken.PrefixLength];

    /// <summary>Has the shape of a token (checked before the database is asked).</summary>
    public static bool IsWellFormed(string? token)
    {
        if (token is null || token.Length != Length || !token.StartsWith(Start, StringComparison.Ordinal) || token[Start.Length + IdChars] != '_') return false;
        for (var i = Start.Length; i < Start.Length + IdChars; i++)
            if (!IdAlphabet.Contains(token[i], StringComparison.Ordinal)) return false;
        for (var i = Start.Length + IdChars + 1; i < token.Length; i++)
            if (!(char.IsAsciiLetterOrDigit(token[i]) || token[i] is '-' or '_')) return false;
        return true;
    }

    /// <summary>
    /// Does the request come with a bearer token for the API? Only under /api/v1: a page never accepts one (a browser
    /// signs in with the cookie), so a token cannot be used to drive the forms.
    /// </summary>
    public static bool Carries(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Path.StartsWithSegments("/api/v1")) return false;
        var value = request.Headers.Authorization.ToString();
        return value.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) && (value.Length == 6 || value[6] == ' ');
    }

    /// <summary>The token of the Authorization header (after "Bearer "), or null.</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers.Authorization.ToString();
        return value.Length > 7 ? value[7..].Trim() : null;
    }

    /// <summary>Registers the selector (default), the cookie's place behind it, and the bearer handler.</summary>
    public static AuthenticationBuilder AddCookieOrApiToken(this IServiceCollection services, Action<CookieAuthenticationOptions> cookie)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "登录 Cookie 或 API 令牌", o => o.ForwardDefaultSelector = http =>
                Carries(http.Request) ? Scheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(Scheme, "API 令牌", null);
    }

    /// <summary>The OpenAPI document declares the bearer scheme as one way to call the API (the cookie is the other).</summary>
    public static OpenApiOptions AddBearerScheme(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "rnw_…",
                Description = "API 令牌（由市局管理员在“账号管理 → API 令牌”签发，只显示一次）：Authorization: Bearer rnw_…。用令牌调用写操作无需防伪令牌；也可用登录 Cookie 调用。",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Authenticates <c>Authorization: Bearer rnw_…</c>: the token's hash is looked up with its account; a token that is
/// malformed, unknown, revoked or expired, or whose account is deactivated, fails with one message for all
/// (<see cref="ApiTokens.Invalid"/>, 401), so the answer tells nothing about which it was. The account is read on every
/// request — deactivation stops its tokens at once, as it ends its cookie sessions.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    LibraryDbContext db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiTokens.Carries(Request)) return AuthenticateResult.NoResult();
        var token = ApiTokens.Read(Request);
        if (!ApiTokens.IsWellFormed(token)) return AuthenticateResult.Fail(ApiTokens.Invalid);
        var hash = ApiTokens.Hash(token!);
        var found = await (from t in db.ApiTokens.AsNoTracking()
                           join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                           where t.SecretHash == hash
                           select new { Token = t, User = u }).FirstOrDefaultAsync(Context.RequestAborted);
        var now = clock.GetUtcNow();
        // The index lookup compares digests of what the caller sent, which tells him nothing about any secret; the
        // comparison here is the one of the secret's own hash, and takes the same time however much of it matches.
        if (found is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(found.Token.SecretHash), Encoding.ASCII.GetBytes(hash))
            || !found.Token.IsValidAt(now) || !found.User.Active)
            return AuthenticateResult.Fail(ApiTokens.Invalid);

        await TouchAsync(found.Token, now);
        var principal = CurrentUser.Principal(found.User, ApiTokens.Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ApiTokens.TokenClaim, found.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>
    /// Records the use when the last one is older than <see cref="ApiTokens.LastUsedResolution"/>: one statement,
    /// conditioned on the value as it was read (an equality — SQLite cannot order DateTimeOffset in SQL), so of
    /// requests arriving together one writes and the others change nothing. A failed write does not fail the request.
    /// </summary>
    private async Task TouchAsync(ApiToken token, DateTimeOffset now)
    {
        if (token.LastUsedAt is { } last && now - last < ApiTokens.LastUsedResolution) return;
        var seen = token.LastUsedAt;
        var at = now.AddTicks(-(now.Ticks % 10)); // PostgreSQL keeps microseconds: store what it gives back
        try
        {
            await db.ApiTokens.Where(t => t.Id == token.Id && t.LastUsedAt == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at), Context.RequestAborted);
        }
        catch (DbException e)
        {
            Logger.LogWarning(e, "API 令牌 {Prefix} 的最近使用时间未能记录", token.Prefix);
        }
    }

    /// <summary>401 with a Chinese problem; the same for every reason a token was refused.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        Response.Headers.CacheControl = "no-store";
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = ApiTokens.Invalid, Detail = ApiTokens.InvalidDetail },
        });
    }
}
