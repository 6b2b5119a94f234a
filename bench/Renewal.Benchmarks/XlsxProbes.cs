using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using Renewal.Exchange.Xlsx;

namespace Renewal.Benchmarks;

/// <summary>
/// What (a) the project's reader, (b) MiniExcel and (c) the Open XML SDK do with hostile and unusual files, each read
/// in full as an importer would (ADR-013). Files are built here from a small valid workbook; nothing is a fixture.
/// </summary>
internal static class Probes
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static void Run()
    {
        var valid = XlsxBench.WriteOurs(XlsxBench.Items(3));
        Console.WriteLine("| probe | (a) ours | (b) MiniExcel | (c) OpenXml SDK |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Row("valid file (inline strings)", valid);
        Row("ratio bomb: 100 MB of whitespace in the sheet, ~1000:1", WithPadding(valid, 100, CompressionLevel.SmallestSize));
        Row("size bomb: 210 MB sheet part (limit 200 MB)", WithPadding(valid, 210, CompressionLevel.Fastest));
        Row("lying size: sheet declares 64 bytes", LyingSize(valid));
        Row("corrupt CRC: one digit changed in a stored part", FlippedDigit(valid));
        Row("truncated file (first half)", valid[..(valid.Length / 2)]);
        Row("DTD with entities in the sheet", Replace(valid, SheetPath,
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
            + $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"));
        Row("shared-strings bomb: 2,000,000 unique strings (~60 MB part)", SharedStringsBomb(valid, 2_000_000));
        Row("shared string index out of range", Replace(valid, SheetPath,
            $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>999</v></c></row></sheetData></worksheet>"));
        Row("rows out of order (5 then 3)", Replace(valid, SheetPath,
            $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"5\"><c r=\"A5\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\"><v>2</v></c></row></sheetData></worksheet>"));
        Row("old .xls (OLE) signature", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        Console.WriteLine();
        // The SDK's own guard: a cap on the characters of any one part (off by default).
        var limited = new OpenSettings { MaxCharactersInPart = 50_000_000 };
        var ratioBomb = WithPadding(valid, 100, CompressionLevel.SmallestSize);
        Console.WriteLine($"(c′) SDK with OpenSettings.MaxCharactersInPart = 50,000,000, ratio bomb: {Attempt(() => ReadSdk(ratioBomb, limited))}");
        var sstBomb = SharedStringsBomb(valid, 2_000_000);
        Console.WriteLine($"(c′) same, shared-strings bomb: {Attempt(() => ReadSdk(sstBomb, limited))}");
        // The bank ledger reads through MiniExcel after a check of its own that inflates every part.
        var path = Path.Combine(Path.GetTempPath(), $"renewal-probe-{Environment.ProcessId}.xlsx");
        File.WriteAllBytes(path, FlippedDigit(valid));
        Console.WriteLine($"ledger (LedgerFile.ReadWorkbook), corrupt CRC: {Attempt(() => Ledger(path))}");
        File.WriteAllBytes(path, WithPadding(valid, 210, CompressionLevel.Fastest));
        Console.WriteLine($"ledger (LedgerFile.ReadWorkbook), size bomb: {Attempt(() => Ledger(path))}");
        File.Delete(path);
        Console.WriteLine();
        Values();
        Console.WriteLine();
        FormulaInjection();
        Console.WriteLine();
        Merges();
        Console.WriteLine();
        TypeError();
    }

    private const string SheetPath = "xl/worksheets/sheet1.xml";

    private static void Row(string probe, byte[] file)
    {
        Console.WriteLine($"| {probe} | {Attempt(() => ReadOurs(file))} | {Attempt(() => ReadMini(file))} | {Attempt(() => ReadSdk(file))} |");
    }

    private static string Attempt(Func<string> read)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        string outcome;
        try
        {
            outcome = "read: " + read();
        }
        catch (Exception e)
        {
            var message = e.Message.ReplaceLineEndings(" ");
            outcome = $"**refused** {e.GetType().Name}: {(message.Length > 90 ? message[..90] + "…" : message)}";
        }
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024.0;
        return $"{outcome.Replace("|", "\\|", StringComparison.Ordinal)} ({sw.Elapsed.TotalMilliseconds:N0} ms, {allocated:N0} MB alloc)";
    }

    private static string ReadOurs(byte[] file)
    {
        using var package = XlsxPackage.Open(new MemoryStream(file, writable: false), 200L * 1024 * 1024);
        var rows = 0;
        var first = "";
        foreach (var row in package.Rows(package.SheetNames[0]))
        {
            if (rows++ == 0) first = row.Cells[0].Value;
        }
        return $"{rows} rows, A1 “{Short(first)}”";
    }

    private static string ReadMini(byte[] file)
    {
        using var ms = new MemoryStream(file, writable: false);
        var rows = 0;
        var first = "";
        foreach (IDictionary<string, object?> row in ms.Query(useHeaderRow: false))
        {
            if (rows++ == 0) first = row.Values.FirstOrDefault()?.ToString() ?? "";
            foreach (var v in row.Values) _ = v;
        }
        return $"{rows} rows, A1 “{Short(first)}”";
    }

    private static string ReadSdk(byte[] file, OpenSettings? settings = null)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file, writable: false), false, settings ?? new OpenSettings());
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var ws = (WorksheetPart)wb.GetPartById(sheet.Id!);
        var shared = new List<string>();
        if (wb.SharedStringTablePart is { } sst)
        {
            using var sr = OpenXmlReader.Create(sst);
            while (sr.Read())
                if (sr.ElementType == typeof(SharedStringItem) && sr.IsStartElement)
                    shared.Add(((SharedStringItem)sr.LoadCurrentElement()!).InnerText);
        }
        using var reader = OpenXmlReader.Create(ws);
        var rows = 0;
        var first = "";
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            foreach (var cell in row.Elements<Cell>())
            {
                var text = cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;
                if (rows == 0 && first.Length == 0) first = text ?? "";
            }
            rows++;
        }
        return $"{rows} rows, A1 “{Short(first)}”";
    }

    private static string Ledger(string path)
    {
        var errors = new List<Renewal.Exchange.Ledger.LedgerError>();
        var sheets = Renewal.Exchange.Ledger.LedgerFile.ReadWorkbook(path, ["项目"], errors);
        return $"{sheets[0]?.Rows.Count ?? 0} rows, {errors.Count} errors, A2 “{sheets[0]?.Rows[1][0]}”";
    }

    private static string Short(string s) => s.Length <= 12 ? s : s[..12] + "…";

    // ---------------------------------------------------------------- values: dates, percentages, formulas, 17 digits

    private const string ValueStyles =
        $"<styleSheet xmlns=\"{Main}\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
        + "<fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>"
        + "<cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" applyNumberFormat=\"1\"/><xf numFmtId=\"10\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";

    private static readonly (string Label, string Xml)[] ValueCells =
    [
        ("45413, built-in date style 14", "<c r=\"A1\" s=\"1\"><v>45413</v></c>"),
        ("45413, custom yyyy-mm-dd", "<c r=\"B1\" s=\"2\"><v>45413</v></c>"),
        ("45413, custom yyyy\"年\"m\"月\"d\"日\"", "<c r=\"C1\" s=\"3\"><v>45413</v></c>"),
        ("0.0345, percent style 10", "<c r=\"D1\" s=\"4\"><v>0.0345</v></c>"),
        ("t=\"d\" ISO date 2025-03-01", "<c r=\"E1\" t=\"d\"><v>2025-03-01</v></c>"),
        ("formula without cached value", "<c r=\"F1\"><f>SUM(1,2)</f></c>"),
        ("error #N/A", "<c r=\"G1\" t=\"e\"><v>#N/A</v></c>"),
        ("1234567890.123456 (16 digits)", "<c r=\"H1\"><v>1234567890.123456</v></c>"),
        ("inline string 昆山", "<c r=\"I1\" t=\"inlineStr\"><is><t>昆山</t></is></c>"),
    ];

    private static void Values()
    {
        var sheet = $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\">{string.Concat(ValueCells.Select(c => c.Xml))}</row></sheetData></worksheet>";
        var file = Replace(Replace(XlsxBench.WriteOurs(XlsxBench.Items(1)), SheetPath, sheet), "xl/styles.xml", ValueStyles);
        var ours = new List<string>();
        using (var package = XlsxPackage.Open(new MemoryStream(file), 1 << 20))
        {
            var row = package.Rows(package.SheetNames[0]).First();
            for (var i = 0; i < ValueCells.Length; i++)
            {
                var c = row.Cells[i];
                ours.Add($"{c.Kind} “{c.Value}” style {c.Style}{(package.IsPercentStyle(c.Style) ? " (percent)" : "")}{(c.Formula ? " formula" : "")}"
                    + (c.Kind == CellKind.Number && CellText.TryNumberCell(c.Value, out var d) ? $" → CellText {d}" : ""));
            }
        }
        var mini = new List<string>();
        using (var ms = new MemoryStream(file))
        {
            var row = (IDictionary<string, object?>)ms.Query(useHeaderRow: false).First();
            var values = row.Values.ToList();
            for (var i = 0; i < ValueCells.Length; i++)
            {
                var v = i < values.Count ? values[i] : null;
                mini.Add(v is null ? "null" : $"{v.GetType().Name} “{Convert.ToString(v, CultureInfo.InvariantCulture)}”{(v is double d ? $" → (decimal) {(decimal)d}" : "")}");
            }
        }
        var sdk = new List<string>();
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(file), false))
        {
            var wb = doc.WorkbookPart!;
            var ws = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!);
            var row = ws.Worksheet.Descendants<Row>().First();
            foreach (var c in row.Elements<Cell>())
                sdk.Add($"t={c.DataType?.InnerText ?? "n"} “{c.CellValue?.Text ?? c.InlineString?.InnerText}” s={c.StyleIndex?.Value ?? 0}{(c.CellFormula is null ? "" : " formula")}");
        }
        Console.WriteLine("| cell as stored | (a) ours: kind, text, style | (b) MiniExcel Query: type, value | (c) OpenXml SDK: type, text, style |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (var i = 0; i < ValueCells.Length; i++)
            Console.WriteLine($"| {ValueCells[i].Label.Replace("|", "\\|", StringComparison.Ordinal)} | {ours[i]} | {mini[i]} | {(i < sdk.Count ? sdk[i] : "-")} |");
    }

    // ---------------------------------------------------------------- merged ranges

    private static void Merges()
    {
        // A title merged across A1:C1, a project code merged down A2:A3, a note merged down B2:B3.
        using var ms = new MemoryStream();
        using (var xlsx = new XlsxWriter(ms))
        {
            var s = xlsx.AddSheet("s");
            s.Row("标题", "", "");
            s.Row("P1", "备注", "1");
            s.Row("", "", "2");
            s.Merge("A1:C1");
            s.Merge("A2:A3");
            s.Merge("B2:B3");
            xlsx.Finish();
        }
        var file = ms.ToArray();
        static string Show(IEnumerable<IEnumerable<string>> rows) => string.Join(" / ", rows.Select(r => string.Join(",", r.Select(v => v.Length == 0 ? "·" : v))));
        using var package = XlsxPackage.Open(new MemoryStream(file), 1 << 20);
        var ours = Show(package.Rows("s").Select(r => r.Cells.Take(3).Select(c => c.Value).ToList()).ToList());
        using var input = new MemoryStream(file);
        var mini = Show(input.Query(useHeaderRow: false, configuration: new MiniExcelLibs.OpenXml.OpenXmlConfiguration { FillMergedCells = true })
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.Take(3).Select(v => v?.ToString() ?? "").ToList()).ToList());
        Console.WriteLine($"merges A1:C1, A2:A3, B2:B3 — (a) ours: {ours}; (b) MiniExcel FillMergedCells: {mini}");
    }

    // ---------------------------------------------------------------- writing text that looks like a formula

    private static readonly string[] Injections = ["=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"];

    private static void FormulaInjection()
    {
        using var ours = new MemoryStream();
        using (var xlsx = new XlsxWriter(ours))
        {
            xlsx.AddSheet("s").Row([.. Injections.Select(s => XValue.Text(s))]);
            xlsx.Finish();
        }
        using var mini = new MemoryStream();
        mini.SaveAs(new[] { Injections.Select((s, i) => (s, i)).ToDictionary(t => "c" + t.i, t => (object)t.s) }, printHeader: false);
        Console.WriteLine("| text written | (a) ours: how stored | (b) MiniExcel SaveAs: how stored |");
        Console.WriteLine("| --- | --- | --- |");
        var a = SheetXml(ours.ToArray());
        var b = SheetXml(mini.ToArray());
        for (var i = 0; i < Injections.Length; i++)
            Console.WriteLine($"| {Injections[i].Replace("|", "\\|", StringComparison.Ordinal)} | {CellXml(a, i)} | {CellXml(b, i)} |");
        Console.WriteLine("(c) OpenXml SDK writes exactly the elements its caller builds: text is text unless the caller adds a CellFormula.");
    }

    private static string SheetXml(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        using var r = new StreamReader(entry.Open());
        return r.ReadToEnd();
    }

    private static string CellXml(string sheet, int column)
    {
        var at = sheet.IndexOf($"r=\"{CellAddress.Of(column, 1)}\"", StringComparison.Ordinal);
        if (at < 0) return "(not found)";
        var start = sheet.LastIndexOf('<', at);
        var end = sheet.IndexOf("</", at, StringComparison.Ordinal);
        end = sheet.IndexOf('>', sheet.IndexOf("c>", end, StringComparison.Ordinal));
        var xml = sheet[start..(end + 1)];
        var formula = xml.Contains("<f>", StringComparison.Ordinal) || xml.Contains(":f>", StringComparison.Ordinal);
        return (formula ? "**FORMULA** " : "text ") + "`" + xml.Replace("|", "\\|", StringComparison.Ordinal) + "`";
    }

    // ---------------------------------------------------------------- a type error: where does it say it is?

    public sealed class Money
    {
        public string? 名称 { get; set; }
        public decimal 金额 { get; set; }
    }

    private static void TypeError()
    {
        using var ms = new MemoryStream();
        using (var xlsx = new XlsxWriter(ms))
        {
            var s = xlsx.AddSheet("贷款");
            s.Row("名称", "金额");
            s.Row("甲", 100m);
            s.Row("乙", "一百万");
            xlsx.Finish();
        }
        ms.Position = 0;
        string outcome;
        try
        {
            outcome = "no error: " + string.Join(", ", ms.Query<Money>().Select(m => m.金额.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception e)
        {
            outcome = $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        }
        Console.WriteLine($"type error (text “一百万” in a decimal column, B3), MiniExcel Query<T>: {outcome}");
        Console.WriteLine("(a) ours has no typed layer: WorkbookParser reports 工作表/行/列/单元格 with a Chinese reason (ImportValidationTests); (c) the SDK has no typed layer either.");
    }

    // ---------------------------------------------------------------- building hostile files

    private static List<(string Path, byte[] Content)> Entries(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return [.. zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return (e.FullName, ms.ToArray());
        })];
    }

    private static byte[] Build(IEnumerable<(string Path, byte[] Content)> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path, level).Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    private static byte[] Replace(byte[] xlsx, string path, string xml) =>
        Build(Entries(xlsx).Select(e => e.Path == path ? (e.Path, Encoding.UTF8.GetBytes(xml)) : e));

    private static byte[] WithPadding(byte[] xlsx, int megabytes, CompressionLevel level)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in Entries(xlsx))
            {
                using var s = zip.CreateEntry(path, path == SheetPath ? level : CompressionLevel.Optimal).Open();
                if (path != SheetPath) { s.Write(content); continue; }
                var xml = Encoding.UTF8.GetString(content);
                var cut = xml.IndexOf("</sheetData>", StringComparison.Ordinal);
                s.Write(Encoding.UTF8.GetBytes(xml[..cut]));
                var spaces = new byte[1 << 20];
                Array.Fill(spaces, (byte)' ');
                for (var i = 0; i < megabytes; i++) s.Write(spaces);
                s.Write(Encoding.UTF8.GetBytes(xml[cut..]));
            }
        }
        return ms.ToArray();
    }

    private static byte[] LyingSize(byte[] xlsx)
    {
        var zip = Build(Entries(xlsx));
        var name = Encoding.UTF8.GetBytes(SheetPath);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x03 && zip[i + 3] == 0x04 && zip.AsSpan(i + 30).StartsWith(name))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), 64u);
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02 && zip.AsSpan(i + 46).StartsWith(name))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), 64u);
        }
        return zip;
    }

    private static byte[] FlippedDigit(byte[] xlsx)
    {
        var stored = Build(Entries(xlsx), CompressionLevel.NoCompression);
        var at = stored.AsSpan().IndexOf("91320583MA"u8);
        stored[at + 10] ^= 0x01; // 0 → 1: still well-formed XML, only the CRC tells
        return stored;
    }

    private static byte[] SharedStringsBomb(byte[] xlsx, int count)
    {
        var entries = Entries(xlsx);
        var sst = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{Main}\" count=\"{count}\" uniqueCount=\"{count}\">");
        for (var i = 0; i < count; i++) sst.Append("<si><t>昆山某精密机械有限公司").Append(i.ToString(CultureInfo.InvariantCulture)).Append("</t></si>");
        sst.Append("</sst>");
        var result = new List<(string, byte[])>();
        foreach (var (path, content) in entries)
        {
            var text = Encoding.UTF8.GetString(content);
            result.Add(path switch
            {
                SheetPath => (path, Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>")),
                "xl/_rels/workbook.xml.rels" => (path, Encoding.UTF8.GetBytes(text.Replace("</Relationships>",
                    "<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>", StringComparison.Ordinal))),
                "[Content_Types].xml" => (path, Encoding.UTF8.GetBytes(text.Replace("</Types>",
                    "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>", StringComparison.Ordinal))),
                _ => (path, content),
            });
        }
        result.Add(("xl/sharedStrings.xml", Encoding.UTF8.GetBytes(sst.ToString())));
        return Build(result);
    }
}
