using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Services.Simulation;

namespace Renewal.Web.Infrastructure;

/// <summary>
/// Reads back what <c>Features/Shared/_ParameterEditor.cshtml</c> posts for one parameter, as the canonical text
/// <see cref="ParameterDefinition.ParseValue"/> and <c>set=name=value</c> take. Any page that edits parameter values
/// (政策模拟, the drafting of a revision) renders the partial with a <see cref="ParameterEditor"/> and reads the post here.
/// </summary>
/// <remarks>
/// <para>The form fields of a parameter edited under the caller's field name <c>{field}</c>:</para>
/// <list type="table">
/// <item><term><c>{field}</c></term><description>the value as typed: a rate in percent (8, 8%), money in 元 or 万 (500万),
/// 是/否 (true/false), a date, a text, a list of words or codes separated by 、 or ,; for a list shown as checkboxes,
/// one value a checked code; for a caps table, optional YAML text of the whole table, which wins over the rows.</description></item>
/// <item><term><c>{field}.list</c></term><description>present (hidden) when the list is shown as checkboxes, so that
/// none checked reads as the empty list rather than as nothing given.</description></item>
/// <item><term><c>{field}.more</c></term><description>further codes of an open list (scopes, clusters), typed.</description></item>
/// <item><term><c>{field}.rows[i].id</c>, <c>.levels</c>, <c>.per</c>, <c>.amount</c></term><description>row i (from 0,
/// no gaps) of a caps table: its id; one value a checked level code; project or enterprise; the cap in 元 (500万 too).
/// A row left wholly empty is skipped; rows present with all empty give the empty table.</description></item>
/// </list>
/// <para>Nothing given (the field absent or blank, no rows) reads as null: the caller keeps the value it has.</para>
/// </remarks>
public static class ParameterForm
{
    /// <summary>Suffix of the hidden field that says a list is shown as checkboxes.</summary>
    public const string ListMarker = ".list";

    /// <summary>Suffix of the text field of further codes of an open list.</summary>
    public const string More = ".more";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The field of part <paramref name="part"/> (id, levels, per, amount) of caps row <paramref name="row"/>.</summary>
    public static string RowField(string field, int row, string part) => string.Create(Inv, $"{field}.rows[{row}].{part}");

    /// <summary>The canonical text of what the form holds for <paramref name="definition"/> under <paramref name="field"/>, or null when nothing was given.</summary>
    /// <exception cref="ParameterException">What was typed is not a value of the parameter; the message names it in words and by id.</exception>
    public static string? Read(ParameterDefinition definition, string field, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Read(definition, field, k => form.TryGetValue(k, out var v) ? v : StringValues.Empty);
    }

    /// <summary>As <see cref="Read(ParameterDefinition, string, IFormCollection)"/>, from any lookup of field values (absent = <see cref="StringValues.Empty"/>).</summary>
    /// <exception cref="ParameterException">What was typed is not a value of the parameter; the message names it in words and by id.</exception>
    public static string? Read(ParameterDefinition definition, string field, Func<string, StringValues> values)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(values);
        var main = values(field);
        switch (definition.Type)
        {
            case ParameterType.Caps:
                if (Joined(main) is { Length: > 0 } yaml) return ParameterInput.ToCanonicalText(definition, yaml);
                var rows = Rows(field, values);
                return rows.Count == 0 ? null : ParameterInput.Canonical(ParameterInput.ParseRows(definition, rows));
            case ParameterType.List when values(field + ListMarker).Count > 0:
                var items = main.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
                if (Joined(values(field + More)) is { Length: > 0 } more) items.Add(more);
                return ParameterInput.ToCanonicalText(definition, items.Count == 0 ? "[]" : string.Join(",", items));
            default:
                return Joined(main) is { Length: > 0 } text ? ParameterInput.ToCanonicalText(definition, text) : null;
        }
    }

    /// <summary>The rows of a caps table as posted (row 0, 1, … while its id field is present).</summary>
    public static IReadOnlyList<CapRowInput> Rows(string field, Func<string, StringValues> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rows = new List<CapRowInput>();
        for (var i = 0; values(RowField(field, i, "id")).Count > 0; i++)
        {
            rows.Add(new CapRowInput(
                values(RowField(field, i, "id")).ToString(),
                [.. values(RowField(field, i, "levels")).Select(l => l ?? "")],
                values(RowField(field, i, "per")).ToString(),
                values(RowField(field, i, "amount")).ToString()));
        }
        return rows;
    }

    /// <summary>
    /// What the main input shows for <paramref name="value"/>, in the form <see cref="ParameterInput"/> reads back to the
    /// same value: a rate in percent (8), money in 元 (30,000,000), true/false, yyyy-MM-dd, a list in Chinese words
    /// joined by 、 (an empty one 无); a caps table's text field is left blank (its rows show it).
    /// </summary>
    public static string Shown(ParameterDefinition definition, object? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (definition.Type, value) switch
        {
            (_, null) => "",
            (ParameterType.Rate, decimal d) => ParameterInput.PercentText(d),
            (ParameterType.Money, decimal d) => Yuan(d),
            (ParameterType.List, ImmutableArray<string> { Length: 0 }) => "无",
            (ParameterType.List, ImmutableArray<string> list) => string.Join("、", list.Select(Vocabulary.Label)),
            (ParameterType.Text, string s) => Vocabulary.Label(s),
            (ParameterType.Caps, _) => "",
            _ => ParameterText.Format(value),
        };
    }

    /// <summary>Money as typed into a 元 field: 30,000,000 or 12,345.6 (exact, no trailing zeros).</summary>
    public static string Yuan(decimal yuan) => yuan.ToString("#,##0.##", Inv);

    private static string Joined(StringValues v) =>
        string.Join(",", v.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
}

