using System.Net;

namespace Renewal.Web.Tests.Security;

/// <summary>What a request came to, as the authorization matrix sees it.</summary>
public enum Outcome
{
    /// <summary>Reached the handler: 2xx, a redirect other than to sign-in or "denied", or a 400/409 that the handler gave with a reason.</summary>
    Ok,
    /// <summary>Not signed in: 401 from the API, a redirect to /account/signin from a page.</summary>
    SignIn,
    /// <summary>Signed in but not allowed: 403 from the API, a redirect to /account/denied from a page.</summary>
    Forbidden,
    /// <summary>No such row (for this user: the id does not exist at all).</summary>
    NotFound,
    /// <summary>A server error — never expected.</summary>
    Error,
}

public static class Outcomes
{
    /// <param name="r">The answer.</param>
    /// <param name="isPage">A page answers 400 only when the antiforgery check failed: that is never an expected outcome.</param>
    public static Outcome Of(HttpResponseMessage r, bool isPage)
    {
        ArgumentNullException.ThrowIfNull(r);
        var status = (int)r.StatusCode;
        var location = r.Headers.Location?.OriginalString ?? "";
        if (r.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect)
        {
            var path = location.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? new Uri(location).AbsolutePath : location.Split('?')[0];
            if (path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase)) return Outcome.SignIn;
            if (path.Equals("/account/denied", StringComparison.OrdinalIgnoreCase)) return Outcome.Forbidden;
            return Outcome.Ok;
        }
        return status switch
        {
            401 => Outcome.SignIn,
            403 => Outcome.Forbidden,
            404 => Outcome.NotFound,
            400 when isPage => Outcome.Error,
            >= 500 => Outcome.Error,
            _ => Outcome.Ok,
        };
    }
}
