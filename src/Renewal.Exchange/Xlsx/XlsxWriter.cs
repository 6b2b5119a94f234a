using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;

namespace Renewal.Exchange.Xlsx;

/// <summary>The cell styles of <see cref="XlsxWriter"/> (indices into its <c>cellXfs</c>).</summary>
public enum XStyle
{
    Default = 0,
    Header = 1,
    Date = 2,
    MoneyYuan = 3,
    MoneyWan = 4,
    Text = 5,
    PercentNumber = 6,
    WholeNumber = 7,
    Bold = 8,
    Wrap = 9,
    /// <summary>Displayed as a percentage: 3.45% is stored as 0.0345.</summary>
    Percent = 10,
}

/// <summary>A value to write: text, a number (kept as exact decimal text), a date, or a formula with its cached value.</summary>
public readonly record struct XValue(CellKind Kind, string Value, XStyle Style, string? Formula = null)
{
    public static readonly XValue Blank = new(CellKind.Empty, "", XStyle.Default);

    public static XValue Text(string? s, XStyle style = XStyle.Default) =>
        string.IsNullOrEmpty(s) ? new(CellKind.Empty, "", style) : new(CellKind.Text, s, style);

    public static XValue Number(decimal d, XStyle style = XStyle.Default) => new(CellKind.Number, CellText.Format(d), style);

    public static XValue Number(decimal? d, XStyle style) => d is { } v ? Number(v, style) : new(CellKind.Empty, "", style);

    public static XValue WholeNumber(int? i, XStyle style = XStyle.WholeNumber) =>
        i is { } v ? new(CellKind.Number, v.ToString(CultureInfo.InvariantCulture), style) : new(CellKind.Empty, "", style);

    public static XValue Date(DateOnly? d) =>
        d is { } v ? new(CellKind.Number, CellText.Serial(v).ToString(CultureInfo.InvariantCulture), XStyle.Date) : new(CellKind.Empty, "", XStyle.Date);

    public static implicit operator XValue(string? s) => Text(s);

    public static implicit operator XValue(decimal d) => Number(d);

    public static implicit operator XValue(int i) => WholeNumber(i, XStyle.Default);
}

/// <summary>
/// A small streaming xlsx writer: inline strings, numbers written as exact decimal text, a fixed set of styles,
/// frozen header rows, column widths and default column styles, merged ranges and drop-down lists. Sheets are
/// streamed one at a time into the zip, so a workbook of any size is written in constant memory.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private SheetWriter? _open;
    private bool _finished;

    public XlsxWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
    }

    /// <summary>Column definition: width in characters and the style new cells of the column get.</summary>
    public readonly record struct Col(double Width, XStyle Style = XStyle.Default);

    /// <summary>Starts the next sheet (the previous one is closed).</summary>
    public SheetWriter AddSheet(string name, IReadOnlyList<Col>? columns = null, int frozenRows = 0)
    {
        _open?.Dispose();
        _sheets.Add(name);
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest);
        _open = new SheetWriter(entry.Open(), columns ?? [], frozenRows);
        return _open;
    }

    /// <summary>Writes the workbook parts; the zip is complete after this.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _open?.Dispose();
        _open = null;
        Write("[Content_Types].xml", w =>
        {
            w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, "xml", "application/xml");
            Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= _sheets.Count; i++)
                Override(w, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            w.WriteEndElement();
        });
        Write("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            Rel(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Write("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", "http://schemas.openxmlformats.org/package/2006/relationships");
            for (var i = 1; i <= _sheets.Count; i++)
                Rel(w, $"rId{i}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml");
            Rel(w, $"rId{_sheets.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
            w.WriteEndElement();
        });
        Write("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, RelNs);
            w.WriteStartElement("bookViews");
            w.WriteStartElement("workbookView");
            w.WriteAttributeString("activeTab", "0");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("sheets");
            for (var i = 0; i < _sheets.Count; i++)
            {
                w.WriteStartElement("sheet");
                w.WriteAttributeString("name", _sheets[i]);
                w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", RelNs, $"rId{i + 1}");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        });
        var styles = _zip.CreateEntry("xl/styles.xml", CompressionLevel.Fastest);
        using (var s = styles.Open())
            s.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + Styles));
    }

    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string Styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"165\" formatCode=\"#,##0.00\"/>"
        + "<numFmt numFmtId=\"166\" formatCode=\"#,##0.00####\"/><numFmt numFmtId=\"167\" formatCode=\"0.00##\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right><top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"11\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"167\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"10\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>";

    private static void Default(XmlWriter w, string ext, string type)
    {
        w.WriteStartElement("Default");
        w.WriteAttributeString("Extension", ext);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string type)
    {
        w.WriteStartElement("Override");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Rel(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship");
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    public static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };

    private void Write(string path, Action<XmlWriter> body)
    {
        var entry = _zip.CreateEntry(path, CompressionLevel.Fastest);
        using var w = XmlWriter.Create(entry.Open(), Settings);
        w.WriteStartDocument(true);
        body(w);
        w.WriteEndDocument();
    }

    public void Dispose()
    {
        Finish();
        _zip.Dispose();
    }

    /// <summary>Removes characters XML 1.0 cannot hold (control characters other than tab and newlines).</summary>
    public static string XmlSafe(string s)
    {
        foreach (var c in s)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) return new string([.. s.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch))]);
        }
        return s;
    }
}

