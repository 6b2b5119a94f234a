using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;

namespace Renewal.Exchange.Xlsx;

/// <summary>What a cell holds, as stored in the sheet XML.</summary>
public enum CellKind : byte
{
    Empty,
    /// <summary>A number; <see cref="XCell.Value"/> is its text as stored (invariant culture, maybe with exponent).</summary>
    Number,
    Text,
    Boolean,
    /// <summary>A formula error such as <c>#N/A</c>.</summary>
    Error,
    /// <summary>An ISO 8601 date (cell type <c>d</c>).</summary>
    IsoDate,
}

/// <summary>One cell: kind, value as text, style index, whether it holds a formula (whose cached value this is).</summary>
public readonly record struct XCell(CellKind Kind, string Value, int Style, bool Formula)
{
    public static readonly XCell Empty = new(CellKind.Empty, "", 0, false);
    public bool IsBlank => Kind == CellKind.Empty || (Kind == CellKind.Text && string.IsNullOrWhiteSpace(Value));
}

/// <summary>
/// A row as the sheet streams it. The same instance is reused for the next row: read what you need before moving on.
/// Cells beyond <see cref="XlsxPackage.MaxColumns"/> are ignored.
/// </summary>
public sealed class XRow
{
    public XRow() => Array.Fill(Cells, XCell.Empty);

    public int Number { get; internal set; }
    public XCell[] Cells { get; } = new XCell[XlsxPackage.MaxColumns];
    /// <summary>True where the value was copied from the top cell of a vertically merged range.</summary>
    public bool[] FromMerge { get; } = new bool[XlsxPackage.MaxColumns];

    /// <summary>True when no cell has a value of its own (merged copies do not count).</summary>
    public bool IsBlank
    {
        get
        {
            for (var i = 0; i < Cells.Length; i++)
                if (!FromMerge[i] && !Cells[i].IsBlank) return false;
            return true;
        }
    }

    public void Clear()
    {
        Array.Fill(Cells, XCell.Empty);
        Array.Clear(FromMerge);
    }
}

/// <summary>
/// A minimal, defensive reader of xlsx packages (SpreadsheetML): inspects the zip before anything is parsed (size,
/// compression ratio, entry count), verifies each part's CRC and size while streaming it, refuses DTDs, and streams
/// sheets row by row with vertical merges filled in. Every failure surfaces as <see cref="LibraryImportException"/>
/// or as an exception of the XML/zip layers that the importer turns into one.
/// </summary>
public sealed class XlsxPackage : IDisposable
{
    /// <summary>Columns A..BL are read; the library's sheets use far fewer.</summary>
    public const int MaxColumns = 64;
    private const int MaxEntries = 10_000;
    private const int MaxRatio = 500;
    private const int MaxMerges = 1_000_000;
    private const int MaxExcelRow = 1_048_576;
    private const int MaxExcelColumn = 16_384;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly Stream _stream;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _sheetPaths = new(StringComparer.Ordinal);
    private readonly List<string> _sheetNames = [];
    private readonly long _maxBytes;
    private long _bytesRead;
    private string? _sharedStringsPath;
    private string? _stylesPath;
    private List<string>? _sharedStrings;
    private bool[]? _percentStyles;

    private XlsxPackage(Stream stream, ZipArchive zip, long maxBytes)
    {
        _stream = stream;
        _zip = zip;
        _maxBytes = maxBytes;
    }

    /// <summary>Sheet names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames => _sheetNames;

    /// <summary>True when the workbook counts dates from 1904 (old Mac Excel).</summary>
    public bool Date1904 { get; private set; }

