namespace Renewal.Policy.Scenarios;

/// <summary>One problem in a scenario file: where it is and what is wrong, in Chinese.</summary>
/// <param name="File">File name as given.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Scenario">The scenario's name (or its position when it has none yet).</param>
/// <param name="Entity">"企业 E1", "项目 P1", "贷款 L1", or null.</param>
/// <param name="Field">The field, e.g. "credit_code", or null.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ScenarioError(string File, int Line, string? Scenario, string? Entity, string? Field, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var parts = new List<string>(3);
        if (Scenario is not null) parts.Add($"场景“{Scenario}”");
        if (Entity is not null) parts.Add(Entity);
        if (Field is not null) parts.Add($"字段 {Field}");
        return parts.Count == 0 ? $"{where}: {Message}" : $"{where}: {string.Join(" ", parts)}：{Message}";
    }
}

/// <summary>A scenario file that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString()))) => Errors = errors;

    public ScenarioFormatException() => Errors = [];
    public ScenarioFormatException(string message) : base(message) => Errors = [];
    public ScenarioFormatException(string message, Exception inner) : base(message, inner) => Errors = [];

    public IReadOnlyList<ScenarioError> Errors { get; }
}
