using Renewal.Data;
using Renewal.Testing;
using System.IO.Compression;
using System.Text;
using static Renewal.Exchange.Tests.Library.Workbooks;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Library;

/// <summary>Broken, hostile and oversized files are refused with a clear Chinese message; nothing is saved; nothing crashes or hangs.</summary>
public class RobustnessTests
{
    private static byte[] Valid() => new TestWorkbook().Enterprise(C3).Project(C3, "N1").Build();

    private static void AssertRefused(string provider, byte[] file, string reason, LibraryImportOptions? options = null)
    {
        using var db = Databases.Open(provider, out _);
        FillSample(db);
        var before = Fingerprint(db);
        var e = Refused(db, file, options);
        Assert.True(e.Errors.Any(x => x.Message.Contains(reason, StringComparison.Ordinal)) || e.Message.Contains(reason, StringComparison.Ordinal),
            $"expected “{reason}”, got:\n" + string.Join("\n", e.Errors));
        Assert.Equal(before, Fingerprint(db));
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "empty", "文件为空" },
        { "text", "不是 xlsx 文件" },
        { "xls", "旧版 Excel 97-2003" },
        { "zip-without-workbook", "缺少 xl/workbook.xml" },
        { "truncated", "zip 结构损坏" },
        { "flipped-byte", "校验和不符" },
        { "lying-size", "xl/worksheets/sheet2.xml" },
        { "dtd", "XML 格式错误" },
        { "bad-shared-string", "共享字符串" },
        { "rows-out-of-order", "不是递增的" },
        { "missing-sheet-part", "缺少部件" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFiles_AreRefused(string kind, string reason)
    {
        AssertRefused("sqlite", Broken(kind), reason);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void TruncatedFiles_AreRefused_AtEveryLength(string provider)
    {
        var valid = Valid();
        using var db = Databases.Open(provider, out _);
        FillSample(db);
        var before = Fingerprint(db);
        for (var length = 0; length < valid.Length; length += Math.Max(1, valid.Length / 60))
            Refused(db, valid[..length]);
        Assert.Equal(before, Fingerprint(db));
    }

    internal static byte[] Broken(string kind)
    {
        switch (kind)
        {
            case "empty": return [];
            case "text": return Encoding.UTF8.GetBytes("统一社会信用代码,企业名称\n91350100M000100Y43,某公司\n");
            case "xls": return [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
            case "zip-without-workbook": return RawZip.Build(("word/document.xml", RawZip.Utf8("<w:document/>")));
            case "truncated": var v = Valid(); return v[..(v.Length / 2)];
            case "flipped-byte":
            {
                var stored = RawZip.Build(CompressionLevel.NoCompression, [.. RawZip.Entries(Valid())]);
                var at = IndexOf(stored, Encoding.UTF8.GetBytes("C3841"));
                stored[at + 2] ^= 0x01; // 8 → 9: still well-formed XML, only the CRC tells
                return stored;
            }
            case "lying-size":
            {
                var bytes = RawZip.Build(CompressionLevel.Optimal, [.. RawZip.Entries(Valid())]);
                PatchDeclaredSize(bytes, "xl/worksheets/sheet2.xml", 64);
                return bytes;
            }
            case "dtd": return WithPart(Valid(), "xl/worksheets/sheet2.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>");
            case "bad-shared-string": return WithPart(Valid(), "xl/worksheets/sheet2.xml",
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>999</v></c></row></sheetData></worksheet>");
            case "rows-out-of-order": return WithPart(Valid(), "xl/worksheets/sheet2.xml",
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"5\"/><row r=\"3\"/></sheetData></worksheet>");
            case "missing-sheet-part": return RawZip.Build([.. RawZip.Entries(Valid()).Where(e => e.Path != "xl/worksheets/sheet3.xml")]);
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static byte[] WithPart(byte[] xlsx, string path, string xml) =>
        RawZip.Build([.. RawZip.Entries(xlsx).Select(e => e.Path == path ? (e.Path, RawZip.Utf8(xml)) : e)]);

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("not found");
    }

    /// <summary>Rewrites the uncompressed size an entry declares (local header and central directory): a zip bomb's lie.</summary>
    private static void PatchDeclaredSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x03 && zip[i + 3] == 0x04
                && zip.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size);
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02
                && zip.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
        }
    }

    private static byte[] WithZeros(byte[] xlsx, long size, CompressionLevel level)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in RawZip.Entries(xlsx))
            {
                using var s = zip.CreateEntry(path).Open();
                s.Write(content);
            }
            using var bomb = zip.CreateEntry("xl/media/image1.bin", level).Open();
            var chunk = new byte[1 << 20];
            for (long written = 0; written < size; written += chunk.Length) bomb.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
        }
        return ms.ToArray();
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void ZipBombs_AreRefused_BeforeAnythingIsParsed(string provider)
    {
        AssertRefused(provider, WithZeros(Valid(), 210L * 1024 * 1024, CompressionLevel.Fastest), "超过 200 MB");
        AssertRefused(provider, WithZeros(Valid(), 20L * 1024 * 1024, CompressionLevel.SmallestSize), "压缩比异常");
        AssertRefused(provider, Broken("lying-size"), "xl/worksheets/sheet2.xml");
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void HugeSheets_AreRefused_PastTheRowCap(string provider)
    {
        var book = new TestWorkbook();
        for (var i = 0; i < 101; i++) book.Add("企业", Credit(1000 + i), "企业" + i, "周市镇", "C3841", "否", "", "");
        AssertRefused(provider, book.Build(), "超过 100 行的上限", LibraryImportOptions.Default with { MaxRowsPerSheet = 100 });
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void WrongSheetNames_SayWhichSheetIsMissing_AndWhichExist(string provider)
    {
        var book = new TestWorkbook();
        book.Renamed["企业"] = "企业信息";
        book.Omitted.Add("还款");
        using var db = Databases.Open(provider, out _);
        var e = Refused(db, book.Build());
        var missing = e.Errors.Single(x => x.Sheet == "企业");
        Assert.Contains("缺少工作表“企业”", missing.Message, StringComparison.Ordinal);
        Assert.Contains("“企业信息”", missing.Message, StringComparison.Ordinal);
        Assert.Contains("“设备台账”", missing.Message, StringComparison.Ordinal);
        Assert.Contains(e.Errors, x => x.Sheet == "还款" && x.Message.StartsWith("缺少工作表“还款”", StringComparison.Ordinal));
        Assert.Equal(0, db.Enterprises.Count());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void WrongHeaders_AreListed_WithTheExpectedOnes(string provider)
    {
        var book = new TestWorkbook().Enterprise(C3);
        var projectHeaders = TestWorkbook.HeadersOf("项目");
        projectHeaders[0] = "信用代码";
        book.Headers["项目"] = [.. projectHeaders.Select(h => XValue.Text(h))];
        var investment = TestWorkbook.HeadersOf("年度投资");
        investment[3] = "设备投资（万元）";
        book.Headers["年度投资"] = [.. investment.Select(h => XValue.Text(h))];
        var loans = TestWorkbook.HeadersOf("贷款");
        loans[5] = "贷款编号";
        book.Headers["贷款"] = [.. loans.Select(h => XValue.Text(h))];

        using var db = Databases.Open(provider, out _);
        var e = Refused(db, book.Build());
        Assert.Contains(e.Errors, x => x.Sheet == "项目" && x.Cell == "A1" && x.Message.Contains("未知的列标题“信用代码”", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Sheet == "项目" && x.Column == "统一社会信用代码" && x.Message.StartsWith("缺少列", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Sheet == "年度投资" && x.Column == "设备投资" && x.Message.Contains("单位", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Sheet == "贷款" && x.Cell == "F1" && x.Message.Contains("重复", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Sheet == "贷款" && x.Column == "贷款本金" && x.Message.StartsWith("缺少列", StringComparison.Ordinal));
        Assert.Equal(0, db.Enterprises.Count());
    }

    [Theory]
    [InlineData("千元", "金额单位应为“元”或“万元”，实际为“千元”")]
    [InlineData("", "金额单位不能为空")]
    public void BadUnit_IsRefused(string unit, string reason)
    {
        AssertRefused("sqlite", new TestWorkbook { Unit = unit }.Enterprise(C3).Build(), reason);
    }

    [Fact]
    public void MissingNotesSheet_IsRefused()
    {
        var book = new TestWorkbook().Enterprise(C3);
        book.Omitted.Add("说明");
        AssertRefused("sqlite", book.Build(), "缺少工作表“说明”");
    }

    [Fact]
    public void NonSeekableStreams_AreRead()
    {
        using var db = Databases.Open("sqlite", out _);
        using var input = new ForwardOnly(Valid());
        var report = LibraryImporter.Import(db, input, dryRun: false);
        Assert.Equal(1, report.For("企业").Added);
    }

    private sealed class ForwardOnly(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
