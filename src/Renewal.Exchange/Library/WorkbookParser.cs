using System.Globalization;
using Renewal.Policy.Model;
using static Renewal.Exchange.Library.LibraryWorkbook;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Exchange.Xlsx;

namespace Renewal.Exchange.Library;

/// <summary>Collects problems; past the limit the import stops looking and reports what it has.</summary>
internal sealed class ErrorSink(int max)
{
    private readonly List<ImportError> _errors = [];

    public int Count => _errors.Count;
    public IReadOnlyList<ImportError> Errors => _errors;

    /// <summary>True when a problem of the workbook's structure (sheet, header, unit, size) was found: rows were not all read.</summary>
    public bool Structural { get; private set; }

    public void AddStructural(ImportError error)
    {
        Structural = true;
        Add(error);
    }

    public void Add(ImportError error)
    {
        _errors.Add(error);
        if (_errors.Count >= max) throw new LibraryImportException(Sorted(), truncated: true);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new LibraryImportException(Sorted());
    }

    private List<ImportError> Sorted()
    {
        var order = DataSheets.Prepend(NotesSheet).ToList();
        return [.. _errors
            .Select((e, i) => (e, i))
            .OrderBy(t => t.e.Sheet is null ? -1 : order.IndexOf(t.e.Sheet) is var k and >= 0 ? k : order.Count)
            .ThenBy(t => t.e.Row ?? 0)
            .ThenBy(t => t.i)
            .Select(t => t.e)];
    }
}

internal sealed class EnterpriseRow
{
    public int Row { get; init; }
    public bool Valid { get; set; }
    public string? CreditCode { get; set; }
    public string Name { get; set; } = "";
    public string Area { get; set; } = "";
    public string Industry { get; set; } = "";
    public bool AboveScale { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
}

internal sealed class ProjectRow
{
    public int Row { get; init; }
    public bool Valid { get; set; }
    public string? CreditCode { get; set; }
    public string? Code { get; set; }
    public string Name { get; set; } = "";
    public ProjectKind Kind { get; set; }
    public ProjectStatus Status { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public List<int> Tasks { get; set; } = [];
    public List<string> Clusters { get; set; } = [];
    public List<string> DigitalScopes { get; set; } = [];
    public bool SafetyRenovation { get; set; }
    public decimal? FinancingNeed { get; set; }
}

internal sealed class InvestmentRow
{
    public int Row { get; init; }
    public bool Valid { get; set; }
    public string? CreditCode { get; set; }
    public string? ProjectCode { get; set; }
    public int? Year { get; set; }
    public decimal Equipment { get; set; }
    public decimal Digital { get; set; }
}

internal sealed class LoanRow
{
    public int Row { get; init; }
    public bool Valid { get; set; }
    public string? Code { get; set; }
    public string? CreditCode { get; set; }
    public string? ProjectCode { get; set; }
    public string? Bank { get; set; }
    public LoanCategory Category { get; set; }
    public decimal? Principal { get; set; }
    public decimal Rate { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? MaturesOn { get; set; }
    public decimal EquipmentAmount { get; set; }
    public bool ViaSuzhouPlatform { get; set; }
    public List<Level>? Approvals { get; set; }
}

internal sealed class RepaymentRow
{
    public int Row { get; init; }
    public bool Valid { get; set; }
    public string? LoanCode { get; set; }
    public DateOnly? Date { get; set; }
    public decimal? Amount { get; set; }
}

internal sealed class EquipmentRow
{
    public int Row { get; init; }
    public bool Valid { get; set; }
    public string? CreditCode { get; set; }
    public string? Code { get; set; }
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public int Quantity { get; set; } = 1;
    public int CommissioningYear { get; set; }
    public int? EfficiencyGrade { get; set; }
    public int? DesignLifeYears { get; set; }
    public string? HazardousCatalogueItem { get; set; }
}

/// <summary>The workbook as typed rows; each row knows its Excel row number and whether all its cells were valid.</summary>
internal sealed class ParsedWorkbook
{
    public string Unit { get; set; } = Yuan;
    /// <summary>Per sheet, the column index of each header.</summary>
    public Dictionary<string, Dictionary<string, int>> Headers { get; } = new(StringComparer.Ordinal);
    public List<EnterpriseRow> Enterprises { get; } = [];
    public List<ProjectRow> Projects { get; } = [];
    public List<InvestmentRow> Investments { get; } = [];
    public List<LoanRow> Loans { get; } = [];
    public List<RepaymentRow> Repayments { get; } = [];
    public List<EquipmentRow> Equipment { get; } = [];
}

/// <summary>Reads the sheets of a package into typed rows, reporting each bad cell.</summary>
internal sealed class WorkbookParser(XlsxPackage package, LibraryImportOptions options, ErrorSink errors)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly HashSet<string> _areas = options.Areas.ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _clusters = options.Clusters.ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _scopes = options.DigitalScopes.ToHashSet(StringComparer.Ordinal);
    private decimal _factor = 1m;

