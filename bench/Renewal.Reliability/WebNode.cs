using System.Net;

namespace Renewal.Reliability;

/// <summary>
/// One web node of the run: a name, a way to make a new client that keeps its own cookies (one per signed-in person),
/// and whether it is still up. A node that was killed is marked down: requests already in flight end without an
/// answer, and no new request is sent to it.
/// </summary>
public sealed class WebNode : IDisposable
{
    private readonly Func<HttpClient> _newClient;
    private readonly CancellationTokenSource _abort = new();
    private volatile bool _down;

    public WebNode(string name, Func<HttpClient> newClient)
    {
        ArgumentNullException.ThrowIfNull(newClient);
        Name = name;
        _newClient = newClient;
    }

    public string Name { get; }

    /// <summary>True once the node was killed (or found unreachable after a kill).</summary>
    public bool Down => _down;

    /// <summary>Cancelled when the node goes down: every request to it is linked to this token.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>A new client for one session (its own cookie jar), with the node's base address.</summary>
    public HttpClient NewClient() => _newClient();

    /// <summary>Marks the node down and ends the requests in flight to it (what the client sees of a kill -9).</summary>
    public void MarkDown()
    {
        _down = true;
        _abort.Cancel();
    }

    /// <summary>A node over real HTTP (loopback): cookies kept, redirects not followed (a sign-in answers 302).</summary>
    public static WebNode Http(string name, Uri baseAddress) => new(name, () => new HttpClient(new SocketsHttpHandler
    {
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(100),
    });

    public void Dispose() => _abort.Dispose();
}
