using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// One person's browser-like session over HTTP: cookies kept, redirects not followed, forms posted with the
/// antiforgery token taken from a page the way a browser would.
/// </summary>
public sealed partial class Session(HttpClient client) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private string? _token;

    public HttpClient Client { get; } = client;
    public string? UserName { get; private set; }

    /// <summary>GET /account/signin, take the token, POST the form. Fails unless it redirects home.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        using var r = await TrySignInAsync(userName, password);
        if (r.StatusCode != HttpStatusCode.Redirect)
        {
            var html = await r.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"sign-in of {userName} failed: {(int)r.StatusCode} {ErrorText(html)}");
        }
        UserName = userName;
    }

    /// <summary>Posts the sign-in form and returns the raw answer (200 with an error, or 302 home).</summary>
    public async Task<HttpResponseMessage> TrySignInAsync(string userName, string password, string? returnUrl = null)
    {
        var token = await TokenFromAsync("/account/signin");
        var fields = new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null) fields["ReturnUrl"] = returnUrl;
        var r = await Client.PostAsync("/account/signin", new FormUrlEncodedContent(fields));
        _token = null; // the token is bound to the user: a new identity needs a new one
        return r;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>GET a page that must answer 200; returns its HTML.</summary>
    public async Task<string> PageAsync(string path)
    {
        using var r = await Client.GetAsync(path);
        var html = await r.Content.ReadAsStringAsync();
        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} as {UserName ?? "anonymous"}: {(int)r.StatusCode} {r.Headers.Location}");
        return html;
    }

    /// <summary>The antiforgery token of this session (from any page with a form: the layout's sign-out form, or the sign-in form).</summary>
    public async Task<string> TokenAsync() => _token ??= await TokenFromAsync(UserName is null ? "/account/signin" : "/notice");

    private async Task<string> TokenFromAsync(string path)
    {
        var html = await PageAsync(path);
        var m = TokenInput().Match(html);
        if (!m.Success) throw new InvalidOperationException($"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>Posts a form with this session's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var all = new List<KeyValuePair<string, string>>(fields ?? []) { new("__RequestVerificationToken", await TokenAsync()) };
        return await Client.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts a form, follows the redirect back (post/redirect/get) and returns the page it lands on.</summary>
    public async Task<(HttpResponseMessage Post, string Html)> SubmitFormAsync(string path, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var r = await PostFormAsync(path, fields);
        if (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location is { } to) return (r, await PageAsync(to.OriginalString));
        return (r, await r.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> PostJsonAsync<T>(string path, T body) => Client.PostAsJsonAsync(path, body, Json);

    public async Task<T> JsonAsync<T>(string path)
    {
        using var r = await Client.GetAsync(path);
        if (r.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} as {UserName ?? "anonymous"}: {(int)r.StatusCode}");
        return (await r.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Where a redirect goes, as a local path and query ("/account/signin?ReturnUrl=…"), or null.</summary>
    public static string? RedirectPath(HttpResponseMessage r) => r?.Headers.Location is not { } l ? null : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    /// <summary>The text of the page's error (role=alert), if any.</summary>
    public static string? ErrorText(string html) => AlertText().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : null;

    /// <summary>The text of the page's success message (role=status), if any.</summary>
    public static string? StatusText(string html) => StatusRole().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : null;

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("role=\"alert\"[^>]*>([^<]*)<")]
    private static partial Regex AlertText();

    [GeneratedRegex("role=\"status\"[^>]*>([^<]*)<")]
    private static partial Regex StatusRole();
}
