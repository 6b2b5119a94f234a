using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>
/// The layout of the library workbook (项目库交换表): a <c>说明</c> sheet whose cell B1 (next to the label
/// <c>金额单位</c> in A1) holds the money unit of every money column, then one sheet per table with Chinese headers
/// in its first row. The template, the exporter, the importer and the benchmark generator all read this one table.
/// </summary>
public static class LibraryWorkbook
{
    /// <summary>The first sheet: unit and instructions.</summary>
    public const string NotesSheet = "说明";
    /// <summary>Label of the unit cell (A1 of <see cref="NotesSheet"/>); the unit is in B1.</summary>
    public const string UnitLabel = "金额单位";
    /// <summary>Money in yuan.</summary>
    public const string Yuan = "元";
    /// <summary>Money in units of 10,000 yuan; converted to yuan exactly on import.</summary>
    public const string TenThousandYuan = "万元";

    public const string Enterprises = "企业";
    public const string Projects = "项目";
    public const string Investments = "年度投资";
    public const string Loans = "贷款";
    public const string Repayments = "还款";
    public const string Equipment = "设备台账";

    /// <summary>The data sheets, in workbook order (the order the importer applies them in).</summary>
    public static IReadOnlyList<string> DataSheets { get; } = [Enterprises, Projects, Investments, Loans, Repayments, Equipment];

    /// <summary>Headers that may appear in any data sheet and are ignored on import.</summary>
    public static IReadOnlyList<string> IgnoredHeaders { get; } = ["序号", "备注"];

    /// <summary>Yuan per unit of <paramref name="unit"/>, or null for an unknown unit.</summary>
    public static decimal? Factor(string? unit) => unit switch
    {
        Yuan => 1m,
        TenThousandYuan => 10_000m,
        _ => null,
    };

    // Labels of statuses, kinds, categories, levels, scopes, clusters and the twelve tasks: the pack's Vocabulary.

    // ---- Headers ----------------------------------------------------------------------------------------------

    internal static class H
    {
        public const string CreditCode = "统一社会信用代码";
        public const string EnterpriseName = "企业名称";
        public const string Area = "所属区镇";
        public const string Industry = "国民经济行业代码";
        public const string AboveScale = "规上企业";
        public const string ContactName = "联系人";
        public const string ContactPhone = "联系电话";

        public const string ProjectCode = "项目编号";
        public const string ProjectName = "项目名称";
        public const string Kind = "项目类型";
        public const string Status = "项目状态";
        public const string StartedOn = "开工日期";
        public const string CompletedOn = "竣工日期";
        public const string Tasks = "计划任务";
        public const string Clusters = "产业集群";
        public const string DigitalScopes = "数字化类型";
        public const string Safety = "重大安全改造";
        public const string FinancingNeed = "融资需求";

        public const string Year = "年度";
        public const string EquipmentInvestment = "设备投资";
        public const string DigitalInvestment = "数字化投资";

        public const string LoanCode = "贷款编号";
        public const string Bank = "贷款银行";
        public const string Category = "贷款类别";
        public const string Principal = "贷款本金";
        public const string Rate = "年利率(%)";
        public const string IssuedOn = "放款日期";
        public const string MaturesOn = "到期日期";
        public const string LoanEquipment = "用于设备投资金额";
        public const string Suzhou = "经苏州平台";
        public const string Approvals = "审核同意层级";

        public const string RepaidOn = "还款日期";
        public const string RepaidAmount = "还款金额";

        public const string AssetCode = "资产编号";
        public const string EquipmentType = "设备类型";
        public const string EquipmentName = "设备名称";
        public const string Quantity = "数量";
        public const string CommissioningYear = "投产年份";
        public const string EfficiencyGrade = "能效等级";
        public const string DesignLife = "设计寿命(年)";
        public const string Hazardous = "危化淘汰目录条目";
    }

    internal enum ColumnType { Code, Text, Money, Date, Integer, Percent, Boolean, Choice, List }

    /// <summary>One column: header, kind, whether a value is required, width, and what the 说明 sheet says about it.</summary>
    internal sealed record Column(string Header, ColumnType Type, bool Required, double Width, string Note, IReadOnlyList<string>? Choices = null);

    internal sealed record Sheet(string Name, string Purpose, string Key, IReadOnlyList<Column> Columns);

    private static readonly string[] KindChoices = [.. Enum.GetValues<ProjectKind>().Select(Vocabulary.Label)];
    private static readonly string[] StatusChoices = [.. Enum.GetValues<ProjectStatus>().Select(Vocabulary.Label)];
    private static readonly string[] CategoryChoices = [.. Enum.GetValues<LoanCategory>().Select(Vocabulary.Label)];
    private static readonly string[] YesNo = ["是", "否"];

