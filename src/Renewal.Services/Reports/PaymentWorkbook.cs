using System.Globalization;
using Renewal.Exchange.Xlsx;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;

namespace Renewal.Services.Reports;

/// <summary>
/// 拨付清单 — a payment batch as the treasury takes it (issue 12 item 5): a title with the batch number and payment date,
/// one row per award with its payee, voucher number and exact amount (元 to the fen; D also per fiscal level), and a
/// total row (a formula with its exact value cached).
/// </summary>
public static class PaymentWorkbook
{
    /// <summary>The column headers, in order.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["序号", "申报编号", "收款单位", "统一社会信用代码", "区镇", "政策", "年度", "拨付金额（元）", "省级（元）", "苏州市级（元）", "昆山市级（元）", "支付凭证号", "拨付日期"];

    /// <summary>Rows above the header: the title and the batch's line.</summary>
    public const int HeaderRow = 3;

    /// <summary>拨付清单-BF2026-0001.xlsx.</summary>
    public static string FileName(string batchNumber) => $"拨付清单-{batchNumber}.xlsx";

    public static byte[] Write(PaymentBatchView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var b = view.Batch;
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms))
        {
            var sheet = x.AddSheet("拨付清单",
            [
                new(6, XStyle.WholeNumber), new(16), new(34), new(22, XStyle.Text), new(14), new(18), new(7, XStyle.WholeNumber),
                new(18, XStyle.MoneyYuan), new(14, XStyle.MoneyYuan), new(14, XStyle.MoneyYuan), new(14, XStyle.MoneyYuan), new(22, XStyle.Text), new(12, XStyle.Date),
            ], frozenRows: HeaderRow);
            var lastColumn = CellAddress.Of(Headers.Count - 1, 1)[..^1];
            sheet.Row(XValue.Text($"昆山市工业领域设备更新奖补资金拨付清单（{b.Number}）", XStyle.Bold));
            sheet.Merge($"A1:{lastColumn}1");
            sheet.Row(XValue.Text(string.Create(CultureInfo.InvariantCulture,
                $"拨付日期 {b.PaidOn:yyyy-MM-dd}；共 {b.Count} 项，合计 {b.Total:#,##0.00} 元；经办 {b.CreatedBy}{(b.Note is null ? "" : "；备注：" + b.Note)}")));
            sheet.Merge($"A2:{lastColumn}2");
            sheet.Row([.. Headers.Select(h => XValue.Text(h, XStyle.Header))]);
            var n = 0;
            foreach (var r in view.Rows)
            {
                n++;
                var levels = Levels(r);
                sheet.Row(XValue.WholeNumber(n), r.Number, r.Enterprise, XValue.Text(r.CreditCode, XStyle.Text), r.Area, Codes.Label(r.Scheme), XValue.WholeNumber(r.Year),
                    XValue.Number(r.Amount, XStyle.MoneyYuan), XValue.Number(levels.GetValueOrDefault("province"), XStyle.MoneyYuan),
                    XValue.Number(levels.GetValueOrDefault("suzhou"), XStyle.MoneyYuan), XValue.Number(levels.GetValueOrDefault("kunshan"), XStyle.MoneyYuan),
                    XValue.Text(r.Voucher ?? "", XStyle.Text), XValue.Date(r.PaidOn));
            }
            var cells = new XValue[Headers.Count];
            Array.Fill(cells, XValue.Blank);
            cells[0] = XValue.Text("合计", XStyle.Bold);
            cells[2] = XValue.Text($"共 {view.Rows.Count} 项", XStyle.Bold);
            var total = view.Rows.Sum(r => r.Amount);
            var (first, end) = (HeaderRow + 1, HeaderRow + view.Rows.Count);
            cells[7] = view.Rows.Count == 0 ? XValue.Number(0m, XStyle.MoneyYuan) : new XValue(CellKind.Number, CellText.Format(total), XStyle.MoneyYuan, $"SUM(H{first}:H{end})");
            sheet.Row(cells);
            x.Finish();
        }
        return ms.ToArray();
    }

    /// <summary>A D award's amounts per level (code → 元); empty for the other schemes (one payer, the city).</summary>
    private static Dictionary<string, decimal?> Levels(PaymentRow r) =>
        (r.ByLevel ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => (decimal?)decimal.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
