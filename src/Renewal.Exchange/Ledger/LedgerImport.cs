using System.Collections.Immutable;
using System.Globalization;
using Renewal.Policy;
using Renewal.Policy.Model;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Ledger;

/// <summary>What an import produced, for the summary line.</summary>
public sealed record LedgerResult(Scenario Scenario, int RepaymentCount);

/// <summary>
/// Turns a bank loan ledger (贷款台账) into a scenario: enterprises identified by credit code (the scenario id is
/// the code), projects by (enterprise, 项目编号), one loan per row of 贷款, one repayment per row of 还款.
/// </summary>
/// <remarks>
/// Everything is validated before anything is built, and every bad cell is reported with its sheet, Excel row and
/// column header; one bad cell never hides another. The checks are those of POLICY.md “Identifiers and validation”
/// as they apply to loans, plus the ledger's own: duplicate loan ids, one enterprise or project described
/// differently on two rows, repayments of a loan that is not in the ledger.
/// </remarks>
public sealed class LedgerImport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly List<LedgerError> _errors = [];
    private readonly IReadOnlyCollection<string> _areas;

    private LedgerImport(IReadOnlyCollection<string>? areas) => _areas = areas ?? Codes.DefaultAreas;

    /// <summary>Reads <paramref name="ledger"/> (.xlsx with sheets 贷款 and 还款, or a .csv of loans with an optional CSV of repayments).</summary>
    /// <exception cref="LedgerException">Every problem found; nothing is returned when there is any.</exception>
    public static LedgerResult Read(string ledger, string? repaymentsCsv, int year, IReadOnlyCollection<string>? areas = null)
    {
        var import = new LedgerImport(areas);
        LedgerSheet? loans, repayments = null;
        var extension = Path.GetExtension(ledger).ToLowerInvariant();
        switch (extension)
        {
            case ".xlsx" or ".xlsm":
                if (repaymentsCsv is not null)
                    throw new LedgerInputException("--repayments 只用于 CSV 台账；Excel 台账的还款请填在工作簿的“还款”工作表中");
                var sheets = LedgerFile.ReadWorkbook(ledger, [LedgerColumns.LoansSheet, LedgerColumns.RepaymentsSheet], import._errors);
                loans = sheets[0];
                repayments = sheets[1];
                break;
            case ".csv" or ".txt":
                loans = LedgerFile.ReadCsv(ledger);
                if (repaymentsCsv is not null)
                {
                    if (!Path.GetExtension(repaymentsCsv).Equals(".csv", StringComparison.OrdinalIgnoreCase)
                        && !Path.GetExtension(repaymentsCsv).Equals(".txt", StringComparison.OrdinalIgnoreCase))
                        throw new LedgerInputException($"--repayments 应为 CSV 文件（.csv）：{repaymentsCsv}");
                    repayments = LedgerFile.ReadCsv(repaymentsCsv);
                }
                break;
            case ".xls":
                throw new LedgerInputException($"不支持旧版 Excel 97-2003 工作簿（.xls）：{Path.GetFileName(ledger)}；请在 Excel 中“另存为” Excel 工作簿（*.xlsx）后再导入");
            default:
                throw new LedgerInputException($"无法识别的台账文件类型“{extension}”：应为 Excel 工作簿（.xlsx）或 CSV（.csv）");
        }

        var name = $"贷款台账 {Path.GetFileName(ledger)} {year.ToString(Inv)} 年度";
        var result = import.Build(loans, repayments, year, name);
        if (import._errors.Count > 0) throw new LedgerException(import._errors);
        return result!;
    }

    private sealed record EnterpriseRow(int Row, string? Name, string? Area, string? Industry);

    private sealed record ProjectRow(int Row, string Enterprise, string ProjectNo, string? Name, ProjectKind? Kind);

    private sealed record LoanRow(int Row, string Id, string Enterprise, string ProjectNo, LoanCategory Category, decimal Principal, decimal Rate,
        DateOnly IssuedOn, DateOnly MaturesOn, decimal Equipment, bool ViaPlatform, List<Level>? Approvals);

    /// <summary>Where a loan id was first seen, and its term and principal when they were readable (for the 还款 checks).</summary>
    private sealed record LoanFacts(int Row, decimal? Principal, DateOnly? IssuedOn, DateOnly? MaturesOn);

    private LedgerResult? Build(LedgerSheet? loanSheet, LedgerSheet? repaymentSheet, int year, string name)
    {
        var enterprises = new Dictionary<string, EnterpriseRow>(StringComparer.Ordinal);
        var projects = new Dictionary<(string, string), ProjectRow>();
        var facts = new Dictionary<string, LoanFacts>(StringComparer.Ordinal);
        var loans = new List<LoanRow>();
        var repayments = new Dictionary<string, List<Repayment>>(StringComparer.Ordinal);
        var repaymentCount = 0;

        var lt = loanSheet is null ? null : Table.Of(loanSheet, LedgerColumns.Loans, _errors);
        if (lt is not null)
        {
            foreach (var row in lt.DataRows)
            {
                var loan = ReadLoanRow(lt, row, enterprises, projects, facts);
                if (loan is not null) loans.Add(loan);
            }
        }

        if (repaymentSheet is not null && Table.Of(repaymentSheet, LedgerColumns.Repayments, _errors) is { } rt)
        {
            var repaid = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rt.DataRows)
            {
                var id = rt.Read(row, LedgerColumns.RepaymentLoanId, CellText.Required);
                var date = rt.ReadValue(row, LedgerColumns.RepaymentDate, CellText.Date);
                var amount = rt.ReadValue(row, LedgerColumns.RepaymentAmount, CellText.Money);
                if (id is null) continue;
                if (lt is null || !lt.Has(LedgerColumns.LoanId)) continue; // nothing to match against; the missing sheet or column is reported
                if (!facts.TryGetValue(id, out var loan))
                {
                    rt.Error(row, LedgerColumns.RepaymentLoanId, $"贷款编号“{id}”在{loanSheet!.Where}中不存在");
                    continue;
                }
                if (date is { } d && loan.IssuedOn is { } issued && loan.MaturesOn is { } matures && issued < matures && (d <= issued || d > matures))
                    rt.Error(row, LedgerColumns.RepaymentDate,
                        $"还款日期 {D(d)} 不在贷款“{id}”的期限内（应晚于放款日期 {D(issued)}，不晚于到期日期 {D(matures)}）");
                if (amount is { } a)
                {
                    var total = repaid[id] = repaid.GetValueOrDefault(id) + a;
                    if (loan.Principal is { } p && total > p && reported.Add(id))
                        rt.Error(row, LedgerColumns.RepaymentAmount,
                            $"贷款“{id}”的还款累计 {Policy.Money.Format(total)} 元，超过贷款本金 {Policy.Money.Format(p)} 元");
                }
                if (date is { } dd && amount is { } aa)
                {
                    if (!repayments.TryGetValue(id, out var list)) repayments[id] = list = [];
                    list.Add(new Repayment(dd, new Money(aa)));
                    repaymentCount++;
                }
            }
        }

        if (_errors.Count > 0) return null;
        if (loans.Count == 0)
        {
            _errors.Add(new LedgerError(loanSheet!.Where, 0, null, "没有任何贷款行：请在表头下方逐行填写贷款"));
            return null;
        }

        // 项目编号 is unique only within its enterprise; a scenario's project ids are unique in the scenario. A number
        // that two enterprises use is qualified with the credit code, every other one is kept as the bank wrote it.
        var shared = projects.Values.GroupBy(p => p.ProjectNo, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        string ProjectId(string enterprise, string no) => shared.Contains(no) ? $"{enterprise}-{no}" : no;

        var scenario = new Scenario
        {
            Name = name,
            Year = year,
            Enterprises = [.. enterprises.Select(e => new Enterprise(e.Key, e.Key, e.Value.Name!, e.Value.Area!, IndustryCode.Parse(e.Value.Industry!)))],
            Projects =
            [
                .. projects.Values.Select(p => new Project
                {
                    Id = ProjectId(p.Enterprise, p.ProjectNo), EnterpriseId = p.Enterprise, Name = p.Name!, Kind = p.Kind!.Value,
                    // A ledger says nothing of completion or investment: the project is recorded as under way (在建), without investment.
                    Status = ProjectStatus.InProgress,
                }),
            ],
            Loans =
            [
                .. loans.Select(l => new Loan
                {
                    Id = l.Id, EnterpriseId = l.Enterprise, ProjectId = ProjectId(l.Enterprise, l.ProjectNo), Category = l.Category,
                    Principal = new Money(l.Principal), Rate = new Rate(l.Rate), IssuedOn = l.IssuedOn, MaturesOn = l.MaturesOn,
                    EquipmentAmount = new Money(l.Equipment), ViaSuzhouPlatform = l.ViaPlatform,
                    Approvals = l.Approvals is null ? null : [.. l.Approvals],
                    Repayments = repayments.TryGetValue(l.Id, out var rs) ? [.. rs.OrderBy(r => r.Date)] : ImmutableArray<Repayment>.Empty,
                }),
            ],
        };
        return new LedgerResult(scenario, repaymentCount);
    }

    private LoanRow? ReadLoanRow(Table t, LedgerRow row, Dictionary<string, EnterpriseRow> enterprises,
        Dictionary<(string, string), ProjectRow> projects, Dictionary<string, LoanFacts> facts)
    {
        var before = _errors.Count;
        var id = t.Read(row, LedgerColumns.LoanId, CellText.Required);
        var enterpriseName = t.Read(row, LedgerColumns.EnterpriseName, CellText.Required);
        var code = t.Read(row, LedgerColumns.CreditCode, CellText.CreditCode);
        var area = t.Read(row, LedgerColumns.Area, (object? c, out string? p) => CellText.Area(c, _areas, out p));
        var industry = t.Read(row, LedgerColumns.Industry, CellText.Industry);
        var projectNo = t.Read(row, LedgerColumns.ProjectId, CellText.Required);
        var projectName = t.Read(row, LedgerColumns.ProjectName, CellText.Required);
        var kind = t.ReadValue(row, LedgerColumns.ProjectKind, CellText.Kind);
        var category = t.ReadValue(row, LedgerColumns.Category, CellText.Category);
        var principal = t.ReadValue(row, LedgerColumns.Principal, CellText.Money);
        if (principal == 0) { t.Error(row, LedgerColumns.Principal, "贷款本金应大于 0"); principal = null; }
        var rate = t.ReadValue(row, LedgerColumns.Rate, CellText.Rate);
        var issued = t.ReadValue(row, LedgerColumns.IssuedOn, CellText.Date);
        var matures = t.ReadValue(row, LedgerColumns.MaturesOn, CellText.Date);
        if (issued is { } i0 && matures is { } m0 && m0 <= i0)
            t.Error(row, LedgerColumns.MaturesOn, $"到期日期 {D(m0)} 应晚于放款日期 {D(i0)}");
        var equipment = t.ReadValue(row, LedgerColumns.EquipmentAmount, CellText.Money);
        var platform = t.ReadValue(row, LedgerColumns.ViaPlatform, CellText.YesNo);
        List<Level>? approvals = null;
        if (t.Has(LedgerColumns.Approvals))
        {
            var (ok, levels) = CellText.Approvals(row[t.Index(LedgerColumns.Approvals)], out var problem);
            if (!ok) t.Error(row, LedgerColumns.Approvals, problem!);
            approvals = levels;
        }

        if (id is not null)
        {
            if (facts.TryGetValue(id, out var first))
            {
                t.Error(row, LedgerColumns.LoanId, $"贷款编号“{id}”与第 {first.Row} 行重复");
                id = null;
            }
            else
            {
                facts[id] = new LoanFacts(row.Number, principal, issued, matures is { } m && issued is { } i && m > i ? m : null);
            }
        }

        if (code is not null)
        {
            if (!enterprises.TryGetValue(code, out var known))
            {
                enterprises[code] = new EnterpriseRow(row.Number, enterpriseName, area, industry);
            }
            else
            {
                Same(t, row, LedgerColumns.EnterpriseName, "企业名称", known.Row, known.Name, enterpriseName, code);
                Same(t, row, LedgerColumns.Area, "所属区镇", known.Row, known.Area, area, code);
                Same(t, row, LedgerColumns.Industry, "国民经济行业代码", known.Row, known.Industry, industry, code);
                // The first row may have had a bad cell that this row fills in.
                enterprises[code] = known with { Name = known.Name ?? enterpriseName, Area = known.Area ?? area, Industry = known.Industry ?? industry };
            }
            if (projectNo is not null)
            {
                if (!projects.TryGetValue((code, projectNo), out var p))
                {
                    projects[(code, projectNo)] = new ProjectRow(row.Number, code, projectNo, projectName, kind);
                }
                else
                {
                    var where = $"项目“{projectNo}”（统一社会信用代码 {code}）";
                    if (p.Name is not null && projectName is not null && p.Name != projectName)
                        t.Error(row, LedgerColumns.ProjectName, $"同一{where}在第 {p.Row} 行的项目名称为“{p.Name}”，此处为“{projectName}”，应一致");
                    if (p.Kind is { } k1 && kind is { } k2 && k1 != k2)
                        t.Error(row, LedgerColumns.ProjectKind, $"同一{where}在第 {p.Row} 行的项目类型为“{Codes.Label(k1)}”，此处为“{Codes.Label(k2)}”，应一致");
                    projects[(code, projectNo)] = p with { Name = p.Name ?? projectName, Kind = p.Kind ?? kind };
                }
            }
        }

        if (_errors.Count > before || id is null || code is null || projectNo is null || category is null || principal is null || rate is null
            || issued is null || matures is null || equipment is null || platform is null) return null;
        return new LoanRow(row.Number, id, code, projectNo, category.Value, principal.Value, rate.Value, issued.Value, matures.Value,
            equipment.Value, platform.Value, approvals);
    }

    private static void Same(Table t, LedgerRow row, LedgerColumn column, string label, int firstRow, string? first, string? now, string code)
    {
        if (first is not null && now is not null && first != now)
            t.Error(row, column, $"同一企业（统一社会信用代码 {code}）在第 {firstRow} 行的{label}为“{first}”，此处为“{now}”，应一致");
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    /// <summary>A sheet with its header row located and its columns mapped; reads cells and records errors against them.</summary>
    private sealed class Table
    {
        private readonly LedgerSheet _sheet;
        private readonly Dictionary<LedgerColumn, int> _columns;
        private readonly List<LedgerError> _errors;
        private readonly int _headerRow;

        private Table(LedgerSheet sheet, Dictionary<LedgerColumn, int> columns, int headerRow, List<LedgerError> errors)
        {
            _sheet = sheet;
            _columns = columns;
            _headerRow = headerRow;
            _errors = errors;
        }

        /// <summary>
        /// Locates the header and maps the columns; missing or repeated headers are errors. The header is the first row
        /// with at least two of the known headers (a bank's ledger often has a title row or two above it), else the first
        /// non-blank row.
        /// </summary>
        public static Table? Of(LedgerSheet sheet, IReadOnlyList<LedgerColumn> columns, List<LedgerError> errors)
        {
            var byKey = columns.ToDictionary(c => c.Key, StringComparer.Ordinal);
            var top = sheet.Rows.Where(r => !r.IsBlank).Take(10).ToList();
            var header = top.FirstOrDefault(r => r.Cells.Count(c => byKey.ContainsKey(LedgerColumns.HeaderKey(CellText.Text(c)))) >= 2) ?? top.FirstOrDefault();
            if (header is null)
            {
                errors.Add(new LedgerError(sheet.Where, 0, null,
                    $"是空的：第一行应为表头（{string.Join("、", columns.Where(c => c.Required).Select(c => c.Header))}）"));
                return null;
            }
            var map = new Dictionary<LedgerColumn, int>();
            for (var i = 0; i < header.Cells.Count; i++)
            {
                var text = CellText.Text(header[i]);
                if (text.Length == 0 || !byKey.TryGetValue(LedgerColumns.HeaderKey(text), out var column)) continue; // other columns are the bank's own
                if (map.TryGetValue(column, out var earlier))
                {
                    errors.Add(new LedgerError(sheet.Where, header.Number, column.Header,
                        $"列“{column.Header}”出现了两次（第 {LedgerFile.ColumnLetters(earlier)} 列和第 {LedgerFile.ColumnLetters(i)} 列），只能保留一列"));
                    continue;
                }
                map[column] = i;
            }
            foreach (var column in columns.Where(c => c.Required && !map.ContainsKey(c)))
                errors.Add(new LedgerError(sheet.Where, header.Number, null, $"缺少必需的列“{column.Header}”（表头须与模板一致）"));
            return new Table(sheet, map, header.Number, errors);
        }

        public IEnumerable<LedgerRow> DataRows => _sheet.Rows.Where(r => r.Number > _headerRow && !r.IsBlank);

        public bool Has(LedgerColumn column) => _columns.ContainsKey(column);

        public int Index(LedgerColumn column) => _columns[column];

        public void Error(LedgerRow row, LedgerColumn column, string message) =>
            _errors.Add(new LedgerError(_sheet.Where, row.Number, column.Header, message));

        public delegate T? Reader<T>(object? cell, out string? problem);

        /// <summary>Reads a cell; a missing column (already reported) gives null without a second error.</summary>
        public T? Read<T>(LedgerRow row, LedgerColumn column, Reader<T> reader) where T : class
        {
            if (!_columns.TryGetValue(column, out var index)) return null;
            var value = reader(row[index], out var problem);
            if (problem is not null) Error(row, column, problem);
            return value;
        }

        public T? ReadValue<T>(LedgerRow row, LedgerColumn column, Reader<T?> reader) where T : struct
        {
            if (!_columns.TryGetValue(column, out var index)) return null;
            var value = reader(row[index], out var problem);
            if (problem is not null) Error(row, column, problem);
            return value;
        }
    }
}
