using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// The limit on /account/claim (issue 12 item 8), configuration section <c>Claim</c>: claim posts one client address
/// may make per window. An invitation code has 80 random bits, so guessing is hopeless anyway; the limit keeps a
/// script from trying, and from filling the database with attempts. The same ASP.NET Core rate limiter as sign-in
/// (ADR-015), with a policy of its own that answers on the claim page's terms.
/// </summary>
public sealed record ClaimThrottlingOptions
{
    public int AddressPermits { get; init; } = 10;
    public TimeSpan AddressWindow { get; init; } = TimeSpan.FromMinutes(10);

    public static ClaimThrottlingOptions From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = new ClaimThrottlingOptions();
        var o = new ClaimThrottlingOptions
        {
            AddressPermits = config.GetValue("Claim:AddressPermits", d.AddressPermits),
            AddressWindow = config.GetValue("Claim:AddressWindow", d.AddressWindow),
        };
        if (o.AddressPermits < 1 || o.AddressWindow <= TimeSpan.Zero) throw new InvalidOperationException("Claim 配置有误：次数应至少为 1，时间窗口应大于 0");
        return o;
    }
}

/// <summary>The rate-limiter policy of the claim page: posts per client address in a fixed window; reading the page is not limited.</summary>
public sealed class ClaimRateLimitPolicy(ClaimThrottlingOptions options) : IRateLimiterPolicy<string>
{
    public const string Name = "claim";
    public const string Message = "开通账号的尝试过于频繁，请稍后再试";
    public const string MessageEn = "Too many attempts to open an account, please try again later";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext?.Request.Method ?? "")
            ? RateLimitPartition.GetFixedWindowLimiter(SignInThrottle.AddressOf(httpContext!), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.AddressPermits, Window = options.AddressWindow, QueueLimit = 0, AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("read");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var r = ctx.HttpContext.Response;
        r.StatusCode = StatusCodes.Status429TooManyRequests;
        if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
            r.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        r.ContentType = "text/html; charset=utf-8";
        var text = WebUtility.HtmlEncode(Lang.T(Message, MessageEn));
        await r.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{text}</title></head>"
            + $"<body><p role=\"alert\">{text}</p><p><a href=\"/account/claim\">{WebUtility.HtmlEncode(Lang.T("返回开通账号", "Back"))}</a></p></body></html>", ct);
    };
}

public static class ClaimThrottling
{
    /// <summary>The claim page's options and rate-limiter policy <see cref="ClaimRateLimitPolicy.Name"/>.</summary>
    public static IServiceCollection AddClaimThrottling(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(ClaimThrottlingOptions.From(config));
        services.AddRateLimiter(o => o.AddPolicy<string, ClaimRateLimitPolicy>(ClaimRateLimitPolicy.Name));
        return services;
    }
}
