using Renewal.Data;
using Renewal.Testing;
using MiniExcelLibs;
using static Renewal.Exchange.Tests.Library.Workbooks;

namespace Renewal.Exchange.Tests.Library;

/// <summary>A workbook written by another program (MiniExcel: shared strings, DateTime cells, its own styles) imports.</summary>
public class MiniExcelTests
{
    [Theory]
    [OnSqlite, OnPostgres]
    public void WorkbookWrittenByMiniExcel_WithDateTimeCells_Imports(string provider)
    {
        static Dictionary<string, object?> Row(string sheet, params object?[] values)
        {
            var headers = TestWorkbook.HeadersOf(sheet);
            return headers.Select((h, i) => (h, i)).ToDictionary(t => t.h, t => t.i < values.Length ? values[t.i] : null);
        }
        var sheets = new Dictionary<string, object>
        {
            ["说明"] = new[] { new Dictionary<string, object?> { ["金额单位"] = null, ["万元"] = null } },
            ["企业"] = new[] { Row("企业", C3, "昆山某新能源有限公司", "千灯镇", "C3841", "是", "王五", "13800000000") },
            ["项目"] = new[] { Row("项目", C3, "M1", "储能产线", "新建", "竣工", new DateTime(2024, 5, 6), new DateTime(2025, 3, 1, 14, 30, 0), "2、5", "advanced_materials", "", "否", 1234.5m) },
            ["年度投资"] = new[] { Row("年度投资", C3, "M1", 2025, 2500.123456m, 1000m) },
            ["贷款"] = new[] { Row("贷款", "M-L1", C3, "M1", "中国银行", "其他设备更新", 3000m, 3.1m, new DateTime(2025, 1, 15), new DateTime(2027, 1, 15), 2000m, "否", "昆山市级") },
            ["还款"] = new[] { Row("还款", "M-L1", new DateTime(2026, 1, 15), 500m) },
            ["设备台账"] = new[] { Row("设备台账", C3, "EQ1", "air_compressor", "空压机", 4, 2016, 2, 12, null) },
        };
        using var ms = new MemoryStream();
        ms.SaveAs(sheets);

        using var db = Databases.Open(provider, out var options);
        var report = Import(db, ms.ToArray());
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1 }, report.Sheets.Select(s => s.Added));
        using var check = LibraryStore.Create(options);
        var p = check.Projects.Single();
        Assert.Equal((new DateOnly(2024, 5, 6), new DateOnly(2025, 3, 1)), (p.StartedOn!.Value, p.CompletedOn!.Value));
        Assert.Equal(12_345_000m, p.FinancingNeed);
        Assert.Equal(25_001_234.56m, check.Investments.Single().Equipment);
        var loan = check.Loans.Single();
        Assert.Equal((30_000_000m, 0.031m, new DateOnly(2027, 1, 15)), (loan.Principal, loan.Rate, loan.MaturesOn));
        Assert.Equal(new DateOnly(2026, 1, 15), check.Repayments.Single().Date);
    }
}
