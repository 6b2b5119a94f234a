using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// The limit on public objections (configuration section <c>Objections</c>): form posts one client address may make per
/// window. The form is open to anyone, so a script must not be able to bury the bureau in objections.
/// </summary>
public sealed record ObjectionThrottlingOptions
{
    public int AddressPermits { get; init; } = 5;
    public TimeSpan AddressWindow { get; init; } = TimeSpan.FromMinutes(10);

    public static ObjectionThrottlingOptions From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = new ObjectionThrottlingOptions();
        var o = new ObjectionThrottlingOptions
        {
            AddressPermits = config.GetValue("Objections:AddressPermits", d.AddressPermits),
            AddressWindow = config.GetValue("Objections:AddressWindow", d.AddressWindow),
        };
        if (o.AddressPermits < 1 || o.AddressWindow <= TimeSpan.Zero)
            throw new InvalidOperationException("Objections 配置有误：次数应至少为 1，时间窗口应大于 0");
        return o;
    }
}

/// <summary>
/// The rate-limit policy of the public objection form (ASP.NET Core's rate limiter, beside the sign-in policy of
/// ADR-015): a fixed window per client address on the form's posts, reads unlimited; a refused post is answered 429
/// with a page that says in Chinese why and when to try again. One per node, in memory.
/// </summary>
public sealed class ObjectionThrottle(ObjectionThrottlingOptions options) : IRateLimiterPolicy<string>
{
    public const string Policy = "objection";

    public static string Message(ObjectionThrottlingOptions o) =>
        Lang.T($"提交异议过于频繁：同一网络地址每 {Minutes(o)} 分钟最多提交 {o.AddressPermits} 次，请稍后再试",
            $"Too many objections from this address: at most {o.AddressPermits} every {Minutes(o)} minutes, please try again later");

    private static string Minutes(ObjectionThrottlingOptions o) => Math.Max(1, (int)Math.Round(o.AddressWindow.TotalMinutes)).ToString(CultureInfo.InvariantCulture);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => HttpMethods.IsPost(httpContext.Request.Method)
        ? RateLimitPartition.GetFixedWindowLimiter(SignInThrottle.AddressOf(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.AddressPermits, Window = options.AddressWindow, QueueLimit = 0, AutoReplenishment = true,
        })
        : RateLimitPartition.GetNoLimiter("read");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var r = ctx.HttpContext.Response;
        r.StatusCode = StatusCodes.Status429TooManyRequests;
        if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
            r.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        r.ContentType = "text/html; charset=utf-8";
        var text = WebUtility.HtmlEncode(Message(options));
        await r.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{text}</title></head>"
            + $"<body><p role=\"alert\">{text}</p><p><a href=\"/notice\">{WebUtility.HtmlEncode(Lang.T("返回公示名单", "Back to the public notice"))}</a></p></body></html>", ct);
    };
}

public static class ObjectionThrottling
{
    /// <summary>The options and the policy <see cref="ObjectionThrottle.Policy"/> (added to the rate limiter the sign-in throttle set up).</summary>
    public static IServiceCollection AddObjectionThrottling(this IServiceCollection services, IConfiguration config)
    {
        var options = ObjectionThrottlingOptions.From(config);
        services.AddSingleton(options);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(ObjectionThrottle.Policy, new ObjectionThrottle(options)));
        return services;
    }
}
