using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Ledger;

/// <summary>One row of a sheet: its 1-based Excel row (CSV: record) number and its cells by column index.</summary>
/// <remarks>Cells are what the file holds: <see cref="string"/>, <see cref="double"/>, <see cref="DateTime"/>, <see cref="bool"/> or null.</remarks>
public sealed record LedgerRow(int Number, IReadOnlyList<object?> Cells)
{
    public object? this[int column] => column >= 0 && column < Cells.Count ? Cells[column] : null;

    public bool IsBlank => Cells.All(CellText.IsBlank);
}

/// <summary>A sheet of the ledger (or a CSV file standing for one), every row in file order.</summary>
/// <param name="Where">How errors name it: “工作表 贷款” or “文件 loans.csv”.</param>
/// <param name="Rows">Every row, blank ones included, in file order.</param>
public sealed record LedgerSheet(string Where, IReadOnlyList<LedgerRow> Rows);

/// <summary>Reads ledger files: .xlsx workbooks (through MiniExcel) and CSV, refusing anything else with a clear reason.</summary>
public static class LedgerFile
{
    /// <summary>Reads the named sheets of a workbook; a sheet that is missing is an error in <paramref name="errors"/> and null.</summary>
    /// <exception cref="LedgerException">The file is not a readable .xlsx workbook.</exception>
    public static IReadOnlyList<LedgerSheet?> ReadWorkbook(string path, IReadOnlyList<string> sheetNames, List<LedgerError> errors) =>
        ReadWorkbook(ReadAll(path, "工作簿"), Path.GetFileName(path), sheetNames, errors);

