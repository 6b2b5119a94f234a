using System.Data;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Scenarios;

namespace Renewal.Cli.Tests;

/// <summary><c>renewal loans template</c> and <c>renewal loans import</c>: the bank loan ledger (贷款台账).</summary>
public class LedgerTests
{
    private static readonly string[] LoanHeaders =
    [
        "贷款编号", "企业名称", "统一社会信用代码", "所属区镇", "国民经济行业代码", "项目编号", "项目名称", "项目类型", "贷款类别",
        "贷款本金（元）", "合同年利率（%）", "放款日期", "到期日期", "用于设备投资金额（元）", "是否经苏州综合金融服务平台", "已审核同意层级",
    ];

    private static readonly string[] RepaymentHeaders = ["贷款编号", "还款日期", "还款金额（元）"];

    /// <summary>L1 of the first scenario of ../shared/cases/loan-interest.yaml, as a bank would type it cleanly.</summary>
    private static Dictionary<string, object?> CleanLoan() => new()
    {
        ["贷款编号"] = "L1",
        ["企业名称"] = "昆山某动力电池有限公司",
        ["统一社会信用代码"] = "913205837AY4CL12TY",
        ["所属区镇"] = "昆山开发区",
        ["国民经济行业代码"] = "C3841",
        ["项目编号"] = "P1",
        ["项目名称"] = "电池产线智能化改造",
        ["项目类型"] = "技术改造",
        ["贷款类别"] = "智改数转网联",
        ["贷款本金（元）"] = 100000000,
        ["合同年利率（%）"] = 3,
        ["放款日期"] = new DateTime(2025, 3, 1),
        ["到期日期"] = new DateTime(2028, 3, 1),
        ["用于设备投资金额（元）"] = 80000000,
        ["是否经苏州综合金融服务平台"] = "是",
        ["已审核同意层级"] = "省级、苏州市级、昆山市级",
    };

    private static Dictionary<string, object?> CleanRepayment() => new()
    {
        ["贷款编号"] = "L1",
        ["还款日期"] = new DateTime(2026, 3, 1),
        ["还款金额（元）"] = 20000000,
    };

    private static string NewDir() => Directory.CreateTempSubdirectory("renewal-ledger-").FullName;

    private static string Template()
    {
        var path = Path.Combine(NewDir(), "模板.xlsx");
        var (exit, _, err) = Cli.Run("loans", "template", path);
        Assert.True(exit == 0, err);
        return path;
    }

