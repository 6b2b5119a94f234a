using System.Text.Json;
using Renewal.Data;
using Renewal.Services.Candidates;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Services;

namespace Renewal.Cli.Tests;

/// <summary><c>renewal candidates</c> as a person runs it: the table, json that equals the library's count, xlsx, bad input.</summary>
public class CandidatesCommandTests
{
    private static string SeededDb()
    {
        var db = Path.Combine(Path.GetTempPath(), "renewal-cli-cand-" + Guid.NewGuid().ToString("N") + ".db");
        var (exit, _, err) = Cli.Run("seed", "--enterprises", "80", "--seed", "5", "--today", "2026-06-30", "--db", db);
        Assert.True(exit == 0, err);
        return db;
    }

    [Fact]
    public void Candidates_Table_Json_Xlsx_AgreeWithTheLibrary()
    {
        var db = SeededDb();
        using var library = LibraryStore.Create(new LibraryDatabaseOptions("sqlite", null, db));
        var expected = RenewalCandidates.Summarise(library.Enterprises, 2026);

        var (exit, table, err) = Cli.Run("candidates", "--db", db, "--year", "2026");
        Assert.True(exit == 0, err);
        Assert.Contains("设备更新潜力（基准年度 2026）", table, StringComparison.Ordinal);
        Assert.Contains($"更新潜力 {expected.Total.CandidateItems:#,##0} 条", table, StringComparison.Ordinal);
        Assert.Contains("R-1 超期服役机床", table, StringComparison.Ordinal);

        var (jsonExit, json, jsonErr) = Cli.Run("candidates", "--db", db, "--year", "2026", "--format", "json", "--rule", "R-2");
        Assert.True(jsonExit == 0, jsonErr);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(expected.Total.R2Items, root.GetProperty("total").GetProperty("r2Items").GetInt32());
        Assert.Equal(expected.With(CandidateRules.R2).Count(), root.GetProperty("enterprises").GetArrayLength());
        Assert.Equal(expected.Areas.Count, root.GetProperty("areas").GetArrayLength());

        var area = expected.Areas[0].Area;
        var xlsx = Path.ChangeExtension(db, ".xlsx");
        var (xExit, areaOut, xErr) = Cli.Run("candidates", "--db", db, "--year", "2026", "--area", area, "--out", xlsx);
        Assert.True(xExit == 0, xErr);
        Assert.Contains($"  {area}", areaOut, StringComparison.Ordinal);
        // The workbook as a spreadsheet program sees it: sheet names in workbook.xml, headers as inline strings, one <row> per enterprise.
        using var zip = System.IO.Compression.ZipFile.OpenRead(xlsx);
        string Part(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var workbook = Part("xl/workbook.xml");
        Assert.All(new[] { "区镇汇总", "企业汇总", "设备明细" }, n => Assert.Contains($"name=\"{n}\"", workbook, StringComparison.Ordinal));
        var sheet = Part("xl/worksheets/sheet2.xml");
        Assert.All(CandidateWorkbook.EnterpriseHeaders, h => Assert.Contains($">{h}<", sheet, StringComparison.Ordinal));
        var rows = System.Text.RegularExpressions.Regex.Count(sheet, "<row ");
        Assert.Equal(expected.Enterprises.Count(e => e.Area == area && e.Counts.CandidateItems > 0), rows - 1);
    }

    [Theory]
    [InlineData("--rule", "R-9", "--rule")]
    [InlineData("--year", "3000", "--year")]
    [InlineData("--format", "csv", "--format")]
    [InlineData("--area", "火星镇", "--area")]
    public void BadInput_ExitsTwo_NamingTheOption(string option, string value, string named)
    {
        var db = Path.Combine(Path.GetTempPath(), "renewal-cli-cand-" + Guid.NewGuid().ToString("N") + ".db");
        var (exit, _, err) = Cli.Run("candidates", "--db", db, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
    }
}
