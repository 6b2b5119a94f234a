using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Renewal.Exchange.Ledger;
using Renewal.Exchange.Library;
using Renewal.Exchange.Tests.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Policy.Model;
using Renewal.Testing;
using static Renewal.Exchange.Tests.Library.Workbooks;

namespace Renewal.Exchange.Tests.Vocabulary;

/// <summary>
/// The Excel import and the ledger import read words with the pack's one parser: what one accepts the other accepts
/// (改扩建 was taken by the library workbook and refused by the ledger), and the export writes Chinese words only.
/// </summary>
public class OneParserTests
{
    private static readonly string[] Typed = ["改扩建", "扩建", "ｅｘｐａｎｓｉｏｎ", " 改扩建项目 "];

    [Fact]
    public void TheLibraryWorkbook_ReadsEveryWayOfTypingExpansion()
    {
        using var db = Databases.Open("sqlite", out _);
        var book = new TestWorkbook().Enterprise(C1);
        for (var i = 0; i < Typed.Length; i++)
            book.Add(LibraryWorkbook.Projects, C1, $"K{i}", $"项目{i}", Typed[i], "建设中", "2025-01-01", "", "4", "装备制造", "5G+工业互联网融合应用场景", "否", "");
        Import(db, book.Build());
        var projects = db.Projects.AsNoTracking().OrderBy(p => p.Code).ToList();
        Assert.Equal(Typed.Length, projects.Count);
        Assert.All(projects, p => Assert.Equal(ProjectKind.Expansion, p.Kind));
        Assert.All(projects, p => Assert.Equal(ProjectStatus.InProgress, p.Status));
        Assert.All(projects, p => Assert.Equal(["equipment_manufacturing"], p.Clusters));
        Assert.All(projects, p => Assert.Equal(["scenario_5g"], p.DigitalScopes));
    }

    [Fact]
    public void TheLedger_ReadsEveryWayOfTypingExpansion()
    {
        var headers = LedgerColumns.Loans.Select(c => c.Header).ToList();
        var csv = new StringBuilder(string.Join(",", headers)).Append('\n');
        for (var i = 0; i < Typed.Length; i++)
        {
            var cells = new Dictionary<string, string>
            {
                ["贷款编号"] = $"L{i}", ["企业名称"] = "昆山某动力电池有限公司", ["统一社会信用代码"] = "913205837AY4CL12TY", ["所属区镇"] = "昆山开发区",
                ["国民经济行业代码"] = "C3841", ["项目编号"] = $"P{i}", ["项目名称"] = $"项目{i}", ["项目类型"] = Typed[i], ["贷款类别"] = "智改数转",
                ["贷款本金（元）"] = "100000000", ["合同年利率（%）"] = "3", ["放款日期"] = "2025-03-01", ["到期日期"] = "2028-03-01",
                ["用于设备投资金额（元）"] = "80000000", ["是否经苏州综合金融服务平台"] = "是", ["已审核同意层级"] = "江苏省、苏州、昆山市级",
            };
            csv.Append(string.Join(",", headers.Select(h => cells.GetValueOrDefault(h, "")))).Append('\n');
        }
        var path = Path.Combine(Directory.CreateTempSubdirectory("renewal-ledger-").FullName, "台账.csv");
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(true));
        try
        {
            var scenario = LedgerImport.Read(path, null, 2025).Scenario;
            Assert.Equal(Typed.Length, scenario.Projects.Length);
            Assert.All(scenario.Projects, p => Assert.Equal(ProjectKind.Expansion, p.Kind));
            Assert.All(scenario.Loans, l => Assert.Equal(LoanCategory.DigitalTransformation, l.Category));
            Assert.All(scenario.Loans, l => Assert.Equal(new[] { Level.Province, Level.Suzhou, Level.Kunshan }, l.Approvals!.Value.ToArray()));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("改扩建", ProjectKind.Expansion)]
    [InlineData("技改", ProjectKind.Renovation)]
    [InlineData("new", ProjectKind.New)]
    public void ALedgerCell_IsReadByTheSameParser(string text, ProjectKind expected)
    {
        Assert.Equal(expected, CellText.Kind(text, out var problem));
        Assert.Null(problem);
        Assert.True(Policy.Kunshan2024.Vocabulary.TryParse(text, out ProjectKind viaPack));
        Assert.Equal(expected, viaPack);
    }

    [Fact]
    public void ABadWord_IsRefusedWithTheChoicesInChinese()
    {
        Assert.Null(CellText.Kind("翻新", out var problem));
        Assert.Equal("“翻新”不是有效的项目类型（新建、扩建、技术改造）", problem);
        var (ok, _) = CellText.Approvals("省级、市级", out problem);
        Assert.False(ok);
        Assert.Contains("“市级”不是贴息层级（中央、省级、苏州市级、昆山市级", problem, StringComparison.Ordinal);
    }

    /// <summary>Both readers of dates live in one place and still take what each took.</summary>
    [Theory]
    [InlineData("2025-03-01")]
    [InlineData("2025/3/1")]
    [InlineData("2025.3.1")]
    [InlineData("2025年3月1日")]
    [InlineData("２０２５年３月１日")]
    [InlineData("20250301")]
    [InlineData("2025-03-01 10:30")]
    [InlineData("2025-03-01T10:30:00")]
    [InlineData("45717")]
    public void ADateAsPeopleTypeIt_IsReadForTheLedgerAndTheWorkbook(string text)
    {
        Assert.Equal(new DateOnly(2025, 3, 1), CellText.Date(text, out var problem));
        Assert.Null(problem);
        Assert.True(CellText.TryDateText(text, false, out var d));
        Assert.Equal(new DateOnly(2025, 3, 1), d);
    }

    /// <summary>The library workbook people download shows words, not identifiers — and it imports back the same.</summary>
    [Fact]
    public void TheLibraryExport_ShowsNoCode_AndImportsBack()
    {
        using var db = Databases.Open("sqlite", out _);
        FillSample(db);
        var xlsx = Export(db);
        var offending = new List<string>();
        using (var ms = new MemoryStream(xlsx))
        {
            foreach (var sheet in MiniExcel.GetSheetNames(ms))
            {
                ms.Position = 0;
                foreach (IDictionary<string, object?> row in MiniExcel.Query(ms, useHeaderRow: false, sheetName: sheet))
                {
                    foreach (var cell in row.Values.Select(v => v?.ToString() ?? ""))
                    {
                        offending.AddRange(Codes().Where(c => Regex.IsMatch(cell, $"(?<![A-Za-z0-9_.]){Regex.Escape(c)}(?![A-Za-z0-9_])")).Select(c => $"[{sheet}] {c}: {cell}"));
                    }
                }
                ms.Position = 0;
            }
        }
        Assert.True(offending.Count == 0, "codes in the library workbook:\n" + string.Join("\n", offending.Take(20)));

        using var fresh = Databases.Open("sqlite", out _);
        Import(fresh, xlsx);
        Assert.Equal(Dump(db), Dump(fresh));
    }

    private static IEnumerable<string> Codes() => Policy.Kunshan2024.Vocabulary.AllCodes.Where(c => c.Contains('_', StringComparison.Ordinal) || c.Length > 6);
}
