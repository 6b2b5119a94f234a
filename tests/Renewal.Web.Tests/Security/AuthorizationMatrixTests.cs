using System.Net.Http.Json;
using System.Text;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Security;

/// <summary>Runs <see cref="AuthorizationMatrix"/> against the app: every row, every person.</summary>
public abstract class AuthorizationMatrixTests(RenewalApp app)
{
    private static readonly Dictionary<Who, string> Accounts = new()
    {
        [Who.Enterprise] = "qiye", [Who.District] = "quzhen", [Who.Bureau] = "shiju", [Who.Admin] = "admin",
        [Who.Finance] = "caizheng", [Who.Bank] = "yinhang",
    };

    [Fact]
    public void EveryEndpointOfTheApp_HasARowInTheMatrix_AndEveryRowIsAnEndpoint()
    {
        var registered = AppEndpoints.Of(app.Services).Select(e => e.Key).ToHashSet();
        var listed = AuthorizationMatrix.Probes.Select(p => p.Endpoint).ToHashSet();
        var missing = registered.Except(listed).Select(k => k.ToString()).Order().ToList();
        var stale = listed.Except(registered).Select(k => k.ToString()).Order().ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            (missing.Count > 0 ? "New endpoints without a row in AuthorizationMatrix.Probes (decide who may use them and add a row):\n  " + string.Join("\n  ", missing) + "\n" : "")
            + (stale.Count > 0 ? "Rows for endpoints the app no longer has:\n  " + string.Join("\n  ", stale) : ""));
    }

    /// <summary>What the matrix must leave as it found it (its requests are built to change nothing).</summary>
    private string Snapshot()
    {
        using var db = app.Db();
        var d = app.Data;
        return string.Join(" | ",
            $"projects={db.Projects.Count()}", $"loans={db.Loans.Count()}", $"users={db.Users.Count()}", $"active={db.Users.Count(u => u.Active)}",
            $"applications={db.Applications.Count()}", $"reports={db.ProgressReports.Count()}", $"objections={db.Objections.Count(o => o.ResolvedAt == null)}",
            $"own project v{db.Projects.Where(p => p.Id == d.OwnProjectId).Select(p => p.Version).Single()}",
            $"own loan v{db.Loans.Where(l => l.Id == d.OwnLoanId).Select(l => l.Version).Single()}",
            $"applications {string.Join(",", db.Applications.OrderBy(a => a.Id).Select(a => a.Id + ":" + a.State + ":" + a.Version))}",
            $"revisions {string.Join(",", db.Revisions.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.State + ":" + r.Version))}");
    }

    [Fact]
    public async Task EveryPerson_GetsTheExpectedOutcome_OnEveryEndpoint()
    {
        var before = Snapshot();
        var sessions = new Dictionary<Who, Session> { [Who.Anonymous] = app.Anonymous() };
        foreach (var (who, user) in Accounts) sessions[who] = await app.SignInAsync(user);
        var pages = AppEndpoints.Of(app.Services).Where(e => e.IsPage).Select(e => e.Key).ToHashSet();
        var failures = new StringBuilder();
        var checkedCount = 0;
        try
        {
            foreach (var probe in AuthorizationMatrix.Probes)
            {
                var request = probe.Build(app.Data);
                var isPage = pages.Contains(probe.Endpoint);
                foreach (var who in Enum.GetValues<Who>())
                {
                    var fresh = probe.FreshSession && who != Who.Anonymous;
                    var session = fresh ? await app.SignInAsync(Accounts[who]) : sessions[who];
                    try
                    {
                        using var response = await SendAsync(session, probe.Endpoint.Method, request);
                        var actual = Outcomes.Of(response, isPage);
                        checkedCount++;
                        if (actual != probe.Expected[who])
                        {
                            failures.AppendLine($"  {probe}  as {who} ({(who == Who.Anonymous ? "anonymous" : Accounts[who])}): expected {probe.Expected[who]}, got {actual} "
                                + $"({(int)response.StatusCode}{(response.Headers.Location is { } l ? " → " + l : "")})");
                        }
                    }
                    finally
                    {
                        if (fresh) session.Dispose();
                    }
                }
            }
        }
        finally
        {
            foreach (var s in sessions.Values) s.Dispose();
        }
        Assert.Equal(before, Snapshot());
        Assert.True(failures.Length == 0, $"Authorization matrix on {app.Provider}: {failures.ToString().Split('\n').Length - 1} of {checkedCount} outcomes differ:\n{failures}");
    }

    /// <summary>
    /// The same matrix with an API token instead of the cookie (ADR-019): under /api/v1 each person's token gets exactly
    /// what the person's session gets — a bank's token reads no more than the bank — and writes need no antiforgery
    /// header; every other address (the pages) does not take a token, so the answer is the anonymous one.
    /// </summary>
    [Fact]
    public async Task EveryPersonsApiToken_GetsTheSessionsOutcome_OnTheApi_AndIsAnonymousOnEveryPage()
    {
        var before = Snapshot();
        var clients = new Dictionary<Who, Session> { [Who.Anonymous] = new(Bearer.Client(app, "rnw_notatoken")) };
        foreach (var (who, user) in Accounts) clients[who] = new Session(Bearer.Client(app, await Bearer.IssueAsync(app, user)));
        var pages = AppEndpoints.Of(app.Services).Where(e => e.IsPage).Select(e => e.Key).ToHashSet();
        var failures = new StringBuilder();
        try
        {
            foreach (var probe in AuthorizationMatrix.Probes)
            {
                var request = probe.Build(app.Data);
                var api = probe.Endpoint.Route.StartsWith("/api/v1/", StringComparison.Ordinal);
                foreach (var who in Enum.GetValues<Who>())
                {
                    // "Anonymous" carries a malformed token: refused (401) where a sign-in is needed, let in where anyone is.
                    var expected = api ? probe.Expected[who] : probe.Expected[Who.Anonymous];
                    using var response = await SendAsync(clients[who], probe.Endpoint.Method, request);
                    var actual = Outcomes.Of(response, pages.Contains(probe.Endpoint));
                    if (actual != expected)
                        failures.AppendLine($"  {probe}  as {who} with a token: expected {expected}, got {actual} ({(int)response.StatusCode}{(response.Headers.Location is { } l ? " → " + l : "")})");
                }
            }
        }
        finally
        {
            foreach (var s in clients.Values) s.Dispose();
        }
        Assert.Equal(before, Snapshot());
        Assert.True(failures.Length == 0, $"Authorization matrix with API tokens on {app.Provider}:\n{failures}");
    }

    private static async Task<HttpResponseMessage> SendAsync(Session session, string method, Request request)
    {
        if (method == "GET") return await session.GetAsync(request.Path);
        if (method == "PUT") return await session.Client.PutAsJsonAsync(request.Path, request.Json, Session.Json);
        if (method == "DELETE") return await session.Client.DeleteAsync(new Uri(request.Path, UriKind.Relative));
        if (request.Json is not null) return await session.Client.PostAsJsonAsync(request.Path, request.Json, Session.Json);
        return await session.PostFormAsync(request.Path, request.Form ?? new Dictionary<string, string>());
    }
}

[Collection(SqliteFixture.Name)]
public sealed class AuthorizationMatrixOnSqliteTests(SqliteApp app) : AuthorizationMatrixTests(app);

[Collection(PostgresFixture.Name)]
public sealed class AuthorizationMatrixOnPostgresTests(PostgresApp app) : AuthorizationMatrixTests(app);
