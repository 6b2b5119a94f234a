using Renewal.Exchange.Xlsx;

namespace Renewal.Services.Visits;

/// <summary>
/// 走访覆盖 as an xlsx workbook with Chinese headers (issue 14 item 1): 区镇覆盖, 行业覆盖, 每月走访 and 征集项目对照目标 — the
/// same figures as <c>/visits/coverage</c>, amounts in exact 元 (the page shows 亿元), shares as percentages.
/// </summary>
public static class VisitWorkbook
{
    /// <summary>Headers of the 区镇覆盖 sheet (the web tests read them).</summary>
    public static readonly IReadOnlyList<string> AreaHeaders =
        ["区镇", "企业数", "已走访企业数", "覆盖率", "走访次数", "待企业确认（个）", "已入库（个）", "企业未确认（个）", "计划设备投资（元）", "逾期跟进事项"];

    private static readonly string[] DivisionHeaders = ["行业大类代码", "行业大类", "企业数", "已走访企业数", "覆盖率"];
    private static readonly string[] MonthHeaders = ["年", "月", "走访次数", "走访企业数"];

    /// <summary>Headers of the 征集项目对照目标 sheet.</summary>
    public static readonly IReadOnlyList<string> YearHeaders = ["年度", "待企业确认（元）", "已入库（元）", "合计（元）", "年度目标（元）", "占年度目标"];

    /// <summary>Writes <paramref name="coverage"/> to <paramref name="output"/>.</summary>
    public static void Write(Stream output, Coverage coverage)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(coverage);
        using var xlsx = new XlsxWriter(output);
        static XValue Share(decimal part, decimal whole) => XValue.Number(whole == 0 ? 0 : decimal.Round(part / whole, 6), XStyle.Percent);

        using (var s = xlsx.AddSheet("区镇覆盖", [new(14), new(10), new(14), new(10), new(10), new(16), new(12), new(16), new(20), new(14)], frozenRows: 1))
        {
            s.Row([.. AreaHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var a in coverage.ByArea)
                s.Row(a.Area, a.Enterprises, a.Visited, Share(a.Visited, a.Enterprises), a.Visits, a.Pending, a.Confirmed, a.Declined,
                    XValue.Number(a.PlannedEquipment, XStyle.MoneyYuan), a.OverdueFollowUps);
            s.Row(XValue.Text(coverage.Area is null ? "全市合计" : "合计", XStyle.Bold), coverage.Enterprises, coverage.Visited, Share(coverage.Visited, coverage.Enterprises),
                coverage.Visits, coverage.Pending, coverage.Confirmed, coverage.Declined, XValue.Number(coverage.PlannedEquipment, XStyle.MoneyYuan), coverage.Overdue.Count);
        }

        using (var s = xlsx.AddSheet("行业覆盖", [new(12, XStyle.Text), new(34), new(10), new(14), new(10)], frozenRows: 1))
        {
            s.Row([.. DivisionHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var d in coverage.ByDivision) s.Row(XValue.Text(d.Division, XStyle.Text), d.Name, d.Enterprises, d.Visited, Share(d.Visited, d.Enterprises));
        }

        using (var s = xlsx.AddSheet("每月走访", [new(10), new(8), new(10), new(14)], frozenRows: 1))
        {
            s.Row([.. MonthHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var m in coverage.ByMonth) s.Row(m.Year, m.Month, m.Visits, m.Enterprises);
        }

        using (var s = xlsx.AddSheet("征集项目对照目标", [new(8), new(20), new(20), new(20), new(22), new(12)], frozenRows: 1))
        {
            s.Row([.. YearHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var y in coverage.ByYear)
                s.Row(y.Year, XValue.Number(y.Pending, XStyle.MoneyYuan), XValue.Number(y.Confirmed, XStyle.MoneyYuan), XValue.Number(y.Total, XStyle.MoneyYuan),
                    XValue.Number(coverage.Yearly.Value, XStyle.MoneyYuan), Share(y.Total, coverage.Yearly.Value));
            s.Row(XValue.Text($"合计（{coverage.Cumulative.Id} 累计目标）", XStyle.Bold), XValue.Number(coverage.ByYear.Sum(y => y.Pending), XStyle.MoneyYuan),
                XValue.Number(coverage.ByYear.Sum(y => y.Confirmed), XStyle.MoneyYuan), XValue.Number(coverage.PlannedEquipment, XStyle.MoneyYuan),
                XValue.Number(coverage.Cumulative.Value, XStyle.MoneyYuan), Share(coverage.PlannedEquipment, coverage.Cumulative.Value));
            s.Row(XValue.Text($"目标：{coverage.Cumulative.Id} {coverage.Cumulative.Name}；{coverage.Yearly.Id} {coverage.Yearly.Name}（行动计划 §一）。按征集项目的计划年度平均分摊，企业未确认的不计。", XStyle.Wrap));
        }
    }
}
