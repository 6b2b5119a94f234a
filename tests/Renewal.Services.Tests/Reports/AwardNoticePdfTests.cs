using Renewal.Data;
using Renewal.Testing;
using System.Globalization;
using System.Text.RegularExpressions;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Reports;

namespace Renewal.Services.Tests.Reports;

/// <summary>
/// The award notice PDF as a reader sees it: poppler renders it (a page that is not blank, ink in the title area),
/// extracts its text (the CJK font is embedded with a ToUnicode map) and lists its font as embedded.
/// </summary>
public partial class AwardNoticePdfTests
{
    private static readonly DateOnly Date = new(2026, 3, 16);

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task FromTheLibrary_OnlyApprovedAndPaidAwards_OfTheEnterpriseAndYear(string provider)
    {
        var library = await ReportLibrary.CreateAsync(provider);
        using var db = LibraryStore.Create(library.Options);
        var notice = AwardNotices.Load(db, library.JiaId, 2025, Date);
        Assert.NotNull(notice);
        var expected = db.Applications.Where(a => a.EnterpriseId == library.JiaId && a.Year == 2025
            && (a.State == ApplicationState.Approved || a.State == ApplicationState.Paid)).ToList();
        Assert.Equal(2, expected.Count); // the third is still in notice
        Assert.Equal(expected.Select(a => a.Number).Order(), notice.Lines.Select(l => l.Number).Order());
        Assert.Equal(expected.Sum(a => a.ApprovedAmount!.Value), notice.Total);
        Assert.Equal("甲精密机械（昆山）有限公司", notice.Enterprise);
        Assert.All(notice.Lines, l => Assert.Equal(expected.Single(a => a.Number == l.Number).ApprovedParameterVersion, l.ParameterVersion));
        // Each line carries the verification code of its decision of record (the approval's declaration).
        var codes = db.Declarations.Where(d => d.Purpose == DeclarationPurpose.Approval).ToDictionary(d => d.ApplicationId, d => d.Code);
        Assert.All(notice.Lines, l => Assert.Equal(codes[expected.Single(a => a.Number == l.Number).Id], l.Code));
        Assert.All(notice.Lines, l => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", l.Code!));
        // The basis comes from the stored trace: B's threshold and award articles (实施细则 二).
        Assert.All(notice.Lines, l => Assert.Contains(l.Basis, b => b.StartsWith("细则二（一）2", StringComparison.Ordinal)));
        Assert.All(notice.Lines, l => Assert.Contains(l.Basis, b => b.StartsWith("细则二（二）", StringComparison.Ordinal)));

        Assert.Null(AwardNotices.Load(db, library.JiaId, 2024, Date)); // nothing approved that year
        Assert.Null(AwardNotices.Load(db, 987_654, 2025, Date)); // no such enterprise
        Assert.NotNull(AwardNotices.Load(db, ReportLibrary.Yi, 2025, Date));
    }

    [Fact]
    public async Task Pdf_RendersAPage_WithTheTextAndTheEmbeddedFont()
    {
        var library = await ReportLibrary.CreateAsync("sqlite");
        using var db = LibraryStore.Create(library.Options);
        var notice = AwardNotices.Load(db, library.JiaId, 2025, Date)!;
        var pdf = PdfTools.Save(AwardNoticePdf.Render(notice, PdfTools.Font));

        var text = PdfTools.Text(pdf);
        var flat = Spaces().Replace(text, "");
        Assert.Contains("昆山市工业设备更新奖补通知书", flat, StringComparison.Ordinal);
        Assert.Contains(notice.Enterprise, flat, StringComparison.Ordinal);
        Assert.Contains(ReportLibrary.Jia, flat, StringComparison.Ordinal);
        foreach (var line in notice.Lines)
        {
            Assert.Contains(line.Number, flat, StringComparison.Ordinal);
            Assert.Contains(line.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture), flat, StringComparison.Ordinal);
            Assert.Contains(line.ParameterVersion!, flat, StringComparison.Ordinal);
            // Its verification code, and where to check it (no address known here: the path).
            Assert.Contains($"{line.Number}：核验码{line.Code}核验网址/verify/{line.Code}", flat, StringComparison.Ordinal);
        }
        Assert.Contains("任何人无需登录即可在本平台核验", flat, StringComparison.Ordinal);
        var total = notice.Lines.Sum(l => l.Amount);
        Assert.Contains(total.ToString("#,##0.00", CultureInfo.InvariantCulture), flat, StringComparison.Ordinal);
        Assert.Contains("人民币" + ChineseAmount.Capital(total), flat, StringComparison.Ordinal);
        Assert.Contains("2026年3月16日", flat, StringComparison.Ordinal);
        Assert.Contains("昆山市工业和信息化局", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("第1页", flat, StringComparison.Ordinal); // one page: no page numbers

        var fonts = PdfTools.Fonts(pdf);
        var row = Assert.Single(fonts.Split('\n'), l => l.Contains("Noto Sans CJK SC", StringComparison.Ordinal));
        Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", row); // embedded, subset, with ToUnicode
        Assert.True(new FileInfo(pdf).Length < 400_000, $"the font is a subset: {new FileInfo(pdf).Length} bytes");

        var pages = PdfTools.Render(pdf);
        Assert.Single(pages);
        PdfTools.Keep(pages[0], "award-notice");
        var png = Png.Read(pages[0]);
        Assert.InRange(png.Width, 400, 430); // A4 at 50 dpi: 413 × 585
        Assert.InRange(png.Height, 575, 595);
        Assert.True(png.DarkPixels(0.2, 0.05, 0.8, 0.12) > 200, "the title area has ink");
        Assert.True(png.DarkPixels(0, 0, 1, 1) > 2000, "the page is not blank");
        Assert.Equal(0, png.DarkPixels(0, 0, 0.08, 1)); // nothing in the left margin
    }

    [Fact]
    public void ALongNotice_RunsOverPages_WithTheTableHeaderRepeated_AndPageNumbers()
    {
        var lines = Enumerable.Range(1, 45).Select(i => new AwardNoticeLine($"SB2025-{i:D6}", Scheme.LoanInterest,
            $"贷款 DK-2025-{i:D4}（智改数转网联项目，设备及配套软件购置，名称较长时在单元格内换行显示）", i % 2 == 0 ? ApplicationState.Paid : ApplicationState.Approved,
            1000m * i + 0.01m * i, "0123456789abcdef", ["细则四（一）2（D-1）", "细则四（二）1（D-4）"])).ToList();
        var notice = new AwardNotice("丙智能装备有限公司", "91320583MA1XYZ0001", "周市镇", 2025, Date, AwardNotice.DefaultIssuer, lines);
        var pdf = PdfTools.Save(AwardNoticePdf.Render(notice, PdfTools.Font));

        var pages = PdfTools.Render(pdf);
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        var text = Spaces().Replace(PdfTools.Text(pdf), "");
        for (var p = 1; p <= pages.Count; p++) Assert.Contains($"第{p}页/共{pages.Count}页", text, StringComparison.Ordinal);
        for (var p = 1; p <= pages.Count; p++)
        {
            var page = Spaces().Replace(PdfTools.Text(pdf, p), "");
            if (page.Contains("贷款DK-2025-", StringComparison.Ordinal)) // the subject column: a page with table rows
                Assert.Equal(1, HeaderRow().Count(page)); // every page the table runs over starts with its header
        }
        Assert.True(HeaderRow().Count(text) >= 2);
        Assert.Contains("人民币" + ChineseAmount.Capital(notice.Total), text, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Contains(l.Number, text, StringComparison.Ordinal));
        foreach (var page in pages) Assert.True(Png.Read(page).DarkPixels(0, 0, 1, 1) > 1000, page + " is blank");
        PdfTools.Keep(pages[1], "award-notice-long-page2");
    }

    [Fact]
    public void TheVerificationAddress_IsThePlatformsWhenKnown()
    {
        var notice = new AwardNotice("丁公司", "91320583MA1XYZ0002", "花桥经济开发区", 2025, Date, AwardNotice.DefaultIssuer,
            [new AwardNoticeLine("SB2025-000009", Scheme.TechRenovation, "企业年度技改投入", ApplicationState.Approved, 100_000m, "v1", [], "7Q2M-9KXD-41PA"),
             new AwardNoticeLine("SB2025-000010", Scheme.TechRenovation, "企业年度技改投入", ApplicationState.Paid, 50_000m, "v1", [])],
            VerifyAt: "https://renewal.ks.gov.cn/");
        Assert.Equal("https://renewal.ks.gov.cn/verify/7Q2M-9KXD-41PA", notice.VerifyUrl("7Q2M-9KXD-41PA"));
        var text = Spaces().Replace(PdfTools.Text(PdfTools.Save(AwardNoticePdf.Render(notice, PdfTools.Font))), "");
        Assert.Contains("SB2025-000009：核验码7Q2M-9KXD-41PA核验网址https://renewal.ks.gov.cn/verify/7Q2M-9KXD-41PA", text, StringComparison.Ordinal);
        Assert.Contains("在https://renewal.ks.gov.cn/verify输入核验码", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SB2025-000010：核验码", text, StringComparison.Ordinal); // no record, no code

        var none = notice with { Lines = [notice.Lines[1]] };
        Assert.DoesNotContain("决定核验", Spaces().Replace(PdfTools.Text(PdfTools.Save(AwardNoticePdf.Render(none, PdfTools.Font))), ""), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameNotice_GivesTheSamePage()
    {
        var notice = new AwardNotice("丁公司", "91320583MA1XYZ0002", "花桥经济开发区", 2025, Date, AwardNotice.DefaultIssuer,
            [new AwardNoticeLine("SB2025-000009", Scheme.TechRenovation, "企业年度技改投入", ApplicationState.Approved, 100_000m, "v1", [])]);
        var a = PdfTools.Text(PdfTools.Save(AwardNoticePdf.Render(notice, PdfTools.Font)));
        var b = PdfTools.Text(PdfTools.Save(AwardNoticePdf.Render(notice, PdfTools.Font)));
        Assert.Equal(a, b);
        Assert.Contains("人民币壹拾万元整", Spaces().Replace(a, ""), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFont_IsAClearError()
    {
        var e = Assert.Throws<ReportFontException>(() => ReportFont.Load("/nonexistent/NotoSansCJKsc-Regular.ttf"));
        Assert.Contains("找不到", e.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/fonts.sh", e.Message, StringComparison.Ordinal);
        Assert.Throws<ReportFontException>(() => ReportFont.FromBytes("not a font at all"u8.ToArray()));
    }

    /// <summary>Debian's Noto CJK collection itself: the face is unpacked from the collection, then refused for its CFF outlines.</summary>
    [Fact]
    public void ACffFont_IsRefusedWithTheReason()
    {
        const string ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
        Assert.True(File.Exists(ttc), "fonts-noto-cjk is installed by scripts/test.sh");
        var e = Assert.Throws<ReportFontException>(() => ReportFont.Load(ttc, face: 2));
        Assert.Contains("CFF", e.Message, StringComparison.Ordinal);
        Assert.Contains("ADR-011", e.Message, StringComparison.Ordinal);
        Assert.Throws<ReportFontException>(() => ReportFont.Load(ttc, face: 99));
    }

    // How articles are said in Chinese is tested with the pack: tests/Renewal.Policy.Tests/Kunshan2024/CitationsTests.cs.

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("序号申报编号政策项目或贷款金额（元）")]
    private static partial Regex HeaderRow();
}
