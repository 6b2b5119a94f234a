using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;

namespace Renewal.Exchange.Xlsx;

/// <summary>
/// A one-sheet workbook of a titled table (the xlsx download of a chart or a report): the title in row 1, the
/// headers in row 2 (frozen), then one row per category with exact numbers (stored as numbers, shown with thousands
/// separators). The public face of the library's own <see cref="XlsxWriter"/>.
/// </summary>
public static class TableWorkbook
{
    /// <summary>A row: its label (first column) and a number per further column (null = empty cell).</summary>
    public sealed record Row(string Label, IReadOnlyList<decimal?> Values);

    public static byte[] Write(string title, IReadOnlyList<string> headers, IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var ms = new MemoryStream();
        using (var xlsx = new XlsxWriter(ms))
        {
            var cols = headers.Select((h, i) => new XlsxWriter.Col(Math.Clamp(h.Length * 2.2 + 4, i == 0 ? 16 : 14, 48))).ToList();
            var sheet = xlsx.AddSheet(SheetName(title), cols, frozenRows: 2);
            sheet.Row(XValue.Text(title, XStyle.Bold));
            if (headers.Count > 1) sheet.Merge($"A1:{CellAddress.Of(headers.Count - 1, 1)}");
            sheet.Row([.. headers.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var r in rows)
            {
                var cells = new List<XValue>(r.Values.Count + 1) { XValue.Text(r.Label, XStyle.Text) };
                cells.AddRange(r.Values.Select(v => XValue.Number(v, XStyle.MoneyWan)));
                sheet.Row(cells);
            }
            xlsx.Finish();
        }
        return ms.ToArray();
    }

    /// <summary>Excel's sheet-name rules: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string title)
    {
        var s = new string([.. title.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0)]).Trim('\'', ' ');
        if (s.Length == 0) s = "Sheet1";
        return s.Length > 31 ? s[..31] : s;
    }
}
