using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// What a well-behaved API client does: before a state change under /api/v1 it asks GET /api/v1/antiforgery for the
/// token of its session and sends it in the RequestVerificationToken header (unless the request carries one already).
/// Sits outside the cookie handler, so both requests carry the session's cookies.
/// </summary>
public sealed class ApiTokenHandler : DelegatingHandler
{
    public const string Header = "RequestVerificationToken";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.AbsolutePath.StartsWith("/api/v1/", StringComparison.Ordinal)
            && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options
            && !request.Headers.Contains(Header))
        {
            using var ask = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, "/api/v1/antiforgery"));
            foreach (var h in request.Headers.Where(h => h.Key == ClientAddress.Header)) ask.Headers.TryAddWithoutValidation(h.Key, h.Value);
            using var answer = await base.SendAsync(ask, cancellationToken);
            if (answer.StatusCode == HttpStatusCode.OK && await answer.Content.ReadFromJsonAsync<TokenBody>(cancellationToken) is { Token: { } token })
                request.Headers.Add(Header, token);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private sealed record TokenBody(string? Token);
}

/// <summary>
/// The client address a test request comes from: the test server has no network peer, so a test names one in the
/// <see cref="Header"/> header and this startup filter makes it the connection's remote address (tests only).
/// Without the header every request comes from the same (unknown) address, like one browser.
/// </summary>
public sealed class ClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext http, RequestDelegate n) =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var v) && IPAddress.TryParse(v.ToString(), out var a)) http.Connection.RemoteIpAddress = a;
            return n(http);
        });
        next(app);
    };

    /// <summary>Makes every request of <paramref name="client"/> come from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
