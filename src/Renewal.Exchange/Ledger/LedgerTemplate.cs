using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Renewal.Exchange.Ledger;

/// <summary>The ledger template: sheets 贷款 and 还款 with their headers only, and 说明 explaining every column.</summary>
public static class LedgerTemplate
{
    private static readonly string[] General =
    [
        "每笔贷款在“贷款”工作表填一行，每次归还本金在“还款”工作表填一行；表头请勿修改，可在右侧增加银行自用的列，导入时忽略。",
        "企业按统一社会信用代码识别，项目按“企业 + 项目编号”识别；同一企业或同一项目出现在多行时，企业名称、所属区镇、行业代码、项目名称、项目类型须一致。",
        "金额以元为单位，最多两位小数，可带千分位逗号；数字、日期既可是数值/日期单元格，也可是文本（全角数字亦可）。",
        "导入：renewal loans import 台账.xlsx --year 2025 --out 场景.yaml。有任何错误时会逐一列出出错的工作表、行号和列，且不生成文件；改正后重新导入即可。",
        "项目在导入后按“在建”记录，不含投资额；贴息以外的奖补需另行补充项目信息。",
    ];

    /// <summary>Writes the template to <paramref name="path"/> (the caller decides about overwriting).</summary>
    public static void Write(string path)
    {
        var notes = new List<Dictionary<string, object?>>();
        foreach (var text in General)
            notes.Add(Note("（总体）", "", "", text, ""));
        foreach (var c in LedgerColumns.Loans)
            notes.Add(Note(LedgerColumns.LoansSheet, c.Header, c.Required ? "必填" : "选填", c.Help, c.Example));
        foreach (var c in LedgerColumns.Repayments)
            notes.Add(Note(LedgerColumns.RepaymentsSheet, c.Header, c.Required ? "必填" : "选填", c.Help, c.Example));

        var sheets = new Dictionary<string, object>
        {
            [LedgerColumns.LoansSheet] = Headers(LedgerColumns.Loans),
            [LedgerColumns.RepaymentsSheet] = Headers(LedgerColumns.Repayments),
            [LedgerColumns.NotesSheet] = notes,
        };
        // Auto width needs fast mode in MiniExcel; it keeps the Chinese headers readable without styling.
        var config = new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, MaxWidth = 80 };
        MiniExcel.SaveAs(path, sheets, configuration: config, overwriteFile: true);
    }

    private static Dictionary<string, object?> Note(string sheet, string column, string required, string help, string example) => new()
    {
        ["工作表"] = sheet,
        ["列名"] = column,
        ["是否必填"] = required,
        ["填写说明"] = help,
        ["示例"] = example,
    };

    /// <summary>An empty table: MiniExcel writes the header row of a table without rows (a list without items writes nothing).</summary>
    private static DataTable Headers(IEnumerable<LedgerColumn> columns)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var c in columns) table.Columns.Add(c.Header, typeof(string));
        return table;
    }
}
