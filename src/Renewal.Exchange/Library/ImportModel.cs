using System.Globalization;
using System.Text;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>One problem of an imported workbook: where it is (sheet, Excel row number, column header, cell) and why, in Chinese.</summary>
/// <param name="Sheet">The sheet, or null for a problem of the whole file.</param>
/// <param name="Row">The Excel row number (1-based, as Excel shows it), or null.</param>
/// <param name="Column">The column header, or null.</param>
/// <param name="Message">The reason, in Chinese.</param>
public sealed record ImportError(string? Sheet, int? Row, string? Column, string Message)
{
    /// <summary>The cell address, e.g. <c>B5</c>, when known.</summary>
    public string? Cell { get; init; }

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Sheet is not null) sb.Append('[').Append(Sheet).Append("] ");
        if (Row is not null) sb.Append(CultureInfo.InvariantCulture, $"第 {Row} 行 ");
        if (Column is not null) sb.Append('“').Append(Column).Append('”');
        if (Cell is not null) sb.Append('（').Append(Cell).Append('）');
        if (sb.Length > 0) sb.Append('：');
        return sb.Append(Message).ToString();
    }
}

/// <summary>
/// The workbook was refused: it cannot be read, or some cells are wrong. Nothing was saved. <see cref="Errors"/>
/// lists every problem found (up to <see cref="LibraryImportOptions.MaxErrors"/>).
/// </summary>
public sealed class LibraryImportException : Exception
{
    public LibraryImportException(IReadOnlyList<ImportError> errors, bool truncated = false)
        : base(Summary(errors, truncated))
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
        Truncated = truncated;
    }

    public LibraryImportException(string message, Exception? inner = null)
        : base(message, inner) => Errors = [new ImportError(null, null, null, message)];

    public LibraryImportException() : this("导入失败") { }

    public LibraryImportException(string message) : this(message, null) { }

    /// <summary>Every problem found, in sheet and row order.</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>True when more problems exist than were listed.</summary>
    public bool Truncated { get; }

    private static string Summary(IReadOnlyList<ImportError> errors, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 1 && errors[0].Sheet is null) return "导入失败：" + errors[0].Message;
        var more = truncated ? "（错误过多，仅列出前 " + errors.Count.ToString(CultureInfo.InvariantCulture) + " 处）" : "";
        return $"导入失败：共 {errors.Count.ToString(CultureInfo.InvariantCulture)} 处错误{more}，未保存任何数据。首个错误：{(errors.Count > 0 ? errors[0] : null)}";
    }
}

/// <summary>What an import did (or, in a dry run, would do) to one sheet's rows.</summary>
public sealed record SheetReport(string Sheet, int Added, int Changed, int Unchanged)
{
    public int Rows => Added + Changed + Unchanged;
}

/// <summary>The result of an import: per sheet, how many rows were added, changed (some field differs) and unchanged.</summary>
public sealed class ImportReport
{
    /// <summary>True when nothing was saved because the import was a dry run.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The money unit of the workbook (元 or 万元).</summary>
    public required string Unit { get; init; }

    /// <summary>One entry per data sheet, in workbook order.</summary>
    public required IReadOnlyList<SheetReport> Sheets { get; init; }

    public int Added => Sheets.Sum(s => s.Added);
    public int Changed => Sheets.Sum(s => s.Changed);
    public int Unchanged => Sheets.Sum(s => s.Unchanged);

    /// <summary>The entry of <paramref name="sheet"/>.</summary>
    public SheetReport For(string sheet) => Sheets.First(s => s.Sheet == sheet);
}

/// <summary>Vocabularies and limits of an import. The defaults are the policy's (POLICY.md) and the safety limits.</summary>
public sealed record LibraryImportOptions
{
    /// <summary>The default options.</summary>
    public static LibraryImportOptions Default { get; } = new();

    /// <summary>The configured 区镇.</summary>
    public IReadOnlyCollection<string> Areas { get; init; } = Codes.DefaultAreas;

    /// <summary>Allowed 产业集群 ids (default: every id the parameter <c>effective_investment.clusters</c> has ever held).</summary>
    public IReadOnlyCollection<string> Clusters { get; init; } = DefaultVocabulary("effective_investment.clusters", Vocabulary.Clusters.Select(t => t.Code));

    /// <summary>Allowed 数字化类型 ids (default: every id of <c>demonstration.scopes</c>).</summary>
    public IReadOnlyCollection<string> DigitalScopes { get; init; } = DefaultVocabulary("demonstration.scopes", Vocabulary.Scopes.Select(t => t.Code));

    /// <summary>Data rows per sheet above which the workbook is refused.</summary>
    public int MaxRowsPerSheet { get; init; } = 1_000_000;

    /// <summary>Total uncompressed size of the xlsx package above which it is refused (zip bombs).</summary>
    public long MaxUncompressedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>How many problems are listed before the import stops looking.</summary>
    public int MaxErrors { get; init; } = 10_000;

    /// <summary>Rows saved per <c>SaveChanges</c> inside the one transaction.</summary>
    public int BatchSize { get; init; } = 5_000;

    private static string[] DefaultVocabulary(string parameter, IEnumerable<string> fallback)
    {
        var def = PolicyEngine.Default.Parameters.Find(parameter);
        var ids = def is null ? [] : def.Values.SelectMany(v => (System.Collections.Immutable.ImmutableArray<string>)v.Value).ToArray();
        return ids.Length == 0 ? [.. fallback] : [.. ids.Distinct(StringComparer.Ordinal)];
    }
}
