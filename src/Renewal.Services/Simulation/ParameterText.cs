using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy.Parameters;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Simulation;

/// <summary>One parameter as in force for an award year: what the simulation form lists.</summary>
public sealed record ParameterInForce(string Name, string Type, string Description, string Value, string Source, bool Assumed);

/// <summary>Parameter values as the text a person types (<c>--set name=value</c>, the simulation form).</summary>
public static class ParameterText
{
    /// <summary>The value as it would be typed back: 0.015, true, 2024-01-01, a,b,c.</summary>
    public static string Format(object value) => value switch
    {
        ImmutableArray<string> list => string.Join(",", list),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Every parameter with its value in force on 31 December of <paramref name="year"/> (POLICY.md "Parameters").</summary>
    public static IReadOnlyList<ParameterInForce> InForce(ParameterStore store, int year)
    {
        ArgumentNullException.ThrowIfNull(store);
        var date = new DateOnly(year, 12, 31);
        return [.. store.Definitions.Select(d => d.At(date) is { } v
            ? new ParameterInForce(d.Name, d.Type.ToString(), d.Description, Format(v.Value), v.Source.ToString(), v.Source.IsAssumed)
            : new ParameterInForce(d.Name, d.Type.ToString(), d.Description, "", "不在有效期内", false))];
    }

    /// <summary>True when <paramref name="text"/> means the value already in force (0.1 and 0.10 are the same rate).</summary>
    /// <exception cref="ParameterException">The text is not a value of the parameter's type.</exception>
    public static bool Same(ParameterDefinition definition, DateOnly date, string text)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var typed = definition.ParseValue(text);
        var current = definition.At(date)?.Value;
        return current switch
        {
            null => false,
            ImmutableArray<string> list => typed is ImmutableArray<string> other && list.SequenceEqual(other, StringComparer.Ordinal),
            _ => Equals(current, typed),
        };
    }
}
