using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using Renewal.Data.Entities;
using Renewal.Policy.Parameters;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Services.Simulation;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Rules;

/// <summary>
/// One dated value of the form (row <see cref="Index"/>, from 0): the parameter, its period as typed, its value in the shared
/// editor (Features/Shared/_ParameterEditor, by type, under the field <c>r{i}.value</c>), its source and note.
/// </summary>
public sealed record DraftRow(int Index, ParameterDefinition Definition, string From, string Until, string Source, string Note, ParameterEditor Editor)
{
    public string Field(string part) => DraftForm.Field(Index, part);
}

/// <summary>The form fields of the drafting pages, and what they post.</summary>
public static partial class DraftForm
{
    /// <summary>A revision file is small (<see cref="RuleRevision.TextLength"/> characters): an upload above this is refused before it is read.</summary>
    public const long MaxUploadBytes = 256 * 1024;

    /// <summary>The extensions of a revision file (YAML, or JSON of the same shape).</summary>
    public static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>The field <paramref name="part"/> (parameter, from, until, value, source, note) of row <paramref name="row"/>.</summary>
    public static string Field(int row, string part) => string.Create(CultureInfo.InvariantCulture, $"r{row}.{part}");

    public static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The header field of a revision in words: 编号（id）, 标题（title）, …</summary>
    public static string HeaderLabel(string field) => field switch
    {
        "id" => Lang.T("编号（id）", "Id"),
        "title" => Lang.T("标题（title）", "Title"),
        "source" => Lang.T("依据（source）", "Source"),
        "published_on" => Lang.T("公布日期（published_on）", "Published on"),
        _ => field,
    };

    /// <summary>The row number (from 1) a reader's field <c>values.{parameter}[k]…</c> names, among the rows of that parameter.</summary>
    public static int? RowOf(IReadOnlyList<DraftRow> rows, string parameter, string? field)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (field is null || ValueIndex().Match(field) is not { Success: true } m) return null;
        var k = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var of = rows.Where(r => r.Definition.Name == parameter).ToList();
        return k >= 1 && k <= of.Count ? of[k - 1].Index + 1 : null;
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex ValueIndex();
}

/// <summary>
/// What the drafting pages share (/rules/drafts/new, /rules/drafts/{id}/edit): the header (编号, 标题, 依据, 公布日期) and
/// rows of dated values typed in the shared parameter editor, built into a revision file by <see cref="RevisionWriter"/>;
/// or a revision file uploaded or pasted as it is. A refusal — the reader's (V-1: unknown parameter, wrong type, overlap,
/// yields_to naming a later level) or the service's — is shown in Chinese and the form keeps what was typed.
/// </summary>
public abstract class DraftFormModel(RuleBook rules, RevisionService revisions, TimeProvider clock) : PageModel
{
    protected RevisionService Revisions => revisions;

    public string DocumentId { get; protected set; } = "";
    public string TitleText { get; protected set; } = "";
    public string SourceText { get; protected set; } = "";
    public string PublishedOn { get; protected set; } = "";
    public List<DraftRow> Rows { get; } = [];
    /// <summary>The revision file's text in the text box (what was pasted, uploaded and refused, or the draft's).</summary>
    public string Text { get; protected set; } = "";
    public IReadOnlyList<string> Errors { get; protected set; } = [];
    /// <summary>The draft's version the form was read from (edit only): a change in between is refused.</summary>
    public long? Version { get; protected set; }
    /// <summary>The row the last post added (to focus it).</summary>
    public int? Added { get; private set; }

    public DateOnly Today => clock.Today();

    /// <summary>The parameters one may give values, grouped by scheme (the select of 添加参数).</summary>
    public IReadOnlyList<RuleGroup> Choices => RuleParameters.Of(rules.Pack.Parameters, Today);

    /// <summary>Where the form posts and a refused post lands.</summary>
    public abstract string Self { get; }

    /// <summary>Stores the revision file <paramref name="text"/>: a new draft, or the draft's new text.</summary>
    protected abstract Task<Result<RuleRevision>> StoreAsync(UserContext user, string text, string fileName, CancellationToken ct);

    /// <summary>What the page shows after a refused or intermediate post.</summary>
    protected abstract Task<IActionResult> ShowAsync(CancellationToken ct);

    /// <summary>Adds a row for the chosen parameter, its value the one in force on its first day.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? add, CancellationToken ct)
    {
        ReadPosted(skip: null);
        var def = add is null ? null : rules.Pack.Parameters.Find(add);
        if (def is null)
        {
            Errors = [Lang.T("请选择要添加的参数", "Choose the parameter to add")];
            return await ShowAsync(ct);
        }
        var from = DraftForm.TryDate(PublishedOn, out var day) ? day : Today;
        var current = rules.On(Today).Parameters.Find(def.Name)?.At(from)?.Value;
        var i = Rows.Count;
        Rows.Add(NewRow(i, def, from, null, DocumentId, "", current));
        Added = i;
        return await ShowAsync(ct);
    }

