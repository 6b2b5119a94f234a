using Renewal.Data;
using Renewal.Testing;
using static Renewal.Exchange.Tests.Library.Workbooks;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Library;

/// <summary>A workbook with any bad cell is refused whole: every bad cell is listed (sheet, row, column, reason) and nothing is saved.</summary>
public class ImportValidationTests
{
    private static void AssertError(LibraryImportException e, string sheet, int row, string column, string reason)
    {
        Assert.True(e.Errors.Any(x => x.Sheet == sheet && x.Row == row && x.Column == column && x.Message.Contains(reason, StringComparison.Ordinal)),
            $"expected [{sheet}] 第 {row} 行 “{column}”：…{reason}…; got:\n" + string.Join("\n", e.Errors));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void EveryBadCell_IsListed_AndNothingIsSaved(string provider)
    {
        using var db = Databases.Open(provider, out _);
        FillSample(db);
        var before = Fingerprint(db);
        var book = new TestWorkbook()
            .Add("企业", "91350100M000100Y44", "坏代码", "周市镇", "C3841", "是", "", "")                    // row 2
            .Add("企业", C3, "新企业", "昆山市", "C50", "否", "", "")                                     // row 3
            .Add("企业", C3, "重复企业", "周市镇", "C3841", "否", "", "")                                   // row 4
            .Add("企业", Credit(4), "企业四", "张浦镇", "C3841", "可能", "", "")                           // row 5
            .Add("项目", C3, "N1", "新项目", "新建", "竣工", "2025-01-01", "", "", "", "", "否", "")          // row 2
            .Add("项目", Credit(99), "N1", "无主项目", "新建", "计划", "", "", "", "", "", "否", "")         // row 3
            .Add("项目", C1, "N2", "项目二", "改造", "计划", "", "", "4、13", "外太空", "", "否", "")          // row 4
            .Add("项目", C1, "N3", "项目三", "新建", "在建", "2025-05-01", "2025-01-01", "", "", "", "否", "") // row 5
            .Add("项目", C1, "N4", "项目四", "新建", "在建", "2025-02-30", "", "", "", "", "否", "-5")       // row 6
            .Add("年度投资", C1, "P1", 2026, 100m, 200m)                                                 // row 2
            .Add("年度投资", C1, "NOPE", 2025, 100m, 0m)                                                 // row 3
            .Add("年度投资", C1, "P1", 2026, 100m, 0m)                                                   // row 4
            .Add("年度投资", C1, "P1", "二〇二五", "1.234", 0m)                                           // row 5
            .Add("贷款", "L9", C1, "P1", "", "其他设备更新", 0m, "30", "2025-03-01", "2026-03-01", 0m, "否", "")            // row 2
            .Add("贷款", "L10", C1, "P1", "", "其他设备更新", 100m, "3", "2025-03-01", "2025-03-01", 0m, "否", "")         // row 3
            .Add("贷款", "L11", C1, "ZZ", "", "其他设备更新", 100m, "3", "2025-03-01", "2026-03-01", 0m, "否", "")         // row 4
            .Add("贷款", "L1", C1, "P1", "工商银行昆山分行", "智改数转网联", 10_000_000m, "3.45", "2025-03-01", "2028-03-01", 8_000_000m, "是", "省级、苏州市级") // row 5
            .Add("贷款", "L12", C1, "P1", "", "其他设备更新", 100m, "3", "2025-03-01", "2026-03-01", 0m, "否", "市级")     // row 6
            .Add("还款", "L3", "2031-01-01", 1m)                                                         // row 2
            .Add("还款", "L404", "2026-01-01", 1m)                                                       // row 3
            .Add("还款", "L3", "2026-01-01", 5_000_000m)                                                 // row 4
            .Add("还款", "L3", "2026-01-01", 1m)                                                         // row 5
            .Add("还款", "L3", "2027-01-01", 5_000_000m)                                                 // row 6
            .Add("设备台账", C1, "ZC-9", "", "锅炉", 1, 1800, "", "", "")                                  // row 2
            .Add("设备台账", Credit(98), "ZC-1", "boiler", "锅炉", 1, 2010, "", "", "");                   // row 3

        var e = Refused(db, book.Build());

        AssertError(e, "企业", 2, "统一社会信用代码", "校验位");
        AssertError(e, "企业", 3, "所属区镇", "不在配置的区镇中");
        AssertError(e, "企业", 3, "国民经济行业代码", "13–43");
        AssertError(e, "企业", 4, "统一社会信用代码", "与第 3 行重复");
        AssertError(e, "企业", 5, "规上企业", "应填“是”或“否”");
        AssertError(e, "项目", 2, "竣工日期", "竣工时必须填写竣工日期");
        AssertError(e, "项目", 3, "统一社会信用代码", "不在“企业”表中，也不在项目库中");
        AssertError(e, "项目", 4, "项目类型", "不是可选值");
        AssertError(e, "项目", 4, "计划任务", "1–12");
        AssertError(e, "项目", 4, "产业集群", "不在可选范围内");
        AssertError(e, "项目", 5, "竣工日期", "早于开工日期");
        AssertError(e, "项目", 6, "开工日期", "无法识别的日期");
        AssertError(e, "项目", 6, "融资需求", "不能为负数");
        AssertError(e, "年度投资", 2, "数字化投资", "超过同年设备投资");
        AssertError(e, "年度投资", 3, "项目编号", "不在“项目”表中，也不在项目库中");
        AssertError(e, "年度投资", 4, "年度", "与第 2 行重复");
        AssertError(e, "年度投资", 5, "年度", "不是整数");
        AssertError(e, "年度投资", 5, "设备投资", "两位小数");
        AssertError(e, "贷款", 2, "贷款本金", "应大于 0");
        AssertError(e, "贷款", 2, "年利率(%)", "0 到 24%");
        AssertError(e, "贷款", 3, "到期日期", "应晚于放款日期");
        AssertError(e, "贷款", 4, "项目编号", "不在“项目”表中");
        AssertError(e, "贷款", 5, "贷款本金", "小于项目库中已有的还款合计");
        AssertError(e, "贷款", 6, "审核同意层级", "应为 中央、省级、苏州市级、昆山市级");
        AssertError(e, "还款", 2, "还款日期", "应在贷款期限内");
        AssertError(e, "还款", 3, "贷款编号", "不在“贷款”表中，也不在项目库中");
        AssertError(e, "还款", 5, "还款日期", "同一天的还款请合并为一行");
        AssertError(e, "还款", 6, "还款金额", "超过贷款本金");
        AssertError(e, "设备台账", 2, "设备类型", "不能为空");
        AssertError(e, "设备台账", 2, "投产年份", "1900–2100");
        AssertError(e, "设备台账", 3, "统一社会信用代码", "不在“企业”表中");
        Assert.All(e.Errors, x => Assert.NotNull(x.Cell));
        Assert.Contains("第 2 行", e.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(db));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void References_MayPointToRowsOfTheSameWorkbook_OrOfTheDatabase(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        FillSample(db);
        var book = new TestWorkbook()
            .Enterprise(C3)
            .Project(C3, "N1")
            .Project(C1, "N9")                                   // enterprise from the database
            .Investment(C3, "N1", 2025, 10m, 5m)
            .Investment(C2, "P1", 2026, 1m, 1m)                  // project from the database
            .Loan("L-NEW", C3, "N1", 1_000m)
            .Repayment("L-NEW", "2026-01-01", 400m)
            .Repayment("L-NEW", "2027-01-01", 600m)              // exactly the principal
            .Repayment("L3", "2026-06-30", 9_000_000m)           // loan from the database, exactly its principal
            .Add("设备台账", C3, "A1", "motor", "电机", 3, 2015, 2, 20, "");
        var report = Import(db, book.Build());
        Assert.Equal(new[] { 1, 2, 2, 1, 3, 1 }, report.Sheets.Select(s => s.Added));
        using var check = LibraryStore.Create(options);
        var loan = check.Loans.Single(l => l.Code == "L-NEW");
        Assert.Equal(check.Projects.Single(p => p.Code == "N1").Id, loan.ProjectId);
        Assert.Equal(0.0345m, loan.Rate);
        Assert.Equal([Policy.Model.Level.Province, Policy.Model.Level.Suzhou], loan.Approvals);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void RepaymentsAlreadyInTheDatabase_CountTowardsThePrincipal_AndMustFitANewTerm(string provider)
    {
        using var db = Databases.Open(provider, out _);
        FillSample(db); // L1: principal 100,000,000, repaid 20,000,000 + 0.01 on 2026-03-01 and 2026-09-01
        var before = Fingerprint(db);
        var over = new TestWorkbook().Repayment("L1", "2027-03-01", 80_000_000m);
        var e = Refused(db, over.Build());
        AssertError(e, "还款", 2, "还款金额", "含项目库中已有还款 20,000,000.01 元");

        var replaced = new TestWorkbook().Repayment("L1", "2026-03-01", 19_999_999.99m).Repayment("L1", "2027-03-01", 80_000_000m);
        Assert.Equal(1, Import(db, replaced.Build(), dryRun: true).For("还款").Changed);

        var shorter = new TestWorkbook().Loan("L1", C1, "P1", 100_000_000m, issued: "2025-03-01", matures: "2026-06-30");
        AssertError(Refused(db, shorter.Build()), "贷款", 2, "到期日期", "2026-09-01 的还款，不在新的贷款期限");
        Assert.Equal(before, Fingerprint(db));
    }

    [Theory]
    [InlineData("元", "1,234.56", "1234.56")]
    [InlineData("万元", "0.000001", "0.01")]
    [InlineData("万元", "1,234.5", "12345000")]
    [InlineData("万元", "12.345678", "123456.78")]
    public void Money_IsConvertedToYuanExactly(string unit, string cell, string yuan)
    {
        using var db = Databases.Open("sqlite", out var options);
        FillSample(db);
        var book = new TestWorkbook { Unit = unit }.Investment(C1, "P1", 2030, cell, 0m);
        Import(db, book.Build());
        using var check = LibraryStore.Create(options);
        Assert.Equal(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture), check.Investments.Single(i => i.Year == 2030).Equipment);
    }

    [Theory]
    [InlineData("元", "0.001", "最多保留两位小数")]
    [InlineData("万元", "0.0000001", "换算为元后最多保留两位小数")]
    [InlineData("元", "1,23,456", "千分位")]
    [InlineData("元", "十万", "不是有效的数字")]
    [InlineData("元", "-1", "不能为负数")]
    public void BadMoney_IsRefused(string unit, string cell, string reason)
    {
        using var db = Databases.Open("sqlite", out _);
        FillSample(db);
        var e = Refused(db, new TestWorkbook { Unit = unit }.Investment(C1, "P1", 2030, cell, 0m).Build());
        AssertError(e, "年度投资", 2, "设备投资", reason);
    }

    [Fact]
    public void TooManyErrors_StopsLooking_AndSaysSo()
    {
        using var db = Databases.Open("sqlite", out _);
        var book = new TestWorkbook();
        for (var i = 0; i < 50; i++) book.Add("企业", "BAD" + i, "x", "周市镇", "C3841", "是", "", "");
        var e = Refused(db, book.Build(), LibraryImportOptions.Default with { MaxErrors = 10 });
        Assert.True(e.Truncated);
        Assert.Equal(10, e.Errors.Count);
        Assert.Contains("仅列出前 10 处", e.Message, StringComparison.Ordinal);
    }
}
