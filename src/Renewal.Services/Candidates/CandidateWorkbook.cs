using Renewal.Data.Entities;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Candidates;

/// <summary>
/// The renewal-candidate list as an xlsx workbook with Chinese headers: 区镇汇总, 企业汇总 (the filtered enterprises)
/// and 设备明细 (their candidate items with reasons and suggestions). Streamed, so a whole city fits.
/// </summary>
public static class CandidateWorkbook
{
    /// <summary>Headers of the 企业汇总 sheet (the web and CLI tests read them).</summary>
    public static readonly IReadOnlyList<string> EnterpriseHeaders =
    [
        "统一社会信用代码", "企业名称", "区镇", "行业代码", "计划行业", "设备台账（条）", "更新潜力设备（条）", "更新潜力设备（台/套）",
        "R-1 超期服役机床（条）", "R-2 未达节能水平重点用能设备（条）", "其中未登记能效等级（条）", "R-3 淘汰落后危化工艺设备（条）", "R-4 超设计使用年限（条）",
    ];

    /// <summary>Headers of the 设备明细 sheet.</summary>
    public static readonly IReadOnlyList<string> ItemHeaders =
    [
        "统一社会信用代码", "企业名称", "区镇", "资产编号", "设备名称", "设备类型", "数量（台/套）", "投用年份", "服役年数", "能效等级", "设计使用年限（年）",
        "危化目录条目", "规则", "原因", "更新建议",
    ];

    private static readonly IReadOnlyList<string> AreaHeaders =
    [
        "区镇", "企业数", "有更新潜力的企业数", "设备台账（条）", "更新潜力设备（条）", "更新潜力设备（台/套）",
        "R-1（条）", "R-2（条）", "R-3（条）", "R-4（条）",
    ];

    /// <summary>Writes the workbook of <paramref name="summary"/>: the enterprises with candidates of <paramref name="rule"/> (any when null) and their items.</summary>
    public static void Write(Stream output, IQueryable<Enterprise> scope, CandidateSummary summary, string? rule, string? area, CandidateRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        using var xlsx = new XlsxWriter(output);

        using (var s = xlsx.AddSheet("区镇汇总", [new(14), new(10), new(14), new(14), new(16), new(18), new(10), new(10), new(10), new(10)], frozenRows: 1))
        {
            s.Row([.. AreaHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var a in summary.Areas)
            {
                var c = a.Counts;
                s.Row(a.Area, a.Enterprises, a.CandidateEnterprises, c.Items, c.CandidateItems, c.CandidateQuantity, c.R1Items, c.R2Items, c.R3Items, c.R4Items);
            }
            var t = summary.Total;
            s.Row(XValue.Text("合计", XStyle.Bold), summary.Areas.Sum(a => a.Enterprises), summary.Areas.Sum(a => a.CandidateEnterprises),
                t.Items, t.CandidateItems, t.CandidateQuantity, t.R1Items, t.R2Items, t.R3Items, t.R4Items);
        }

        using (var s = xlsx.AddSheet("企业汇总", [new(22, XStyle.Text), new(30), new(12), new(10), new(14), new(12), new(14), new(16), new(14), new(18), new(16), new(18), new(16)], frozenRows: 1))
        {
            s.Row([.. EnterpriseHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var e in summary.With(rule))
            {
                var c = e.Counts;
                s.Row(XValue.Text(e.CreditCode, XStyle.Text), e.Name, e.Area, e.IndustryCode, e.Industry, c.Items, c.CandidateItems, c.CandidateQuantity,
                    c.R1Items, c.R2Items, c.UnratedKeyEnergyItems, c.R3Items, c.R4Items);
            }
        }

        using (var s = xlsx.AddSheet("设备明细", [new(22, XStyle.Text), new(30), new(12), new(16, XStyle.Text), new(24), new(16), new(12), new(10), new(10), new(10), new(14), new(26), new(8), new(60, XStyle.Wrap), new(60, XStyle.Wrap)], frozenRows: 1))
        {
            s.Row([.. ItemHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var (e, i) in RenewalCandidates.CandidateItems(scope, summary, rule, area, rules))
            {
                foreach (var r in i.Reasons.Where(r => rule is null || r.Rule == rule))
                {
                    s.Row(XValue.Text(e.CreditCode, XStyle.Text), e.Name, e.Area, XValue.Text(i.Code, XStyle.Text), i.Name, i.TypeName, i.Quantity,
                        i.CommissioningYear, i.YearsInService, XValue.WholeNumber(i.EfficiencyGrade), XValue.WholeNumber(i.DesignLifeYears), i.HazardousCatalogueItem,
                        r.Rule, XValue.Text(r.Detail, XStyle.Wrap), XValue.Text(r.Suggestion, XStyle.Wrap));
                }
            }
        }
        xlsx.Finish();
    }
}
