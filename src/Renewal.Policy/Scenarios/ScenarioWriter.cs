using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Renewal.Policy.Model;

namespace Renewal.Policy.Scenarios;

/// <summary>
/// Writes scenarios in the scenario file format (SCENARIOS.md), the inverse of <see cref="ScenarioReader"/>.
/// </summary>
/// <remarks>
/// Pure: text in memory, no I/O. What it writes reads back to equal scenarios: dates as <c>yyyy-MM-dd</c>,
/// money and rates as plain decimals (never exponents, never quoted, since the reader refuses quoted numbers),
/// <c>approvals</c> only when not null (absent means every level, D-9), Chinese as-is. A string is written plain
/// when YAML would read it back as the same string, otherwise double-quoted with escapes: reserved words
/// (<c>null</c>, <c>~</c>, <c>true</c>, <c>yes</c> …, which the reader would take as null or a boolean),
/// number- or date-like text, indicators, leading or trailing blanks, line breaks and non-printable characters.
/// Empty lists are left out (the reader reads an absent list as empty).
/// </remarks>
public static partial class ScenarioWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The scenario file text (YAML) for <paramref name="scenarios"/>.</summary>
    public static string ToYaml(IEnumerable<Scenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var w = new StringBuilder();
        var list = scenarios.ToList();
        if (list.Count == 0)
        {
            w.Append("scenarios: []\n");
            return w.ToString();
        }
        w.Append("scenarios:\n");
        foreach (var s in list) WriteScenario(w, s);
        return w.ToString();
    }

    private static void WriteScenario(StringBuilder w, Scenario s)
    {
        Line(w, 1, "- name: " + Str(s.Name));
        Line(w, 2, "year: " + Int(s.Year));
        if (!s.Parameters.IsDefaultOrEmpty)
        {
            Line(w, 2, "parameters:");
            foreach (var (name, value) in s.Parameters) Line(w, 3, Str(name) + ": " + ParameterValue(value));
        }
        // Revisions are named by their files, as the scenario named them (a revision not read from a file has no name to write).
        var files = s.Revisions.IsDefaultOrEmpty ? [] : s.Revisions.Where(r => r.File is not null).Select(r => Str(r.File!)).ToList();
        if (files.Count > 0) Line(w, 2, "revisions: [" + string.Join(", ", files) + "]");
        if (s.KnownOn is { } known) Line(w, 2, "known_on: " + Date(known));
        if (!s.Enterprises.IsDefaultOrEmpty)
        {
            Line(w, 2, "enterprises:");
            foreach (var e in s.Enterprises)
            {
                Line(w, 3, "- id: " + Str(e.Id));
                Line(w, 4, "credit_code: " + Str(e.CreditCode));
                Line(w, 4, "name: " + Str(e.Name));
                Line(w, 4, "area: " + Str(e.Area));
                Line(w, 4, "industry_code: " + Str(e.Industry.Value ?? ""));
            }
        }
        if (!s.Projects.IsDefaultOrEmpty)
        {
            Line(w, 2, "projects:");
            foreach (var p in s.Projects) WriteProject(w, p);
        }
        if (!s.Loans.IsDefaultOrEmpty)
        {
            Line(w, 2, "loans:");
            foreach (var l in s.Loans) WriteLoan(w, l);
        }
        if (s.Expect is { } expect)
        {
            Line(w, 2, "expect:");
            if (expect.IsDefaultOrEmpty)
            {
                Line(w, 3, "awards: []");
                return;
            }
            Line(w, 3, "awards:");
            foreach (var a in expect)
            {
                var parts = new List<string>(6) { "scheme: " + Codes.Of(a.Scheme) };
                if (a.Enterprise is not null) parts.Add("enterprise: " + Str(a.Enterprise));
                if (a.Project is not null) parts.Add("project: " + Str(a.Project));
                if (a.Loan is not null) parts.Add("loan: " + Str(a.Loan));
                if (a.Level is { } level) parts.Add("level: " + Codes.Of(level));
                parts.Add("amount: " + Dec(a.Amount.Yuan));
                Line(w, 4, "- " + Flow(parts));
            }
        }
    }

    private static void WriteProject(StringBuilder w, Project p)
    {
        Line(w, 3, "- id: " + Str(p.Id));
        Line(w, 4, "enterprise: " + Str(p.EnterpriseId));
        Line(w, 4, "name: " + Str(p.Name));
        Line(w, 4, "kind: " + Codes.Of(p.Kind));
        Line(w, 4, "status: " + Codes.Of(p.Status));
        if (p.CompletedOn is { } completed) Line(w, 4, "completed_on: " + Date(completed));
        if (!p.Tasks.IsDefaultOrEmpty) Line(w, 4, "tasks: [" + string.Join(", ", p.Tasks.Select(Int)) + "]");
        if (!p.Clusters.IsDefaultOrEmpty) Line(w, 4, "clusters: [" + string.Join(", ", p.Clusters.Select(Str)) + "]");
        Line(w, 4, "safety_renovation: " + Bool(p.SafetyRenovation));
        if (!p.DigitalScopes.IsDefaultOrEmpty) Line(w, 4, "digital_scopes: [" + string.Join(", ", p.DigitalScopes.Select(Str)) + "]");
        if (!p.Investment.IsDefaultOrEmpty)
        {
            Line(w, 4, "investment:");
            foreach (var y in p.Investment)
                Line(w, 5, Int(y.Year) + ": " + Flow(["equipment: " + Dec(y.Equipment.Yuan), "digital: " + Dec(y.Digital.Yuan)]));
        }
        if (!p.PriorAwards.IsDefaultOrEmpty)
        {
            Line(w, 4, "prior_awards:");
            foreach (var a in p.PriorAwards)
                Line(w, 5, "- " + Flow(["scheme: " + Codes.Of(a.Scheme), "year: " + Int(a.Year), "amount: " + Dec(a.Amount.Yuan)]));
        }
    }

    private static void WriteLoan(StringBuilder w, Loan l)
    {
        Line(w, 3, "- id: " + Str(l.Id));
        Line(w, 4, "enterprise: " + Str(l.EnterpriseId));
        Line(w, 4, "project: " + Str(l.ProjectId));
        Line(w, 4, "category: " + Codes.Of(l.Category));
        Line(w, 4, "principal: " + Dec(l.Principal.Yuan));
        Line(w, 4, "rate: " + Dec(l.Rate.Fraction));
        Line(w, 4, "issued_on: " + Date(l.IssuedOn));
        Line(w, 4, "matures_on: " + Date(l.MaturesOn));
        Line(w, 4, "equipment_amount: " + Dec(l.EquipmentAmount.Yuan));
        Line(w, 4, "via_suzhou_platform: " + Bool(l.ViaSuzhouPlatform));
        if (l.Approvals is { } approvals)
            Line(w, 4, "approvals: [" + (approvals.IsDefault ? "" : string.Join(", ", approvals.Select(Codes.Of))) + "]");
        if (!l.Repayments.IsDefaultOrEmpty)
        {
            Line(w, 4, "repayments:");
            foreach (var r in l.Repayments)
                Line(w, 5, "- " + Flow(["date: " + Date(r.Date), "amount: " + Dec(r.Amount.Yuan)]));
        }
    }

    private static void Line(StringBuilder w, int depth, string text) => w.Append(' ', depth * 2).Append(text).Append('\n');

    private static string Flow(IEnumerable<string> parts) => "{ " + string.Join(", ", parts) + " }";

    private static string Int(int v) => v.ToString(Inv);

    /// <summary>Decimal notation as held (scale kept: 680000.00 stays 680000.00); <see cref="decimal"/> never uses exponents.</summary>
    private static string Dec(decimal v) => v.ToString(Inv);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static string Bool(bool b) => b ? "true" : "false";

    /// <summary>A parameter override is text; numbers and booleans stay plain so the file reads naturally.</summary>
    private static string ParameterValue(string value) =>
        PlainNumber().IsMatch(value) || value is "true" or "false" ? value : Str(value);

    /// <summary>A string scalar: plain when YAML reads it back unchanged as a string, else double-quoted.</summary>
    internal static string Str(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NeedsQuotes(value) ? Quote(value) : value;
    }

    private static bool NeedsQuotes(string s)
    {
        if (s.Length == 0) return true;
        // Indicators that start a YAML construct, and characters meaningful inside flow collections or as comments.
        if ("-?:,[]{}#&*!|>'\"%@`.=<".Contains(s[0], StringComparison.Ordinal)) return true;
        if (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) return true;
        foreach (var c in s)
        {
            if (":#,[]{}\"'\\".Contains(c, StringComparison.Ordinal) || !IsPlainPrintable(c)) return true;
        }
        // Words YAML 1.1 or 1.2 resolves to null, booleans or special floats.
        if (Reserved().IsMatch(s)) return true;
        // Number-, date- or time-like text (ints, floats, hex, octal, 2025-03-01): quoted so no reader retypes it.
        if (NumberLike().IsMatch(s)) return true;
        return false;
    }

    /// <summary>Printable in the YAML sense, and not a blank other than the ordinary space.</summary>
    private static bool IsPlainPrintable(char c) =>
        c == ' '
        || (c > ' ' && c < '\x7F')
        || (c >= '\xA0' && c <= '\uD7FF' && c != '\u2028' && c != '\u2029')
        || (c >= '\uE000' && c <= '\uFFFD' && c != '\uFEFF');

    private static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\0': sb.Append("\\0"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\v': sb.Append("\\v"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case '\x1B': sb.Append("\\e"); break;
                case '\x85': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        // Characters beyond the BMP are written as one escape, so no reader sees a lone surrogate.
                        sb.Append("\\U").Append(char.ConvertToUtf32(c, s[i + 1]).ToString("X8", Inv));
                        i++;
                    }
                    else if (c < ' ' || c == '\x7F' || (c >= '\x80' && c < '\xA0') || char.IsSurrogate(c) || c is '\uFEFF' or '\uFFFE' or '\uFFFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", Inv));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|\.inf|[-+]\.inf|\.nan)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^[-+.]?[0-9][0-9a-fA-FxXoObB_.:+\- ]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
