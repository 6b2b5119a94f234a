using System.Globalization;
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
/// The public objection form's policy name and refusal (<see cref="PostsPerAddress"/>, beside the sign-in policy of
/// ADR-015): a fixed window per client address on the form's posts, reads unlimited; one per node, in memory.
/// </summary>
public static class ObjectionThrottle
{
    public const string Policy = "objection";

    public static string Message(ObjectionThrottlingOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Lang.T($"提交异议过于频繁：同一网络地址每 {Minutes(o)} 分钟最多提交 {o.AddressPermits} 次，请稍后再试",
            $"Too many objections from this address: at most {o.AddressPermits} every {Minutes(o)} minutes, please try again later");
    }

    private static string Minutes(ObjectionThrottlingOptions o) => Math.Max(1, (int)Math.Round(o.AddressWindow.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}

public static class ObjectionThrottling
{
    /// <summary>The options and the policy <see cref="ObjectionThrottle.Policy"/> (added to the rate limiter the sign-in throttle set up).</summary>
    public static IServiceCollection AddObjectionThrottling(this IServiceCollection services, IConfiguration config)
    {
        var options = ObjectionThrottlingOptions.From(config);
        services.AddSingleton(options);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(ObjectionThrottle.Policy, new PostsPerAddress(options.AddressPermits, options.AddressWindow,
            () => ObjectionThrottle.Message(options), "/notice", () => Lang.T("返回公示名单", "Back to the public notice"))));
        return services;
    }
}
