using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// The enterprise and administrator use cases write rows (projects, loans, reports, accounts) and lock and deactivate
/// accounts, so they run on an app of their own: the row counts the fixture took and the sign-ins of the other
/// collections stay as they were. (A collection fixture is made once per collection, so these are separate apps.)
/// </summary>
[CollectionDefinition(Name)]
public sealed class SelfServiceSqliteFixture : ICollectionFixture<SqliteApp>
{
    public const string Name = "enterprise and admin use cases on SQLite";
}

[CollectionDefinition(Name)]
public sealed class SelfServicePostgresFixture : ICollectionFixture<PostgresApp>
{
    public const string Name = "enterprise and admin use cases on PostgreSQL";
}

/// <summary>
/// JSON over HTTP read as the client sees it (<see cref="JsonNode"/>), not through the app's own request and response
/// types, so that the tests say what the API promises and keep working while the handlers behind it move.
/// </summary>
public static class JsonCalls
{
    public static Task<HttpResponseMessage> PutJsonAsync<T>(this Session s, string path, T body) => s.Client.PutAsJsonAsync(path, body, Session.Json);

    public static Task<HttpResponseMessage> PostEmptyAsync(this Session s, string path) => s.Client.PostAsync(path, JsonContent.Create(new { }));

    /// <summary>The body as JSON; fails with the status and body when the status is not <paramref name="expected"/>.</summary>
    public static async Task<JsonNode> BodyAsync(this HttpResponseMessage r, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(r);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"expected {(int)expected}, got {(int)r.StatusCode} {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri?.PathAndQuery}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The messages of a 400's problem details, by field.</summary>
    public static async Task<Dictionary<string, string>> FieldErrorsAsync(this HttpResponseMessage r)
    {
        var body = await r.BodyAsync(HttpStatusCode.BadRequest);
        var errors = body["errors"]?.AsObject() ?? throw new InvalidOperationException("no errors in " + body.ToJsonString());
        return errors.ToDictionary(e => e.Key, e => string.Join("；", e.Value!.AsArray().Select(m => m!.GetValue<string>())));
    }

    /// <summary>Whether a page answer is the "denied" redirect (a signed-in user without the right).</summary>
    public static bool IsDenied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && (Session.RedirectPath(r) ?? "").StartsWith("/account/denied", StringComparison.OrdinalIgnoreCase);
}