    /// <summary>Removes row <paramref name="remove"/> (from 0), keeping what was typed in the others.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int remove, CancellationToken ct)
    {
        ReadPosted(skip: remove);
        return await ShowAsync(ct);
    }

    /// <summary>Builds the revision file from the header and rows, and drafts (or replaces) it.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!RevisionService.MayWrite(user)) return Forbid();
        ReadPosted(skip: null);
        var errors = new List<string>();
        var revision = Build(errors);
        if (revision is null)
        {
            Errors = errors;
            return await ShowAsync(ct);
        }
        var text = RevisionWriter.ToYaml(revision);
        // The reader's refusal in the form's terms (row and parameter in words), not the generated file's lines.
        try
        {
            RevisionReader.Read(text, Lang.T("表单", "form"), rules.Pack.Parameters);
        }
        catch (RevisionFormatException e)
        {
            Errors = [.. e.Errors.Select(Said)];
            return await ShowAsync(ct);
        }
        return await StoreOrShowAsync(user, text, Lang.T("表单", "form"), ct);
    }

    /// <summary>Drafts (or replaces) from a revision file uploaded, or its text pasted.</summary>
    public async Task<IActionResult> OnPostFileAsync(IFormFile? upload, string? text, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!RevisionService.MayWrite(user)) return Forbid();
        ReadHeaderOnly();
        Text = text ?? "";
        var fileName = Lang.T("粘贴的修订文件", "pasted revision file");
        if (upload is { Length: > 0 })
        {
            fileName = Path.GetFileName(upload.FileName);
            if (!DraftForm.Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant()))
            {
                Errors = [Lang.T($"修订文件“{fileName}”应为 .yaml、.yml 或 .json 文件", $"“{fileName}” should be a .yaml, .yml or .json file")];
                return await ShowAsync(ct);
            }
            if (upload.Length > DraftForm.MaxUploadBytes)
            {
                Errors = [Lang.T($"修订文件“{fileName}”过大：最多 {DraftForm.MaxUploadBytes / 1024} KB", $"“{fileName}” is too large: at most {DraftForm.MaxUploadBytes / 1024} KB")];
                return await ShowAsync(ct);
            }
            using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            Text = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(Text))
        {
            Errors = [Lang.T("请选择修订文件，或粘贴修订文件的文本", "Choose a revision file, or paste its text")];
            return await ShowAsync(ct);
        }
        return await StoreOrShowAsync(user, Text, fileName, ct);
    }

    private async Task<IActionResult> StoreOrShowAsync(UserContext user, string text, string fileName, CancellationToken ct)
    {
        var r = await StoreAsync(user, text, fileName, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (!r.Ok)
        {
            Errors = [.. (r.Message ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            return await ShowAsync(ct);
        }
        TempData["Message"] = Lang.T($"已保存修订草稿 {r.Value!.DocumentId}。请查看发布前的影响；须由另一位市局管理员发布。",
            $"Draft {r.Value!.DocumentId} saved. Review its impact; another bureau administrator must publish it.");
        return Redirect($"/rules/drafts/{r.Value.Id}");
    }

    /// <summary>The form as it was when the draft <paramref name="revision"/> was read: its header and one row a dated value.</summary>
    protected void Fill(Revision revision, long version)
    {
        ArgumentNullException.ThrowIfNull(revision);
        DocumentId = revision.Id;
        TitleText = revision.Title;
        SourceText = revision.Source;
        PublishedOn = RuleWords.Date(revision.PublishedOn);
        Version = version;
        foreach (var pv in revision.Values)
        {
            if (rules.Pack.Parameters.Find(pv.Parameter) is not { } def) continue;
            foreach (var v in pv.Values) Rows.Add(NewRow(Rows.Count, def, v.From, v.Until, v.Source.Reference, v.Source.Note ?? "", v.Value));
        }
    }

    /// <summary>A new form: today as the day the revision becomes known.</summary>
    protected void Blank() => PublishedOn = RuleWords.Date(Today);

    private static DraftRow NewRow(int i, ParameterDefinition def, DateOnly from, DateOnly? until, string source, string note, object? value) =>
        new(i, def, RuleWords.Date(from), RuleWords.Date(until), source, note, Editor(i, def) with { Value = value });

    private static ParameterEditor Editor(int i, ParameterDefinition def) =>
        new(def, DraftForm.Field(i, "value")) { Label = Lang.T($"{ParameterWords.Title(def)}的取值", $"Value of {ParameterWords.Title(def)}"), EmptyRows = 2 };

    private void ReadHeaderOnly()
    {
        var form = Request.Form;
        DocumentId = form["id"].ToString().Trim();
        TitleText = form["title"].ToString().Trim();
        SourceText = form["source"].ToString().Trim();
        PublishedOn = form["published_on"].ToString().Trim();
        if (long.TryParse(form["version"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) Version = v;
    }

    /// <summary>The header and the rows as posted; row <paramref name="skip"/> left out (removed), the rows after it renumbered.</summary>
    private void ReadPosted(int? skip)
    {
        ReadHeaderOnly();
        var form = Request.Form;
        for (var i = 0; form.ContainsKey(DraftForm.Field(i, "parameter")); i++)
        {
            if (i == skip) continue;
            if (rules.Pack.Parameters.Find(form[DraftForm.Field(i, "parameter")].ToString()) is not { } def) continue;
            var n = Rows.Count;
            string Posted(string part) => form[DraftForm.Field(i, part)].ToString().Trim();
            var oldField = DraftForm.Field(i, "value");
            var newField = DraftForm.Field(n, "value");
            StringValues Lookup(string f) => form[f.StartsWith(newField, StringComparison.Ordinal) ? oldField + f[newField.Length..] : f];
            Rows.Add(new DraftRow(n, def, Posted("from"), Posted("until"), Posted("source"), Posted("note"), Editor(n, def) with { Posted = Lookup }));
        }
    }

    /// <summary>The revision the form describes, or null with the reasons in <paramref name="errors"/>.</summary>
    private Revision? Build(List<string> errors)
    {
        var published = DateOnly.MinValue;
        if (PublishedOn.Length == 0) errors.Add(Lang.T("请填写公布日期（published_on）：规则为人所知的日子", "Give the day the rule became known (published_on)"));
        else if (!DraftForm.TryDate(PublishedOn, out published)) errors.Add(Lang.T($"公布日期“{PublishedOn}”不是有效日期（如 2025-03-01）", $"“{PublishedOn}” is not a date (e.g. 2025-03-01)"));
        if (Rows.Count == 0) errors.Add(Lang.T("请至少添加一个参数的取值", "Add at least one value"));
        var values = new List<(string Parameter, DatedValue Value)>();
        foreach (var row in Rows)
        {
            var where = Lang.T($"第 {row.Index + 1} 行（{ParameterWords.Title(row.Definition)}）", $"Row {row.Index + 1} ({ParameterWords.Title(row.Definition)})");
            var from = default(DateOnly);
            DateOnly? until = null;
            if (row.From.Length == 0) errors.Add(Lang.T($"{where}：请填写起始日", $"{where}: give the first day"));
            else if (!DraftForm.TryDate(row.From, out from)) errors.Add(Lang.T($"{where}：起始日“{row.From}”不是有效日期", $"{where}: “{row.From}” is not a date"));
            if (row.Until.Length > 0)
            {
                if (DraftForm.TryDate(row.Until, out var u)) until = u;
                else errors.Add(Lang.T($"{where}：止日“{row.Until}”不是有效日期", $"{where}: “{row.Until}” is not a date"));
            }
            object? value = null;
            try
            {
                var canonical = ParameterForm.Read(row.Definition, row.Editor.Field, row.Editor.Posted!);
                if (canonical is null) errors.Add(Lang.T($"{where}：请填写取值", $"{where}: give the value"));
                else value = row.Definition.ParseValue(canonical);
            }
            catch (ParameterException e)
            {
                errors.Add($"{where}：{e.Message}");
            }
            var source = row.Source.Length > 0 ? row.Source : DocumentId;
            if (value is not null && from != default) values.Add((row.Definition.Name, new DatedValue(from, until, value, ParameterSource.Parse(source, row.Note.Length > 0 ? row.Note : null))));
        }
        if (errors.Count > 0) return null;
        var grouped = values.GroupBy(v => v.Parameter)
            .Select(g => new RevisionValues(g.Key, [.. g.Select(v => v.Value)]))
            .ToImmutableArray();
        return new Revision(DocumentId, TitleText, SourceText, published, grouped);
    }

    /// <summary>A reader's refusal said in the form's terms: the header field, or the row and the parameter in words.</summary>
    private string Said(RevisionError e)
    {
        if (e.Parameter is { } name && rules.Pack.Parameters.Find(name) is { } def)
        {
            var row = DraftForm.RowOf(Rows, name, e.Field);
            var who = row is { } n ? Lang.T($"第 {n} 行（{ParameterWords.Title(def)}）", $"Row {n} ({ParameterWords.Title(def)})") : ParameterInput.Named(def);
            return $"{who}：{e.Message}";
        }
        return e.Field is { } f && e.Parameter is null ? $"{DraftForm.HeaderLabel(f)}：{e.Message}" : e.ToString();
    }
}
