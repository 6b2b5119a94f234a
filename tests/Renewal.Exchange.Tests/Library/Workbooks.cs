using Renewal.Data;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;
using Renewal.Exchange.Library;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Tests.Library;

/// <summary>Libraries and workbooks made by the tests themselves (no binary fixtures except the LibreOffice one).</summary>
internal static class Workbooks
{
    /// <summary>A valid credit code derived from <paramref name="n"/>.</summary>
    public static string Credit(int n)
    {
        var first17 = "91320583MA" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    public static readonly string C1 = Credit(1);
    public static readonly string C2 = Credit(2);
    public static readonly string C3 = Credit(3);

    /// <summary>A small library that uses every field and every shape of value (nulls, empty lists, 万元-friendly amounts).</summary>
    public static void FillSample(LibraryDbContext db)
    {
        var e1 = new Enterprise
        {
            CreditCode = C1, Name = "昆山某动力电池有限公司", Area = "昆山开发区", IndustryCode = "C3841", AboveScale = true,
            ContactName = "张三", ContactPhone = "0512-57000001",
        };
        var e2 = new Enterprise { CreditCode = C2, Name = "昆山某（集团）精密机械有限公司", Area = "周市镇", IndustryCode = "C34", AboveScale = false };
        db.Enterprises.AddRange(e1, e2);
        db.SaveChanges();

        var p1 = new Project
        {
            EnterpriseId = e1.Id, Code = "P1", Name = "电池产线智能化改造", Kind = ProjectKind.Renovation, Status = ProjectStatus.Completed,
            StartedOn = new DateOnly(2024, 3, 1), CompletedOn = new DateOnly(2025, 6, 30), Tasks = [7, 4, 5],
            Clusters = ["electronic_information", "advanced_materials"], DigitalScopes = ["smart_factory_demo", "scenario_5g"],
            SafetyRenovation = true, FinancingNeed = 12_345_678.9m,
            Investments =
            [
                new ProjectInvestment { Year = 2024, Equipment = 120_000_000m, Digital = 60_000_000.5m },
                new ProjectInvestment { Year = 2025, Equipment = 0.01m, Digital = 0m },
            ],
        };
        var p2 = new Project { EnterpriseId = e1.Id, Code = "001", Name = "新建厂房设备", Kind = ProjectKind.New, Status = ProjectStatus.Planned };
        var p3 = new Project
        {
            EnterpriseId = e2.Id, Code = "P1", Name = "机床更新", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
            StartedOn = new DateOnly(2025, 1, 2), Tasks = [1], FinancingNeed = 0m,
            Investments = [new ProjectInvestment { Year = 2025, Equipment = 8_000_000m, Digital = 8_000_000m }],
        };
        db.Projects.AddRange(p1, p2, p3);
        db.SaveChanges();

        db.Loans.AddRange(
            new Loan
            {
                Code = "L1", EnterpriseId = e1.Id, ProjectId = p1.Id, Bank = "工商银行昆山分行", Category = LoanCategory.DigitalTransformation,
                Principal = 100_000_000m, Rate = 0.0345m, IssuedOn = new DateOnly(2025, 3, 1), MaturesOn = new DateOnly(2028, 3, 1),
                EquipmentAmount = 80_000_000m, ViaSuzhouPlatform = true, Approvals = [Level.Province, Level.Suzhou],
                Repayments =
                [
                    new Repayment { Date = new DateOnly(2026, 3, 1), Amount = 20_000_000m },
                    new Repayment { Date = new DateOnly(2026, 9, 1), Amount = 0.01m },
                ],
            },
            new Loan
            {
                Code = "L2", EnterpriseId = e1.Id, ProjectId = p2.Id, Category = LoanCategory.InnovationCarrier,
                Principal = 5_000_000m, Rate = 0.031234m, IssuedOn = new DateOnly(2024, 12, 31), MaturesOn = new DateOnly(2025, 12, 31),
                EquipmentAmount = 0m, Approvals = [],
            },
            new Loan
            {
                Code = "L3", EnterpriseId = e2.Id, ProjectId = p3.Id, Bank = "昆山农商银行", Category = LoanCategory.EquipmentRenewal,
                Principal = 9_000_000m, Rate = 0.04m, IssuedOn = new DateOnly(2025, 2, 28), MaturesOn = new DateOnly(2030, 2, 28),
                EquipmentAmount = 9_500_000m,
            });
        db.Equipment.AddRange(
            new EquipmentItem
            {
                EnterpriseId = e1.Id, Code = "ZC-001", Type = "boiler", Name = "燃气锅炉", Quantity = 2, CommissioningYear = 2008,
                EfficiencyGrade = 3, DesignLifeYears = 15, HazardousCatalogueItem = "应急厅〔2020〕38号 第 3 项",
            },
            new EquipmentItem { EnterpriseId = e2.Id, Code = "ZC-001", Type = "machine_tool", Name = "数控车床", CommissioningYear = 2012 });
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }

    public static byte[] Export(LibraryDbContext db, string unit = "元")
    {
        using var ms = new MemoryStream();
        LibraryExporter.Export(db, ms, unit);
        return ms.ToArray();
    }

    public static ImportReport Import(LibraryDbContext db, byte[] xlsx, bool dryRun = false, LibraryImportOptions? options = null)
    {
        using var ms = new MemoryStream(xlsx);
        return LibraryImporter.Import(db, ms, dryRun, options);
    }

    public static LibraryImportException Refused(LibraryDbContext db, byte[] xlsx, LibraryImportOptions? options = null)
    {
        using var ms = new MemoryStream(xlsx);
        return Assert.Throws<LibraryImportException>(() => LibraryImporter.Import(db, ms, false, options));
    }

    /// <summary>Row counts and version sums of every table: equal fingerprints mean nothing was saved.</summary>
    public static string Fingerprint(LibraryDbContext db)
    {
        db.ChangeTracker.Clear();
        return string.Join(";",
            db.Enterprises.Count() + ":" + db.Enterprises.Select(x => x.Version).ToList().Sum(),
            db.Projects.Count() + ":" + db.Projects.Select(x => x.Version).ToList().Sum(),
            db.Investments.Count() + ":" + db.Investments.Select(x => x.Version).ToList().Sum(),
            db.Loans.Count() + ":" + db.Loans.Select(x => x.Version).ToList().Sum(),
            db.Repayments.Count() + ":" + db.Repayments.Select(x => x.Version).ToList().Sum(),
            db.Equipment.Count() + ":" + db.Equipment.Select(x => x.Version).ToList().Sum());
    }

    /// <summary>Every row of the library as text, to compare two databases' contents.</summary>
    public static string Dump(LibraryDbContext db)
    {
        db.ChangeTracker.Clear();
        var sb = new StringBuilder();
        var credit = db.Enterprises.AsNoTracking().ToDictionary(e => e.Id, e => e.CreditCode);
        var projects = db.Projects.AsNoTracking().ToDictionary(p => p.Id, p => credit[p.EnterpriseId] + "/" + p.Code);
        var loans = db.Loans.AsNoTracking().ToDictionary(l => l.Id, l => l.Code);
        foreach (var e in db.Enterprises.AsNoTracking().ToList().OrderBy(e => e.CreditCode, StringComparer.Ordinal))
            sb.AppendLine($"E {e.CreditCode}|{e.Name}|{e.Area}|{e.IndustryCode}|{e.AboveScale}|{e.ContactName}|{e.ContactPhone}");
        foreach (var p in db.Projects.AsNoTracking().ToList().OrderBy(p => projects[p.Id], StringComparer.Ordinal))
            sb.AppendLine($"P {projects[p.Id]}|{p.Name}|{p.Kind}|{p.Status}|{p.StartedOn}|{p.CompletedOn}|{string.Join(',', p.Tasks)}|{string.Join(',', p.Clusters)}|{string.Join(',', p.DigitalScopes)}|{p.SafetyRenovation}|{p.FinancingNeed:0.00}");
        foreach (var i in db.Investments.AsNoTracking().ToList().OrderBy(i => projects[i.ProjectId], StringComparer.Ordinal).ThenBy(i => i.Year))
            sb.AppendLine($"I {projects[i.ProjectId]}|{i.Year}|{i.Equipment:0.00}|{i.Digital:0.00}");
        foreach (var l in db.Loans.AsNoTracking().ToList().OrderBy(l => l.Code, StringComparer.Ordinal))
            sb.AppendLine($"L {l.Code}|{credit[l.EnterpriseId]}|{projects[l.ProjectId]}|{l.Bank}|{l.Category}|{l.Principal:0.00}|{l.Rate:0.000000}|{l.IssuedOn}|{l.MaturesOn}|{l.EquipmentAmount:0.00}|{l.ViaSuzhouPlatform}|{(l.Approvals is null ? "null" : string.Join(',', l.Approvals))}");
        foreach (var r in db.Repayments.AsNoTracking().ToList().OrderBy(r => loans[r.LoanId], StringComparer.Ordinal).ThenBy(r => r.Date))
            sb.AppendLine($"R {loans[r.LoanId]}|{r.Date}|{r.Amount:0.00}");
        foreach (var q in db.Equipment.AsNoTracking().ToList().OrderBy(q => credit[q.EnterpriseId] + "/" + q.Code, StringComparer.Ordinal))
            sb.AppendLine($"Q {credit[q.EnterpriseId]}/{q.Code}|{q.Type}|{q.Name}|{q.Quantity}|{q.CommissioningYear}|{q.EfficiencyGrade}|{q.DesignLifeYears}|{q.HazardousCatalogueItem}");
        return sb.ToString();
    }
}

/// <summary>
/// A workbook in the library layout with rows given as cells, written by the library's own xlsx writer; the header
/// rows, sheet names and unit can be altered to make broken workbooks.
/// </summary>
internal sealed class TestWorkbook
{
    public string Unit { get; set; } = "元";
    public Dictionary<string, List<XValue[]>> Rows { get; } = LibraryWorkbook.DataSheets.ToDictionary(s => s, _ => new List<XValue[]>());
    public Dictionary<string, XValue[]> Headers { get; } = [];
    public Dictionary<string, List<string>> Merges { get; } = [];
    public Dictionary<string, string> Renamed { get; } = [];
    public HashSet<string> Omitted { get; } = [];
    /// <summary>Rows written above the header (a title, say).</summary>
    public Dictionary<string, List<XValue[]>> Above { get; } = [];