    public XlsxPackage Package => package;

    private readonly ParsedWorkbook _result = new();

    /// <summary>Reads every sheet once; call once.</summary>
    public ParsedWorkbook Parse()
    {
        var result = _result;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in package.SheetNames) names.TryAdd(CellText.Ascii(name), name);
        var missing = DataSheets.Prepend(NotesSheet).Where(s => !names.ContainsKey(s)).ToList();
        foreach (var m in missing)
        {
            errors.AddStructural(new ImportError(m, null, null,
                $"缺少工作表“{m}”；工作簿中现有的工作表：{(package.SheetNames.Count == 0 ? "（无）" : string.Join("、", package.SheetNames.Select(n => "“" + n + "”")))}"));
        }

        if (names.TryGetValue(NotesSheet, out var notes)) ReadUnit(notes, result);
        if (names.TryGetValue(Enterprises, out var s1)) ReadSheet(s1, Enterprises, c => result.Enterprises.Add(EnterpriseOf(c)));
        if (names.TryGetValue(Projects, out var s2)) ReadSheet(s2, Projects, c => result.Projects.Add(ProjectOf(c)));
        if (names.TryGetValue(Investments, out var s3)) ReadSheet(s3, Investments, c => result.Investments.Add(InvestmentOf(c)));
        if (names.TryGetValue(Loans, out var s4)) ReadSheet(s4, Loans, c => result.Loans.Add(LoanOf(c)));
        if (names.TryGetValue(Repayments, out var s5)) ReadSheet(s5, Repayments, c => result.Repayments.Add(RepaymentOf(c)));
        if (names.TryGetValue(Equipment, out var s6)) ReadSheet(s6, Equipment, c => result.Equipment.Add(EquipmentOf(c)));
        return result;
    }

    // ---- 说明: the unit -------------------------------------------------------------------------------------

    private void ReadUnit(string actual, ParsedWorkbook result)
    {
        foreach (var row in package.Rows(actual))
        {
            if (row.Number > 20) break;
            if (HeaderKey(CellText.Raw(row.Cells[0])) != UnitLabel) continue;
            var text = CellText.Ascii(CellText.Raw(row.Cells[1])).Replace(" ", "", StringComparison.Ordinal);
            if (Factor(text) is { } f)
            {
                result.Unit = text;
                _factor = f;
            }
            else
            {
                errors.AddStructural(new ImportError(NotesSheet, row.Number, UnitLabel,
                    text.Length == 0 ? "金额单位不能为空：请填“元”或“万元”" : $"金额单位应为“元”或“万元”，实际为“{text}”")
                { Cell = "B" + row.Number.ToString(Inv) });
            }
            return;
        }
        errors.AddStructural(new ImportError(NotesSheet, 1, UnitLabel, "找不到金额单位：A1 应为“金额单位”，B1 填“元”或“万元”") { Cell = "A1" });
    }

    // ---- sheets and headers ----------------------------------------------------------------------------------

    /// <summary>Header text compared loosely: full-width to ASCII, no spaces, no required-marker asterisks.</summary>
    internal static string HeaderKey(string text)
    {
        var s = CellText.Ascii(text);
        var chars = s.Where(c => !char.IsWhiteSpace(c) && c != '*').ToArray();
        return new string(chars);
    }

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["年利率"] = H.Rate,
        ["年利率%"] = H.Rate,
        ["利率(%)"] = H.Rate,
        ["设计寿命"] = H.DesignLife,
        ["设计使用年限"] = H.DesignLife,
        ["区镇"] = H.Area,
        ["是否规上企业"] = H.AboveScale,
        ["是否经苏州平台"] = H.Suzhou,
    };

