using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// A rate-limiter policy for a public form (ADR-015's limiter): its posts, per client address, in a fixed window; reading
/// the page is not limited. A refused post is answered 429 with Retry-After and a small page that says why in the
/// user's language and links back to <paramref name="back"/>. The claim page and the objection form use it.
/// </summary>
public sealed class PostsPerAddress(int permits, TimeSpan window, Func<string> message, string back, Func<string> backText) : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsPost(httpContext?.Request.Method ?? "")
            ? RateLimitPartition.GetFixedWindowLimiter(SignInThrottle.AddressOf(httpContext!), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("read");

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
    {
        var r = ctx.HttpContext.Response;
        r.StatusCode = StatusCodes.Status429TooManyRequests;
        if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
            r.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        r.ContentType = "text/html; charset=utf-8";
        var text = WebUtility.HtmlEncode(message());
        await r.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{text}</title></head>"
            + $"<body><p role=\"alert\">{text}</p><p><a href=\"{back}\">{WebUtility.HtmlEncode(backText())}</a></p></body></html>", ct);
    };
}
