using Renewal.Data;
using Renewal.Testing;
using Renewal.Policy.Model;
using static Renewal.Exchange.Tests.Library.Workbooks;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Library;

/// <summary>Cells as people and programs really leave them: text numbers, full-width characters, serial dates, formulas, merges.</summary>
public class RealWorldCellsTests
{
    private static string FullWidth(string s) => new([.. s.Select(c => c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c)]);

    private static XValue Formula(string formula, string cached, CellKind kind = CellKind.Number) => new(kind, cached, XStyle.Default, formula);

    [Theory]
    [OnSqlite, OnPostgres]
    public void MessyButMeaningfulCells_AreRead(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var book = new TestWorkbook();
        // A title row above the header (merged across), 序号 and 备注 columns, padded and full-width codes, a TRUE cell.
        book.Above["企业"] = [[XValue.Text("2025年项目库（第一季度）")]];
        book.Merges["企业"] = ["A1:I1"];
        book.Headers["企业"] = [.. new[] { "序号" }.Concat(TestWorkbook.HeadersOf("企业")).Append("备注").Select(h => XValue.Text(h))];
        book.Add("企业", 1, "  " + FullWidth(C3) + "\u3000", " 昆山某新材料有限公司 ", "周市镇 ", "c3841", new XValue(CellKind.Boolean, "1", XStyle.Default), "李四", 51257000002m, "备注随便写");
        book.Add("企业");                                                        // an empty row
        book.Add("企业", 2, C2, "昆山某（集团）精密机械有限公司", "周市镇", "C34", "否", "", "", "");

        // Two projects of one enterprise whose credit-code cell is merged vertically; dates in every usual form.
        book.Add("项目", C3, "X1", "项目一", "new", "已竣工", 45717, "2025年6月30日", FullWidth("4,7"), "电子信息、biomedicine", "", "是", FullWidth("12,345.67"));
        book.Add("项目", "", "X2", "项目二", "扩建", "在建", "2025/3/1", "", "4，7", "", "scenario_5g", "否", "");
        book.Merges["项目"] = ["A2:A3"];
        book.Add("项目", C3, "X3", "项目三", "技术改造", "计划", new XValue(CellKind.Number, "45717.75", XStyle.Date), "", "", "", "", "", "");
        book.Add("项目", C3, "X4", "项目四", "技术改造", "计划", "45717", "", "", "", "", "", "");

        // Numbers stored as text, thousands separators, formulas with cached values, a binary artefact, a year with 年.
        book.Add("年度投资", C3, "X1", "2025年", "1,234,567.89", Formula("ROUND(D2/2,2)", "617283.94999999995"));
        book.Add("年度投资", C3, "X1", 2026, Formula("1000000*1.1", "1100000.0000000002"), new XValue(CellKind.Number, "0.30000000000000004", XStyle.Default));
        book.Add("年度投资", C3, "X2", FullWidth("2025"), Formula("A1", "250000", CellKind.Text), "");

        // A rate formatted as percent (stored 0.0345), one typed "3.5%", one "3.45 %"; approvals in ids and labels.
        book.Add("贷款", "K1", C3, "X1", "工商银行", "智改数转网联", "1,000,000", new XValue(CellKind.Number, "0.0345", XStyle.Percent), 45717, "2028/3/1", 800000m, "Y", "province,kunshan");
        book.Add("贷款", "K2", C3, "X1", "", "equipment_renewal", 500000m, "3.5%", "2025-03-01", "2026年3月1日", 0m, "", "无");
        book.Add("贷款", "K3", C3, "X2", "", "产业转型升级", 500000m, "3.45 %", "2025-03-01", "2026-03-01", 0m, "否", "");
        book.Add("还款", " k1 ".ToUpperInvariant(), 46082, "¥100,000.00");

        Import(db, book.Build());

        using var check = LibraryStore.Create(options);
        var e = check.Enterprises.Single(x => x.CreditCode == C3);
        Assert.Equal(("昆山某新材料有限公司", "周市镇", "C3841", true, "51257000002"), (e.Name, e.Area, e.IndustryCode, e.AboveScale, e.ContactPhone));
        var x1 = check.Projects.Single(p => p.Code == "X1");
        Assert.Equal((ProjectKind.New, ProjectStatus.Completed), (x1.Kind, x1.Status));
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 30)), (x1.StartedOn!.Value, x1.CompletedOn!.Value));
        Assert.Equal([4, 7], x1.Tasks);
        Assert.Equal(["electronic_information", "biomedicine"], x1.Clusters);
        Assert.Equal(12_345.67m, x1.FinancingNeed);
        var x2 = check.Projects.Single(p => p.Code == "X2");
        Assert.Equal(e.Id, x2.EnterpriseId); // the merged credit code
        Assert.Equal(new DateOnly(2025, 3, 1), x2.StartedOn);
        Assert.Equal(new DateOnly(2025, 3, 1), check.Projects.Single(p => p.Code == "X3").StartedOn);
        Assert.Equal(new DateOnly(2025, 3, 1), check.Projects.Single(p => p.Code == "X4").StartedOn);

        var inv = check.Investments.Where(i => i.ProjectId == x1.Id).OrderBy(i => i.Year).ToList();
        Assert.Equal((1_234_567.89m, 617_283.95m), (inv[0].Equipment, inv[0].Digital)); // a formula's 17-digit double read as Excel shows it
        Assert.Equal((1_100_000m, 0.3m), (inv[1].Equipment, inv[1].Digital));
        Assert.Equal(250_000m, check.Investments.Single(i => i.ProjectId == x2.Id).Equipment);

        var k1 = check.Loans.Single(l => l.Code == "K1");
        Assert.Equal((1_000_000m, 0.0345m, new DateOnly(2028, 3, 1)), (k1.Principal, k1.Rate, k1.MaturesOn));
        Assert.Equal([Level.Province, Level.Kunshan], k1.Approvals);
        var k2 = check.Loans.Single(l => l.Code == "K2");
        Assert.Equal((0.035m, LoanCategory.EquipmentRenewal, new DateOnly(2026, 3, 1)), (k2.Rate, k2.Category, k2.MaturesOn));
        Assert.Equal([], k2.Approvals!);
        Assert.Null(check.Loans.Single(l => l.Code == "K3").Approvals);
        Assert.Equal(0.0345m, check.Loans.Single(l => l.Code == "K3").Rate);
        var repayment = check.Repayments.Single();
        Assert.Equal((new DateOnly(2026, 3, 1), 100_000m), (repayment.Date, repayment.Amount));
    }

    [Theory]
    [InlineData("2025-03-01", 2025, 3, 1)]
    [InlineData("2025/3/1", 2025, 3, 1)]
    [InlineData("2025.03.01", 2025, 3, 1)]
    [InlineData("2025年3月1日", 2025, 3, 1)]
    [InlineData("２０２５年３月１日", 2025, 3, 1)]
    [InlineData("20250301", 2025, 3, 1)]
    [InlineData("2025/3/1 0:00:00", 2025, 3, 1)]
    [InlineData("45717", 2025, 3, 1)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void DateText_IsRecognised(string text, int y, int m, int d)
    {
        Assert.True(CellText.TryDateText(text, false, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("3/1/2025")]
    [InlineData("明年")]
    [InlineData("2025-13-01")]
    public void DateText_Nonsense_IsNotADate(string text) => Assert.False(CellText.TryDateText(text, false, out _));

    [Fact]
    public void SerialDates_FollowTheWorkbookDateSystem()
    {
        Assert.True(CellText.TrySerial(45717m, false, out var d1900));
        Assert.Equal(new DateOnly(2025, 3, 1), d1900);
        Assert.True(CellText.TrySerial(44255m, true, out var d1904));
        Assert.Equal(new DateOnly(2025, 3, 1), d1904);
        Assert.Equal(45717, CellText.Serial(new DateOnly(2025, 3, 1)));
    }
}
