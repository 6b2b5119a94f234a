using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using Renewal.Exchange.Xlsx;

namespace Renewal.Benchmarks;

/// <summary>
/// <c>xlsx [rows...] [--runs N] [--no-probes]</c> (ADR-013): writes and reads a library-like sheet (credit codes,
/// Chinese names and towns, dates, exact amounts, rates, years) of 10,000 and 100,000 rows with (a) the project's own
/// <see cref="XlsxWriter"/>/<see cref="XlsxPackage"/>, (b) MiniExcel, (c) the Open XML SDK's SAX layer
/// (<see cref="OpenXmlWriter"/>/<see cref="OpenXmlReader"/>): median wall time and bytes allocated per run. Every reader
/// turns the cells into the same typed values and the run is refused unless all three agree on a checksum. Then probes
/// what each one does with hostile and unusual files (zip bombs, a corrupt CRC, a shared-strings bomb, a DTD, dates and
/// percentages as styled numbers, text that looks like a formula, a type error, a 17-digit number).
/// </summary>
internal static class XlsxBench
{
    private const string Sheet = "项目";
    private static readonly string[] Headers = ["统一社会信用代码", "企业名称", "镇区", "项目编号", "开工日期", "设备投资（元）", "利率", "年度", "备注", "是否规上"];
    private static readonly string[] Towns = ["玉山镇", "巴城镇", "周市镇", "陆家镇", "花桥镇", "淀山湖镇", "张浦镇", "周庄镇", "千灯镇", "锦溪镇", "昆山开发区", "昆山高新区"];

    /// <summary>One row of the sheet, as the three writers get it and as the three readers must give it back.</summary>
    public sealed class Item
    {
        [ExcelColumnName("统一社会信用代码")] public string CreditCode { get; set; } = "";
        [ExcelColumnName("企业名称")] public string Name { get; set; } = "";
        [ExcelColumnName("镇区")] public string Town { get; set; } = "";
        [ExcelColumnName("项目编号")] public string Code { get; set; } = "";
        [ExcelColumnName("开工日期")][ExcelFormat("yyyy-MM-dd")] public DateTime Started { get; set; }
        [ExcelColumnName("设备投资（元）")] public decimal Amount { get; set; }
        [ExcelColumnName("利率")] public decimal Rate { get; set; }
        [ExcelColumnName("年度")] public int Year { get; set; }
        [ExcelColumnName("备注")] public string? Note { get; set; }
        [ExcelColumnName("是否规上")] public string Above { get; set; } = "";
    }

