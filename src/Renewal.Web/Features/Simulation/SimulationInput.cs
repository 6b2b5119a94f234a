using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Web.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace Renewal.Web.Features.Simulation;

/// <summary>Reading a simulation's overrides from the form, the query string (<c>set=name=value</c>) and the API.</summary>
public static class SimulationInput
{
    /// <summary>Form field of a parameter's value on the simulation form.</summary>
    public static string Field(string parameter) => "p:" + parameter;

    /// <summary>"name=value" pairs (query string, hidden fields). A pair without "=" is refused naming it.</summary>
    public static List<KeyValuePair<string, string>> FromPairs(IEnumerable<string?> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var s in pairs)
        {
            if (string.IsNullOrWhiteSpace(s)) continue;
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ParameterException(s, $"参数应为 参数名=值 的形式：{s}");
            result.Add(new(s[..eq].Trim(), s[(eq + 1)..].Trim()));
        }
        return result;
    }

    /// <summary>
    /// The form's values that differ from the value in force on 31 December of <paramref name="year"/>: only those
    /// become overrides (10% typed over 10% changes nothing). Each parameter's editor (Features/Shared/_ParameterEditor)
    /// is read back by <see cref="ParameterForm"/> into canonical text, so a rate is typed in percent (10, 10%), money in
    /// 元 or 万, a caps table as rows. A value that is not one of the parameter's type is refused naming the parameter.
    /// </summary>
    public static List<KeyValuePair<string, string>> FromForm(PolicyEngine engine, int year, Func<string, StringValues> values)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(values);
        if (!ProgrammeYears.Contains(year)) throw new ParameterException("year", $"模拟年度应为 {WhatIf.FirstYear}–{WhatIf.LastYear}，实为 {year}");
        var date = new DateOnly(year, 12, 31);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var d in engine.Parameters.Definitions)
        {
            var text = ParameterForm.Read(d, Field(d.Name), values);
            if (text is null || ParameterText.Same(d, date, text)) continue;
            result.Add(new(d.Name, text));
        }
        return result;
    }

    /// <summary>The overrides as query values: <c>set=name=value</c>.</summary>
    public static string Query(int year, IEnumerable<KeyValuePair<string, string>> overrides) =>
        Microsoft.AspNetCore.Http.QueryString.Create(
            new[] { new KeyValuePair<string, string?>("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                .Concat(overrides.Select(o => new KeyValuePair<string, string?>("set", $"{o.Key}={o.Value}")))).ToString();
}