    /// <summary>Opens and inspects a package; refuses non-zip files, old .xls files and zip bombs.</summary>
    public static XlsxPackage Open(Stream input, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stream = Seekable(input, maxBytes);
        try
        {
            CheckSignature(stream);
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException e)
            {
                throw new LibraryImportException("文件不是有效的 xlsx 文件：zip 结构损坏（文件可能不完整或已损坏）", e);
            }
            var package = new XlsxPackage(stream, zip, maxBytes);
            try
            {
                package.Inspect();
                package.ReadWorkbook();
                return package;
            }
            catch
            {
                package.Dispose();
                throw;
            }
        }
        catch
        {
            if (!ReferenceEquals(stream, input)) stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The zip defences alone, for a package another reader will parse (the bank ledger, through MiniExcel): the same
    /// signature, entry-count, size and ratio checks as <see cref="Open"/>, then every part inflated once through the
    /// size and CRC-32 check, which .NET's <see cref="ZipArchive"/> does not make (ADR-013).
    /// </summary>
    /// <exception cref="LibraryImportException">The package is refused; the message says why, in Chinese.</exception>
    /// <exception cref="InvalidDataException">The zip or a part's compressed data is damaged.</exception>
    public static void Verify(Stream input, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stream = Seekable(input, maxBytes);
        try
        {
            CheckSignature(stream);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var package = new XlsxPackage(stream, zip, maxBytes);
            package.Inspect();
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var part = new VerifiedStream(entry, package);
                while (part.Read(buffer, 0, buffer.Length) > 0) { }
            }
        }
        finally
        {
            if (!ReferenceEquals(stream, input)) stream.Dispose();
        }
    }