    public static int Run(string[] args)
    {
        var runsAt = Array.IndexOf(args, "--runs");
        var runs = runsAt >= 0 ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : 5;
        var sizes = args.Skip(1).Where((a, i) => i + 1 != runsAt + 1 && a.All(char.IsAsciiDigit)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
        if (sizes.Count == 0) sizes = [10_000, 100_000];
        Console.WriteLine($"{Environment.ProcessorCount} logical cores; .NET {Environment.Version}; MiniExcel {Version(typeof(MiniExcel))}; Open XML SDK {Version(typeof(OpenXmlReader))}");
        Console.WriteLine($"median of {runs} runs after one warm-up; allocated = GC.GetTotalAllocatedBytes(precise) over one run");
        Console.WriteLine();
        Console.WriteLine("| rows | operation | library | median ms | allocated MB | file KB |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: |");
        foreach (var n in sizes) Measure(n, runs);
        if (!args.Contains("--no-probes"))
        {
            Console.WriteLine();
            Probes.Run();
        }
        return 0;
    }

    private static string Version(Type t) => t.Assembly.GetName().Version?.ToString(3) ?? "?";

    public static Item[] Items(int n, int seed = 42)
    {
        var rnd = new Random(seed);
        var items = new Item[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = new Item
            {
                CreditCode = "91320583MA" + (i % 9_999_999).ToString("D7", CultureInfo.InvariantCulture) + "X",
                Name = $"昆山某{(i % 7 == 0 ? "（集团）" : "")}精密机械有限公司{i}",
                Town = Towns[rnd.Next(Towns.Length)],
                Code = "P" + (i % 5 + 1).ToString(CultureInfo.InvariantCulture),
                Started = new DateTime(2023, 1, 1).AddDays(rnd.Next(0, 1200)),
                Amount = rnd.Next(1, 2_000_000_000) / 100m,
                Rate = rnd.Next(200, 450) / 10_000m,
                Year = 2024 + rnd.Next(0, 3),
                Note = i % 3 == 0 ? null : "设备更新改造，含数字化车间与工业互联网平台",
                Above = rnd.Next(2) == 0 ? "是" : "否",
            };
        }
        return items;
    }

    /// <summary>What a reader gives back, folded into numbers every reader must agree on.</summary>
    public sealed class Checksum
    {
        public int Rows;
        public decimal Amounts;
        public decimal Rates;
        public long Days;
        public long Years;
        public long TextLength;

        public void Add(string? text) => TextLength += text?.Length ?? 0;

        public override string ToString() => $"rows {Rows}, amounts {Amounts}, rates {Rates}, days {Days}, years {Years}, text {TextLength}";
    }

    public static Checksum Expected(Item[] items)
    {
        var c = new Checksum();
        foreach (var i in items)
        {
            c.Rows++;
            c.Amounts += i.Amount;
            c.Rates += i.Rate;
            c.Days += DateOnly.FromDateTime(i.Started).DayNumber;
            c.Years += i.Year;
            c.Add(i.CreditCode); c.Add(i.Name); c.Add(i.Town); c.Add(i.Code); c.Add(i.Note); c.Add(i.Above);
        }
        return c;
    }

    private static void Measure(int n, int runs)
    {
        var items = Items(n);
        var expected = Expected(items).ToString();
        byte[] ours = [], mini = [], sdk = [];
        Time(n, "write", "(a) ours: XlsxWriter", runs, () => ours = WriteOurs(items), () => ours.Length);
        Time(n, "write", "(b) MiniExcel SaveAs", runs, () => mini = WriteMiniExcel(items), () => mini.Length);
        Time(n, "write", "(c) OpenXml SDK OpenXmlWriter", runs, () => sdk = WriteSdk(items), () => sdk.Length);
        // Each reader reads each file: the project's own export (inline strings), MiniExcel's, the SDK's.
        foreach (var (file, bytes) in new[] { ("ours", ours), ("MiniExcel's", mini), ("SDK's", sdk) })
        {
            Check(expected, ReadOurs(bytes), "ours", file);
            Check(expected, ReadMiniExcel(bytes), "MiniExcel", file);
            Check(expected, ReadSdk(bytes), "SDK", file);
            Time(n, $"read {file} file", "(a) ours: XlsxPackage.Rows", runs, () => ReadOurs(bytes), () => bytes.Length);
            Time(n, $"read {file} file", "(b) MiniExcel Query (dynamic)", runs, () => ReadMiniExcel(bytes), () => bytes.Length);
            Time(n, $"read {file} file", "(b′) MiniExcel Query<T> (typed)", runs, () => ReadMiniExcelTyped(bytes), () => bytes.Length);
            Time(n, $"read {file} file", "(c) OpenXml SDK OpenXmlReader", runs, () => ReadSdk(bytes), () => bytes.Length);
        }
    }

    private static void Check(string expected, Checksum actual, string reader, string file)
    {
        if (actual.ToString() != expected)
            throw new InvalidOperationException($"{reader} reading {file} file: {actual}, expected {expected}");
    }

    private static void Time(int n, string op, string library, int runs, Action body, Func<int> size)
    {
        body(); // warm-up
        var ms = new List<double>();
        var bytes = new List<long>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            body();
            ms.Add(sw.Elapsed.TotalMilliseconds);
            bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        ms.Sort();
        bytes.Sort();
        Console.WriteLine($"| {n:N0} | {op} | {library} | {ms[runs / 2]:N0} | {bytes[runs / 2] / 1024.0 / 1024.0:N1} | {size() / 1024:N0} |");
    }

    // ---------------------------------------------------------------- (a) ours

    public static byte[] WriteOurs(Item[] items)
    {
        using var ms = new MemoryStream();
        using (var xlsx = new XlsxWriter(ms))
        {
            var sheet = xlsx.AddSheet(Sheet, [.. Headers.Select(_ => new XlsxWriter.Col(16))], frozenRows: 1);
            sheet.Row([.. Headers.Select(h => XValue.Text(h, XStyle.Header))]);
            var cells = new XValue[Headers.Length];
            foreach (var i in items)
            {
                cells[0] = XValue.Text(i.CreditCode, XStyle.Text);
                cells[1] = XValue.Text(i.Name);
                cells[2] = XValue.Text(i.Town);
                cells[3] = XValue.Text(i.Code, XStyle.Text);
                cells[4] = XValue.Date(DateOnly.FromDateTime(i.Started));
                cells[5] = XValue.Number(i.Amount, XStyle.MoneyYuan);
                cells[6] = XValue.Number(i.Rate, XStyle.Percent);
                cells[7] = XValue.WholeNumber(i.Year);
                cells[8] = XValue.Text(i.Note);
                cells[9] = XValue.Text(i.Above);
                sheet.Row(cells);
            }
            xlsx.Finish();
        }
        return ms.ToArray();
    }

    public static Checksum ReadOurs(byte[] bytes)
    {
        var c = new Checksum();
        using var package = XlsxPackage.Open(new MemoryStream(bytes, writable: false), 200L * 1024 * 1024);
        var first = true;
        foreach (var row in package.Rows(package.SheetNames[0]))
        {
            if (first) { first = false; continue; }
            if (row.IsBlank) continue;
            c.Rows++;
            var r = row.Cells;
            c.Add(r[0].Value); c.Add(r[1].Value); c.Add(r[2].Value); c.Add(r[3].Value); c.Add(r[8].Value); c.Add(r[9].Value);
            if (CellText.TryNumberCell(r[4].Value, out var serial) && CellText.TrySerial(serial, package.Date1904, out var date)) c.Days += date.DayNumber;
            if (CellText.TryNumberCell(r[5].Value, out var amount)) c.Amounts += amount;
            if (CellText.TryNumberCell(r[6].Value, out var rate)) c.Rates += rate;
            if (CellText.TryNumberCell(r[7].Value, out var year)) c.Years += (long)year;
        }
        return c;
    }

    // ---------------------------------------------------------------- (b) MiniExcel

    public static byte[] WriteMiniExcel(Item[] items)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(items, sheetName: Sheet);
        return ms.ToArray();
    }

