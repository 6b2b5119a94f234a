using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using static Renewal.Exchange.Library.LibraryWorkbook;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;
using Renewal.Data;
using Renewal.Data.Changes;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>
/// Imports a library workbook (<see cref="LibraryWorkbook"/>): reads and validates everything first — every bad cell
/// is reported with sheet, Excel row, column header and a reason in Chinese — and only when nothing is wrong applies
/// the whole workbook in one transaction, upserting by natural keys. Rows absent from the workbook are left alone.
/// </summary>
public static class LibraryImporter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Validates <paramref name="xlsx"/> and, unless <paramref name="dryRun"/>, saves it into <paramref name="db"/>: in one
    /// transaction of its own, or inside the caller's when one is open (then the caller commits, or rolls back on an error).
    /// </summary>
    /// <returns>Per sheet, the rows added, changed (some field differs) and unchanged — or, in a dry run, that would be.</returns>
    /// <exception cref="LibraryImportException">The file cannot be read or some cells are wrong; nothing was saved.</exception>
    public static ImportReport Import(LibraryDbContext db, Stream xlsx, bool dryRun, LibraryImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(xlsx);
        options ??= LibraryImportOptions.Default;
        var errors = new ErrorSink(Math.Max(1, options.MaxErrors));

        var book = Read(xlsx, options, errors);
        if (errors.Structural) errors.ThrowIfAny();

        if (db.ChangeTracker.HasChanges())
            throw new InvalidOperationException("导入前上下文中不应有未保存的修改");
        db.ChangeTracker.Clear();
        var existing = Existing.Load(db);
        var plan = Plan.Build(book, existing, errors);
        errors.ThrowIfAny();

        if (!dryRun) Apply(db, plan, Math.Max(1, options.BatchSize));
        return new ImportReport { DryRun = dryRun, Unit = book.Unit, Sheets = plan.Counts() };
    }

    private static ParsedWorkbook Read(Stream xlsx, LibraryImportOptions options, ErrorSink errors)
    {
        try
        {
            using var package = XlsxPackage.Open(xlsx, options.MaxUncompressedBytes);
            return new WorkbookParser(package, options, errors).Parse();
        }
        catch (LibraryImportException)
        {
            throw;
        }
#pragma warning disable CA1031 // a damaged file may make the zip and XML layers throw anything: it is always "damaged file"
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var detail = e is System.Xml.XmlException ? "（XML 格式错误）" : e is InvalidDataException ? "（压缩数据损坏）" : "";
            throw new LibraryImportException($"文件已损坏，无法读取{detail}：{e.Message}", e);
        }
    }

    // ---- what is in the database ----------------------------------------------------------------------------

    private sealed class Existing
    {
        public Dictionary<string, Enterprise> Enterprises { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, Enterprise> EnterpriseById { get; } = [];
        public Dictionary<(string Credit, string Code), Project> Projects { get; } = [];
        public Dictionary<int, Project> ProjectById { get; } = [];
        public Dictionary<(int ProjectId, int Year), ProjectInvestment> Investments { get; } = [];
        public Dictionary<string, Loan> Loans { get; } = new(StringComparer.Ordinal);
        public Dictionary<int, List<Repayment>> RepaymentsByLoan { get; } = [];
        public Dictionary<(int EnterpriseId, string Code), EquipmentItem> Equipment { get; } = [];

        public static Existing Load(LibraryDbContext db)
        {
            var x = new Existing();
            foreach (var e in db.Enterprises.AsNoTracking())
            {
                x.Enterprises[e.CreditCode] = e;
                x.EnterpriseById[e.Id] = e;
            }
            foreach (var p in db.Projects.AsNoTracking())
            {
                x.ProjectById[p.Id] = p;
                if (x.EnterpriseById.TryGetValue(p.EnterpriseId, out var e)) x.Projects[(e.CreditCode, p.Code)] = p;
            }
            foreach (var i in db.Investments.AsNoTracking()) x.Investments[(i.ProjectId, i.Year)] = i;
            foreach (var l in db.Loans.AsNoTracking()) x.Loans[l.Code] = l;
            foreach (var r in db.Repayments.AsNoTracking())
            {
                if (!x.RepaymentsByLoan.TryGetValue(r.LoanId, out var list)) x.RepaymentsByLoan[r.LoanId] = list = [];
                list.Add(r);
            }
            foreach (var q in db.Equipment.AsNoTracking()) x.Equipment[(q.EnterpriseId, q.Code)] = q;
            return x;
        }
    }

    // ---- the plan: validation against the database, and what changes ---------------------------------------

    private enum Change { Added, Changed, Unchanged }

    private sealed record Item<TRow, TEntity>(TRow Row, TEntity? Existing, Change Change) where TEntity : class;

    private sealed class Plan
    {
        public List<Item<EnterpriseRow, Enterprise>> Enterprises { get; } = [];
        public List<Item<ProjectRow, Project>> Projects { get; } = [];
        public List<Item<InvestmentRow, ProjectInvestment>> Investments { get; } = [];
        public List<Item<LoanRow, Loan>> Loans { get; } = [];
        public List<Item<RepaymentRow, Repayment>> Repayments { get; } = [];
        public List<Item<EquipmentRow, EquipmentItem>> Equipment { get; } = [];
        public Existing Db { get; private init; } = null!;

        public IReadOnlyList<SheetReport> Counts() =>
        [
            Count(Enterprises, LibraryWorkbook.Enterprises), Count(Projects, LibraryWorkbook.Projects),
            Count(Investments, LibraryWorkbook.Investments), Count(Loans, LibraryWorkbook.Loans),
            Count(Repayments, LibraryWorkbook.Repayments), Count(Equipment, LibraryWorkbook.Equipment),
        ];

        private static SheetReport Count<TRow, TEntity>(List<Item<TRow, TEntity>> items, string sheet) where TEntity : class =>
            new(sheet, items.Count(i => i.Change == Change.Added), items.Count(i => i.Change == Change.Changed), items.Count(i => i.Change == Change.Unchanged));

        public static Plan Build(ParsedWorkbook book, Existing db, ErrorSink errors)
        {
            var plan = new Plan { Db = db };
            void Error(string sheet, int row, string column, string message) => errors.Add(new ImportError(sheet, row, column, message)
            {
                Cell = book.Headers.TryGetValue(sheet, out var map) && map.TryGetValue(column, out var index) ? RowContext.Address(index, row) : null,
            });

            // 企业
            var enterpriseRows = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in book.Enterprises)
            {
                if (r.CreditCode is null) continue;
                if (!enterpriseRows.TryAdd(r.CreditCode, r.Row))
                {
                    Error(LibraryWorkbook.Enterprises, r.Row, H.CreditCode, $"统一社会信用代码 {r.CreditCode} 与第 {enterpriseRows[r.CreditCode]} 行重复");
                    continue;
                }
                if (!r.Valid) continue;
                var e = db.Enterprises.GetValueOrDefault(r.CreditCode);
                plan.Enterprises.Add(new(r, e, e is null ? Change.Added : Same(e, r) ? Change.Unchanged : Change.Changed));
            }
            bool EnterpriseKnown(string credit) => enterpriseRows.ContainsKey(credit) || db.Enterprises.ContainsKey(credit);
            string NoEnterprise(string credit) => $"企业 {credit} 不在“企业”表中，也不在项目库中";

            // 项目
            var projectRows = new Dictionary<(string, string), int>();
            foreach (var r in book.Projects)
            {
                if (r.CreditCode is null || r.Code is null) continue;
                var key = (r.CreditCode, r.Code);
                if (!projectRows.TryAdd(key, r.Row))
                {
                    Error(LibraryWorkbook.Projects, r.Row, H.ProjectCode, $"项目（{r.CreditCode}，{r.Code}）与第 {projectRows[key]} 行重复");
                    continue;
                }
                if (!EnterpriseKnown(r.CreditCode))
                {
                    Error(LibraryWorkbook.Projects, r.Row, H.CreditCode, NoEnterprise(r.CreditCode));
                    continue;
                }
                if (!r.Valid) continue;
                var p = db.Projects.GetValueOrDefault(key);
                plan.Projects.Add(new(r, p, p is null ? Change.Added : Same(p, r) ? Change.Unchanged : Change.Changed));
            }
            bool ProjectKnown((string, string) key) => projectRows.ContainsKey(key) || db.Projects.ContainsKey(key);
            static string NoProject(string credit, string code) => $"项目（统一社会信用代码 {credit}，项目编号 {code}）不在“项目”表中，也不在项目库中";

            // 年度投资
            var investmentRows = new Dictionary<(string, string, int), int>();
            foreach (var r in book.Investments)
            {
                if (r.CreditCode is null || r.ProjectCode is null || r.Year is null) continue;
                var key = (r.CreditCode, r.ProjectCode, r.Year.Value);
                if (!investmentRows.TryAdd(key, r.Row))
                {
                    Error(LibraryWorkbook.Investments, r.Row, H.Year, $"项目 {r.ProjectCode} 的 {r.Year} 年度投资与第 {investmentRows[key]} 行重复");
                    continue;
                }
                if (!ProjectKnown((r.CreditCode, r.ProjectCode)))
                {
                    Error(LibraryWorkbook.Investments, r.Row, H.ProjectCode, NoProject(r.CreditCode, r.ProjectCode));
                    continue;
                }
                if (!r.Valid) continue;
                var i = db.Projects.TryGetValue((r.CreditCode, r.ProjectCode), out var p) ? db.Investments.GetValueOrDefault((p.Id, r.Year.Value)) : null;
                plan.Investments.Add(new(r, i, i is null ? Change.Added : i.Equipment == r.Equipment && i.Digital == r.Digital ? Change.Unchanged : Change.Changed));
            }

            // 贷款
            var loanRows = new Dictionary<string, LoanRow>(StringComparer.Ordinal);
            foreach (var r in book.Loans)
            {
                if (r.Code is null) continue;
                if (!loanRows.TryAdd(r.Code, r))
                {
                    Error(LibraryWorkbook.Loans, r.Row, H.LoanCode, $"贷款编号 {r.Code} 与第 {loanRows[r.Code].Row} 行重复");
                    continue;
                }
                if (r.CreditCode is null || r.ProjectCode is null) continue;
                if (!ProjectKnown((r.CreditCode, r.ProjectCode)))
                {
                    Error(LibraryWorkbook.Loans, r.Row, H.ProjectCode, NoProject(r.CreditCode, r.ProjectCode));
                    r.Valid = false;
                    continue;
                }
                if (!r.Valid) continue;
                var l = db.Loans.GetValueOrDefault(r.Code);
                plan.Loans.Add(new(r, l, l is null ? Change.Added : Same(l, r, db) ? Change.Unchanged : Change.Changed));
            }

            // 还款
            var repaymentRows = new Dictionary<(string, DateOnly), int>();
            var byLoan = new Dictionary<string, List<RepaymentRow>>(StringComparer.Ordinal);
            foreach (var r in book.Repayments)
            {
                if (r.LoanCode is null || r.Date is null) continue;
                var key = (r.LoanCode, r.Date.Value);
                if (!repaymentRows.TryAdd(key, r.Row))
                {
                    Error(LibraryWorkbook.Repayments, r.Row, H.RepaidOn, $"贷款 {r.LoanCode} 在 {r.Date:yyyy-MM-dd} 已有一笔还款（第 {repaymentRows[key]} 行）：同一天的还款请合并为一行");
                    continue;
                }
                var inBook = loanRows.GetValueOrDefault(r.LoanCode);
                var inDb = db.Loans.GetValueOrDefault(r.LoanCode);
                if (inBook is null && inDb is null)
                {
                    Error(LibraryWorkbook.Repayments, r.Row, H.LoanCode, $"贷款 {r.LoanCode} 不在“贷款”表中，也不在项目库中");
                    continue;
                }
                if (inBook is { Valid: false }) continue; // the loan row has its own errors: its term is unknown
                var (issued, matures) = inBook is not null ? (inBook.IssuedOn!.Value, inBook.MaturesOn!.Value) : (inDb!.IssuedOn, inDb.MaturesOn);
                if (r.Date <= issued || r.Date > matures)
                {
                    Error(LibraryWorkbook.Repayments, r.Row, H.RepaidOn, $"还款日期 {r.Date:yyyy-MM-dd} 应在贷款期限内（晚于放款日 {issued:yyyy-MM-dd}，不晚于到期日 {matures:yyyy-MM-dd}）");
                    continue;
                }
                if (!r.Valid) continue;
                if (!byLoan.TryGetValue(r.LoanCode, out var list)) byLoan[r.LoanCode] = list = [];
                list.Add(r);
                var existing = inDb is not null && db.RepaymentsByLoan.TryGetValue(inDb.Id, out var old) ? old.FirstOrDefault(x => x.Date == r.Date) : null;
                plan.Repayments.Add(new(r, existing, existing is null ? Change.Added : existing.Amount == r.Amount ? Change.Unchanged : Change.Changed));
            }

            // Repayments against the loan as it will be: inside its term, adding up to at most its principal.
            foreach (var code in byLoan.Keys.Union(loanRows.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var inBook = loanRows.GetValueOrDefault(code);
                if (inBook is { Valid: false }) continue;
                var inDb = db.Loans.GetValueOrDefault(code);
                var stored = inDb is not null ? db.RepaymentsByLoan.GetValueOrDefault(inDb.Id) ?? [] : [];
                var rows = byLoan.GetValueOrDefault(code) ?? [];
                var dates = rows.Select(r => r.Date!.Value).ToHashSet();
                var kept = stored.Where(s => !dates.Contains(s.Date)).ToList();
                var principal = inBook?.Principal ?? inDb?.Principal ?? 0;
                if (inBook is not null)
                {
                    foreach (var s in kept.Where(s => s.Date <= inBook.IssuedOn || s.Date > inBook.MaturesOn))
                        Error(LibraryWorkbook.Loans, inBook.Row, H.MaturesOn, $"项目库中已有贷款 {code} 在 {s.Date:yyyy-MM-dd} 的还款，不在新的贷款期限（{inBook.IssuedOn:yyyy-MM-dd} 至 {inBook.MaturesOn:yyyy-MM-dd}）内");
                }
                var total = kept.Sum(s => s.Amount) + rows.Sum(r => r.Amount!.Value);
                if (total <= principal) continue;
                var fromDb = kept.Count > 0 ? $"（含项目库中已有还款 {Money(kept.Sum(s => s.Amount))} 元）" : "";
                if (rows.Count > 0)
                {
                    var last = rows.MaxBy(r => r.Row)!;
                    Error(LibraryWorkbook.Repayments, last.Row, H.RepaidAmount, $"贷款 {code} 的还款合计 {Money(total)} 元{fromDb}超过贷款本金 {Money(principal)} 元");
                }
                else if (inBook is not null)
                {
                    Error(LibraryWorkbook.Loans, inBook.Row, H.Principal, $"贷款本金 {Money(principal)} 元小于项目库中已有的还款合计 {Money(total)} 元");
                }
            }

            // 设备台账
            var equipmentRows = new Dictionary<(string, string), int>();
            foreach (var r in book.Equipment)
            {
                if (r.CreditCode is null || r.Code is null) continue;
                var key = (r.CreditCode, r.Code);
                if (!equipmentRows.TryAdd(key, r.Row))
                {
                    Error(LibraryWorkbook.Equipment, r.Row, H.AssetCode, $"资产编号 {r.Code} 与第 {equipmentRows[key]} 行重复（同一企业）");
                    continue;
                }
                if (!EnterpriseKnown(r.CreditCode))
                {
                    Error(LibraryWorkbook.Equipment, r.Row, H.CreditCode, NoEnterprise(r.CreditCode));
                    continue;
                }
                if (!r.Valid) continue;
                var q = db.Enterprises.TryGetValue(r.CreditCode, out var e) ? db.Equipment.GetValueOrDefault((e.Id, r.Code)) : null;
                plan.Equipment.Add(new(r, q, q is null ? Change.Added : Same(q, r) ? Change.Unchanged : Change.Changed));
            }
            return plan;
        }

        private static string Money(decimal v) => v.ToString("#,##0.##", Inv);
    }

    // ---- field comparison and copying ------------------------------------------------------------------------

    private static bool SameText(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

    private static bool Same(Enterprise e, EnterpriseRow r) =>
        e.Name == r.Name && e.Area == r.Area && e.IndustryCode == r.Industry && e.AboveScale == r.AboveScale
        && SameText(e.ContactName, r.ContactName) && SameText(e.ContactPhone, r.ContactPhone);

    private static void Copy(EnterpriseRow r, Enterprise e)
    {
        e.Name = r.Name;
        e.Area = r.Area;
        e.IndustryCode = r.Industry;
        e.AboveScale = r.AboveScale;
        if (!SameText(e.ContactName, r.ContactName)) e.ContactName = r.ContactName;
        if (!SameText(e.ContactPhone, r.ContactPhone)) e.ContactPhone = r.ContactPhone;
    }

    private static bool Same(Project p, ProjectRow r) =>
        p.Name == r.Name && p.Kind == r.Kind && p.Status == r.Status && p.StartedOn == r.StartedOn && p.CompletedOn == r.CompletedOn
        && p.Tasks.SequenceEqual(r.Tasks) && p.Clusters.SequenceEqual(r.Clusters) && p.DigitalScopes.SequenceEqual(r.DigitalScopes)
        && p.SafetyRenovation == r.SafetyRenovation && p.FinancingNeed == r.FinancingNeed;

    private static void Copy(ProjectRow r, Project p)
    {
        p.Name = r.Name;
        p.Kind = r.Kind;
        p.Status = r.Status;
        p.StartedOn = r.StartedOn;
        p.CompletedOn = r.CompletedOn;
        if (!p.Tasks.SequenceEqual(r.Tasks)) p.Tasks = [.. r.Tasks];
        if (!p.Clusters.SequenceEqual(r.Clusters)) p.Clusters = [.. r.Clusters];
        if (!p.DigitalScopes.SequenceEqual(r.DigitalScopes)) p.DigitalScopes = [.. r.DigitalScopes];
        p.SafetyRenovation = r.SafetyRenovation;
        p.FinancingNeed = r.FinancingNeed;
    }

    private static bool Same(Loan l, LoanRow r, Existing db) =>
        db.EnterpriseById.TryGetValue(l.EnterpriseId, out var e) && e.CreditCode == r.CreditCode
        && db.ProjectById.TryGetValue(l.ProjectId, out var p) && p.Code == r.ProjectCode && p.EnterpriseId == e.Id
        && SameText(l.Bank, r.Bank) && l.Category == r.Category && l.Principal == r.Principal && l.Rate == r.Rate
        && l.IssuedOn == r.IssuedOn && l.MaturesOn == r.MaturesOn && l.EquipmentAmount == r.EquipmentAmount
        && l.ViaSuzhouPlatform == r.ViaSuzhouPlatform
        && (l.Approvals is null ? r.Approvals is null : r.Approvals is not null && l.Approvals.SequenceEqual(r.Approvals));

    private static void Copy(LoanRow r, Loan l)
    {
        if (!SameText(l.Bank, r.Bank)) l.Bank = r.Bank;
        l.Category = r.Category;
        l.Principal = r.Principal!.Value;
        l.Rate = r.Rate;
        l.IssuedOn = r.IssuedOn!.Value;
        l.MaturesOn = r.MaturesOn!.Value;
        l.EquipmentAmount = r.EquipmentAmount;
        l.ViaSuzhouPlatform = r.ViaSuzhouPlatform;
        var same = l.Approvals is null ? r.Approvals is null : r.Approvals is not null && l.Approvals.SequenceEqual(r.Approvals);
        if (!same) l.Approvals = r.Approvals is null ? null : [.. r.Approvals];
    }

    private static bool Same(EquipmentItem q, EquipmentRow r) =>
        q.Type == r.Type && q.Name == r.Name && q.Quantity == r.Quantity && q.CommissioningYear == r.CommissioningYear
        && q.EfficiencyGrade == r.EfficiencyGrade && q.DesignLifeYears == r.DesignLifeYears
        && SameText(q.HazardousCatalogueItem, r.HazardousCatalogueItem);

    private static void Copy(EquipmentRow r, EquipmentItem q)
    {
        q.Type = r.Type;
        q.Name = r.Name;
        q.Quantity = r.Quantity;
        q.CommissioningYear = r.CommissioningYear;
        q.EfficiencyGrade = r.EfficiencyGrade;
        q.DesignLifeYears = r.DesignLifeYears;
        if (!SameText(q.HazardousCatalogueItem, r.HazardousCatalogueItem)) q.HazardousCatalogueItem = r.HazardousCatalogueItem;
    }

    // ---- applying: one transaction, batched saves, keys resolved as rows get their ids ----------------------

    private static void Apply(LibraryDbContext db, Plan plan, int batchSize)
    {
        // Changed rows go through the change tracker (optimistic concurrency on Version, versions bumped), saved a
        // batch at a time with the tracker emptied after each batch. New rows are inserted in bulk; their ids are then
        // read back by natural key for the rows that refer to them. All of it in one transaction.
        var tracker = db.ChangeTracker;
        var pending = 0;
        void Flush()
        {
            if (pending == 0) return;
            db.SaveChanges();
            tracker.Clear();
            pending = 0;
        }
        void Changed()
        {
            if (++pending >= batchSize) Flush();
        }

        try
        {
            // A caller that already holds a transaction (the web import, which appends its audit entry before the commit)
            // gets the rows inside it; otherwise the import is its own transaction.
            using var tx = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
            // The change feed gets one row per enterprise the import touched, not one per row written (ADR-026).
            LibraryChanges.BeginBulk(db);
            var touched = new HashSet<string>(StringComparer.Ordinal);
            var touchedIds = new HashSet<int>();

            var enterpriseIds = plan.Db.Enterprises.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);
            using var newEnterprises = new BulkInserter<Enterprise>(db);
            foreach (var (r, e, change) in plan.Enterprises)
            {
                if (change == Change.Unchanged) continue;
                touched.Add(r.CreditCode!);
                if (e is null)
                {
                    var entity = new Enterprise { CreditCode = r.CreditCode!, Name = r.Name, Area = r.Area, IndustryCode = r.Industry, Version = 1 };
                    Copy(r, entity);
                    newEnterprises.Add(entity);
                    continue;
                }
                db.Enterprises.Attach(e);
                Copy(r, e);
                Changed();
            }
            Flush();
            newEnterprises.Flush();
            if (newEnterprises.Count > 0)
            {
                foreach (var x in db.Enterprises.AsNoTracking().Select(x => new { x.Id, x.CreditCode })) enterpriseIds[x.CreditCode] = x.Id;
            }

            var projectIds = plan.Db.Projects.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
            using var newProjects = new BulkInserter<Project>(db);
            foreach (var (r, p, change) in plan.Projects)
            {
                if (change == Change.Unchanged) continue;
                touched.Add(r.CreditCode!);
                if (p is null)
                {
                    var entity = new Project { Code = r.Code!, Name = r.Name, EnterpriseId = enterpriseIds[r.CreditCode!], Version = 1 };
                    Copy(r, entity);
                    newProjects.Add(entity);
                    continue;
                }
                db.Projects.Attach(p);
                Copy(r, p);
                Changed();
            }
            Flush();
            newProjects.Flush();
            if (newProjects.Count > 0)
            {
                var credit = enterpriseIds.ToDictionary(kv => kv.Value, kv => kv.Key);
                foreach (var x in db.Projects.AsNoTracking().Select(x => new { x.Id, x.EnterpriseId, x.Code }))
                    if (credit.TryGetValue(x.EnterpriseId, out var c)) projectIds[(c, x.Code)] = x.Id;
            }

            using var newInvestments = new BulkInserter<ProjectInvestment>(db);
            foreach (var (r, i, change) in plan.Investments)
            {
                if (change == Change.Unchanged) continue;
                touched.Add(r.CreditCode!);
                var entity = i ?? new ProjectInvestment { ProjectId = projectIds[(r.CreditCode!, r.ProjectCode!)], Year = r.Year!.Value, Version = 1 };
                if (i is not null) db.Investments.Attach(entity);
                entity.Equipment = r.Equipment;
                entity.Digital = r.Digital;
                if (i is null) newInvestments.Add(entity);
                else Changed();
            }

            var loanIds = plan.Db.Loans.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal);
            using var newLoans = new BulkInserter<Loan>(db);
            foreach (var (r, l, change) in plan.Loans)
            {
                if (change == Change.Unchanged) continue;
                var entity = l ?? new Loan { Code = r.Code!, Version = 1 };
                if (l is not null) db.Loans.Attach(entity);
                if (l is not null) touchedIds.Add(l.EnterpriseId); // a loan moved to another enterprise changes both
                touched.Add(r.CreditCode!);
                entity.EnterpriseId = enterpriseIds[r.CreditCode!];
                entity.ProjectId = projectIds[(r.CreditCode!, r.ProjectCode!)];
                Copy(r, entity);
                if (l is null) newLoans.Add(entity);
                else Changed();
            }
            Flush();
            newInvestments.Flush();
            newLoans.Flush();
            if (newLoans.Count > 0)
            {
                foreach (var x in db.Loans.AsNoTracking().Select(x => new { x.Id, x.Code })) loanIds[x.Code] = x.Id;
            }

            var loanOwner = plan.Db.Loans.ToDictionary(kv => kv.Key, kv => kv.Value.EnterpriseId, StringComparer.Ordinal);
            foreach (var (r, _, _) in plan.Loans) loanOwner[r.Code!] = enterpriseIds[r.CreditCode!];
            using var newRepayments = new BulkInserter<Repayment>(db);
            foreach (var (r, x, change) in plan.Repayments)
            {
                if (change == Change.Unchanged) continue;
                touchedIds.Add(loanOwner[r.LoanCode!]);
                var entity = x ?? new Repayment { LoanId = loanIds[r.LoanCode!], Date = r.Date!.Value, Version = 1 };
                if (x is not null) db.Repayments.Attach(entity);
                entity.Amount = r.Amount!.Value;
                if (x is null) newRepayments.Add(entity);
                else Changed();
            }
            using var newEquipment = new BulkInserter<EquipmentItem>(db);
            foreach (var (r, q, change) in plan.Equipment)
            {
                if (change == Change.Unchanged) continue;
                touched.Add(r.CreditCode!);
                var entity = q ?? new EquipmentItem { EnterpriseId = enterpriseIds[r.CreditCode!], Code = r.Code!, Type = r.Type, Name = r.Name, Version = 1 };
                if (q is not null) db.Equipment.Attach(entity);
                Copy(r, entity);
                if (q is null) newEquipment.Add(entity);
                else Changed();
            }
            Flush();
            newRepayments.Flush();
            newEquipment.Flush();
            touchedIds.UnionWith(touched.Select(c => enterpriseIds[c]));
            LibraryChanges.EndBulk(db, touchedIds);
            tx?.Commit();
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new LibraryImportException("保存时发现部分数据已被他人修改（并发冲突），本次导入已全部撤销，请重新导入", e);
        }
        catch (DbUpdateException e)
        {
            throw new LibraryImportException("保存失败，本次导入已全部撤销：" + (e.InnerException?.Message ?? e.Message), e);
        }
        catch (System.Data.Common.DbException e)
        {
            throw new LibraryImportException("保存失败，本次导入已全部撤销：" + e.Message, e);
        }
        finally
        {
            tracker.Clear();
        }
    }
}