    /// <summary>The same, of a workbook uploaded as <paramref name="bytes"/> under <paramref name="fileName"/> (how errors name it).</summary>
    /// <exception cref="LedgerException">The bytes are not a readable .xlsx workbook.</exception>
    public static IReadOnlyList<LedgerSheet?> ReadWorkbook(byte[] bytes, string fileName, IReadOnlyList<string> sheetNames, List<LedgerError> errors)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sheetNames);
        ArgumentNullException.ThrowIfNull(errors);
        var where = $"文件 {fileName}";
        CheckWorkbook(bytes, where);

        List<string> names;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            names = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            throw Broken(where);
        }

        var result = new List<LedgerSheet?>(sheetNames.Count);
        foreach (var wanted in sheetNames)
        {
            var actual = names.FirstOrDefault(n => n == wanted) ?? names.FirstOrDefault(n => n.Trim() == wanted);
            if (actual is null)
            {
                errors.Add(new LedgerError(where, 0, null,
                    $"工作簿中没有名为“{wanted}”的工作表（现有：{(names.Count == 0 ? "无" : string.Join("、", names))}）；请使用 `renewal loans template` 生成的模板"));
                result.Add(null);
                continue;
            }
            var rows = new List<LedgerRow>();
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                var number = 0;
                // Without a header row MiniExcel yields every row from row 1, blank ones included, keyed by column letter;
                // so the n-th row is Excel row n.
                foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: actual, excelType: ExcelType.XLSX))
                {
                    number++;
                    var cells = new List<object?>();
                    foreach (var (letter, value) in row)
                    {
                        var index = ColumnIndex(letter);
                        if (index < 0) continue;
                        while (cells.Count <= index) cells.Add(null);
                        cells[index] = value;
                    }
                    rows.Add(new LedgerRow(number, cells));
                }
            }
            catch (Exception e) when (IsDecodingFailure(e))
            {
                throw Broken(where, $"工作表“{wanted}”无法读取");
            }
            result.Add(new LedgerSheet($"工作表 {wanted}", rows));
        }
        return result;
    }

    /// <summary>Reads a CSV file (UTF-8, with or without BOM, or GB18030/GBK as Excel saves it on Chinese Windows).</summary>
    /// <exception cref="LedgerException">The file cannot be read as CSV.</exception>
    public static LedgerSheet ReadCsv(string path)
    {
        var where = $"文件 {Path.GetFileName(path)}";
        var bytes = ReadAll(path, "CSV 文件");
        if (bytes.AsSpan().StartsWith("PK\x03\x04"u8) || bytes.AsSpan().StartsWith(OleSignature))
            throw new LedgerException([new LedgerError(where, 0, null, "这是 Excel 工作簿，不是 CSV 文本文件；请把文件扩展名改为 .xlsx 后导入")]);
        var text = Decode(bytes);
        var delimiter = FirstLine(text).Contains('\t', StringComparison.Ordinal) && !FirstLine(text).Contains(',', StringComparison.Ordinal) ? '\t' : ',';
        return new LedgerSheet(where, ParseCsv(text, delimiter, where));
    }

    /// <summary>The most a workbook may hold uncompressed, as for the library workbook.</summary>
    private const long MaxUncompressedBytes = 200L * 1024 * 1024;

    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static byte[] ReadAll(string path, string what)
    {
        if (!File.Exists(path)) throw new LedgerInputException($"找不到{what}：{Path.GetFullPath(path)}");
        return File.ReadAllBytes(path);
    }

    /// <summary>Says what the file is when it is not a workbook, before any Excel library sees it.</summary>
    private static void CheckWorkbook(byte[] bytes, string where)
    {
        LedgerException Fail(string message) => new([new LedgerError(where, 0, null, message)]);

        if (bytes.Length == 0) throw Fail("文件为空，不是 Excel 工作簿（.xlsx）");
        if (bytes.AsSpan().StartsWith(OleSignature))
            throw Fail("这是旧版 Excel 97-2003 工作簿（.xls）或加密的工作簿，无法读取；请在 Excel 中“另存为” Excel 工作簿（*.xlsx）且不设密码后再导入");
        if (!bytes.AsSpan().StartsWith("PK"u8))
            throw Fail("不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式（xlsx 是 zip 压缩包）；如果是 CSV 文本，请使用 .csv 扩展名");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is null && !zip.Entries.Any(e => e.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)))
                throw Fail("不是 Excel 工作簿（.xlsx）：压缩包中没有工作簿内容（xl/workbook.xml）");
        }
        catch (InvalidDataException)
        {
            throw Broken(where);
        }
        // The library workbook's zip defences (size, ratio, each part's length and CRC, which ZipArchive does not check:
        // ADR-013), so that damage or a bomb is found here and not halfway through the rows.
        try
        {
            XlsxPackage.Verify(new MemoryStream(bytes, writable: false), MaxUncompressedBytes);
        }
        catch (InvalidDataException)
        {
            throw Broken(where);
        }
        catch (LibraryImportException e)
        {
            throw Fail(e.Message);
        }
    }

    private static LedgerException Broken(string where, string? what = null) =>
        new([new LedgerError(where, 0, null, (what is null ? "" : what + "：")
            + "Excel 工作簿已损坏或不完整（可能在下载、复制或邮件传输中被截断），无法读取；请重新导出或另存为 .xlsx 后再导入")]);

    /// <summary>What a damaged package can make a zip or XML reader throw; anything else is a bug and should surface.</summary>
    private static bool IsDecodingFailure(Exception e) =>
        e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or FormatException or NotSupportedException
            or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or NullReferenceException or InvalidCastException
            or OverflowException or IOException;

    /// <summary>Column letters to a 0-based index: A → 0, Z → 25, AA → 26; −1 when not letters.</summary>
    internal static int ColumnIndex(string letters)
    {
        if (letters.Length is 0 or > 3) return -1;
        var n = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z') return -1;
            n = (n * 26) + (c - 'A' + 1);
        }
        return n - 1;
    }

    /// <summary>Column index to letters, for messages: 0 → A.</summary>
    internal static string ColumnLetters(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + ((n - 1) % 26)) + s;
        return s;
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8)) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Excel on Chinese Windows saves “CSV (逗号分隔)” in the ANSI code page, GBK; GB18030 is its superset.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(54936).GetString(bytes);
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>RFC 4180: fields may be quoted, "" inside quotes is a quote, quoted fields may span lines.</summary>
    private static List<LedgerRow> ParseCsv(string text, char delimiter, string where)
    {
        var rows = new List<LedgerRow>();
        var fields = new List<object?>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var quoteLine = 0;
        var i = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            rows.Add(new LedgerRow(recordLine, [.. fields]));
            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) line++;
                field.Append(c);
                i++;
                continue;
            }
            if (c == '"' && field.Length == 0)
            {
                quoted = true;
                quoteLine = line;
                i++;
            }
            else if (c == delimiter)
            {
                EndField();
                i++;
            }
            else if (c is '\r' or '\n')
            {
                EndRecord();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                i++;
            }
        }
        if (quoted) throw new LedgerException([new LedgerError(where, quoteLine, null, "引号未闭合：从这一行开始的带引号字段没有结束的引号")]);
        if (field.Length > 0 || fields.Count > 0) EndRecord();
        return rows;
    }
}
