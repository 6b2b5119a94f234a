using Renewal.Data.Entities;

namespace Renewal.Testing;

/// <summary>
/// Fixtures that need an application in a given state reach it the only way there is: through the moves of
/// <see cref="Transitions.All"/> (the state has no public setter).
/// </summary>
public static class ApplicationStates
{
    /// <summary>Moves <paramref name="app"/> along the shortest path of the table to <paramref name="target"/>, every move at <paramref name="at"/>.</summary>
    public static AwardApplication MovedTo(this AwardApplication app, ApplicationState target, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var move in PathTo(app.State, target)) app.Apply(move, at);
        return app;
    }

    /// <summary>The fewest moves of the table from <paramref name="from"/> to <paramref name="target"/> (breadth first).</summary>
    public static IReadOnlyList<Transition> PathTo(ApplicationState from, ApplicationState target)
    {
        var paths = new Dictionary<ApplicationState, List<Transition>> { [from] = [] };
        var queue = new Queue<ApplicationState>([from]);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            if (state == target) return paths[state];
            foreach (var move in Transitions.All.Where(t => t.From.Contains(state)))
                if (paths.TryAdd(move.To, [.. paths[state], move])) queue.Enqueue(move.To);
        }
        throw new InvalidOperationException($"The workflow has no path from {from} to {target}.");
    }
}
