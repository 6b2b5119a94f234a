using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// Sign-in limits (configuration section <c>SignIn</c>; ADR-015): sign-in posts per client address per window,
/// verified wrong passwords per account name per window, and the lock after <see cref="LockFailures"/> wrong
/// passwords in a row.
/// </summary>
public sealed record SignInThrottlingOptions
{
    /// <summary>Sign-in form posts one client address may make per <see cref="AddressWindow"/> (any account names).</summary>
    public int AddressPermits { get; init; } = 30;
    public TimeSpan AddressWindow { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Wrong passwords one account name may take per <see cref="AccountWindow"/>, from all addresses together.</summary>
    public int AccountFailures { get; init; } = 20;
    public TimeSpan AccountWindow { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>Wrong passwords in a row that lock the account (for the addresses that made them).</summary>
    public int LockFailures { get; init; } = Passwords.MaxFailures;
    public TimeSpan LockoutTime { get; init; } = Passwords.LockoutTime;

    public static SignInThrottlingOptions From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var d = new SignInThrottlingOptions();
        var o = new SignInThrottlingOptions
        {
            AddressPermits = config.GetValue("SignIn:AddressPermits", d.AddressPermits),
            AddressWindow = config.GetValue("SignIn:AddressWindow", d.AddressWindow),
            AccountFailures = config.GetValue("SignIn:AccountFailures", d.AccountFailures),
            AccountWindow = config.GetValue("SignIn:AccountWindow", d.AccountWindow),
            LockFailures = config.GetValue("SignIn:LockFailures", d.LockFailures),
            LockoutTime = config.GetValue("SignIn:LockoutTime", d.LockoutTime),
        };
        if (o.AddressPermits < 1 || o.AccountFailures < 1 || o.LockFailures < 1
            || o.AddressWindow <= TimeSpan.Zero || o.AccountWindow <= TimeSpan.Zero || o.LockoutTime <= TimeSpan.Zero)
            throw new InvalidOperationException("SignIn 配置有误：次数应至少为 1，时间窗口应大于 0");
        return o;
    }
}

/// <summary>
/// The sign-in throttle (ADR-015): ASP.NET Core's rate limiter per client address on the sign-in post, a
/// partitioned limiter per account name on wrong passwords, and the addresses that recently guessed wrong for an
/// account (a lock refuses only those: a stranger who locks the finance account does not keep finance out).
/// One per node, in memory: with two nodes each counts its own.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string Policy = "signin";
    public const string Message = "登录尝试过于频繁，请稍后再试";
    public const string MessageEn = "Too many sign-in attempts, please try again later";

    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly ConcurrentDictionary<(string Account, string Address), DateTimeOffset> _wrong = new();
    private readonly TimeProvider _clock;

    public SignInThrottle(SignInThrottlingOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _clock = clock;
        _accounts = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = options.AccountFailures, Window = options.AccountWindow, QueueLimit = 0, AutoReplenishment = true }));
    }

    public SignInThrottlingOptions Options { get; }

    /// <summary>The key of a submitted account name (unknown names count too, so the throttle says nothing about existence).</summary>
    public static string AccountKey(string? name) => (name ?? "").Trim().ToUpperInvariant();

    /// <summary>The client's address as this node sees it (behind a proxy: configure forwarded headers, ADR-015).</summary>
    public static string AddressOf(HttpContext http) => http?.Connection.RemoteIpAddress is { } a ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString() : "unknown";

    /// <summary>May this account name still take a wrong password in the current window? (Takes no permit.)</summary>
    public bool AccountHasRoom(string account)
    {
        using var lease = _accounts.AttemptAcquire(AccountKey(account), 0);
        return lease.IsAcquired;
    }

    /// <summary>A verified wrong password for <paramref name="account"/> from <paramref name="address"/>.</summary>
    public void RecordWrong(string account, string address)
    {
        using var _ = _accounts.AttemptAcquire(AccountKey(account), 1);
        var now = _clock.GetUtcNow();
        _wrong[(AccountKey(account), address)] = now;
        if (_wrong.Count > 10_000) Prune(now);
    }

    /// <summary>Did <paramref name="address"/> guess wrong for <paramref name="account"/> within the lockout time? Those addresses a lock refuses.</summary>
    public bool GuessedWrongRecently(string account, string address) =>
        _wrong.TryGetValue((AccountKey(account), address), out var at) && at + Options.LockoutTime > _clock.GetUtcNow();

    /// <summary>The right password from <paramref name="address"/>: its earlier wrong guesses no longer count against it.</summary>
    public void RecordRight(string account, string address) => _wrong.TryRemove((AccountKey(account), address), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (k, at) in _wrong) if (at + Options.LockoutTime <= now) _wrong.TryRemove(k, out _);
    }

    public void Dispose() => _accounts.Dispose();
}

public static class SignInThrottling
{
    /// <summary>The options, the throttle, and the per-address rate limit policy <see cref="SignInThrottle.Policy"/> (sign-in posts only).</summary>
    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, IConfiguration config)
    {
        var options = SignInThrottlingOptions.From(config);
        services.AddSingleton(options);
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInThrottle.Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(SignInThrottle.AddressOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AddressPermits, Window = options.AddressWindow, QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (ctx, ct) =>
            {
                var r = ctx.HttpContext.Response;
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    r.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                r.ContentType = "text/html; charset=utf-8";
                var text = WebUtility.HtmlEncode(Lang.T(SignInThrottle.Message, SignInThrottle.MessageEn));
                await r.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{text}</title></head>"
                    + $"<body><p role=\"alert\">{text}</p><p><a href=\"/account/signin\">{WebUtility.HtmlEncode(Lang.T("返回登录", "Back to sign-in"))}</a></p></body></html>", ct);
            };
        });
        return services;
    }

    /// <summary>The rate limiter middleware (after routing, so the sign-in page's policy is known).</summary>
    public static IApplicationBuilder UseSignInThrottling(this IApplicationBuilder app) => app.UseRateLimiter();
}
