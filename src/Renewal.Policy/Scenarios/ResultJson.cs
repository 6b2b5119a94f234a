using System.Text.Encodings.Web;
using System.Text.Json;
using Renewal.Policy.Explanation;
using Renewal.Policy.Model;

namespace Renewal.Policy.Scenarios;

/// <summary>Writes evaluation results in the JSON shape of SCENARIOS.md "Output".</summary>
public static class ResultJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Chinese stays readable
    };

    /// <summary>Writes <c>{"scenarios": [...]}</c> to <paramref name="output"/>.</summary>
    public static void Write(Stream output, IEnumerable<ScenarioResult> results, bool includeTrace)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteStartArray("scenarios");
        foreach (var r in results) WriteScenario(w, r, includeTrace);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The JSON as a string.</summary>
    public static string ToJson(IEnumerable<ScenarioResult> results, bool includeTrace)
    {
        using var ms = new MemoryStream();
        Write(ms, results, includeTrace);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteScenario(Utf8JsonWriter w, ScenarioResult r, bool includeTrace)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteNumber("year", r.Year);
        if (r.KnownOn is { } k) w.WriteString("known_on", k.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteNull("known_on");
        w.WriteStartArray("revisions");
        foreach (var id in r.Revisions) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteStartArray("awards");
        foreach (var a in r.Awards)
        {
            w.WriteStartObject();
            w.WriteString("scheme", Codes.Of(a.Scheme));
            w.WriteString("enterprise", a.Enterprise);
            // SCENARIOS.md: A/B lines name a project, C lines only the enterprise, D lines the loan and level.
            if (a.Scheme is Scheme.Demonstration or Scheme.EffectiveInvestment) w.WriteString("project", a.Project);
            else w.WriteNull("project");
            if (a.Loan is null) w.WriteNull("loan"); else w.WriteString("loan", a.Loan);
            if (a.Level is null) w.WriteNull("level"); else w.WriteString("level", Codes.Of(a.Level.Value));
            w.WriteBoolean("eligible", a.Eligible);
            w.WriteNumber("amount", Fen(a.Amount));
            w.WriteBoolean("assumed", a.Assumed);
            if (a.FailedRule is null) w.WriteNull("failed_rule"); else w.WriteString("failed_rule", a.FailedRule);
            if (includeTrace)
            {
                w.WriteStartArray("trace");
                foreach (var t in a.Trace) WriteStep(w, t);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var totals = r.Totals;
        w.WriteStartObject("totals");
        w.WriteNumber("demonstration", Fen(totals.Demonstration));
        w.WriteNumber("effective_investment", Fen(totals.EffectiveInvestment));
        w.WriteNumber("tech_renovation", Fen(totals.TechRenovation));
        w.WriteStartObject("loan_interest");
        foreach (var level in Enum.GetValues<Level>()) w.WriteNumber(Codes.Of(level), Fen(totals.LoanInterest(level)));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter w, TraceStep t)
    {
        w.WriteStartObject();
        w.WriteString("rule", t.Rule);
        w.WriteString("article", t.Article);
        if (t.Holds is { } h) w.WriteBoolean("holds", h); else w.WriteNull("holds");
        w.WriteString("status", t.Status switch
        {
            RuleStatus.Holds => "holds", RuleStatus.Fails => "fails", RuleStatus.NotApplicable => "not_applicable", _ => "computed",
        });
        w.WriteString("text", t.Text);
        if (t.Assumed) w.WriteBoolean("assumed", true);
        w.WriteEndObject();
    }

    /// <summary>Two decimals always (adding 0.00m sets the scale), so "30000000.00".</summary>
    private static decimal Fen(Money m) => m.RoundToFen().Yuan + 0.00m;
}