    private void ReadSheet(string actual, string sheet, Action<RowContext> onRow)
    {
        var def = SheetOf(sheet);
        Dictionary<string, int>? map = null;
        var scanned = 0;
        var dataRows = 0;
        foreach (var row in package.Rows(actual))
        {
            if (map is null)
            {
                if (row.IsBlank) continue;
                if (++scanned > 10) break;
                var headers = Enumerable.Range(0, XlsxPackage.MaxColumns).Select(i => HeaderKey(CellText.Raw(row.Cells[i]))).ToArray();
                // The header row is the first with at least two of the sheet's headers (a title row above it has none).
                if (headers.Count(h => Canonical(def, h) is not null) < 2) continue;
                map = HeaderMap(def, row.Number, headers);
                if (map is null) return;
                _result.Headers[sheet] = map;
                continue;
            }
            if (row.IsBlank) continue;
            if (++dataRows > options.MaxRowsPerSheet)
            {
                errors.AddStructural(new ImportError(sheet, row.Number, null,
                    $"工作表数据超过 {options.MaxRowsPerSheet.ToString("N0", Inv)} 行的上限，拒绝导入（请分批导入）"));
                return;
            }
            onRow(new RowContext(this, sheet, map, row));
        }
        if (map is null)
        {
            errors.AddStructural(new ImportError(sheet, null, null,
                $"找不到表头行：前 10 个非空行中没有本表的列标题（应为：{string.Join("、", def.Columns.Select(c => c.Header))}）"));
        }
    }

