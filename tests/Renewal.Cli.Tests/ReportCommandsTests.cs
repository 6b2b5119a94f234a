using Renewal.Testing;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Reports;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Cli.Tests;

/// <summary><c>renewal report notice</c> and <c>renewal report award-notice</c> on a library with approved awards.</summary>
public class ReportCommandsTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A SQLite library where 甲's two B projects of 2025 went through the whole workflow to approval.</summary>
    internal static async Task<(string Db, decimal[] Amounts)> LibraryAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "renewal-cli-report-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new LibraryDatabaseOptions("sqlite", null, path);
        var equipment = new[] { 25_000_012.37m, 31_234_567.89m };
        using (var db = LibraryStore.Open(options))
        {
            db.Enterprises.Add(new Enterprise
            {
                CreditCode = Code, Name = "甲精密机械（昆山）有限公司", Area = "昆山开发区", IndustryCode = "C3421", AboveScale = true,
                Projects = [.. equipment.Select((e, i) => new Project
                {
                    Code = $"P{i + 1}", Name = $"高端装备产线{i + 1}", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
                    Clusters = ["equipment_manufacturing"], Investments = [new ProjectInvestment { Year = 2025, Equipment = e }],
                })],
            });
            db.SaveChanges();
        }
        var firm = new UserContext(1, "qiye", Role.Enterprise, Code, null);
        var district = new UserContext(2, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
        var bureau = new UserContext(3, "shiju", Role.BureauReviewer, null, null);
        var clock = new Clock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var ids = new List<int>();
        using (var db = LibraryStore.Create(options))
        {
            var s = new ApplicationService(db, PolicyEngine.Default, clock);
            foreach (var projectId in db.Projects.Select(p => p.Id).ToList())
            {
                var app = (await s.CreateAsync(firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Value!;
                foreach (var (user, action) in new[] { (firm, WorkflowAction.Submit), (district, WorkflowAction.Accept), (district, WorkflowAction.DistrictApprove), (bureau, WorkflowAction.BureauApprove) })
                    Assert.True((await s.MoveAsync(user, app.Id, action)).Ok);
                ids.Add(app.Id);
            }
        }
        clock.Now = clock.Now.AddDays(10);
        using (var db = LibraryStore.Create(options))
        {
            var s = new ApplicationService(db, PolicyEngine.Default, clock);
            foreach (var id in ids) Assert.True((await s.MoveAsync(bureau, id, WorkflowAction.Approve)).Ok);
        }
        // B is 8% of the year's equipment, rounded once to the fen (ADR-001): computed here, not read back.
        return (path, [.. equipment.Select(e => Math.Round(e * 0.08m, 2, MidpointRounding.AwayFromZero))]);
    }

    [Fact]
    public async Task Notice_WritesTheWorkbook_WithChineseHeadersAndExactAmounts()
    {
        var (db, amounts) = await LibraryAsync();
        var xlsx = Path.ChangeExtension(db, ".xlsx");
        var (exit, output, error) = Cli.Run("report", "notice", "--year", "2025", "--db", db, "--out", xlsx);
        Assert.True(exit == 0, error);
        var total = amounts.Sum();
        Assert.Contains($"2 项，合计 {total.ToString("#,##0.00", Inv)} 元", output, StringComparison.Ordinal);

        var sheet = Sheet(File.ReadAllBytes(xlsx));
        var header = sheet[NoticeWorkbook.HeaderRow];
        Assert.Equal(NoticeWorkbook.Headers, header.Values);
        string Col(string name) => header.Single(h => h.Value == name).Key;
        var yuan = sheet.Where(r => r.Key > NoticeWorkbook.HeaderRow && r.Key <= NoticeWorkbook.HeaderRow + 2).Select(r => decimal.Parse(r.Value[Col("奖补金额（元）")], Inv)).ToList();
        var wan = sheet.Where(r => r.Key > NoticeWorkbook.HeaderRow && r.Key <= NoticeWorkbook.HeaderRow + 2).Select(r => decimal.Parse(r.Value[Col("奖补金额（万元）")], Inv)).ToList();
        Assert.Equal(amounts.Order(), yuan.Order());
        Assert.Equal(amounts.Select(a => a / 10000m).Order(), wan.Order());
        Assert.Equal(total, decimal.Parse(sheet[NoticeWorkbook.HeaderRow + 3][Col("奖补金额（元）")], Inv));

        var (badYear, _, badYearError) = Cli.Run("report", "notice", "--year", "2031", "--db", db, "--out", xlsx);
        Assert.Equal(2, badYear);
        Assert.Contains("--year", badYearError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwardNotice_WritesThePdf_WithTheAmountsAndTheTotalInCapitals()
    {
        _ = PdfTools.Font; // scripts/fonts.sh has made it, or makes it now
        var (db, amounts) = await LibraryAsync();
        var pdf = Path.ChangeExtension(db, ".pdf");
        var (exit, output, error) = Cli.Run("report", "award-notice", "--enterprise", Code, "--year", "2025", "--date", "2026-03-16", "--db", db, "--out", pdf);
        Assert.True(exit == 0, error);
        var capital = ChineseAmount.Capital(amounts.Sum());
        Assert.Contains(capital, output, StringComparison.Ordinal);

        var (textExit, text, _) = PdfTools.Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.Equal(0, textExit);
        text = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("甲精密机械（昆山）有限公司", text, StringComparison.Ordinal);
        foreach (var a in amounts) Assert.Contains(a.ToString("#,##0.00", Inv), text, StringComparison.Ordinal);
        Assert.Contains("人民币" + capital, text, StringComparison.Ordinal);
        Assert.Contains("2026年3月16日", text, StringComparison.Ordinal);
        var (_, fonts, _) = PdfTools.Run("pdffonts", pdf);
        Assert.Matches(@"Noto Sans CJK SC\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts);
    }

    [Fact]
    public async Task AwardNotice_SaysWhatIsWrong_InsteadOfCrashing()
    {
        var (db, _) = await LibraryAsync();
        var pdf = Path.ChangeExtension(db, ".pdf");
        var (unknown, _, unknownError) = Cli.Run("report", "award-notice", "--enterprise", "91320583712DD272H2", "--year", "2025", "--db", db, "--out", pdf);
        Assert.Equal(2, unknown);
        Assert.Contains("没有统一社会信用代码为 91320583712DD272H2 的企业", unknownError, StringComparison.Ordinal);

        var (nothing, _, nothingError) = Cli.Run("report", "award-notice", "--enterprise", Code, "--year", "2024", "--db", db, "--out", pdf);
        Assert.Equal(2, nothing);
        Assert.Contains("没有已批准或已拨付的奖补", nothingError, StringComparison.Ordinal);

        var (noFont, _, noFontError) = Cli.Run("report", "award-notice", "--enterprise", Code, "--year", "2025", "--font", "/nonexistent/font.ttf", "--db", db, "--out", pdf);
        Assert.Equal(2, noFont);
        Assert.Contains("找不到奖补通知书所用的中文字体", noFontError, StringComparison.Ordinal);
        Assert.False(File.Exists(pdf));

        var (badDate, _, badDateError) = Cli.Run("report", "award-notice", "--enterprise", Code, "--year", "2025", "--date", "16/03/2026", "--db", db, "--out", pdf);
        Assert.Equal(2, badDate);
        Assert.Contains("--date", badDateError, StringComparison.Ordinal);
    }

    /// <summary>The sheet's cells by row number and column letters; numbers as stored (exact decimal text).</summary>
    private static SortedDictionary<int, SortedDictionary<string, string>> Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var stream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = new SortedDictionary<int, SortedDictionary<string, string>>();
        foreach (var row in XDocument.Load(stream).Descendants(ns + "row"))
        {
            var cells = new SortedDictionary<string, string>(Comparer<string>.Create((a, b) => a.Length != b.Length ? a.Length - b.Length : string.CompareOrdinal(a, b)));
            foreach (var c in row.Elements(ns + "c"))
            {
                var column = string.Concat(((string)c.Attribute("r")!).TakeWhile(char.IsLetter));
                cells[column] = (string?)c.Attribute("t") == "inlineStr" ? string.Concat(c.Descendants(ns + "t").Select(t => t.Value)) : (string?)c.Element(ns + "v") ?? "";
            }
            rows[int.Parse((string)row.Attribute("r")!, Inv)] = cells;
        }
        return rows;
    }
}
