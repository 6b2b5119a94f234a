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

/// <summary>The claim page's policy name and refusal (<see cref="PostsPerAddress"/>: posts per client address; reading the page is not limited).</summary>
public static class ClaimRateLimitPolicy
{
    public const string Name = "claim";
    public const string Message = "开通账号的尝试过于频繁，请稍后再试";
    public const string MessageEn = "Too many attempts to open an account, please try again later";
}

public static class ClaimThrottling
{
    /// <summary>The claim page's options and rate-limiter policy <see cref="ClaimRateLimitPolicy.Name"/>.</summary>
    public static IServiceCollection AddClaimThrottling(this IServiceCollection services, IConfiguration config)
    {
        var options = ClaimThrottlingOptions.From(config);
        services.AddSingleton(options);
        services.AddRateLimiter(o => o.AddPolicy(ClaimRateLimitPolicy.Name, new PostsPerAddress(options.AddressPermits, options.AddressWindow,
            () => Lang.T(ClaimRateLimitPolicy.Message, ClaimRateLimitPolicy.MessageEn), "/account/claim", () => Lang.T("返回开通账号", "Back"))));
        return services;
    }
}