    private Dictionary<string, int>? HeaderMap(Sheet def, int rowNumber, string[] headers)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < headers.Length; i++)
        {
            var h = headers[i];
            if (h.Length == 0 || IgnoredHeaders.Contains(h)) continue;
            var unitSuffix = UnitSuffix(ref h);
            var header = Canonical(def, h);
            var cell = RowContext.Address(i, rowNumber);
            if (header is null)
            {
                errors.AddStructural(new ImportError(def.Name, rowNumber, headers[i], $"未知的列标题“{headers[i]}”（本表的列：{string.Join("、", def.Columns.Select(c => c.Header))}）") { Cell = cell });
                ok = false;
                continue;
            }
            if (map.TryGetValue(header, out var first))
            {
                errors.AddStructural(new ImportError(def.Name, rowNumber, header, $"列标题“{header}”重复（另见 {RowContext.Address(first, rowNumber)}）") { Cell = cell });
                ok = false;
                continue;
            }
            if (unitSuffix is not null && Factor(unitSuffix) != _factor)
            {
                errors.AddStructural(new ImportError(def.Name, rowNumber, header,
                    $"列标题注明的单位“{unitSuffix}”与“说明”表 B1 的金额单位不一致") { Cell = cell });
                ok = false;
            }
            map[header] = i;
        }
        foreach (var c in def.Columns.Where(c => !map.ContainsKey(c.Header)))
        {
            errors.AddStructural(new ImportError(def.Name, rowNumber, c.Header, $"缺少列“{c.Header}”（表头应为：{string.Join("、", def.Columns.Select(x => x.Header))}）"));
            ok = false;
        }
        return ok ? map : null;
    }

    /// <summary>The column header that <paramref name="key"/> (a <see cref="HeaderKey"/>, maybe with a unit suffix) names, or null.</summary>
    private static string? Canonical(Sheet def, string key)
    {
        UnitSuffix(ref key);
        foreach (var c in def.Columns)
            if (HeaderKey(c.Header) == key) return c.Header;
        return Aliases.TryGetValue(key, out var alias) && def.Columns.Any(c => c.Header == alias) ? alias : null;
    }

    private static string? UnitSuffix(ref string header)
    {
        foreach (var unit in new[] { TenThousandYuan, Yuan })
        {
            var suffix = "(" + unit + ")";
            if (header.EndsWith(suffix, StringComparison.Ordinal) && header.Length > suffix.Length)
            {
                header = header[..^suffix.Length];
                return unit;
            }
        }
        return null;
    }

    // ---- rows ------------------------------------------------------------------------------------------------

    private EnterpriseRow EnterpriseOf(RowContext c)
    {
        var r = new EnterpriseRow { Row = c.Number };
        r.CreditCode = c.CreditCode(H.CreditCode);
        r.Name = c.Text(H.EnterpriseName, true, 200) ?? "";
        var area = c.Text(H.Area, true, 50);
        if (area is not null)
        {
            area = area.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
            if (_areas.Contains(area)) r.Area = area;
            else c.Error(H.Area, $"区镇“{area}”不在配置的区镇中（{string.Join("、", options.Areas)}）");
        }
        var industry = c.Code(H.Industry, true, 10, upper: true);
        if (industry is not null)
        {
            if (IndustryCode.TryParse(industry, out var code, out var problem)) r.Industry = code.Value;
            else c.Error(H.Industry, problem!);
        }
        r.AboveScale = c.Bool(H.AboveScale);
        r.ContactName = c.Text(H.ContactName, false, 50);
        r.ContactPhone = c.Code(H.ContactPhone, false, 50);
        r.Valid = !c.Failed;
        return r;
    }

    private ProjectRow ProjectOf(RowContext c)
    {
        var r = new ProjectRow { Row = c.Number };
        r.CreditCode = c.CreditCode(H.CreditCode);
        r.Code = c.Code(H.ProjectCode, true, 50);
        r.Name = c.Text(H.ProjectName, true, 200) ?? "";
        r.Kind = c.Choice(H.Kind, KindOf, Policy.Kunshan2024.Vocabulary.Choices<ProjectKind>()) ?? default;
        var status = c.Choice(H.Status, StatusOf, Policy.Kunshan2024.Vocabulary.Choices<ProjectStatus>());
        r.Status = status ?? default;
        r.StartedOn = c.Date(H.StartedOn, false);
        r.CompletedOn = c.Date(H.CompletedOn, false);
        if (status == ProjectStatus.Completed && r.CompletedOn is null && !c.HasError(H.CompletedOn))
            c.Error(H.CompletedOn, "项目状态为竣工时必须填写竣工日期");
        if (r.StartedOn is { } s && r.CompletedOn is { } e && e < s)
            c.Error(H.CompletedOn, $"竣工日期 {e:yyyy-MM-dd} 早于开工日期 {s:yyyy-MM-dd}");
        r.Tasks = c.List(H.Tasks, t =>
            Policy.Kunshan2024.Vocabulary.ParseTask(t) is { } n ? (n, null) : (0, $"计划任务“{t}”应为 1–12 的序号"), out _);
        r.Clusters = c.List(H.Clusters, t => ListItem(t, _clusters, Policy.Kunshan2024.Vocabulary.Clusters, "产业集群"), out _);
        r.DigitalScopes = c.List(H.DigitalScopes, t => ListItem(t, _scopes, Policy.Kunshan2024.Vocabulary.Scopes, "数字化类型"), out _);
        r.SafetyRenovation = c.Bool(H.Safety);
        r.FinancingNeed = c.Money(H.FinancingNeed, false);
        r.Valid = !c.Failed;
        return r;
    }

    private static InvestmentRow InvestmentOf(RowContext c)
    {
        var r = new InvestmentRow { Row = c.Number };
        r.CreditCode = c.CreditCode(H.CreditCode);
        r.ProjectCode = c.Code(H.ProjectCode, true, 50);
        r.Year = c.Int(H.Year, true, 1990, 2100);
        var equipment = c.Money(H.EquipmentInvestment, true);
        var digital = c.Money(H.DigitalInvestment, false);
        r.Equipment = equipment ?? 0;
        r.Digital = digital ?? 0;
        if (equipment is { } eq && digital is { } dg && dg > eq)
            c.Error(H.DigitalInvestment, $"数字化投资 {Amount(dg)} 元超过同年设备投资 {Amount(eq)} 元（数字化投资是设备投资的一部分）");
        r.Valid = !c.Failed;
        return r;
    }

    private static LoanRow LoanOf(RowContext c)
    {
        var r = new LoanRow { Row = c.Number };
        r.Code = c.Code(H.LoanCode, true, 50);
        r.CreditCode = c.CreditCode(H.CreditCode);
        r.ProjectCode = c.Code(H.ProjectCode, true, 50);
        r.Bank = c.Text(H.Bank, false, 100);
        r.Category = c.Choice(H.Category, CategoryOf, Policy.Kunshan2024.Vocabulary.Choices<LoanCategory>()) ?? default;
        r.Principal = c.Money(H.Principal, true, positive: true);
        r.Rate = c.Rate(H.Rate) ?? 0;
        r.IssuedOn = c.Date(H.IssuedOn, true);
        r.MaturesOn = c.Date(H.MaturesOn, true);
        if (r.IssuedOn is { } i && r.MaturesOn is { } m && m <= i)
            c.Error(H.MaturesOn, $"到期日期 {m:yyyy-MM-dd} 应晚于放款日期 {i:yyyy-MM-dd}");
        r.EquipmentAmount = c.Money(H.LoanEquipment, true) ?? 0;
        r.ViaSuzhouPlatform = c.Bool(H.Suzhou);
        var approvals = c.List<Level>(H.Approvals, t => LevelOf(t) is { } l ? (l, null) : (default(Level), $"审核同意层级“{t}”应为 中央、省级、苏州市级、昆山市级 之一（或填“无”）"), out var blank, none: "无");
        r.Approvals = blank ? null : approvals;
        r.Valid = !c.Failed;
        return r;
    }

    private static RepaymentRow RepaymentOf(RowContext c)
    {
        var r = new RepaymentRow { Row = c.Number };
        r.LoanCode = c.Code(H.LoanCode, true, 50);
        r.Date = c.Date(H.RepaidOn, true);
        r.Amount = c.Money(H.RepaidAmount, true, positive: true);
        r.Valid = !c.Failed;
        return r;
    }

    private static EquipmentRow EquipmentOf(RowContext c)
    {
        var r = new EquipmentRow { Row = c.Number };
        r.CreditCode = c.CreditCode(H.CreditCode);
        r.Code = c.Code(H.AssetCode, true, 50);
        r.Type = c.Code(H.EquipmentType, true, 50) is { } type ? Policy.Kunshan2024.Vocabulary.ParseEquipmentType(type) : "";
        r.Name = c.Text(H.EquipmentName, true, 200) ?? "";
        r.Quantity = c.Int(H.Quantity, false, 1, 1_000_000) ?? 1;
        r.CommissioningYear = c.Int(H.CommissioningYear, true, 1900, 2100) ?? 0;
        r.EfficiencyGrade = c.Int(H.EfficiencyGrade, false, 1, 5);
        r.DesignLifeYears = c.Int(H.DesignLife, false, 1, 200);
        r.HazardousCatalogueItem = c.Text(H.Hazardous, false, 100);
        r.Valid = !c.Failed;
        return r;
    }

    // ---- vocabularies ----------------------------------------------------------------------------------------

    /// <summary>A scope or cluster as people type it (the pack's parser), if the import allows it.</summary>
    private static (string, string?) ListItem(string item, HashSet<string> allowed, IReadOnlyList<Policy.Kunshan2024.Term> terms, string what)
    {
        if (Policy.Kunshan2024.Vocabulary.ParseListItem(item, terms) is { } code && allowed.Contains(code)) return (code, null);
        // An identifier of the configured list that the pack does not know (a revision may add one).
        var id = CellText.Ascii(item);
        if (allowed.Contains(id)) return (id, null);
        var known = allowed.Order(StringComparer.Ordinal).Select(Policy.Kunshan2024.Vocabulary.Label);
        return ("", $"{what}“{item}”不在可选范围内（{string.Join("、", known)}）");
    }

    private static ProjectKind? KindOf(string text) => Policy.Kunshan2024.Vocabulary.TryParse(text, out ProjectKind k) ? k : null;

    private static ProjectStatus? StatusOf(string text) => Policy.Kunshan2024.Vocabulary.TryParse(text, out ProjectStatus s) ? s : null;

    private static LoanCategory? CategoryOf(string text) => Policy.Kunshan2024.Vocabulary.TryParse(text, out LoanCategory c) ? c : null;

    internal static Level? LevelOf(string text) => Policy.Kunshan2024.Vocabulary.TryParse(text, out Level l) ? l : null;

    private static string Amount(decimal v) => v.ToString("#,##0.##", Inv);

    internal decimal UnitFactor => _factor;
    internal string UnitName => _factor == 1m ? LibraryWorkbook.Yuan : TenThousandYuan;
    internal ErrorSink Errors => errors;
}

