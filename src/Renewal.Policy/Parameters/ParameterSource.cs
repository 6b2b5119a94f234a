namespace Renewal.Policy.Parameters;

/// <summary>Where a parameter value comes from.</summary>
public enum SourceKind
{
    /// <summary>An article of the seed document, e.g. "Annex §2(2)".</summary>
    Article,
    /// <summary>An interpretation chosen in POLICY.md, e.g. "I-3".</summary>
    Interpretation,
    /// <summary>A value the seed does not state; every output that uses it says so.</summary>
    Assumed,
    /// <summary>A what-if override from a scenario file or <c>--set</c>.</summary>
    Override,
}

/// <summary>The source of one dated parameter value.</summary>
/// <param name="Kind">Article, interpretation, assumption or override.</param>
/// <param name="Reference">"Annex §1(2)", "I-2", "ASSUMED", or "--set"/"scenario".</param>
/// <param name="Note">Free text, e.g. why a value is assumed.</param>
public sealed record ParameterSource(SourceKind Kind, string Reference, string? Note = null)
{
    /// <summary>Parses the <c>source</c> field of the parameters file.</summary>
    public static ParameterSource Parse(string reference, string? note = null)
    {
        var kind = reference switch
        {
            "ASSUMED" => SourceKind.Assumed,
            _ when reference.StartsWith("I-", StringComparison.Ordinal) => SourceKind.Interpretation,
            _ => SourceKind.Article,
        };
        return new ParameterSource(kind, reference, note);
    }

    /// <summary>True for <see cref="SourceKind.Assumed"/>.</summary>
    public bool IsAssumed => Kind == SourceKind.Assumed;

    public override string ToString() => Note is null ? Reference : $"{Reference}（{Note}）";
}
