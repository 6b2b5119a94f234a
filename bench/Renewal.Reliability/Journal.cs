using System.Collections.Concurrent;

namespace Renewal.Reliability;

/// <summary>A create the server acknowledged (201): the application it named must exist.</summary>
public sealed record CreateAck(int ApplicationId, string Subject);

/// <summary>A move the server acknowledged (200): its event and state, at least this version, must be in the database.</summary>
public sealed record MoveAck(int ApplicationId, string Action, string State, long Version);

/// <summary>
/// What the client saw: request counts by kind of answer, and every write the server acknowledged — which the
/// database is checked against afterwards (<see cref="DatabaseCounts"/>: a write answered 2xx that is not there is lost).
/// </summary>
public sealed class Journal
{
    private long _requests;
    private long _unanswered;
    private long _serverErrors;
    private long _confirms;
    private readonly ConcurrentQueue<CreateAck> _creates = new();
    private readonly ConcurrentQueue<MoveAck> _moves = new();
    private readonly ConcurrentQueue<string> _serverErrorSamples = new();

    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>Requests that got no answer (node killed, connection refused or reset).</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);
    /// <summary>Answers 5xx: never expected, reported beside the counts.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);
    /// <summary>Approvals re-posted with <c>confirmAmount</c> after a 409 carrying <c>amountChanged</c>.</summary>
    public long Confirms => Interlocked.Read(ref _confirms);
    public IReadOnlyCollection<CreateAck> Creates => _creates;
    public IReadOnlyCollection<MoveAck> Moves => _moves;
    public IReadOnlyCollection<string> ServerErrorSamples => _serverErrorSamples;

    public void CountRequest(int n = 1) => Interlocked.Add(ref _requests, n);

    public void CountAnswer(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Interlocked.Increment(ref _requests);
        if (answer.Unanswered) Interlocked.Increment(ref _unanswered);
        if (answer.Status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
            if (_serverErrorSamples.Count < 5) _serverErrorSamples.Enqueue(answer.ToString());
        }
    }

    public void CountConfirm() => Interlocked.Increment(ref _confirms);

    public void Created(int id, string subject) => _creates.Enqueue(new CreateAck(id, subject));

    public void Moved(int id, string action, string state, long version) => _moves.Enqueue(new MoveAck(id, action, state, version));
}