    public static string[] HeadersOf(string sheet) => [.. LibraryWorkbook.Sheets.First(s => s.Name == sheet).Columns.Select(c => c.Header)];

    public TestWorkbook Add(string sheet, params XValue[] cells)
    {
        Rows[sheet].Add(cells);
        return this;
    }

    /// <summary>A valid enterprise row.</summary>
    public TestWorkbook Enterprise(string credit, string name = "昆山测试有限公司", string area = "周市镇", string industry = "C3841") =>
        Add(LibraryWorkbook.Enterprises, credit, name, area, industry, "是", "", "");

    public TestWorkbook Project(string credit, string code, string status = "在建", XValue? completed = null) =>
        Add(LibraryWorkbook.Projects, credit, code, "项目" + code, "技术改造", status, "2025-01-01", completed ?? XValue.Blank, "4、7", "", "", "否", "");

    public TestWorkbook Investment(string credit, string code, XValue year, XValue equipment, XValue digital) =>
        Add(LibraryWorkbook.Investments, credit, code, year, equipment, digital);

    public TestWorkbook Loan(string code, string credit, string project, XValue principal, string issued = "2025-03-01", string matures = "2028-03-01") =>
        Add(LibraryWorkbook.Loans, code, credit, project, "工商银行", "智改数转网联", principal, "3.45", issued, matures, principal, "是", "省级、苏州市级");