/// <summary>Writes the rows of one sheet; merged ranges and drop-down lists are written when it is closed.</summary>
public sealed class SheetWriter : IDisposable
{
    private readonly XmlWriter _w;
    private readonly List<string> _merges = [];
    private readonly List<(string Range, string List)> _lists = [];
    private int _row;
    private bool _closed;

    public SheetWriter(Stream stream, IReadOnlyList<XlsxWriter.Col> columns, int frozenRows)
    {
        _w = XmlWriter.Create(stream, XlsxWriter.Settings);
        _w.WriteStartDocument(true);
        _w.WriteStartElement("worksheet", XlsxWriter.Main);
        _w.WriteStartElement("sheetViews");
        _w.WriteStartElement("sheetView");
        _w.WriteAttributeString("workbookViewId", "0");
        if (frozenRows > 0)
        {
            _w.WriteStartElement("pane");
            _w.WriteAttributeString("ySplit", frozenRows.ToString(CultureInfo.InvariantCulture));
            _w.WriteAttributeString("topLeftCell", "A" + (frozenRows + 1).ToString(CultureInfo.InvariantCulture));
            _w.WriteAttributeString("activePane", "bottomLeft");
            _w.WriteAttributeString("state", "frozen");
            _w.WriteEndElement();
        }
        _w.WriteEndElement();
        _w.WriteEndElement();
        if (columns.Count > 0)
        {
            _w.WriteStartElement("cols");
            for (var i = 0; i < columns.Count; i++)
            {
                _w.WriteStartElement("col");
                var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                _w.WriteAttributeString("min", n);
                _w.WriteAttributeString("max", n);
                _w.WriteAttributeString("width", columns[i].Width.ToString(CultureInfo.InvariantCulture));
                if (columns[i].Style != XStyle.Default) _w.WriteAttributeString("style", ((int)columns[i].Style).ToString(CultureInfo.InvariantCulture));
                _w.WriteAttributeString("customWidth", "1");
                _w.WriteEndElement();
            }
            _w.WriteEndElement();
        }
        _w.WriteStartElement("sheetData");
    }

    /// <summary>The number of the last row written (1-based).</summary>
    public int RowNumber => _row;

    public void Row(params XValue[] cells) => Row((IReadOnlyList<XValue>)cells);

    public void Row(IReadOnlyList<XValue> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _row++;
        var r = _row.ToString(CultureInfo.InvariantCulture);
        _w.WriteStartElement("row");
        _w.WriteAttributeString("r", r);
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (c.Kind == CellKind.Empty && c.Style == XStyle.Default && c.Formula is null) continue;
            _w.WriteStartElement("c");
            _w.WriteAttributeString("r", CellAddress.Of(i, _row));
            if (c.Style != XStyle.Default) _w.WriteAttributeString("s", ((int)c.Style).ToString(CultureInfo.InvariantCulture));
            if (c.Formula is not null)
            {
                if (c.Kind == CellKind.Text) _w.WriteAttributeString("t", "str");
                _w.WriteElementString("f", c.Formula);
                if (c.Kind != CellKind.Empty) _w.WriteElementString("v", XlsxWriter.XmlSafe(c.Value));
            }
            else if (c.Kind == CellKind.Text)
            {
                _w.WriteAttributeString("t", "inlineStr");
                _w.WriteStartElement("is");
                _w.WriteStartElement("t");
                var text = XlsxWriter.XmlSafe(c.Value);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                    _w.WriteAttributeString("xml", "space", null, "preserve");
                _w.WriteString(text);
                _w.WriteEndElement();
                _w.WriteEndElement();
            }
            else if (c.Kind == CellKind.Number)
            {
                _w.WriteElementString("v", c.Value);
            }
            else if (c.Kind == CellKind.Boolean)
            {
                _w.WriteAttributeString("t", "b");
                _w.WriteElementString("v", c.Value);
            }
            _w.WriteEndElement();
        }
        _w.WriteEndElement();
    }

    /// <summary>Merges a range such as <c>A2:A4</c>.</summary>
    public void Merge(string range) => _merges.Add(range);

    /// <summary>A drop-down list of <paramref name="items"/> on <paramref name="range"/> (typing other values stays allowed).</summary>
    public void DropDown(string range, IEnumerable<string> items) => _lists.Add((range, "\"" + string.Join(",", items) + "\""));

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _w.WriteEndElement(); // sheetData
        if (_merges.Count > 0)
        {
            _w.WriteStartElement("mergeCells");
            _w.WriteAttributeString("count", _merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var m in _merges)
            {
                _w.WriteStartElement("mergeCell");
                _w.WriteAttributeString("ref", m);
                _w.WriteEndElement();
            }
            _w.WriteEndElement();
        }
        if (_lists.Count > 0)
        {
            _w.WriteStartElement("dataValidations");
            _w.WriteAttributeString("count", _lists.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var (range, list) in _lists)
            {
                _w.WriteStartElement("dataValidation");
                _w.WriteAttributeString("type", "list");
                _w.WriteAttributeString("allowBlank", "1");
                _w.WriteAttributeString("showInputMessage", "1");
                _w.WriteAttributeString("showErrorMessage", "0");
                _w.WriteAttributeString("sqref", range);
                _w.WriteElementString("formula1", list);
                _w.WriteEndElement();
            }
            _w.WriteEndElement();
        }
        _w.WriteEndElement(); // worksheet
        _w.WriteEndDocument();
        _w.Dispose();
    }
}
