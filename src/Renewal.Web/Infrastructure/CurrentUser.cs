using System.Globalization;
using System.Security.Claims;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;

namespace Renewal.Web.Infrastructure;

/// <summary>Claims of the sign-in cookie and of an API token (the same), and the <see cref="UserContext"/> every handler authorizes against.</summary>
public static class CurrentUser
{
    public const string CreditCodeClaim = "credit_code";
    public const string AreaClaim = "area";
    public const string BankClaim = "bank";

    public static ClaimsPrincipal Principal(UserAccount u, string authenticationType = "cookie")
    {
        ArgumentNullException.ThrowIfNull(u);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, u.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, u.UserName),
            new(ClaimTypes.GivenName, u.DisplayName),
            new(ClaimTypes.Role, u.Role.ToString()),
        };
        if (u.CreditCode is not null) claims.Add(new Claim(CreditCodeClaim, u.CreditCode));
        if (u.Area is not null) claims.Add(new Claim(AreaClaim, u.Area));
        if (u.Bank is not null) claims.Add(new Claim(BankClaim, u.Bank));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>The user of a request; only called behind authorization, so the claims are there.</summary>
    public static UserContext Of(ClaimsPrincipal p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new UserContext(
            int.Parse(p.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0", CultureInfo.InvariantCulture),
            p.Identity?.Name ?? "",
            Enum.Parse<Role>(p.FindFirstValue(ClaimTypes.Role) ?? nameof(Role.Enterprise)),
            p.FindFirstValue(CreditCodeClaim),
            p.FindFirstValue(AreaClaim),
            p.FindFirstValue(BankClaim));
    }

    public static UserContext User(this HttpContext http) => Of(http.User);
}

/// <summary>Bilingual text: Chinese first, English when the user switched (cookie <c>lang=en</c>).</summary>
public static class Lang
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Picks the text for the current UI culture.</summary>
    public static string T(string zh, string en) => IsEnglish ? en : zh;
}