    public TestWorkbook Repayment(string loan, XValue date, XValue amount) => Add(LibraryWorkbook.Repayments, loan, date, amount);

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms))
        {
            if (!Omitted.Contains(LibraryWorkbook.NotesSheet))
            {
                using var notes = x.AddSheet(Renamed.GetValueOrDefault(LibraryWorkbook.NotesSheet) ?? LibraryWorkbook.NotesSheet);
                notes.Row(LibraryWorkbook.UnitLabel, Unit);
            }
            foreach (var sheet in LibraryWorkbook.DataSheets)
            {
                if (Omitted.Contains(sheet)) continue;
                using var s = x.AddSheet(Renamed.GetValueOrDefault(sheet) ?? sheet);
                foreach (var above in Above.GetValueOrDefault(sheet) ?? []) s.Row(above);
                s.Row(Headers.GetValueOrDefault(sheet) ?? [.. HeadersOf(sheet).Select(h => XValue.Text(h))]);
                foreach (var row in Rows[sheet]) s.Row(row);
                foreach (var m in Merges.GetValueOrDefault(sheet) ?? []) s.Merge(m);
            }
            x.Finish();
        }
        return ms.ToArray();
    }
}

/// <summary>Raw zip packages, for files no spreadsheet program would write.</summary>
internal static class RawZip
{
    public static byte[] Build(params (string Path, byte[] Content)[] entries) => Build(CompressionLevel.Optimal, entries);

    public static byte[] Build(CompressionLevel level, params (string Path, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path, level).Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    /// <summary>The entries of a package, to rebuild it with changes.</summary>
    public static List<(string Path, byte[] Content)> Entries(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
