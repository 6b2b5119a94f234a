using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using static Renewal.Exchange.Library.LibraryWorkbook;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;
using Renewal.Data;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>Writes the whole library as a workbook that <see cref="LibraryImporter"/> reads back without a change.</summary>
public static class LibraryExporter
{
    /// <summary>Exports every enterprise, project, yearly investment, loan, repayment and equipment item.</summary>
    /// <param name="db">The library.</param>
    /// <param name="output">Where the xlsx goes.</param>
    /// <param name="unit">Money unit of the workbook: 元 (default) or 万元 (amounts divided by 10,000 exactly).</param>
    public static void Export(LibraryDbContext db, Stream output, string unit = Yuan)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        if (Factor(unit) is null) throw new ArgumentException($"金额单位应为“{Yuan}”或“{TenThousandYuan}”，实际为“{unit}”", nameof(unit));
        var data = new LibraryData
        {
            Enterprises = db.Enterprises.AsNoTracking().ToList(),
            Projects = db.Projects.AsNoTracking().ToList(),
            Investments = db.Investments.AsNoTracking().ToList(),
            Loans = db.Loans.AsNoTracking().ToList(),
            Repayments = db.Repayments.AsNoTracking().ToList(),
            Equipment = db.Equipment.AsNoTracking().ToList(),
        };
        LibraryWorkbookWriter.Write(output, unit, data);
    }
}

/// <summary>The empty workbook people fill in: the 说明 sheet (unit 元, every column explained) and the six sheets with their headers.</summary>
public static class LibraryTemplate
{
    public static void Write(Stream output, string unit = Yuan)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Factor(unit) is null) throw new ArgumentException($"金额单位应为“{Yuan}”或“{TenThousandYuan}”", nameof(unit));
        LibraryWorkbookWriter.Write(output, unit, new LibraryData());
    }
}

/// <summary>Library rows to write, with their database ids (used only to resolve references).</summary>
internal sealed class LibraryData
{
    public List<Enterprise> Enterprises { get; init; } = [];
    public List<Project> Projects { get; init; } = [];
    public List<ProjectInvestment> Investments { get; init; } = [];
    public List<Loan> Loans { get; init; } = [];
    public List<Repayment> Repayments { get; init; } = [];
    public List<EquipmentItem> Equipment { get; init; } = [];
}

/// <summary>Writes <see cref="LibraryData"/> in the layout of <see cref="LibraryWorkbook"/>; rows sorted by natural key.</summary>
internal static class LibraryWorkbookWriter
{
    private const int ValidationRows = 100_000;

    public static void Write(Stream output, string unit, LibraryData data)
    {
        var factor = Factor(unit)!.Value;
        var money = factor == 1m ? XStyle.MoneyYuan : XStyle.MoneyWan;
        XValue Money(decimal? yuan) => XValue.Number(yuan is { } y ? y / factor : null, money);

        var credit = data.Enterprises.ToDictionary(e => e.Id, e => e.CreditCode);
        var projects = data.Projects.ToDictionary(p => p.Id);
        var loans = data.Loans.ToDictionary(l => l.Id, l => l.Code);
        string Credit(int enterpriseId) => credit.GetValueOrDefault(enterpriseId) ?? "";
        (string Credit, string Code) ProjectKey(int projectId) =>
            projects.TryGetValue(projectId, out var p) ? (Credit(p.EnterpriseId), p.Code) : ("", "");
        var ord = StringComparer.Ordinal;

        using var xlsx = new XlsxWriter(output);
        WriteNotes(xlsx, unit);

        using (var s = Begin(xlsx, LibraryWorkbook.Enterprises, money))
        {
            foreach (var e in data.Enterprises.OrderBy(e => e.CreditCode, ord))
                s.Row(T(e.CreditCode), e.Name, e.Area, T(e.IndustryCode), YesNo(e.AboveScale), e.ContactName, T(e.ContactPhone));
        }
        using (var s = Begin(xlsx, LibraryWorkbook.Projects, money))
        {
            foreach (var p in data.Projects.OrderBy(p => Credit(p.EnterpriseId), ord).ThenBy(p => p.Code, ord))
            {
                s.Row(T(Credit(p.EnterpriseId)), T(p.Code), p.Name, Vocabulary.Label(p.Kind), Vocabulary.Label(p.Status), XValue.Date(p.StartedOn), XValue.Date(p.CompletedOn),
                    T(string.Join("、", p.Tasks)), T(string.Join("、", p.Clusters.Select(Vocabulary.Label))), T(string.Join("、", p.DigitalScopes.Select(Vocabulary.Label))), YesNo(p.SafetyRenovation),
                    Money(p.FinancingNeed));
            }
        }
        using (var s = Begin(xlsx, LibraryWorkbook.Investments, money))
        {
            foreach (var (i, key) in data.Investments.Select(i => (i, ProjectKey(i.ProjectId)))
                .OrderBy(t => t.Item2.Credit, ord).ThenBy(t => t.Item2.Code, ord).ThenBy(t => t.i.Year))
                s.Row(T(key.Credit), T(key.Code), XValue.WholeNumber(i.Year), Money(i.Equipment), Money(i.Digital));
        }
        using (var s = Begin(xlsx, LibraryWorkbook.Loans, money))
        {
            foreach (var l in data.Loans.OrderBy(l => l.Code, ord))
            {
                var key = ProjectKey(l.ProjectId);
                s.Row(T(l.Code), T(Credit(l.EnterpriseId)), T(key.Code), l.Bank, Codes.Label(l.Category), Money(l.Principal),
                    XValue.Number(l.Rate * 100m, XStyle.PercentNumber), XValue.Date(l.IssuedOn), XValue.Date(l.MaturesOn), Money(l.EquipmentAmount),
                    YesNo(l.ViaSuzhouPlatform), T(Approvals(l.Approvals)));
            }
        }
        using (var s = Begin(xlsx, LibraryWorkbook.Repayments, money))
        {
            foreach (var (r, code) in data.Repayments.Select(r => (r, loans.GetValueOrDefault(r.LoanId) ?? ""))
                .OrderBy(t => t.Item2, ord).ThenBy(t => t.r.Date))
                s.Row(T(code), XValue.Date(r.Date), Money(r.Amount));
        }
        using (var s = Begin(xlsx, LibraryWorkbook.Equipment, money))
        {
            foreach (var q in data.Equipment.OrderBy(q => Credit(q.EnterpriseId), ord).ThenBy(q => q.Code, ord))
            {
                s.Row(T(Credit(q.EnterpriseId)), T(q.Code), T(Vocabulary.EquipmentType(q.Type)), q.Name, XValue.WholeNumber(q.Quantity), XValue.WholeNumber(q.CommissioningYear),
                    XValue.WholeNumber(q.EfficiencyGrade), XValue.WholeNumber(q.DesignLifeYears), q.HazardousCatalogueItem);
            }
        }
        xlsx.Finish();
    }

