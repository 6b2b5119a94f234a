using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Renewal.Exchange.Ledger;

namespace Renewal.Services.Checks;

/// <summary>The two import workbooks of 核查名单: their sheets, columns (the template and the importer share this list) and templates.</summary>
public static class ChecksWorkbooks
{
    public const string CreditSheet = "信用与事故记录";
    public const string FundingSheet = "已获其他资金支持";
    public const string NotesSheet = "说明";

    public static readonly LedgerColumn CreditCode = new("统一社会信用代码", true, "18 位统一社会信用代码；建议将本列设为“文本”格式", "91320583MA1XXXXXX0");
    public static readonly LedgerColumn Name = new("企业名称", false, "来源文件中的企业名称（企业在项目库中时以项目库名称显示）", "昆山某精密机械有限公司");
    public static readonly LedgerColumn Kind = new("类别", true, "失信名单、重大安全事故、重大环境事故 或 重大质量事故", "失信名单");
    public static readonly LedgerColumn On = new("列入或发生日期", true, "失信名单填列入日期，事故填发生日期；日期单元格或 2025-03-01、2025/3/1、2025年3月1日", "2025-03-01");
    public static readonly LedgerColumn LiftedOn = new("移出日期", false, "仅失信名单：已移出名单的日期（当天起不再列入）；未移出留空", "");
    public static readonly LedgerColumn Source = new("来源", true, "发布机关及文号，或信用中国等来源及记录编号；留空时取导入页面填写的文件来源", "信用中国（江苏）2025-0001号");
    public static readonly LedgerColumn Note = new("备注", false, "其他说明", "");

    public static readonly LedgerColumn Programme = new("资金名称", true, "已获支持的资金或项目名称", "江苏省智改数转网联项目");
    public static readonly LedgerColumn Year = new("年度", true, "支持年度，四位年份", "2025");
    public static readonly LedgerColumn Project = new("项目名称", true, "获支持的项目名称（无发票号时按项目名称和金额比对）", "数控机床产线改造");
    public static readonly LedgerColumn Invoices = new("发票号", false, "获支持设备的发票号，多个用顿号或逗号分隔；未知留空", "FP20250001、FP20250002");
    public static readonly LedgerColumn Amount = new("支持金额（元）", true, "获支持的设备金额，单位元，最多两位小数", "1200000");

    public static readonly IReadOnlyList<LedgerColumn> CreditColumns = [CreditCode, Name, Kind, On, LiftedOn, Source, Note];
    public static readonly IReadOnlyList<LedgerColumn> FundingColumns = [Programme, Year, CreditCode, Name, Project, Invoices, Amount, Source, Note];

    public static byte[] CreditTemplate() => Template(CreditSheet, CreditColumns,
        "每条失信名单或重大事故记录填一行；表头请勿修改。有任何错误时逐一列出行号和列，且一行都不导入。");

    public static byte[] FundingTemplate() => Template(FundingSheet, FundingColumns,
        "每条已获其他资金支持的设备（或项目）填一行；表头请勿修改。有任何错误时逐一列出行号和列，且一行都不导入。");

    private static byte[] Template(string sheet, IReadOnlyList<LedgerColumn> columns, string general)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var c in columns) table.Columns.Add(c.Header, typeof(string));
        var notes = new List<Dictionary<string, object?>> { NoteRow("（总体）", "", general, "") };
        notes.AddRange(columns.Select(c => NoteRow(c.Header, c.Required ? "必填" : "选填", c.Help, c.Example)));
        using var ms = new MemoryStream();
        var config = new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, MaxWidth = 80 };
        ms.SaveAs(new Dictionary<string, object> { [sheet] = table, [NotesSheet] = notes }, configuration: config);
        return ms.ToArray();
    }

    private static Dictionary<string, object?> NoteRow(string column, string required, string help, string example) => new()
    {
        ["列名"] = column, ["是否必填"] = required, ["填写说明"] = help, ["示例"] = example,
    };
}
