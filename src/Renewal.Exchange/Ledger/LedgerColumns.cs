using System.Globalization;
using System.Text;

namespace Renewal.Exchange.Ledger;

/// <summary>One column of the bank loan ledger (贷款台账): its header text exactly as the template writes it, and its help.</summary>
public sealed record LedgerColumn(string Header, bool Required, string Help, string Example)
{
    /// <summary>The header as compared: NFKC (full-width brackets and % become ASCII) without any blanks.</summary>
    public string Key { get; } = LedgerColumns.HeaderKey(Header);
}

/// <summary>The two sheets of the ledger and their columns (the template and the importer share this list).</summary>
public static class LedgerColumns
{
    public const string LoansSheet = "贷款";
    public const string RepaymentsSheet = "还款";
    public const string NotesSheet = "说明";

    public static readonly LedgerColumn LoanId = new("贷款编号", true, "银行贷款编号（借据号），每笔贷款一行、不得重复；还款表据此对应贷款", "JK2025001");
    public static readonly LedgerColumn EnterpriseName = new("企业名称", true, "借款企业全称；同一企业各行须一致", "昆山某动力电池有限公司");
    public static readonly LedgerColumn CreditCode = new("统一社会信用代码", true, "18 位统一社会信用代码（GB 32100-2015），用于识别企业；建议将本列设为“文本”格式", "913205837AY4CL12TY");
    public static readonly LedgerColumn Area = new("所属区镇", true, "企业所在区镇：" + string.Join("、", Policy.Model.Codes.DefaultAreas), "昆山开发区");
    public static readonly LedgerColumn Industry = new("国民经济行业代码", true, "GB/T 4754-2017 行业代码：门类字母加 2–4 位数字，制造业为 C13–C43", "C3841");
    public static readonly LedgerColumn ProjectId = new("项目编号", true, "贷款支持的项目编号；同一企业的同一项目编号视为同一项目", "P1");
    public static readonly LedgerColumn ProjectName = new("项目名称", true, "项目名称；同一项目各行须一致", "电池产线智能化改造");
    public static readonly LedgerColumn ProjectKind = new("项目类型", true, "新建、扩建（改扩建）或 技术改造", "技术改造");
    public static readonly LedgerColumn Category = new("贷款类别", true, "创新载体建设、智改数转网联、产业转型升级 或 其他设备更新", "智改数转网联");
    public static readonly LedgerColumn Principal = new("贷款本金（元）", true, "放款金额，单位元，最多两位小数；可带千分位逗号", "100000000");
    public static readonly LedgerColumn Rate = new("合同年利率（%）", true, "按百分数填写，如 3.45 表示 3.45%，也可填“3.45%”或设为百分比格式；不带 % 且小于 1 的数按小数理解（0.0345 即 3.45%）；应在 0%–24% 之间", "3.45");
    public static readonly LedgerColumn IssuedOn = new("放款日期", true, "日期单元格，或 2025-03-01、2025/3/1、2025年3月1日", "2025-03-01");
    public static readonly LedgerColumn MaturesOn = new("到期日期", true, "合同到期日，应晚于放款日期", "2028-03-01");
    public static readonly LedgerColumn EquipmentAmount = new("用于设备投资金额（元）", true, "本笔贷款用于设备（含软件）投资的金额，单位元", "80000000");
    public static readonly LedgerColumn ViaPlatform = new("是否经苏州综合金融服务平台", true, "是 或 否（经平台的智改数转网联类贷款可享苏州市级贴息）", "是");
    public static readonly LedgerColumn Approvals = new("已审核同意层级", false, "已审核同意贴息的层级，用顿号或逗号分隔：中央、省级、苏州市级、昆山市级；留空表示全部层级", "省级、苏州市级、昆山市级");

    public static readonly LedgerColumn RepaymentLoanId = new("贷款编号", true, "还款所属贷款的编号，须在“贷款”表中存在", "JK2025001");
    public static readonly LedgerColumn RepaymentDate = new("还款日期", true, "归还本金的日期，应晚于放款日期、不晚于到期日期", "2026-03-01");
    public static readonly LedgerColumn RepaymentAmount = new("还款金额（元）", true, "归还的本金，单位元；同一笔贷款的还款合计不得超过本金", "20000000");

    public static readonly IReadOnlyList<LedgerColumn> Loans =
    [
        LoanId, EnterpriseName, CreditCode, Area, Industry, ProjectId, ProjectName, ProjectKind, Category,
        Principal, Rate, IssuedOn, MaturesOn, EquipmentAmount, ViaPlatform, Approvals,
    ];

    public static readonly IReadOnlyList<LedgerColumn> Repayments = [RepaymentLoanId, RepaymentDate, RepaymentAmount];

    /// <summary>Header comparison key: NFKC, blanks removed, so “贷款本金(元) ” matches “贷款本金（元）”.</summary>
    public static string HeaderKey(string header)
    {
        var text = header.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format) sb.Append(c);
        }
        return sb.ToString();
    }
}
