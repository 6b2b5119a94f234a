using System.Globalization;
using System.Text.Json.Nodes;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Reliability;

/// <summary>One person with a signed-in session on every node; requests go to the node asked for, or the next one still up.</summary>
internal sealed class Person(string userName, IReadOnlyList<ApiSession> sessions)
{
    public string UserName { get; } = userName;

    public ApiSession On(int node)
    {
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[(node + i) % sessions.Count];
            if (!s.Node.Down) return s;
        }
        return sessions[node % sessions.Count];
    }
}

/// <summary>An enterprise of the demo library the run works for: its own account, and the district reviewer of its area.</summary>
internal sealed record Firm(int Id, string CreditCode, string Area, Person User, Person District);

/// <summary>What an application is for (scheme, year and subject); <see cref="Key"/> is the server's unique key over live applications.</summary>
internal sealed record Subject(string Label, Scheme Scheme, int Year, Firm Firm, int? ProjectId = null, int? LoanId = null)
{
    public string Key => $"{Scheme}|{Year.ToString(CultureInfo.InvariantCulture)}|{AwardApplication.SubjectOf(Scheme, Firm.Id, ProjectId, LoanId)}";

    /// <summary>The body of POST /api/v1/applications.</summary>
    public object CreateBody => new { scheme = Scheme.ToString(), year = Year, projectId = Scheme == Scheme.LoanInterest ? null : ProjectId, loanId = LoanId };

    public override string ToString() => $"{Label} ({Key})";
}

/// <summary>An application as the client last saw it (state and version from the newest answer).</summary>
internal sealed class TrackedApp(Subject subject)
{
    private readonly Lock _gate = new();

    public Subject Subject { get; } = subject;
    public int Id { get; set; }
    public string State { get; private set; } = "";
    public long Version { get; private set; } = -1;

    /// <summary>Takes state and version from an application DTO, unless an answer already showed a newer version.</summary>
    public void Seen(JsonNode? dto)
    {
        if (dto is not JsonObject o || o["version"] is not JsonValue v || o["state"] is not JsonValue s) return;
        var version = v.GetValue<long>();
        lock (_gate)
        {
            if (version < Version) return;
            Version = version;
            State = s.ToString();
        }
    }

    public override string ToString() => $"#{Id.ToString(CultureInfo.InvariantCulture)} {Subject.Label} [{State} v{Version.ToString(CultureInfo.InvariantCulture)}]";
}