    internal static IReadOnlyList<Sheet> Sheets { get; } =
    [
        new(Enterprises, "企业名录", "统一社会信用代码",
        [
            new(H.CreditCode, ColumnType.Code, true, 22, "18 位，按 GB 32100-2015 校验"),
            new(H.EnterpriseName, ColumnType.Text, true, 30, "最长 200 字"),
            new(H.Area, ColumnType.Choice, true, 14, "区镇：" + string.Join("、", Codes.DefaultAreas), Codes.DefaultAreas),
            new(H.Industry, ColumnType.Code, true, 14, "GB/T 4754-2017，门类字母加 2–4 位数字，如 C3841；制造业为 C13–C43"),
            new(H.AboveScale, ColumnType.Boolean, false, 10, "是／否，空白按“否”", YesNo),
            new(H.ContactName, ColumnType.Text, false, 12, "可空"),
            new(H.ContactPhone, ColumnType.Code, false, 16, "可空"),
        ]),
        new(Projects, "设备更新项目", "统一社会信用代码 + 项目编号",
        [
            new(H.CreditCode, ColumnType.Code, true, 22, "须为“企业”表或项目库中已有的企业"),
            new(H.ProjectCode, ColumnType.Code, true, 14, "企业内唯一"),
            new(H.ProjectName, ColumnType.Text, true, 30, "最长 200 字"),
            new(H.Kind, ColumnType.Choice, true, 10, "新建／扩建／技术改造（改扩建按扩建）", KindChoices),
            new(H.Status, ColumnType.Choice, true, 10, "计划／在建／竣工", StatusChoices),
            new(H.StartedOn, ColumnType.Date, false, 12, "日期，可空"),
            new(H.CompletedOn, ColumnType.Date, false, 12, "状态为竣工时必填"),
            new(H.Tasks, ColumnType.List, false, 12, "行动计划十二项任务的序号 1–12（见本表末尾），多个用“、”或逗号分隔，如 4、7"),
            new(H.Clusters, ColumnType.List, false, 24, "产业创新集群方向，多个用“、”分隔：" + string.Join("、", Vocabulary.Clusters.Select(t => t.Label))),
            new(H.DigitalScopes, ColumnType.List, false, 24, "新一代信息技术改造类型，多个用“、”分隔：" + string.Join("；", Vocabulary.Scopes.Select(t => t.Label))),
            new(H.Safety, ColumnType.Boolean, false, 12, "重大安全生产改造：是／否，空白按“否”", YesNo),
            new(H.FinancingNeed, ColumnType.Money, false, 16, "金额（单位见 B1），可空"),
        ]),
        new(Investments, "项目年度投资", "统一社会信用代码 + 项目编号 + 年度",
        [
            new(H.CreditCode, ColumnType.Code, true, 22, "须为已有企业"),
            new(H.ProjectCode, ColumnType.Code, true, 14, "须为“项目”表或项目库中已有的项目"),
            new(H.Year, ColumnType.Integer, true, 8, "公历年度，如 2025"),
            new(H.EquipmentInvestment, ColumnType.Money, true, 18, "当年设备投资（含软件），金额"),
            new(H.DigitalInvestment, ColumnType.Money, false, 18, "其中智能化、数字化设备及软件投资，不得超过设备投资；空白按 0"),
        ]),
        new(Loans, "项目贷款", "贷款编号",
        [
            new(H.LoanCode, ColumnType.Code, true, 16, "全库唯一"),
            new(H.CreditCode, ColumnType.Code, true, 22, "借款企业"),
            new(H.ProjectCode, ColumnType.Code, true, 14, "贷款支持的项目（须属于该企业）"),
            new(H.Bank, ColumnType.Text, false, 20, "可空"),
            new(H.Category, ColumnType.Choice, true, 14, "创新载体建设／智改数转网联／产业转型升级／其他设备更新", CategoryChoices),
            new(H.Principal, ColumnType.Money, true, 18, "金额，大于 0"),
            new(H.Rate, ColumnType.Percent, true, 10, "合同年利率，百分数：3.45 或 3.45%，在 0 到 24 之间"),
            new(H.IssuedOn, ColumnType.Date, true, 12, "日期"),
            new(H.MaturesOn, ColumnType.Date, true, 12, "日期，晚于放款日期"),
            new(H.LoanEquipment, ColumnType.Money, true, 18, "贷款中用于设备投资（含软件）的金额"),
            new(H.Suzhou, ColumnType.Boolean, false, 12, "经苏州综合金融服务平台：是／否，空白按“否”", YesNo),
            new(H.Approvals, ColumnType.List, false, 20, "已审核同意的层级，如“省级、苏州市级”；空白 = 尚未登记（按全部层级测算）；“无” = 均未同意"),
        ]),
        new(Repayments, "贷款还款（本金）", "贷款编号 + 还款日期",
        [
            new(H.LoanCode, ColumnType.Code, true, 16, "须为“贷款”表或项目库中已有的贷款"),
            new(H.RepaidOn, ColumnType.Date, true, 12, "晚于放款日期、不晚于到期日期；同一贷款同一天只能一行"),
            new(H.RepaidAmount, ColumnType.Money, true, 18, "金额，大于 0；同一贷款还款合计不超过本金"),
        ]),
        new(Equipment, "企业设备台账", "统一社会信用代码 + 资产编号",
        [
            new(H.CreditCode, ColumnType.Code, true, 22, "须为已有企业"),
            new(H.AssetCode, ColumnType.Code, true, 14, "企业内唯一"),
            new(H.EquipmentType, ColumnType.Code, true, 16, "设备目录中的类型名称，如 金属切削机床、" + string.Join("、", new[] { "boiler", "motor", "air_compressor" }.Select(Vocabulary.EquipmentType))),
            new(H.EquipmentName, ColumnType.Text, true, 24, "最长 200 字"),
            new(H.Quantity, ColumnType.Integer, false, 8, "正整数，空白按 1"),
            new(H.CommissioningYear, ColumnType.Integer, true, 10, "投产年份，如 2012"),
            new(H.EfficiencyGrade, ColumnType.Integer, false, 10, "能效等级 1（最优）–5，可空"),
            new(H.DesignLife, ColumnType.Integer, false, 12, "设计使用年限，可空"),
            new(H.Hazardous, ColumnType.Text, false, 24, "列入淘汰落后危险化学品工艺设备目录的条目，可空"),
        ]),
    ];

    internal static Sheet SheetOf(string name) => Sheets.First(s => s.Name == name);

    /// <summary>The column headers of data sheet <paramref name="sheet"/>, in order (what a file written by another program must carry).</summary>
    public static IReadOnlyList<string> HeadersOf(string sheet) => [.. SheetOf(sheet).Columns.Select(c => c.Header)];
}