/// <summary>
/// The model of the partial <c>Features/Shared/_ParameterEditor.cshtml</c>: one parameter's input, by its type, under
/// the caller's form field <see cref="Field"/> (read back with <see cref="ParameterForm.Read(ParameterDefinition, string, IFormCollection)"/>).
/// </summary>
/// <param name="Definition">The parameter (its type and, for a list, the choices of its vocabulary group).</param>
/// <param name="Field">The form field name; the partial adds the suffixes described on <see cref="ParameterForm"/>.</param>
public sealed record ParameterEditor(ParameterDefinition Definition, string Field)
{
    /// <summary>The value the editor shows (a typed value, e.g. the one in force); null leaves it empty.</summary>
    public object? Value { get; init; }

    /// <summary>A refused post to show again exactly as typed (wins over <see cref="Value"/>); null when none.</summary>
    public Func<string, StringValues>? Posted { get; init; }

    /// <summary>The id of the main input, for a <c>&lt;label for&gt;</c> elsewhere on the page; the group's id for checkboxes and caps rows.</summary>
    public string? Id { get; init; }

    /// <summary>The accessible name of the input (default: the parameter in words).</summary>
    public string? Label { get; init; }

    /// <summary>Empty rows a caps table offers to add a row.</summary>
    public int EmptyRows { get; init; } = 3;

    /// <summary>The accessible name used for a group (checkboxes, caps rows) and its inner fields.</summary>
    public string Name => Label ?? ParameterInput.Title(Definition);

    /// <summary>The aria-label of the main input: none when a <c>&lt;label for="Id"&gt;</c> elsewhere names it, unless <see cref="Label"/> is given.</summary>
    public string? AriaLabel => Id is null ? Name : Label;

    /// <summary>The boolean the select shows (null: neither, e.g. a value posted that is not one).</summary>
    public bool? Boolean
    {
        get
        {
            try { return Text.Length == 0 ? null : ParameterInput.Parse(Definition, Text) as bool?; }
            catch (ParameterException) { return null; }
        }
    }

    /// <summary>The known choices of a list or text parameter (checkboxes, a select); null for a text input.</summary>
    public ParameterChoices? Choices => ParameterInput.Choices(Definition);

    /// <summary>True when the form was posted with this editor's fields in it.</summary>
    public bool WasPosted => Posted is not null
        && (Posted(Field).Count > 0 || Posted(Field + ParameterForm.ListMarker).Count > 0 || Posted(ParameterForm.RowField(Field, 0, "id")).Count > 0);

    /// <summary>What the main input shows: as posted, or <see cref="ParameterForm.Shown"/> of the value.</summary>
    public string Text => WasPosted ? string.Join(",", Posted!(Field).Select(s => s ?? "")) : ParameterForm.Shown(Definition, Value);

    /// <summary>The text of the further codes of an open list.</summary>
    public string MoreText => WasPosted ? Posted!(Field + ParameterForm.More).ToString()
        : Value is ImmutableArray<string> list && Choices is { } c ? string.Join(",", list.Where(i => c.Terms.All(t => t.Code != i))) : "";

    /// <summary>The checkboxes of a list with known choices, in order: the value's items first (a list's order matters, D-1), then the others.</summary>
    public IReadOnlyList<(Term Term, bool Checked)> Options()
    {
        if (Choices is not { } c) return [];
        IReadOnlyList<string> chosen = Value is ImmutableArray<string> list ? list : [];
        if (WasPosted) chosen = [.. Posted!(Field).Select(s => s ?? "")];
        var first = chosen.Select(code => c.Terms.FirstOrDefault(t => t.Code == code)).OfType<Term>();
        return [.. first.Select(t => (t, true)).Concat(c.Terms.Where(t => !chosen.Contains(t.Code)).Select(t => (t, false)))];
    }

    /// <summary>The rows a caps table shows: as posted, or the value's rows and <see cref="EmptyRows"/> empty ones.</summary>
    public IReadOnlyList<CapRowInput> Rows()
    {
        if (WasPosted && ParameterForm.Rows(Field, Posted!) is { Count: > 0 } posted) return posted;
        var rows = (Value as CapsTable ?? CapsTable.Empty).Select(r => new CapRowInput(
            r.Id, [.. r.Levels.Select(Codes.Of)], r.Per == CapScope.Project ? "project" : "enterprise", ParameterForm.Yuan(r.Amount.Yuan)));
        return [.. rows, .. Enumerable.Range(0, EmptyRows).Select(_ => new CapRowInput("", [], "", ""))];
    }
}
