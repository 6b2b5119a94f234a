using Renewal.Data;
using Renewal.Testing;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Services.Reports;

namespace Renewal.Services.Tests.Reports;

/// <summary>The public-notice workbook read back with the repository's own reader: headers, exact 元 and 万元, the total.</summary>
public class NoticeWorkbookTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ReadBack_HasChineseHeaders_ExactAmountsInYuanAndWan_AndATotalThatIsTheSum(string provider)
    {
        var library = await ReportLibrary.CreateAsync(provider);
        using var db = LibraryStore.Create(library.Options);
        // Expected straight from the applications, not from the notice query.
        var expected = db.Applications.AsNoTracking().Include(a => a.Enterprise)
            .Where(a => a.Year == 2025 && (a.State == ApplicationState.PublicNotice || a.State == ApplicationState.Approved || a.State == ApplicationState.Paid))
            .ToList()
            .ToDictionary(a => a.Number, a => (Amount: a.ApprovedAmount ?? a.SubmittedAmount!.Value, a.Enterprise!.Name, a.Enterprise.CreditCode, a.State));
        Assert.Equal(4, expected.Count);
        // The engine's B award is 8% of the year's equipment, to the fen (independently: 25,000,012.37 × 8% = 2,000,000.9896).
        Assert.Contains(expected.Values, v => v.Amount == 2_000_000.99m);

        using var ms = new MemoryStream();
        NoticeWorkbook.Write(ms, PublicNotice.Query(db, 2025), 2025);
        var rows = Read(ms.ToArray());

        Assert.Contains("2025年度", rows[0][0], StringComparison.Ordinal);
        Assert.Contains("设备更新", rows[0][0], StringComparison.Ordinal);
        Assert.Contains("昆政办发〔2024〕36号", rows[1][0], StringComparison.Ordinal);
        var header = rows[NoticeWorkbook.HeaderRow - 1];
        foreach (var h in new[] { "序号", "申报编号", "企业名称", "统一社会信用代码", "区镇", "政策", "年度", "项目或贷款", "奖补金额（元）", "奖补金额（万元）", "公示开始", "公示结束", "状态" })
            Assert.Contains(h, header);
        int Col(string name) => Array.IndexOf(header, name);

        var data = rows.Skip(NoticeWorkbook.HeaderRow).Take(expected.Count).ToList();
        var sumYuan = 0m;
        var sumWan = 0m;
        for (var i = 0; i < data.Count; i++)
        {
            var r = data[i];
            Assert.Equal((i + 1).ToString(Inv), r[Col("序号")]);
            var e = expected[r[Col("申报编号")]];
            var yuan = decimal.Parse(r[Col("奖补金额（元）")], Inv);
            var wan = decimal.Parse(r[Col("奖补金额（万元）")], Inv);
            Assert.Equal(e.Amount, yuan);
            Assert.Equal(e.Amount, wan * 10000m); // 万元 exact to the fen, not rounded to 4 decimals
            Assert.Equal(e.Name, r[Col("企业名称")]);
            Assert.Equal(e.CreditCode, r[Col("统一社会信用代码")]);
            Assert.Equal(Renewal.Data.Entities.Labels.Of(e.State), r[Col("状态")]);
            Assert.Equal("有效投入奖补", r[Col("政策")]);
            Assert.Equal("2025", r[Col("年度")]);
            sumYuan += yuan;
            sumWan += wan;
        }
        var total = rows[NoticeWorkbook.HeaderRow + expected.Count];
        Assert.Equal("合计", total[0]);
        Assert.Equal(expected.Values.Sum(v => v.Amount), decimal.Parse(total[Col("奖补金额（元）")], Inv));
        Assert.Equal(sumYuan, decimal.Parse(total[Col("奖补金额（元）")], Inv));
        Assert.Equal(sumWan, decimal.Parse(total[Col("奖补金额（万元）")], Inv));
    }

    [Fact]
    public void NumbersAreStoredAsNumbers_WithANumberFormat_AndTheTotalIsASumFormula()
    {
        var rows = new List<PublicNoticeRow>
        {
            new(1, "SB2025-000001", Policy.Model.Scheme.EffectiveInvestment, 2025, "甲公司", "913205837AY4CL12TY", "昆山开发区", "产线", null, 1_234_567.89m,
                new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6), ApplicationState.Approved),
            new(2, "SB2025-000002", Policy.Model.Scheme.LoanInterest, 2025, "乙公司", "91320583712DD272H2", "周市镇", null, "DK-01", 0.01m,
                new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6), ApplicationState.PublicNotice),
        };
        using var ms = new MemoryStream();
        NoticeWorkbook.Write(ms, rows, 2025);
        using var package = XlsxPackage.Open(new MemoryStream(ms.ToArray()), 10_000_000);
        var sheet = package.Rows(NoticeWorkbook.Sheet).Select(r => (r.Number, Cells: r.Cells.ToArray())).ToList(); // the reader reuses its row
        var first = sheet.First(r => r.Number == NoticeWorkbook.HeaderRow + 1);
        Assert.Equal(CellKind.Number, first.Cells[8].Kind);
        Assert.Equal(CellKind.Number, first.Cells[9].Kind);
        Assert.Equal("123.456789", first.Cells[9].Value);
        Assert.NotEqual(0, first.Cells[8].Style);
        Assert.Equal(CellKind.Number, first.Cells[10].Kind); // a date serial with a date format
        var second = sheet.First(r => r.Number == NoticeWorkbook.HeaderRow + 2);
        Assert.Equal("贷款 DK-01", second.Cells[7].Value);
        Assert.Equal("0.000001", second.Cells[9].Value); // one fen in 万元
        var total = sheet.First(r => r.Number == NoticeWorkbook.HeaderRow + 3);
        Assert.True(total.Cells[8].Formula);
        Assert.Equal("1234567.9", total.Cells[8].Value);
        Assert.Equal("123.45679", total.Cells[9].Value);
    }

    [Fact]
    public void AYearWithNothingInNotice_GivesHeadersAndAZeroTotal()
    {
        using var ms = new MemoryStream();
        NoticeWorkbook.Write(ms, [], null);
        var rows = Read(ms.ToArray());
        Assert.Contains("2024—2027年度", rows[0][0], StringComparison.Ordinal);
        Assert.Equal("奖补金额（元）", rows[NoticeWorkbook.HeaderRow - 1][8]);
        Assert.Equal("合计", rows[NoticeWorkbook.HeaderRow][0]);
        Assert.Equal("0", rows[NoticeWorkbook.HeaderRow][8]);
    }

    /// <summary>Every row as text, by column, through the repository's own xlsx reader.</summary>
    internal static List<string[]> Read(byte[] xlsx)
    {
        using var package = XlsxPackage.Open(new MemoryStream(xlsx), 10_000_000);
        Assert.Equal([NoticeWorkbook.Sheet], package.SheetNames);
        return [.. package.Rows(NoticeWorkbook.Sheet).Select(r => r.Cells.Take(NoticeWorkbook.Headers.Count).Select(c => c.Value).ToArray())];
    }
}