    public static Checksum ReadMiniExcel(byte[] bytes)
    {
        var c = new Checksum();
        using var ms = new MemoryStream(bytes, writable: false);
        foreach (IDictionary<string, object?> row in ms.Query(useHeaderRow: true))
        {
            if (row.Values.All(v => v is null)) continue;
            c.Rows++;
            c.Add(row["统一社会信用代码"]?.ToString()); c.Add(row["企业名称"]?.ToString()); c.Add(row["镇区"]?.ToString());
            c.Add(row["项目编号"]?.ToString()); c.Add(row["备注"]?.ToString()); c.Add(row["是否规上"]?.ToString());
            c.Days += row["开工日期"] switch
            {
                DateTime d => DateOnly.FromDateTime(d).DayNumber,
                double d => DateOnly.FromDateTime(DateTime.FromOADate(d)).DayNumber, // a date MiniExcel did not recognise by its style
                _ => 0,
            };
            c.Amounts += Decimal(row["设备投资（元）"]);
            c.Rates += Decimal(row["利率"]);
            c.Years += (long)Decimal(row["年度"]);
        }
        return c;
    }

    private static decimal Decimal(object? v) => v switch
    {
        double d => (decimal)d,
        decimal m => m,
        int i => i,
        long l => l,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
        _ => 0,
    };

    public static Checksum ReadMiniExcelTyped(byte[] bytes)
    {
        var c = new Checksum();
        using var ms = new MemoryStream(bytes, writable: false);
        foreach (var i in ms.Query<Item>())
        {
            c.Rows++;
            c.Amounts += i.Amount;
            c.Rates += i.Rate;
            c.Days += DateOnly.FromDateTime(i.Started).DayNumber;
            c.Years += i.Year;
            c.Add(i.CreditCode); c.Add(i.Name); c.Add(i.Town); c.Add(i.Code); c.Add(i.Note); c.Add(i.Above);
        }
        return c;
    }