    private static Stream Seekable(Stream input, long maxBytes)
    {
        if (input.CanSeek)
        {
            if (input.Length - input.Position > maxBytes)
                throw new LibraryImportException($"文件过大（超过 {maxBytes / 1024 / 1024} MB），拒绝导入");
            return input;
        }
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + n > maxBytes)
            {
                copy.Dispose();
                throw new LibraryImportException($"文件过大（超过 {maxBytes / 1024 / 1024} MB），拒绝导入");
            }
            copy.Write(buffer, 0, n);
        }
        copy.Position = 0;
        return copy;
    }

    private static void CheckSignature(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[8];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (n == 0) throw new LibraryImportException("文件为空");
        if (n >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0)
            throw new LibraryImportException("这是旧版 Excel 97-2003（.xls）文件或加密（设置了打开密码）的工作簿：请在 Excel 中另存为不加密的 .xlsx 后再导入");
        if (n < 4 || head[0] != (byte)'P' || head[1] != (byte)'K')
            throw new LibraryImportException("文件不是 xlsx 文件（Excel 2007 及以上的 .xlsx 格式）：请在 Excel 中另存为 .xlsx 后再导入");
    }

    private void Inspect()
    {
        long total = 0;
        var entries = _zip.Entries;
        if (entries.Count > MaxEntries) throw new LibraryImportException($"xlsx 文件包含 {entries.Count} 个部件，超过上限 {MaxEntries}，拒绝导入");
        foreach (var e in entries)
        {
            total += e.Length;
            if (e.Length < 0 || e.CompressedLength < 0 || total > _maxBytes)
                throw new LibraryImportException($"xlsx 文件解压后超过 {_maxBytes / 1024 / 1024} MB（疑似压缩炸弹），拒绝导入");
            if (e.Length > 1024 * 1024 && e.Length / Math.Max(1, e.CompressedLength) > MaxRatio)
                throw new LibraryImportException($"xlsx 部件“{e.FullName}”的压缩比异常（{e.Length / Math.Max(1, e.CompressedLength)}:1，疑似压缩炸弹），拒绝导入");
            _entries[Normalize(e.FullName)] = e;
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    private void ReadWorkbook()
    {
        var workbookPath = "xl/workbook.xml";
        if (_entries.ContainsKey("_rels/.rels"))
        {
            foreach (var (_, type, target) in Relationships("_rels/.rels", ""))
                if (type.EndsWith("/officeDocument", StringComparison.Ordinal)) { workbookPath = target; break; }
        }
        if (!_entries.ContainsKey(workbookPath))
            throw new LibraryImportException("文件不是 Excel 工作簿（缺少 xl/workbook.xml）：请确认是 .xlsx 文件");

        var sheets = new List<(string Name, string Rid)>();
        using (var xr = Xml(workbookPath))
        {
            while (xr.Read())
            {
                if (xr.NodeType != XmlNodeType.Element) continue;
                if (xr.LocalName == "workbookPr")
                {
                    var d = xr.GetAttribute("date1904");
                    Date1904 = d is "1" or "true";
                }
                else if (xr.LocalName == "sheet")
                {
                    var name = xr.GetAttribute("name") ?? "";
                    string? rid = null;
                    if (xr.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (xr.LocalName == "id" && xr.NamespaceURI.Length > 0) rid = xr.Value;
                        }
                        while (xr.MoveToNextAttribute());
                        xr.MoveToElement();
                    }
                    sheets.Add((name, rid ?? ""));
                }
            }
        }

        var dir = workbookPath.Contains('/', StringComparison.Ordinal) ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
        var relsPath = dir + "_rels/" + workbookPath[dir.Length..] + ".rels";
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_entries.ContainsKey(relsPath))
        {
            foreach (var (id, type, target) in Relationships(relsPath, dir))
            {
                targets[id] = target;
                if (type.EndsWith("/sharedStrings", StringComparison.Ordinal)) _sharedStringsPath = target;
                else if (type.EndsWith("/styles", StringComparison.Ordinal)) _stylesPath = target;
            }
        }
        _sharedStringsPath ??= _entries.ContainsKey(dir + "sharedStrings.xml") ? dir + "sharedStrings.xml" : null;
        _stylesPath ??= _entries.ContainsKey(dir + "styles.xml") ? dir + "styles.xml" : null;
        foreach (var (name, rid) in sheets)
        {
            if (name.Length == 0 || _sheetPaths.ContainsKey(name)) continue;
            // A sheet whose part is missing is still listed: reading it says the file is damaged.
            _sheetPaths[name] = targets.GetValueOrDefault(rid) ?? "";
            _sheetNames.Add(name);
        }
    }

    private List<(string Id, string Type, string Target)> Relationships(string path, string baseDir)
    {
        var result = new List<(string Id, string Type, string Target)>();
        using var xr = Xml(path);
        while (xr.Read())
        {
            if (xr.NodeType != XmlNodeType.Element || xr.LocalName != "Relationship") continue;
            var target = xr.GetAttribute("Target") ?? "";
            if (string.Equals(xr.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase)) continue;
            target = target.StartsWith('/') ? target[1..] : Resolve(baseDir, target);
            result.Add((xr.GetAttribute("Id") ?? "", xr.GetAttribute("Type") ?? "", target));
        }
        return result;
    }

    private static string Resolve(string baseDir, string relative)
    {
        var parts = new List<string>(baseDir.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var p in relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else parts.Add(p);
        }
        return string.Join('/', parts);
    }

    private XmlReader Xml(string path)
    {
        if (!_entries.TryGetValue(path, out var entry))
            throw new LibraryImportException(path.Length == 0 ? "xlsx 文件缺少部件：工作表没有对应的部件（文件已损坏）" : $"xlsx 文件缺少部件 {path}（文件已损坏）");
        return XmlReader.Create(new VerifiedStream(entry, this), XmlSettings);
    }

    /// <summary>
    /// Every part is refused past its declared size and the declared sizes add up to at most the limit; a sheet is read
    /// up to three times (merge scan, merges, rows), so this running total is only a backstop.
    /// </summary>
    private void Count(int bytes)
    {
        _bytesRead += bytes;
        if (_bytesRead > 4 * _maxBytes)
            throw new LibraryImportException($"xlsx 文件解压后超过 {_maxBytes / 1024 / 1024} MB（疑似压缩炸弹），拒绝导入");
    }

    /// <summary>True when style <paramref name="index"/> displays numbers as percentages (3.45% is stored as 0.0345).</summary>
    public bool IsPercentStyle(int index)
    {
        _percentStyles ??= ReadPercentStyles();
        return index >= 0 && index < _percentStyles.Length && _percentStyles[index];
    }

    private bool[] ReadPercentStyles()
    {
        if (_stylesPath is null || !_entries.ContainsKey(_stylesPath)) return [];
        var percentFormats = new HashSet<int> { 9, 10 };
        var styles = new List<bool>();
        using var xr = Xml(_stylesPath);
        var inCellXfs = false;
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.EndElement && xr.LocalName == "cellXfs") inCellXfs = false;
            if (xr.NodeType != XmlNodeType.Element) continue;
            switch (xr.LocalName)
            {
                case "numFmt":
                    if (int.TryParse(xr.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                        && IsPercentFormat(xr.GetAttribute("formatCode")))
                        percentFormats.Add(id);
                    break;
                case "cellXfs":
                    inCellXfs = !xr.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    if (styles.Count < 100_000)
                    {
                        _ = int.TryParse(xr.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fmt);
                        styles.Add(percentFormats.Contains(fmt));
                    }
                    break;
            }
        }
        return [.. styles];
    }

    private static bool IsPercentFormat(string? code)
    {
        if (code is null) return false;
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') quoted = !quoted;
            else if (c == '\\') i++;
            else if (c == '%' && !quoted) return true;
        }
        return false;
    }

    private List<string> SharedStrings()
    {
        if (_sharedStrings is not null) return _sharedStrings;
        _sharedStrings = [];
        if (_sharedStringsPath is null || !_entries.ContainsKey(_sharedStringsPath)) return _sharedStrings;
        using var xr = Xml(_sharedStringsPath);
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.Element && xr.LocalName == "si") _sharedStrings.Add(RichText(xr));
        }
        return _sharedStrings;
    }

    /// <summary>
    /// Streams the rows of <paramref name="sheet"/>. Within a vertically merged range, empty cells of the range's first
    /// column below its top cell get the top cell's value (marked <see cref="XRow.FromMerge"/>).
    /// </summary>
    public IEnumerable<XRow> Rows(string sheet)
    {
        var path = _sheetPaths[sheet];
        var shared = SharedStrings();
        var merges = ReadMerges(path);
        var pending = 0;
        var active = new List<(int Top, int Bottom, int Column, XCell Value)>();
        var row = new XRow();
        var xr = Xml(path);
        try
        {
            while (xr.Read())
            {
                if (xr.NodeType == XmlNodeType.Element && xr.LocalName == "sheetData") break;
            }
            if (xr.NodeType != XmlNodeType.Element || xr.LocalName != "sheetData" || xr.IsEmptyElement)
            {
                Drain(xr);
                yield break;
            }
            var dataDepth = xr.Depth;
            var last = 0;
            while (xr.Read() && xr.Depth > dataDepth)
            {
                if (xr.NodeType != XmlNodeType.Element || xr.LocalName != "row" || xr.Depth != dataDepth + 1) continue;
                var number = ParseInt(xr.GetAttribute("r")) ?? last + 1;
                if (number <= last || number > MaxExcelRow)
                    throw new LibraryImportException($"工作表“{sheet}”的行号 {number} 无效或不是递增的（文件已损坏）");
                last = number;
                row.Clear();
                row.Number = number;
                ReadCells(xr, row, shared, sheet);

                // Merged ranges: activate those starting at or above this row, retire those that ended.
                while (pending < merges.Count && merges[pending].Top <= number)
                {
                    var m = merges[pending++];
                    if (m.Bottom < number) continue;
                    active.Add((m.Top, m.Bottom, m.Column, m.Top == number ? row.Cells[m.Column] : XCell.Empty));
                    if (active.Count > MaxColumns) throw new LibraryImportException($"工作表“{sheet}”的合并单元格区域相互重叠（文件已损坏）");
                }
                for (var i = active.Count - 1; i >= 0; i--)
                {
                    var (top, bottom, column, value) = active[i];
                    if (bottom < number) { active.RemoveAt(i); continue; }
                    if (top < number && row.Cells[column].Kind == CellKind.Empty && value.Kind != CellKind.Empty)
                    {
                        row.Cells[column] = value;
                        row.FromMerge[column] = true;
                    }
                }
                yield return row;
            }
            Drain(xr);
        }
        finally
        {
            xr.Dispose();
        }
    }

    private static void Drain(XmlReader xr)
    {
        while (xr.Read()) { }
    }

    private static void ReadCells(XmlReader xr, XRow row, List<string> shared, string sheet)
    {
        if (xr.IsEmptyElement) return;
        var rowDepth = xr.Depth;
        var column = -1;
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.EndElement && xr.Depth == rowDepth) return;
            if (xr.NodeType != XmlNodeType.Element || xr.LocalName != "c" || xr.Depth != rowDepth + 1) continue;
            var reference = xr.GetAttribute("r");
            column = reference is null ? column + 1 : ColumnIndex(reference, sheet);
            var style = ParseInt(xr.GetAttribute("s")) ?? 0;
            var type = xr.GetAttribute("t");
            string? value = null;
            var formula = false;
            if (!xr.IsEmptyElement)
            {
                var cellDepth = xr.Depth;
                while (xr.Read())
                {
                    if (xr.NodeType == XmlNodeType.EndElement && xr.Depth == cellDepth) break;
                    if (xr.NodeType != XmlNodeType.Element || xr.Depth != cellDepth + 1) continue;
                    switch (xr.LocalName)
                    {
                        case "v": value = ElementText(xr); break;
                        case "f": formula = true; ElementText(xr); break;
                        case "is": value = RichText(xr); break;
                    }
                }
            }
            if (column >= MaxColumns) continue;
            row.Cells[column] = Cell(type, value, style, formula, shared, sheet);
        }
    }

    private static XCell Cell(string? type, string? value, int style, bool formula, List<string> shared, string sheet)
    {
        if (value is null) return new XCell(CellKind.Empty, "", style, formula);
        switch (type)
        {
            case "s":
                var index = ParseInt(value);
                if (index is null || index < 0 || index >= shared.Count)
                    throw new LibraryImportException($"工作表“{sheet}”引用了不存在的共享字符串（文件已损坏）");
                return new XCell(CellKind.Text, shared[index.Value], style, formula);
            case "inlineStr":
            case "str":
                return new XCell(CellKind.Text, value, style, formula);
            case "b":
                return new XCell(CellKind.Boolean, value.Trim() is "1" or "true" ? "1" : "0", style, formula);
            case "e":
                return new XCell(CellKind.Error, value, style, formula);
            case "d":
                return new XCell(CellKind.IsoDate, value.Trim(), style, formula);
            default:
                return value.Length == 0 ? new XCell(CellKind.Empty, "", style, formula) : new XCell(CellKind.Number, value.Trim(), style, formula);
        }
    }

    /// <summary>Zero-based column of a cell reference such as <c>BC12</c>.</summary>
    public static int ColumnIndex(string reference, string sheet)
    {
        var col = 0;
        var i = 0;
        for (; i < reference.Length && i < 4; i++)
        {
            var c = reference[i];
            if (c >= 'A' && c <= 'Z') col = (col * 26) + (c - 'A' + 1);
            else if (c >= 'a' && c <= 'z') col = (col * 26) + (c - 'a' + 1);
            else break;
        }
        if (col == 0 || col > MaxExcelColumn)
            throw new LibraryImportException($"工作表“{sheet}”中的单元格地址“{Truncate(reference)}”无效（文件已损坏）");
        return col - 1;
    }

    /// <summary>Zero-based (row, column) of a reference such as <c>A5</c>; row is 1-based.</summary>
    private static (int Row, int Column)? CellAddress(string reference, string sheet)
    {
        var letters = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters])) letters++;
        var row = ParseInt(reference[letters..]);
        if (row is null || row < 1 || row > MaxExcelRow) return null;
        return (row.Value, ColumnIndex(reference, sheet));
    }

    /// <summary>
    /// True when the part's bytes contain <c>mergeCell</c>: merged ranges come after the rows, so a sheet with some is
    /// read twice; a plain byte search spares the XML pass for the (usual) sheets without any.
    /// </summary>
    private bool MentionsMerges(string path)
    {
        if (!_entries.TryGetValue(path, out var entry)) return true; // let the XML pass report the missing part
        ReadOnlySpan<byte> needle = "mergeCell"u8;
        using var stream = new VerifiedStream(entry, this);
        var buffer = new byte[64 * 1024];
        var kept = 0;
        int n;
        while ((n = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            var filled = kept + n;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0) return true;
            kept = Math.Min(needle.Length - 1, filled);
            buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        }
        return false;
    }

    private List<(int Top, int Bottom, int Column)> ReadMerges(string path)
    {
        var merges = new List<(int Top, int Bottom, int Column)>();
        if (!MentionsMerges(path)) return merges;
        using var xr = Xml(path);
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.Element && xr.LocalName == "sheetData" && !xr.IsEmptyElement) xr.Skip();
            if (xr.NodeType != XmlNodeType.Element || xr.LocalName != "mergeCell") continue;
            var range = xr.GetAttribute("ref");
            if (range is null) continue;
            var colon = range.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var from = CellAddress(range[..colon], path);
            var to = CellAddress(range[(colon + 1)..], path);
            if (from is null || to is null) throw new LibraryImportException($"合并单元格区域“{Truncate(range)}”无效（文件已损坏）");
            var (top, left) = from.Value;
            var (bottom, _) = to.Value;
            if (bottom <= top || left >= MaxColumns) continue;
            merges.Add((top, bottom, left));
            if (merges.Count > MaxMerges) throw new LibraryImportException("合并单元格过多，拒绝导入");
        }
        merges.Sort((a, b) => a.Top.CompareTo(b.Top));
        return merges;
    }

    private static string Truncate(string s) => s.Length <= 20 ? s : s[..20] + "…";

    private static int? ParseInt(string? s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The text content of the current element; leaves the reader on its end tag.</summary>
    private static string ElementText(XmlReader xr)
    {
        if (xr.IsEmptyElement) return "";
        var depth = xr.Depth;
        var sb = new StringBuilder();
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.EndElement && xr.Depth == depth) break;
            if (xr.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (sb.Length + xr.Value.Length > 1_000_000) throw new LibraryImportException("单元格文本过长（超过 1,000,000 字符），拒绝导入");
                sb.Append(xr.Value);
            }
        }
        return sb.ToString();
    }

    /// <summary>The text of a string item (<c>si</c> or <c>is</c>): its <c>t</c> runs, without phonetic runs.</summary>
    private static string RichText(XmlReader xr)
    {
        if (xr.IsEmptyElement) return "";
        var depth = xr.Depth;
        var sb = new StringBuilder();
        var skipDepth = -1;
        while (xr.Read())
        {
            if (xr.NodeType == XmlNodeType.EndElement && xr.Depth == depth) break;
            if (skipDepth >= 0)
            {
                if (xr.NodeType == XmlNodeType.EndElement && xr.Depth == skipDepth) skipDepth = -1;
                continue;
            }
            if (xr.NodeType != XmlNodeType.Element) continue;
            if (xr.LocalName == "rPh" && !xr.IsEmptyElement) skipDepth = xr.Depth;
            else if (xr.LocalName == "t")
            {
                sb.Append(ElementText(xr));
                if (sb.Length > 1_000_000) throw new LibraryImportException("单元格文本过长（超过 1,000,000 字符），拒绝导入");
            }
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        _zip.Dispose();
        _stream.Dispose();
    }

    /// <summary>
    /// Reads one zip entry, refusing more bytes than the entry declares and checking its CRC-32 at the end, so that a
    /// truncated or altered part is refused instead of half-read.
    /// </summary>
    private sealed class VerifiedStream(ZipArchiveEntry entry, XlsxPackage owner) : Stream
    {
        private readonly Stream _inner = entry.Open();
        private readonly string _name = entry.FullName;
        private readonly long _declared = entry.Length;
        private readonly uint _expectedCrc = entry.Crc32;
        private uint _crc = 0xFFFFFFFF;
        private long _read;
        private bool _verified;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_verified) return 0;
            var n = _inner.Read(buffer);
            if (n == 0)
            {
                if (_read != _declared)
                    throw new LibraryImportException($"xlsx 部件“{_name}”长度与声明不符（文件已损坏或不完整）");
                if (~_crc != _expectedCrc)
                    throw new LibraryImportException($"xlsx 部件“{_name}”校验和不符（文件已损坏）");
                _verified = true;
                return 0;
            }
            _read += n;
            if (_read > _declared)
                throw new LibraryImportException($"xlsx 部件“{_name}”解压后超过声明的大小（疑似压缩炸弹或文件损坏），拒绝导入");
            owner.Count(n);
            _crc = Crc32.Update(_crc, buffer[..n]);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private static class Crc32
    {
        private static readonly uint[] Table = Build();

        private static uint[] Build()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                table[i] = c;
            }
            return table;
        }

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }
    }
}
