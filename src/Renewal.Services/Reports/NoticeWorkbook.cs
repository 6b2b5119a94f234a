using System.Globalization;
using Renewal.Policy.Model;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Services.Workflow;
using Renewal.Data.Entities;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Reports;

/// <summary>
/// The public notice (公示名单) as an xlsx: a title naming the programme and the year, the basis, Chinese headers, one
/// row per application and a total row. Amounts are numbers with a number format, exact: 元 to the fen, and 万元 as
/// 元 ÷ 10000 kept to 6 decimals (ADR-011: 4 decimals of 万元 would round away everything below one 元).
/// </summary>
public static class NoticeWorkbook
{
    public const string Programme = "昆山市推动工业领域设备更新行动计划（2024—2027年）";
    public const string Basis = "依据《昆山市推动工业领域设备更新行动计划（2024—2027年）》（昆政办发〔2024〕36号）附件《关于支持工业设备更新的实施细则（试行）》";

    /// <summary>The column headers, in order.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["序号", "申报编号", "企业名称", "统一社会信用代码", "区镇", "政策", "年度", "项目或贷款", "奖补金额（元）", "奖补金额（万元）", "公示开始", "公示结束", "状态"];

    /// <summary>Rows above the header: the title and the basis.</summary>
    public const int HeaderRow = 3;

    /// <summary>The sheet's name.</summary>
    public const string Sheet = "公示名单";

    /// <summary>公示名单（2025年度）.xlsx, or 公示名单（2024—2027年度）.xlsx for every year.</summary>
    public static string FileName(int? year) => $"公示名单（{YearText(year)}）.xlsx";

    /// <summary>The title row: the programme and the year.</summary>
    public static string Title(int? year) => $"昆山市工业领域设备更新奖补资金公示名单（{YearText(year)}）";

    private static string YearText(int? year) => year is { } y ? y.ToString(CultureInfo.InvariantCulture) + "年度" : string.Create(CultureInfo.InvariantCulture, $"{ProgrammeYears.First}—{ProgrammeYears.Last}年度");

    public static void Write(Stream output, IReadOnlyList<PublicNoticeRow> rows, int? year)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        using var x = new XlsxWriter(output);
        var sheet = x.AddSheet(Sheet,
        [
            new(6, XStyle.WholeNumber), new(16), new(34), new(22, XStyle.Text), new(14), new(18), new(7, XStyle.WholeNumber), new(30),
            new(18, XStyle.MoneyYuan), new(18, XStyle.MoneyWan), new(12, XStyle.Date), new(12, XStyle.Date), new(10),
        ], frozenRows: HeaderRow);
        var last = Headers.Count - 1;
        var lastColumn = CellAddress.Of(last, 1)[..^1];
        sheet.Row(XValue.Text(Title(year), XStyle.Bold));
        sheet.Merge($"A1:{lastColumn}1");
        sheet.Row(XValue.Text($"{Basis}；金额单位：元、万元；共 {rows.Count} 项。"));
        sheet.Merge($"A2:{lastColumn}2");
        sheet.Row([.. Headers.Select(h => XValue.Text(h, XStyle.Header))]);

        var total = 0m;
        var n = 0;
        foreach (var r in rows)
        {
            n++;
            total += r.Amount ?? 0m;
            sheet.Row(
                XValue.WholeNumber(n), r.Number, r.Enterprise, XValue.Text(r.CreditCode, XStyle.Text), r.Area, Codes.Label(r.Scheme),
                XValue.WholeNumber(r.Year), r.Subject,
                XValue.Number(r.Amount, XStyle.MoneyYuan), XValue.Number(r.Amount / 10000m, XStyle.MoneyWan),
                XValue.Date(r.From), XValue.Date(r.To), Labels.Of(r.State));
        }

        // The total is a formula (so it follows edits in Excel) with its exact value cached (so readers without a calculator see it).
        var first = HeaderRow + 1;
        var end = HeaderRow + rows.Count;
        var yuan = Column(8);
        var wan = Column(9);
        var cells = new XValue[Headers.Count];
        Array.Fill(cells, XValue.Blank);
        cells[0] = XValue.Text("合计", XStyle.Bold);
        cells[2] = XValue.Text($"共 {rows.Count} 项", XStyle.Bold);
        cells[8] = rows.Count == 0 ? XValue.Number(0m, XStyle.MoneyYuan) : new XValue(CellKind.Number, CellText.Format(total), XStyle.MoneyYuan, $"SUM({yuan}{first}:{yuan}{end})");
        cells[9] = rows.Count == 0 ? XValue.Number(0m, XStyle.MoneyWan) : new XValue(CellKind.Number, CellText.Format(total / 10000m), XStyle.MoneyWan, $"SUM({wan}{first}:{wan}{end})");
        sheet.Row(cells);
        x.Finish();
    }

    private static string Column(int index) => CellAddress.Of(index, 1)[..^1];
}
