using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Renewal.Exchange.Library;
using Renewal.Exchange.Tests.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Xlsx;

/// <summary>
/// What the project's own reader and writer give that the libraries measured in ADR-013 did not: text that looks like a
/// formula stays text, a part whose CRC does not match is refused (.NET's zip reader does not check it), and cells keep
/// their kind, style and formula flag.
/// </summary>
public class XlsxPackageTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static byte[] Write(Action<SheetWriter> rows)
    {
        using var ms = new MemoryStream();
        using (var xlsx = new XlsxWriter(ms))
        {
            rows(xlsx.AddSheet("表"));
            xlsx.Finish();
        }
        return ms.ToArray();
    }

    private static XDocument Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var s = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        return XDocument.Load(s);
    }

    private static List<XCell> FirstRow(byte[] xlsx)
    {
        using var package = XlsxPackage.Open(new MemoryStream(xlsx), 1 << 20);
        return [.. package.Rows(package.SheetNames[0]).First().Cells];
    }

    [Fact]
    public void TextThatLooksLikeAFormula_IsWrittenAsText_WhileAFormulaIsAFormula()
    {
        string[] texts = ["=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "\t=1+1"];
        var xlsx = Write(s => s.Row([.. texts.Select(t => XValue.Text(t)), new XValue(CellKind.Number, "2", XStyle.Default, "1+1")]));

        XNamespace m = Main;
        var cells = Sheet(xlsx).Descendants(m + "c").ToList();
        Assert.Equal(texts.Length + 1, cells.Count);
        Assert.All(cells.Take(texts.Length), c =>
        {
            Assert.Equal("inlineStr", (string?)c.Attribute("t"));
            Assert.Null(c.Element(m + "f"));
        });
        Assert.Equal("1+1", cells[^1].Element(m + "f")?.Value);

        var read = FirstRow(xlsx);
        Assert.Equal(texts, read.Take(texts.Length).Select(c => c.Value));
        Assert.All(read.Take(texts.Length), c => Assert.Equal((CellKind.Text, false), (c.Kind, c.Formula)));
        Assert.Equal((CellKind.Number, "2", true), (read[texts.Length].Kind, read[texts.Length].Value, read[texts.Length].Formula));
    }

    [Fact]
    public void ADeflatedPart_WhoseCrcDoesNotMatch_IsRefused_ThoughZipArchiveReadsIt()
    {
        var valid = RawZip.Build(CompressionLevel.Optimal, [.. RawZip.Entries(Write(s => s.Row("统一社会信用代码", "企业名称")))]);
        var altered = (byte[])valid.Clone();
        PatchCrc(altered, "xl/worksheets/sheet1.xml");

        // .NET's zip reader inflates the part without complaint: the check is ours.
        using (var zip = new ZipArchive(new MemoryStream(altered)))
        using (var s = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open())
            s.CopyTo(Stream.Null);

        Assert.Equal("统一社会信用代码", FirstRow(valid)[0].Value);
        var e = Assert.Throws<LibraryImportException>(() => FirstRow(altered));
        Assert.Contains("xl/worksheets/sheet1.xml", e.Message, StringComparison.Ordinal);
        Assert.Contains("校验和不符", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Adds one to the CRC-32 an entry declares, in its local header and in the central directory.</summary>
    private static void PatchCrc(byte[] zip, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var local = zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x03 && zip[i + 3] == 0x04 && zip.AsSpan(i + 30).StartsWith(nameBytes);
            var central = zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02 && zip.AsSpan(i + 46).StartsWith(nameBytes);
            if (!local && !central) continue;
            var at = i + (local ? 14 : 16);
            BitConverter.TryWriteBytes(zip.AsSpan(at, 4), BitConverter.ToUInt32(zip, at) + 1);
            patched++;
        }
        Assert.Equal(2, patched);
    }

    [Fact]
    public void Cells_KeepTheirKind_Style_AndFormulaFlag()
    {
        const string styles =
            $"<styleSheet xmlns=\"{Main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.00&quot;%&quot;\"/></numFmts>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"10\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
        const string sheet =
            $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\">"
            + "<c r=\"A1\" s=\"1\"><v>45413</v></c><c r=\"B1\" s=\"2\"><v>0.0345</v></c><c r=\"C1\" s=\"3\"><v>3.45</v></c>"
            + "<c r=\"D1\" t=\"d\"><v>2025-03-01</v></c><c r=\"E1\"><f>SUM(1,2)</f></c><c r=\"F1\" t=\"e\"><v>#N/A</v></c>"
            + "<c r=\"G1\" t=\"inlineStr\"><is><t>昆山</t></is></c><c r=\"H1\" t=\"str\"><f>A1</f><v>玉山镇</v></c>"
            + "</row></sheetData></worksheet>";
        var xlsx = RawZip.Build([.. RawZip.Entries(Write(s => s.Row("x")))
            .Select(e => e.Path switch
            {
                "xl/worksheets/sheet1.xml" => (e.Path, RawZip.Utf8(sheet)),
                "xl/styles.xml" => (e.Path, RawZip.Utf8(styles)),
                _ => e,
            })]);

        using var package = XlsxPackage.Open(new MemoryStream(xlsx), 1 << 20);
        var c = package.Rows(package.SheetNames[0]).First().Cells;
        Assert.Equal(new XCell(CellKind.Number, "45413", 1, false), c[0]);
        Assert.Equal(new XCell(CellKind.Number, "0.0345", 2, false), c[1]);
        Assert.Equal(new XCell(CellKind.Number, "3.45", 3, false), c[2]);
        Assert.Equal((false, true, false), (package.IsPercentStyle(1), package.IsPercentStyle(2), package.IsPercentStyle(3)));
        Assert.Equal(new XCell(CellKind.IsoDate, "2025-03-01", 0, false), c[3]);
        Assert.Equal(new XCell(CellKind.Empty, "", 0, true), c[4]); // a formula Excel never calculated: not a blank cell
        Assert.Equal(new XCell(CellKind.Error, "#N/A", 0, false), c[5]);
        Assert.Equal(new XCell(CellKind.Text, "昆山", 0, false), c[6]);
        Assert.Equal(new XCell(CellKind.Text, "玉山镇", 0, true), c[7]);
    }
}

/// <summary>The bank ledger is read by MiniExcel, after the same zip defences as the library workbook (ADR-013).</summary>
public class LedgerZipDefenceTests
{
    private static byte[] Ledger()
    {
        using var ms = new MemoryStream();
        using (var xlsx = new XlsxWriter(ms))
        {
            var s = xlsx.AddSheet("贷款");
            s.Row("贷款编号", "统一社会信用代码");
            s.Row("L1", "91320583MA00000030");
            xlsx.Finish();
        }
        return ms.ToArray();
    }

    private static (IReadOnlyList<Renewal.Exchange.Ledger.LedgerSheet?> Sheets, List<Renewal.Exchange.Ledger.LedgerError> Errors) Read(byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, file);
        try
        {
            var errors = new List<Renewal.Exchange.Ledger.LedgerError>();
            return (Renewal.Exchange.Ledger.LedgerFile.ReadWorkbook(path, ["贷款"], errors), errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AValidLedger_IsRead()
    {
        var (sheets, errors) = Read(Ledger());
        Assert.Empty(errors);
        Assert.Equal("91320583MA00000030", sheets[0]!.Rows[1][1]);
    }

    [Fact]
    public void APartWithOneDigitChanged_IsRefusedByItsCrc()
    {
        var stored = RawZip.Build(CompressionLevel.NoCompression, [.. RawZip.Entries(Ledger())]);
        var at = stored.AsSpan().IndexOf("91320583MA"u8);
        stored[at + 10] ^= 0x01; // 0 → 1: still well-formed XML, only the CRC tells
        var e = Assert.Throws<Renewal.Exchange.Ledger.LedgerException>(() => Read(stored));
        Assert.Contains("校验和不符", e.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHighlyCompressedPart_IsRefusedBeforeItIsInflated()
    {
        var entries = RawZip.Entries(Ledger());
        entries.Add(("xl/media/image1.bin", new byte[20 * 1024 * 1024]));
        var e = Assert.Throws<Renewal.Exchange.Ledger.LedgerException>(() => Read(RawZip.Build(CompressionLevel.SmallestSize, [.. entries])));
        Assert.Contains("压缩比异常", e.Errors.Single().Message, StringComparison.Ordinal);
    }
}