    // ---------------------------------------------------------------- (c) Open XML SDK, SAX

    public static byte[] WriteSdk(Item[] items)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }) { Count = 4 });
            var ws = wb.AddNewPart<WorksheetPart>();
            using (var w = OpenXmlWriter.Create(ws))
            {
                w.WriteStartElement(new Worksheet());
                w.WriteStartElement(new SheetData());
                var r = 1;
                WriteSdkRow(w, r++, Headers.Select(h => ((string?)h, (string?)null, 0u)).ToArray());
                var cells = new (string?, string?, uint)[Headers.Length];
                foreach (var i in items)
                {
                    cells[0] = (i.CreditCode, null, 0);
                    cells[1] = (i.Name, null, 0);
                    cells[2] = (i.Town, null, 0);
                    cells[3] = (i.Code, null, 0);
                    cells[4] = (null, CellText.Serial(DateOnly.FromDateTime(i.Started)).ToString(CultureInfo.InvariantCulture), 1);
                    cells[5] = (null, CellText.Format(i.Amount), 2);
                    cells[6] = (null, CellText.Format(i.Rate), 3);
                    cells[7] = (null, i.Year.ToString(CultureInfo.InvariantCulture), 0);
                    cells[8] = (i.Note, null, 0);
                    cells[9] = (i.Above, null, 0);
                    WriteSdkRow(w, r++, cells);
                }
                w.WriteEndElement();
                w.WriteEndElement();
            }
            wb.Workbook = new Workbook(new Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Name = Sheet, SheetId = 1, Id = wb.GetIdOfPart(ws) }));
        }
        return ms.ToArray();
    }

    private static void WriteSdkRow(OpenXmlWriter w, int r, (string? Text, string? Number, uint Style)[] cells)
    {
        w.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", r.ToString(CultureInfo.InvariantCulture))]);
        for (var i = 0; i < cells.Length; i++)
        {
            var (text, number, style) = cells[i];
            if (text is null && number is null) continue;
            var attributes = new List<OpenXmlAttribute> { new("r", "", CellAddress.Of(i, r)) };
            if (style != 0) attributes.Add(new("s", "", style.ToString(CultureInfo.InvariantCulture)));
            if (text is not null) attributes.Add(new("t", "", "inlineStr"));
            w.WriteStartElement(new Cell(), attributes);
            if (text is not null) w.WriteElement(new InlineString(new Text(text)));
            else w.WriteElement(new CellValue(number!));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    public static Checksum ReadSdk(byte[] bytes)
    {
        var c = new Checksum();
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
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
        var values = new string?[Headers.Length];
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                Array.Clear(values);
                var row = (Row)reader.LoadCurrentElement()!;
                rowNumber++;
                foreach (var cell in row.Elements<Cell>())
                {
                    var col = XlsxPackage.ColumnIndex(cell.CellReference?.Value ?? "A", Sheet);
                    if (col >= values.Length) continue;
                    var type = cell.DataType?.Value;
                    values[col] = type == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                        : type == CellValues.InlineString ? cell.InlineString?.InnerText
                        : cell.CellValue?.Text;
                }
                if (rowNumber == 1 || values.All(v => v is null)) continue;
                c.Rows++;
                c.Add(values[0]); c.Add(values[1]); c.Add(values[2]); c.Add(values[3]); c.Add(values[8]); c.Add(values[9]);
                if (CellText.TryNumberCell(values[4] ?? "", out var serial) && CellText.TrySerial(serial, false, out var date)) c.Days += date.DayNumber;
                if (CellText.TryNumberCell(values[5] ?? "", out var amount)) c.Amounts += amount;
                if (CellText.TryNumberCell(values[6] ?? "", out var rate)) c.Rates += rate;
                if (CellText.TryNumberCell(values[7] ?? "", out var year)) c.Years += (long)year;
            }
        }
        return c;
    }
}