    private static XValue T(string? s) => XValue.Text(s, XStyle.Text);

    private static XValue YesNo(bool b) => XValue.Text(b ? "是" : "否", XStyle.Text);

    /// <summary>Approvals as the ledger writes them: empty = not recorded, 无 = recorded, none approved.</summary>
    internal static string Approvals(List<Level>? levels) =>
        levels is null ? "" : levels.Count == 0 ? "无" : string.Join("、", levels.Select(Codes.Label));

    private static XStyle StyleOf(ColumnType type, XStyle money) => type switch
    {
        ColumnType.Money => money,
        ColumnType.Date => XStyle.Date,
        ColumnType.Integer => XStyle.WholeNumber,
        ColumnType.Percent => XStyle.PercentNumber,
        ColumnType.Text => XStyle.Default,
        _ => XStyle.Text,
    };

    private static SheetWriter Begin(XlsxWriter xlsx, string name, XStyle money)
    {
        var def = SheetOf(name);
        var s = xlsx.AddSheet(name, [.. def.Columns.Select(c => new XlsxWriter.Col(c.Width, StyleOf(c.Type, money)))], frozenRows: 1);
        s.Row([.. def.Columns.Select(c => XValue.Text(c.Header, XStyle.Header))]);
        for (var i = 0; i < def.Columns.Count; i++)
        {
            if (def.Columns[i].Choices is { } choices)
            {
                var col = RowContext.Address(i, 2);
                s.DropDown($"{col}:{RowContext.Address(i, ValidationRows)}", choices);
            }
        }
        return s;
    }

    private static void WriteNotes(XlsxWriter xlsx, string unit)
    {
        using var s = xlsx.AddSheet(NotesSheet, [new(18, XStyle.Default), new(16, XStyle.Default), new(90, XStyle.Wrap)]);
        s.Row(XValue.Text(UnitLabel, XStyle.Bold), XValue.Text(unit, XStyle.Bold), "本工作簿所有金额列的单位：填“元”或“万元”（万元按 1 万元 = 10000 元精确换算，换算后最多两位小数）");
        s.Row();
        s.Row(XValue.Text("昆山市工业设备更新项目库交换表", XStyle.Bold), "", "导入时按唯一键新增或更新（不删除未出现的行）；先校验全部单元格，有任何错误则整表不导入，并逐格列出错误。");
        s.Row("", "", "日期可填 2025-03-01、2025/3/1、2025年3月1日 或 Excel 日期；数字可带千分位，可为文本格式；全角数字、全角标点均可识别；合并单元格按其首格的值读取。");
        s.Row("", "", "各表第一行为表头，可另加“序号”“备注”列（导入时忽略）；空行忽略。");
        s.Row();
        foreach (var sheet in Sheets)
        {
            s.Row(XValue.Text(sheet.Name, XStyle.Bold), XValue.Text("唯一键", XStyle.Bold), $"{sheet.Purpose}；按“{sheet.Key}”识别同一行");
            foreach (var c in sheet.Columns)
                s.Row("", c.Required ? "必填" : "选填", XValue.Text($"{c.Header}：{c.Note}", XStyle.Wrap));
            s.Row();
        }
        s.Row(XValue.Text("计划任务", XStyle.Bold), "", "行动计划（昆政办发〔2024〕36号）二、重点任务：");
        for (var i = 0; i < Vocabulary.Tasks.Count; i++) s.Row("", XValue.WholeNumber(i + 1, XStyle.Default), Vocabulary.Tasks[i]);
        s.Row();
        s.Row(XValue.Text("审核同意层级", XStyle.Bold), "", string.Join("、", Enum.GetValues<Level>().Select(Codes.Label)) + "（贷款贴息 D-9）");
    }
}