/// <summary>Reads the cells of one data row, recording a problem per bad cell.</summary>
internal sealed class RowContext(WorkbookParser parser, string sheet, Dictionary<string, int> map, XRow row)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private HashSet<string>? _bad;

    public int Number { get; } = row.Number;
    public bool Failed => _bad is not null;

    public bool HasError(string header) => _bad?.Contains(header) == true;

    public static string Address(int column, int rowNumber) => CellAddress.Of(column, rowNumber);

    public void Error(string header, string message)
    {
        (_bad ??= new HashSet<string>(StringComparer.Ordinal)).Add(header);
        parser.Errors.Add(new ImportError(sheet, Number, header, message) { Cell = Address(map[header], Number) });
    }

    private XCell Cell(string header) => row.Cells[map[header]];

    /// <summary>The cell as text for codes and choices, or null when blank (an error when required).</summary>
    private string? Present(string header, bool required)
    {
        var cell = Cell(header);
        if (cell.Kind == CellKind.Error)
        {
            Error(header, $"单元格是错误值 {cell.Value}（公式出错）");
            return null;
        }
        if (cell.IsBlank)
        {
            if (required)
                Error(header, cell.Formula ? "不能为空（公式没有计算结果：请在 Excel 中重新计算并保存）" : "不能为空");
            return null;
        }
        return CellText.Raw(cell);
    }

    public string? Text(string header, bool required, int maxLength)
    {
        var raw = Present(header, required);
        if (raw is null) return null;
        var s = CellText.Clean(raw);
        if (s.Length == 0)
        {
            if (required) Error(header, "不能为空");
            return null;
        }
        if (s.Length > maxLength)
        {
            Error(header, $"长度 {s.Length} 超过上限 {maxLength} 字");
            return null;
        }
        return s;
    }

    public string? Code(string header, bool required, int maxLength, bool upper = false)
    {
        var raw = Present(header, required);
        if (raw is null) return null;
        var s = CellText.Ascii(raw);
        if (upper) s = s.ToUpperInvariant();
        if (s.Length == 0)
        {
            if (required) Error(header, "不能为空");
            return null;
        }
        if (s.Length > maxLength)
        {
            Error(header, $"长度 {s.Length} 超过上限 {maxLength} 位");
            return null;
        }
        return s;
    }

    public string? CreditCode(string header)
    {
        var code = Code(header, true, 100, upper: true);
        if (code is null) return null;
        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (Renewal.Policy.Model.CreditCode.Problem(code) is { } problem)
        {
            var hint = Cell(header).Kind == CellKind.Number ? "（单元格是数字格式，长数字会丢失精度：请把该列设为文本后重新输入）" : "";
            Error(header, problem + hint);
            return null;
        }
        return code;
    }

    public bool Bool(string header)
    {
        var cell = Cell(header);
        if (cell.Kind == CellKind.Boolean) return cell.Value == "1";
        var raw = Present(header, false);
        if (raw is null) return false;
        if (CellText.Boolean(raw) is { } b) return b;
        Error(header, $"应填“是”或“否”，实际为“{raw}”");
        return false;
    }

    public T? Choice<T>(string header, Func<string, T?> parse, string allowed) where T : struct
    {
        var raw = Present(header, true);
        if (raw is null) return null;
        if (parse(raw) is { } v) return v;
        Error(header, $"“{raw}”不是可选值（可选：{allowed}）");
        return null;
    }

    /// <summary>A list cell; <paramref name="blank"/> tells whether the cell was empty. <paramref name="none"/> is the word for an explicitly empty list.</summary>
    public List<T> List<T>(string header, Func<string, (T Value, string? Problem)> parse, out bool blank, string? none = null)
    {
        var raw = Present(header, false);
        blank = raw is null;
        var result = new List<T>();
        if (raw is null) return result;
        var items = CellText.Items(raw);
        if (items.Count == 0)
        {
            blank = true;
            return result;
        }
        if (none is not null && items is [var only] && only == none) return result;
        foreach (var item in items)
        {
            var (value, problem) = parse(item);
            if (problem is not null)
            {
                Error(header, problem);
                return [];
            }
            if (result.Contains(value))
            {
                Error(header, $"“{item}”重复");
                return [];
            }
            result.Add(value);
        }
        return result;
    }

    private decimal? Numeric(string header, bool required, out XCell cell)
    {
        cell = Cell(header);
        var raw = Present(header, required);
        if (raw is null) return null;
        if (cell.Kind == CellKind.Number)
        {
            if (CellText.TryNumberCell(raw, out var d)) return d;
            Error(header, $"“{raw}”不是有效的数字");
            return null;
        }
        if (cell.Kind != CellKind.Text)
        {
            Error(header, $"“{raw}”不是数字");
            return null;
        }
        if (CellText.TryNumberText(raw, out var v, out var problem)) return v;
        Error(header, problem!);
        return null;
    }

    /// <summary>Money in the workbook's unit, converted to yuan exactly: ≥ 0 (or &gt; 0), at most 2 decimals in yuan.</summary>
    public decimal? Money(string header, bool required, bool positive = false)
    {
        var value = Numeric(header, required, out _);
        if (value is null) return null;
        var yuan = value.Value * parser.UnitFactor;
        var unit = parser.UnitName;
        if (yuan < 0 || (positive && yuan == 0))
        {
            Error(header, positive ? $"金额应大于 0，实际为 {CellText.Format(value.Value)}" : $"金额不能为负数：{CellText.Format(value.Value)}");
            return null;
        }
        if (decimal.Round(yuan, 2) != yuan)
        {
            Error(header, unit == LibraryWorkbook.Yuan
                ? $"金额 {CellText.Format(value.Value)} 元最多保留两位小数（到分）"
                : $"金额 {CellText.Format(value.Value)} 万元 = {CellText.Format(yuan)} 元，换算为元后最多保留两位小数（到分）");
            return null;
        }
        if (yuan >= 10_000_000_000_000_000m)
        {
            Error(header, $"金额 {CellText.Format(value.Value)} {unit} 过大");
            return null;
        }
        return yuan;
    }

    /// <summary>An annual rate given as a percentage (3.45 or 3.45%; a cell formatted as percent holds 0.0345): returns the fraction.</summary>
    public decimal? Rate(string header)
    {
        var cell = Cell(header);
        decimal percent;
        if (cell.Kind == CellKind.Text && CellText.Ascii(cell.Value).EndsWith('%'))
        {
            var t = CellText.Ascii(cell.Value);
            if (!CellText.TryNumberText(t[..^1], out percent, out _))
            {
                Error(header, $"“{cell.Value}”不是有效的百分数");
                return null;
            }
        }
        else
        {
            var value = Numeric(header, true, out _);
            if (value is null) return null;
            percent = cell.Kind == CellKind.Number && parser.Package.IsPercentStyle(cell.Style) ? value.Value * 100m : value.Value;
        }
        if (percent <= 0 || percent >= 24)
        {
            Error(header, $"年利率 {CellText.Format(percent)}% 应在 0 到 24% 之间（填百分数，如 3.45 或 3.45%）");
            return null;
        }
        if (decimal.Round(percent, 4) != percent)
        {
            Error(header, $"年利率 {CellText.Format(percent)}% 最多保留 4 位小数");
            return null;
        }
        return percent / 100m;
    }

    public DateOnly? Date(string header, bool required)
    {
        var cell = Cell(header);
        var raw = Present(header, required);
        if (raw is null) return null;
        var date = default(DateOnly);
        var ok = cell.Kind switch
        {
            CellKind.Number => CellText.TryNumberCell(raw, out var serial) && CellText.TrySerial(serial, parser.Package.Date1904, out date),
            CellKind.IsoDate => CellText.TryIsoDate(raw, out date),
            CellKind.Text => CellText.TryDateText(raw, parser.Package.Date1904, out date),
            _ => false,
        };
        if (!ok)
        {
            Error(header, $"无法识别的日期“{raw}”（可填 2025-03-01、2025/3/1、2025年3月1日 或 Excel 日期）");
            return null;
        }
        if (date < CellText.MinDate || date > CellText.MaxDate)
        {
            Error(header, $"日期 {date:yyyy-MM-dd} 超出合理范围（{CellText.MinDate:yyyy}–{CellText.MaxDate:yyyy} 年）");
            return null;
        }
        return date;
    }

    public int? Int(string header, bool required, int min, int max)
    {
        var cell = Cell(header);
        decimal? value;
        if (cell.Kind == CellKind.Text)
        {
            var raw = Present(header, required);
            if (raw is null) return null;
            var t = CellText.Ascii(raw).TrimEnd('年', '台', '套', '个', '件');
            if (!CellText.TryNumberText(t, out var v, out _))
            {
                Error(header, $"“{raw}”不是整数");
                return null;
            }
            value = v;
        }
        else
        {
            value = Numeric(header, required, out _);
            if (value is null) return null;
        }
        if (decimal.Truncate(value.Value) != value.Value)
        {
            Error(header, $"“{CellText.Format(value.Value)}”应为整数");
            return null;
        }
        if (value < min || value > max)
        {
            Error(header, $"{CellText.Format(value.Value)} 应在 {min}–{max} 之间");
            return null;
        }
        return (int)value.Value;
    }
}
