using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Renewal.Reliability;

/// <summary>An answer as the client saw it: the status (0 when none came: refused, reset, killed, timed out) and the JSON body.</summary>
public sealed record Answer(int Status, JsonNode? Body, string Text)
{
    public bool Success => Status is >= 200 and < 300;
    public bool Unanswered => Status == 0;

    /// <summary>The problem's detail (the server's Chinese reason), or the text.</summary>
    public string Detail => Body is JsonObject o && o["detail"] is JsonValue d ? d.ToString() : Text;

    public override string ToString() => $"{Status} {(Text.Length > 300 ? Text[..300] + "…" : Text)}";
}

/// <summary>
/// One person's session on one node, as a browser and then an API client would have it: GET /account/signin, post the
/// form with its antiforgery token, then every state change under /api/v1 with the RequestVerificationToken header
/// from GET /api/v1/antiforgery. Every request is counted in the <see cref="Journal"/>.
/// </summary>
public sealed partial class ApiSession : IDisposable
{
    public const string TokenHeader = "RequestVerificationToken";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly Journal _journal;
    private string? _token;

    public ApiSession(WebNode node, string userName, Journal journal)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        UserName = userName;
        _journal = journal;
        _http = node.NewClient();
    }

    public WebNode Node { get; }
    public string UserName { get; }

    public override string ToString() => $"{UserName}@{Node.Name}";

    /// <summary>Signs in; throws with the page's answer when the form does not redirect.</summary>
    public async Task SignInAsync(string password, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, Node.Aborted);
        using var page = await _http.GetAsync(new Uri("/account/signin", UriKind.Relative), cts.Token);
        var html = await page.Content.ReadAsStringAsync(cts.Token);
        var m = FormToken().Match(html);
        if (!m.Success) throw new InvalidOperationException($"{this}: no antiforgery token on /account/signin ({(int)page.StatusCode})");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = UserName, ["Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(m.Groups[1].Value),
        });
        using var r = await _http.PostAsync(new Uri("/account/signin", UriKind.Relative), form, cts.Token);
        _journal.CountRequest(2);
        if (r.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"{this}: sign-in failed, {(int)r.StatusCode}");
        _token = null;
    }

    public Task<Answer> GetAsync(string path, CancellationToken ct = default) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<Answer> PostAsync(string path, object body, CancellationToken ct = default) => SendAsync(HttpMethod.Post, path, body, ct);

    private async Task<Answer> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        if (Node.Down) return Unanswered("node is down");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, Node.Aborted);
        try
        {
            if (method != HttpMethod.Get && _token is null)
            {
                using var t = await _http.GetAsync(new Uri("/api/v1/antiforgery", UriKind.Relative), cts.Token);
                _journal.CountRequest();
                var tokenBody = await t.Content.ReadFromJsonAsync<JsonObject>(cts.Token);
                _token = tokenBody?["token"]?.GetValue<string>() ?? throw new InvalidOperationException($"{this}: no antiforgery token ({(int)t.StatusCode})");
            }
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null) request.Content = JsonContent.Create(body, options: Json);
            if (method != HttpMethod.Get) request.Headers.Add(TokenHeader, _token);
            using var r = await _http.SendAsync(request, cts.Token);
            var text = await r.Content.ReadAsStringAsync(cts.Token);
            var answer = new Answer((int)r.StatusCode, Parse(text), text);
            _journal.CountAnswer(answer);
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // No answer: the node was killed mid-request, refused the connection, or the request timed out. What it did
            // is unknown to the client — the counts afterwards look only at the database.
            if (ct.IsCancellationRequested) throw;
            var none = Unanswered(e.GetType().Name);
            _journal.CountAnswer(none);
            return none;
        }
    }

    private static Answer Unanswered(string why) => new(0, null, why);

    private static JsonNode? Parse(string text)
    {
        if (text.Length == 0 || text[0] is not ('{' or '[')) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex FormToken();

    public void Dispose() => _http.Dispose();
}