    private static List<string> Headers(string workbook, string sheet) =>
        [.. ((IDictionary<string, object?>)MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet).First()).Values.Select(v => v?.ToString() ?? "")];

    /// <summary>Fills the template's sheets: the columns are the template's own headers, the cells are given by header.</summary>
    private static string Fill(string template, string path, IEnumerable<Dictionary<string, object?>> loans, IEnumerable<Dictionary<string, object?>> repayments)
    {
        var sheets = new Dictionary<string, object>
        {
            ["贷款"] = Table(Headers(template, "贷款"), loans),
            ["还款"] = Table(Headers(template, "还款"), repayments),
        };
        MiniExcel.SaveAs(path, sheets, overwriteFile: true);
        return path;
    }

    private static DataTable Table(IEnumerable<string> headers, IEnumerable<Dictionary<string, object?>> rows)
    {
        var table = new DataTable();
        foreach (var h in headers) table.Columns.Add(h, typeof(object));
        foreach (var r in rows)
        {
            var row = table.NewRow();
            foreach (var (k, v) in r) row[k] = v ?? DBNull.Value;
            table.Rows.Add(row);
        }
        return table;
    }

    private static decimal LoanInterest(string scenarioFile, string loan, string level)
    {
        var (exit, output, err) = Cli.Run("evaluate", scenarioFile, "--format", "json");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("scenarios")[0].GetProperty("awards").EnumerateArray()
            .Single(a => a.GetProperty("scheme").GetString() == "loan_interest" && a.GetProperty("loan").GetString() == loan
                && a.GetProperty("level").GetString() == level)
            .GetProperty("amount").GetDecimal();
    }

    [Fact]
    public void Template_HasLoansRepaymentsAndNotes_WithTheExactHeaders()
    {
        var template = Template();
        Assert.Equal(["贷款", "还款", "说明"], MiniExcel.GetSheetNames(template));
        Assert.Equal(LoanHeaders, Headers(template, "贷款"));
        Assert.Equal(RepaymentHeaders, Headers(template, "还款"));
        Assert.Single(MiniExcel.Query(template, useHeaderRow: false, sheetName: "贷款")); // headers only
        var notes = MiniExcel.Query(template, useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object?>>().ToList();
        foreach (var h in LoanHeaders)
            Assert.Contains(notes, n => (string?)n["工作表"] == "贷款" && (string?)n["列名"] == h && ((string?)n["填写说明"])!.Length > 0);
        foreach (var h in RepaymentHeaders)
            Assert.Contains(notes, n => (string?)n["工作表"] == "还款" && (string?)n["列名"] == h);
    }

    [Fact]
    public void Template_DoesNotOverwriteAFile_WithoutForce()
    {
        var template = Template();
        var (exit, _, err) = Cli.Run("loans", "template", template);
        Assert.Equal(2, exit);
        Assert.Contains("文件已存在", err, StringComparison.Ordinal);
        Assert.Equal(0, Cli.Run("loans", "template", template, "--force").Exit);
    }

    [Fact]
    public void Import_OfTheLoanInterestCase_EvaluatesTo680000AtEachLevel()
    {
        var dir = NewDir();
        var ledger = Fill(Template(), Path.Combine(dir, "台账.xlsx"), [CleanLoan()], [CleanRepayment()]);
        var output = Path.Combine(dir, "场景.yaml");

        var (exit, stdout, err) = Cli.Run("loans", "import", ledger, "--year", "2025", "--out", output);

        Assert.True(exit == 0, err);
        Assert.Contains("企业 1 家、项目 1 个、贷款 1 笔、还款 1 笔", stdout, StringComparison.Ordinal);
        var scenario = new ScenarioReader(PolicyEngine.Default.Parameters).Read(File.ReadAllText(output), output).Single();
        Assert.Equal("贷款台账 台账.xlsx 2025 年度", scenario.Name);
        Assert.Equal(2025, scenario.Year);
        Assert.Equal("913205837AY4CL12TY", scenario.Enterprises.Single().Id);
        Assert.Equal(0.03m, scenario.Loans.Single().Rate.Fraction);
        foreach (var level in new[] { "province", "suzhou", "kunshan" })
            Assert.Equal(680000.00m, LoanInterest(output, "L1", level));
    }

    [Fact]
    public void MessyCells_ImportExactlyLikeCleanOnes()
    {
        var template = Template();
        var messy = CleanLoan();
        messy["贷款编号"] = " L1 ";
        messy["统一社会信用代码"] = "913205837ay4cl12ty ";
        messy["所属区镇"] = "昆山开发区　";
        messy["国民经济行业代码"] = "Ｃ３８４１";
        messy["项目类型"] = "renovation";
        messy["贷款类别"] = "digital_transformation";
        messy["贷款本金（元）"] = "１００，０００，０００ ";
        messy["合同年利率（%）"] = "3.00%";
        messy["放款日期"] = 45717; // the Excel serial number of 2025-03-01, in a cell without a date format
        messy["到期日期"] = "2028年3月1日";
        messy["用于设备投资金额（元）"] = "80,000,000.00";
        messy["是否经苏州综合金融服务平台"] = "是 ";
        messy["已审核同意层级"] = "province,suzhou,kunshan";
        var messyRepayment = new Dictionary<string, object?> { ["贷款编号"] = "L1", ["还款日期"] = "2026/3/1", ["还款金额（元）"] = "20,000,000" };

        var clean = Fill(template, Path.Combine(NewDir(), "台账.xlsx"), [CleanLoan()], [CleanRepayment()]);
        var dirty = Fill(template, Path.Combine(NewDir(), "台账.xlsx"), [messy], [messyRepayment]);
        var (e1, yamlClean, err1) = Cli.Run("loans", "import", clean, "--year", "2025");
        var (e2, yamlMessy, err2) = Cli.Run("loans", "import", dirty, "--year", "2025");

        Assert.True(e1 == 0, err1);
        Assert.True(e2 == 0, err2);
        Assert.Equal(yamlClean, yamlMessy);
    }

    [Theory]
    [InlineData("2025-03-01")]
    [InlineData("2025/3/1")]
    [InlineData("2025年3月1日")]
    [InlineData("２０２５年３月１日")]
    [InlineData("2025.3.1")]
    [InlineData("20250301")]
    [InlineData("45717")]
    [InlineData("2025-03-01 00:00:00")]
    public void DateTexts_AreAllRead(string text)
    {
        var loan = CleanLoan();
        loan["放款日期"] = text;
        var ledger = Fill(Template(), Path.Combine(NewDir(), "台账.xlsx"), [loan], []);
        var (exit, yaml, err) = Cli.Run("loans", "import", ledger, "--year", "2025");
        Assert.True(exit == 0, err);
        Assert.Contains("issued_on: 2025-03-01\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void BadCells_AreEachReportedWithSheetRowAndColumn_AndNothingIsWritten()
    {
        var ok = CleanLoan();
        var l2 = CleanLoan();
        l2["贷款编号"] = "L2";
        l2["放款日期"] = "2025-02-30";
        l2["统一社会信用代码"] = "91350100M000100Y44";
        l2["所属区镇"] = "上海市";
        var dup = CleanLoan();
        dup["合同年利率（%）"] = 30;
        dup["贷款本金（元）"] = "-5";
        var l3 = CleanLoan();
        l3["贷款编号"] = "L3";
        l3["到期日期"] = new DateTime(2024, 3, 1);
        l3["用于设备投资金额（元）"] = "1.234";
        l3["国民经济行业代码"] = "C99";
        l3["项目类型"] = "翻新";
        l3["是否经苏州综合金融服务平台"] = "也许";
        var unknown = new Dictionary<string, object?> { ["贷款编号"] = "L9", ["还款日期"] = new DateTime(2026, 3, 1), ["还款金额（元）"] = 1 };
        var outside = new Dictionary<string, object?> { ["贷款编号"] = "L1", ["还款日期"] = new DateTime(2024, 1, 1), ["还款金额（元）"] = 1 };
        var tooMuch = new Dictionary<string, object?> { ["贷款编号"] = "L1", ["还款日期"] = new DateTime(2027, 3, 1), ["还款金额（元）"] = 100000000 };
        var dir = NewDir();
        var ledger = Fill(Template(), Path.Combine(dir, "台账.xlsx"), [ok, l2, dup, l3], [unknown, outside, tooMuch]);
        var output = Path.Combine(dir, "场景.yaml");

        var (exit, stdout, err) = Cli.Run("loans", "import", ledger, "--year", "2025", "--out", output);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(output));
        Assert.Empty(stdout);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        string[] expected =
        [
            "工作表 贷款 第 3 行 列 放款日期：“2025-02-30”不是有效日期",
            "工作表 贷款 第 3 行 列 统一社会信用代码：统一社会信用代码校验位",
            "工作表 贷款 第 3 行 列 所属区镇：“上海市”不是已配置的区镇",
            "工作表 贷款 第 4 行 列 贷款编号：贷款编号“L1”与第 2 行重复",
            "工作表 贷款 第 4 行 列 合同年利率（%）：年利率 30%",
            "工作表 贷款 第 4 行 列 贷款本金（元）：金额不能为负数",
            "工作表 贷款 第 5 行 列 到期日期：到期日期 2024-03-01 应晚于放款日期 2025-03-01",
            "工作表 贷款 第 5 行 列 用于设备投资金额（元）：金额最多两位小数",
            "工作表 贷款 第 5 行 列 国民经济行业代码：",
            "工作表 贷款 第 5 行 列 项目类型：“翻新”不是有效的项目类型",
            "工作表 贷款 第 5 行 列 是否经苏州综合金融服务平台：“也许”应填写“是”或“否”",
            "工作表 还款 第 2 行 列 贷款编号：贷款编号“L9”在工作表 贷款中不存在",
            "工作表 还款 第 3 行 列 还款日期：还款日期 2024-01-01 不在贷款“L1”的期限内",
            "工作表 还款 第 4 行 列 还款金额（元）：贷款“L1”的还款累计 100,000,001 元，超过贷款本金 100,000,000 元",
        ];
        foreach (var line in expected) Assert.Contains(line, err, StringComparison.Ordinal);
        Assert.Contains($"有 {expected.Length} 处错误，未写出任何文件", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ConflictingEnterpriseOrProjectData_AcrossRows_IsAnError()
    {
        var second = CleanLoan();
        second["贷款编号"] = "L2";
        second["企业名称"] = "昆山另一家公司";
        second["项目类型"] = "新建";
        var ledger = Fill(Template(), Path.Combine(NewDir(), "台账.xlsx"), [CleanLoan(), second], []);
        var (exit, _, err) = Cli.Run("loans", "import", ledger, "--year", "2025");
        Assert.Equal(2, exit);
        Assert.Contains("工作表 贷款 第 3 行 列 企业名称：同一企业（统一社会信用代码 913205837AY4CL12TY）在第 2 行的企业名称为“昆山某动力电池有限公司”，此处为“昆山另一家公司”", err, StringComparison.Ordinal);
        Assert.Contains("工作表 贷款 第 3 行 列 项目类型：同一项目“P1”", err, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameProjectNumber_AtTwoEnterprises_IsTwoProjects()
    {
        var other = CleanLoan();
        other["贷款编号"] = "L2";
        other["企业名称"] = "昆山某精密机械有限公司";
        other["统一社会信用代码"] = "91350100M000100Y43";
        var ledger = Fill(Template(), Path.Combine(NewDir(), "台账.xlsx"), [CleanLoan(), other], []);
        var (exit, yaml, err) = Cli.Run("loans", "import", ledger, "--year", "2025");
        Assert.True(exit == 0, err);
        var s = new ScenarioReader(PolicyEngine.Default.Parameters).Read(yaml, "out").Single();
        Assert.Equal(["913205837AY4CL12TY-P1", "91350100M000100Y43-P1"], s.Projects.Select(p => p.Id));
        Assert.Equal("91350100M000100Y43-P1", s.Loans.Single(l => l.Id == "L2").ProjectId);
    }

    [Fact]
    public void MissingColumnsAndSheets_AreNamed()
    {
        var table = new DataTable();
        foreach (var h in LoanHeaders.Where(h => h != "放款日期")) table.Columns.Add(h, typeof(object));
        var ledger = Path.Combine(NewDir(), "台账.xlsx");
        MiniExcel.SaveAs(ledger, new Dictionary<string, object> { ["贷款"] = table, ["Sheet2"] = new DataTable() });
        var (exit, _, err) = Cli.Run("loans", "import", ledger, "--year", "2025");
        Assert.Equal(2, exit);
        Assert.Contains("工作簿中没有名为“还款”的工作表", err, StringComparison.Ordinal);
        Assert.Contains("工作表 贷款 第 1 行：缺少必需的列“放款日期”", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ATitleRowAboveTheHeader_IsSkipped_AndRowNumbersStayExcels()
    {
        static DataTable Sheet(int width, params object?[][] rows)
        {
            var t = new DataTable();
            foreach (var i in Enumerable.Range(0, width)) t.Columns.Add("c" + i, typeof(object));
            foreach (var r in rows) t.Rows.Add([.. Enumerable.Range(0, width).Select(i => i < r.Length ? r[i] ?? DBNull.Value : DBNull.Value)]);
            return t;
        }
        var loan = CleanLoan();
        loan["放款日期"] = "2025年2月30日";
        var ledger = Path.Combine(NewDir(), "台账.xlsx");
        MiniExcel.SaveAs(ledger, new Dictionary<string, object>
        {
            ["贷款"] = Sheet(LoanHeaders.Length, ["某银行昆山分行 设备更新贷款台账（2025 年）"], LoanHeaders, [.. LoanHeaders.Select(h => loan[h])]),
            ["还款"] = Sheet(RepaymentHeaders.Length, RepaymentHeaders),
        }, printHeader: false);

        var (exit, _, err) = Cli.Run("loans", "import", ledger, "--year", "2025");

        Assert.Equal(2, exit);
        Assert.Contains("工作表 贷款 第 3 行 列 放款日期：“2025年2月30日”不是有效日期", err, StringComparison.Ordinal);
        Assert.True(err.Contains("有 1 处错误", StringComparison.Ordinal), err);
    }

    [Fact]
    public void AFileThatIsNotAWorkbook_IsAClearError()
    {
        var ledger = Cli.TempFile("贷款编号,企业名称\nL1,某公司\n", ".xlsx");
        var (exit, stdout, err) = Cli.Run("loans", "import", ledger, "--year", "2025");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("不是 Excel 工作簿（.xlsx）", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedWorkbook_IsAClearError()
    {
        var whole = File.ReadAllBytes(Fill(Template(), Path.Combine(NewDir(), "台账.xlsx"), [CleanLoan()], [CleanRepayment()]));
        var dir = NewDir();
        var ledger = Path.Combine(dir, "截断.xlsx");
        File.WriteAllBytes(ledger, whole[..(whole.Length * 2 / 3)]);
        var output = Path.Combine(dir, "场景.yaml");
        var (exit, _, err) = Cli.Run("loans", "import", ledger, "--year", "2025", "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("已损坏或不完整", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CsvLedger_WithGbkRepayments_Imports()
    {
        var dir = NewDir();
        var loans = Path.Combine(dir, "贷款.csv");
        File.WriteAllText(loans,
            string.Join(",", LoanHeaders) + "\r\n"
            + "L1,昆山某动力电池有限公司,913205837AY4CL12TY,昆山开发区,C3841,P1,电池产线智能化改造,技术改造,智改数转网联,"
            + "\"100,000,000\",3.00%,2025/3/1,2028-03-01,\"80,000,000\",是,\"省级、苏州市级、昆山市级\"\r\n"
            + ",,,,,,,,,,,,,,,\r\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var repayments = Path.Combine(dir, "还款.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllText(repayments, "贷款编号,还款日期,还款金额（元）\r\nL1,2026年3月1日,20000000\r\n", Encoding.GetEncoding("GB18030"));
        var output = Path.Combine(dir, "场景.yaml");

        var (exit, _, err) = Cli.Run("loans", "import", loans, "--repayments", repayments, "--year", "2025", "--out", output);

        Assert.True(exit == 0, err);
        foreach (var level in new[] { "province", "suzhou", "kunshan" })
            Assert.Equal(680000.00m, LoanInterest(output, "L1", level));
    }

    [Fact]
    public void CsvErrors_NameTheFileAndLine()
    {
        var loans = Cli.TempFile(string.Join(",", LoanHeaders) + "\n"
            + "L1,某公司,913205837AY4CL12TY,昆山开发区,C3841,P1,项目,技术改造,智改数转网联,abc,3,2025-03-01,2028-03-01,0,否,\n", ".csv");
        var (exit, _, err) = Cli.Run("loans", "import", loans, "--year", "2025");
        Assert.Equal(2, exit);
        Assert.Contains($"文件 {Path.GetFileName(loans)} 第 2 行 列 贷款本金（元）：“abc”不是有效金额", err, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutOut_TheScenarioGoesToStdout_AndReadsBack()
    {
        var ledger = Fill(Template(), Path.Combine(NewDir(), "台账.xlsx"), [CleanLoan()], []);
        var (exit, yaml, err) = Cli.Run("loans", "import", ledger, "--year", "2026");
        Assert.True(exit == 0, err);
        Assert.Contains("已导入", err, StringComparison.Ordinal);
        var s = new ScenarioReader(PolicyEngine.Default.Parameters).Read(yaml, "stdout").Single();
        Assert.Equal(2026, s.Year);
        Assert.Equal([Renewal.Policy.Model.Level.Province, Renewal.Policy.Model.Level.Suzhou, Renewal.Policy.Model.Level.Kunshan], s.Loans[0].Approvals!.Value.ToArray());
    }
}
