using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Exchange.Ledger;
using Renewal.Exchange.Xlsx;
using Renewal.Policy.Kunshan2024.Safeguards;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;

namespace Renewal.Services.Checks;

/// <summary>A register entry as typed on the page or posted to the API.</summary>
public sealed record CreditInput(string? CreditCode, string? EnterpriseName, RegisterKind? Kind, DateOnly? On, DateOnly? LiftedOn, string? Source, string? Note);

/// <summary>A funded-elsewhere entry as typed; invoice numbers separated by 、 , ； or blanks.</summary>
public sealed record FundingInput(string? Programme, int? Year, string? CreditCode, string? ProjectName, string? Invoices, decimal? Amount, string? Source, string? Note);

/// <summary>A register entry as shown: with the library's name of the enterprise when it is in the library.</summary>
public sealed record CreditRow(int Id, string CreditCode, string? EnterpriseName, RegisterKind Kind, string KindLabel, DateOnly On, DateOnly? LiftedOn, bool Listed,
    string Source, string? Note, string? ImportFile, DateTimeOffset? ImportedAt, string CreatedBy, DateTimeOffset CreatedAt, long Version);

public sealed record FundingRow(int Id, string Programme, int Year, string CreditCode, string? EnterpriseName, string ProjectName, IReadOnlyList<string> Invoices,
    decimal Amount, string Source, string? Note, string? ImportFile, DateTimeOffset? ImportedAt, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>An import's outcome: how many entries were saved.</summary>
public sealed record ImportSummary(int Count, string File);

/// <summary>
/// 核查名单 (issue 14 item 4): the register of blacklist and incident entries and the register of other programmes' funding —
/// the bureau enters or imports them (all rows or none), finance reads them; an application's equipment invoices (its
/// enterprise, while it may change the application); the bureau's overrides of a failed check. Every write is audited.
/// </summary>
public sealed class ChecksService(LibraryDbContext db, TimeProvider clock)
{
    /// <summary>The largest workbook accepted (bytes).</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxRows = 5000;

    private DateTimeOffset Now => clock.GetUtcNow();

    private static bool CanRead(UserContext u) => u.IsBureau || u.Role == Role.Finance;

    public async Task<Result<IReadOnlyList<CreditRow>>> RegisterAsync(UserContext user, string? creditCode = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanRead(user)) return Result<IReadOnlyList<CreditRow>>.Fail(ResultKind.Forbidden, "核查名单仅市局与财政可查看");
        var q = db.CreditRecords.AsNoTracking();
        var code = creditCode?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(code)) q = q.Where(r => r.CreditCode == code);
        var rows = await q.OrderByDescending(r => r.Id).Take(1000).ToListAsync(ct);
        var names = await NamesAsync([.. rows.Select(r => r.CreditCode)], ct);
        var today = clock.Today();
        return Result<IReadOnlyList<CreditRow>>.Success([.. rows.Select(r => Row(r, names, today))]);
    }

    public async Task<Result<IReadOnlyList<FundingRow>>> FundingAsync(UserContext user, string? creditCode = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanRead(user)) return Result<IReadOnlyList<FundingRow>>.Fail(ResultKind.Forbidden, "核查名单仅市局与财政可查看");
        var q = db.FundingRecords.AsNoTracking();
        var code = creditCode?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(code)) q = q.Where(r => r.CreditCode == code);
        var rows = await q.OrderByDescending(r => r.Id).Take(1000).ToListAsync(ct);
        var names = await NamesAsync([.. rows.Select(r => r.CreditCode)], ct);
        return Result<IReadOnlyList<FundingRow>>.Success([.. rows.Select(r => Row(r, names))]);
    }

    /// <summary>The bureau enters one register entry.</summary>
    public async Task<Result<CreditRow>> AddCreditAsync(UserContext user, CreditInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsBureau) return Result<CreditRow>.Fail(ResultKind.Forbidden, "核查名单由市局登记");
        var errors = new List<string>();
        var record = ParseCredit(input.CreditCode, input.EnterpriseName, input.Kind is { } k ? SafeguardChecks.Label(k) : null, input.On, input.LiftedOn, input.Source, input.Note,
            (column, message) => errors.Add($"{column}：{message}"), null, user.UserName);
        if (record is null) return Result<CreditRow>.Fail(ResultKind.Invalid, string.Join("；", errors));
        db.CreditRecords.Add(record);
        await db.SaveChangesAsync(ct);
        AuditLog.Append(db, user.Actor, "登记核查名单", "credit_record", record.Id.ToString(CultureInfo.InvariantCulture), null, Describe(record), Now);
        await db.SaveChangesAsync(ct);
        return Result<CreditRow>.Success(Row(record, await NamesAsync([record.CreditCode], ct), clock.Today()));
    }

    /// <summary>移出: the bureau records the day a blacklist entry was lifted.</summary>
    public async Task<Result<CreditRow>> LiftAsync(UserContext user, int id, long version, DateOnly? on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsBureau) return Result<CreditRow>.Fail(ResultKind.Forbidden, "核查名单由市局登记");
        var record = await db.CreditRecords.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null) return Result<CreditRow>.Fail(ResultKind.NotFound, "记录不存在");
        if (record.Version != version) return Result<CreditRow>.Fail(ResultKind.Conflict, "该记录已被他人修改，请刷新后重试");
        if (on is not { } day) return Result<CreditRow>.Fail(ResultKind.Invalid, "请填写移出日期（liftedOn）");
        if (record.LiftRefusal(day) is { } refused) return Result<CreditRow>.Fail(ResultKind.Invalid, refused);
        var before = Describe(record);
        record.Lift(day, user.UserName, Now);
        AuditLog.Append(db, user.Actor, "登记移出日期", "credit_record", record.Id.ToString(CultureInfo.InvariantCulture), before, Describe(record), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<CreditRow>.Fail(ResultKind.Conflict, "该记录已被他人修改，请刷新后重试");
        }
        return Result<CreditRow>.Success(Row(record, await NamesAsync([record.CreditCode], ct), clock.Today()));
    }

    /// <summary>The bureau enters one funded-elsewhere entry.</summary>
    public async Task<Result<FundingRow>> AddFundingAsync(UserContext user, FundingInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsBureau) return Result<FundingRow>.Fail(ResultKind.Forbidden, "核查名单由市局登记");
        var errors = new List<string>();
        var record = ParseFunding(input.Programme, input.Year, input.CreditCode, input.ProjectName, input.Invoices, input.Amount, input.Source, input.Note,
            (column, message) => errors.Add($"{column}：{message}"), null, user.UserName);
        if (record is null) return Result<FundingRow>.Fail(ResultKind.Invalid, string.Join("；", errors));
        db.FundingRecords.Add(record);
        await db.SaveChangesAsync(ct);
        AuditLog.Append(db, user.Actor, "登记其他资金支持", "funding_record", record.Id.ToString(CultureInfo.InvariantCulture), null, Describe(record), Now);
        await db.SaveChangesAsync(ct);
        return Result<FundingRow>.Success(Row(record, await NamesAsync([record.CreditCode], ct)));
    }

    // ---- import -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Imports a register workbook (sheet 信用与事故记录 of <see cref="ChecksWorkbooks.CreditTemplate"/>): every row or none. A row
    /// whose 来源 is empty takes <paramref name="defaultSource"/> (the file's source as typed on the page); errors name the row and column.
    /// </summary>
    public Task<Result<ImportSummary>> ImportCreditAsync(UserContext user, byte[] file, string fileName, string? defaultSource, CancellationToken ct = default) =>
        ImportAsync(user, file, fileName, ChecksWorkbooks.CreditSheet, "credit_record", ChecksWorkbooks.CreditColumns, (cells, fail) => ParseCredit(
            Cell(cells, ChecksWorkbooks.CreditCode), Cell(cells, ChecksWorkbooks.Name), Cell(cells, ChecksWorkbooks.Kind), DateCell(cells, ChecksWorkbooks.On, fail, required: true),
            DateCell(cells, ChecksWorkbooks.LiftedOn, fail, required: false), Cell(cells, ChecksWorkbooks.Source) ?? defaultSource, Cell(cells, ChecksWorkbooks.Note),
            fail, fileName, user.UserName), (r, count) => { db.CreditRecords.AddRange(r); return $"导入 {count} 条信用与事故记录"; }, ct);

    /// <summary>Imports a funded-elsewhere workbook (sheet 已获其他资金支持): every row or none.</summary>
    public Task<Result<ImportSummary>> ImportFundingAsync(UserContext user, byte[] file, string fileName, string? defaultSource, CancellationToken ct = default) =>
        ImportAsync(user, file, fileName, ChecksWorkbooks.FundingSheet, "funding_record", ChecksWorkbooks.FundingColumns, (cells, fail) =>
        {
            var year = cells.TryGetValue(ChecksWorkbooks.Year.Header, out var y) && !CellText.IsBlank(y) ? YearCell(y, fail) : null;
            var amount = cells.TryGetValue(ChecksWorkbooks.Amount.Header, out var a) && !CellText.IsBlank(a) ? MoneyCell(a, fail) : null;
            return ParseFunding(Cell(cells, ChecksWorkbooks.Programme), year, Cell(cells, ChecksWorkbooks.CreditCode), Cell(cells, ChecksWorkbooks.Project),
                Cell(cells, ChecksWorkbooks.Invoices), amount, Cell(cells, ChecksWorkbooks.Source) ?? defaultSource, Cell(cells, ChecksWorkbooks.Note), fail, fileName, user.UserName);
        }, (r, count) => { db.FundingRecords.AddRange(r); return $"导入 {count} 条已获其他资金支持记录"; }, ct);

    private async Task<Result<ImportSummary>> ImportAsync<T>(UserContext user, byte[] file, string fileName, string sheet, string entity, IReadOnlyList<LedgerColumn> columns,
        Func<IReadOnlyDictionary<string, object?>, Action<string, string>, T?> parse, Func<List<T>, int, string> add, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(file);
        if (!user.IsBureau) return Result<ImportSummary>.Fail(ResultKind.Forbidden, "核查名单由市局导入");
        fileName = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "导入.xlsx" : fileName.Trim());
        if (fileName.Length > CreditRecord.FileLength) fileName = fileName[^CreditRecord.FileLength..];
        if (file.Length == 0) return Result<ImportSummary>.Fail(ResultKind.Invalid, "请选择要导入的 xlsx 文件");
        if (file.Length > MaxFileBytes) return Result<ImportSummary>.Fail(ResultKind.Invalid, $"文件超过 {MaxFileBytes / 1024 / 1024} MB");

        var errors = new List<string>();
        LedgerSheet? read;
        try
        {
            var scratch = new List<LedgerError>();
            read = LedgerFile.ReadWorkbook(file, fileName, [sheet], scratch).Single();
            if (read is null) return Result<ImportSummary>.Fail(ResultKind.Invalid, $"工作簿中没有名为“{sheet}”的工作表：请下载模板填写后导入");
        }
        catch (LedgerException e)
        {
            return Result<ImportSummary>.Fail(ResultKind.Invalid, string.Join("；", e.Errors.Select(x => x.ToString())));
        }

        var header = read.Rows.FirstOrDefault(r => !r.IsBlank);
        if (header is null) return Result<ImportSummary>.Fail(ResultKind.Invalid, $"工作表“{sheet}”是空的：第 1 行应为表头");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var key = LedgerColumns.HeaderKey(CellText.Text(header[i]));
            if (columns.FirstOrDefault(c => c.Key == key) is { } column) index.TryAdd(column.Header, i);
        }
        var missing = columns.Where(c => c.Required && !index.ContainsKey(c.Header)).Select(c => $"“{c.Header}”").ToList();
        if (missing.Count > 0) return Result<ImportSummary>.Fail(ResultKind.Invalid, $"工作表“{sheet}”第 {header.Number} 行（表头）缺少列 {string.Join("、", missing)}：请使用模板");

        var records = new List<T>();
        foreach (var row in read.Rows.Where(r => r.Number > header.Number && !r.IsBlank))
        {
            if (records.Count + errors.Count >= MaxRows) { errors.Add($"一次最多导入 {MaxRows} 行"); break; }
            var cells = index.ToDictionary(kv => kv.Key, kv => row[kv.Value], StringComparer.Ordinal);
            var before = errors.Count;
            var record = parse(cells, (column, message) => errors.Add($"第 {row.Number} 行 列 {column}：{message}"));
            if (record is not null && errors.Count == before) records.Add(record);
            if (errors.Count >= 50) { errors.Add("……错误较多，只列出前 50 条"); break; }
        }
        if (errors.Count > 0) return Result<ImportSummary>.Fail(ResultKind.Invalid, $"未导入，请更正 {fileName}：" + string.Join("；", errors));
        if (records.Count == 0) return Result<ImportSummary>.Fail(ResultKind.Invalid, $"工作表“{sheet}”除表头外没有数据");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var what = add(records, records.Count);
        await db.SaveChangesAsync(ct);
        AuditLog.Append(db, user.Actor, "导入核查名单", entity, fileName, null, $"{what}（文件 {fileName}）", Now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<ImportSummary>.Success(new ImportSummary(records.Count, fileName));
    }

    private static string? Cell(IReadOnlyDictionary<string, object?> cells, LedgerColumn column) =>
        cells.TryGetValue(column.Header, out var v) && !CellText.IsBlank(v) ? CellText.Text(v) : null;

    private static DateOnly? DateCell(IReadOnlyDictionary<string, object?> cells, LedgerColumn column, Action<string, string> fail, bool required)
    {
        if (!cells.TryGetValue(column.Header, out var v) || CellText.IsBlank(v))
        {
            if (required) fail(column.Header, "不能为空");
            return null;
        }
        var d = CellText.Date(v, out var problem);
        if (problem is not null) fail(column.Header, problem);
        return d;
    }

    private static int? YearCell(object? v, Action<string, string> fail)
    {
        var text = CellText.Text(v);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y)) return y;
        fail(ChecksWorkbooks.Year.Header, $"“{text}”不是年度：请填写四位年份，如 2025");
        return -1;
    }

    private static decimal? MoneyCell(object? v, Action<string, string> fail)
    {
        var m = CellText.Money(v, out var problem);
        if (problem is not null) { fail(ChecksWorkbooks.Amount.Header, problem); return -1m; }
        return m;
    }

    // ---- parsing shared by the page, the API and the import ------------------------------------------------------

    private CreditRecord? ParseCredit(string? code, string? name, string? kindText, DateOnly? on, DateOnly? lifted, string? source, string? note,
        Action<string, string> fail, string? file, string by)
    {
        var ok = true;
        void Fail(LedgerColumn c, string m) { ok = false; fail(c.Header, m); }
        var credit = CellText.CreditCode(code, out var codeProblem);
        if (codeProblem is not null) Fail(ChecksWorkbooks.CreditCode, codeProblem);
        RegisterKind? kind = Enum.GetValues<RegisterKind>().Cast<RegisterKind?>().FirstOrDefault(k => SafeguardChecks.Label(k!.Value) == kindText?.Trim()
            || string.Equals(k.Value.ToString(), kindText?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (kind is null) Fail(ChecksWorkbooks.Kind, string.IsNullOrWhiteSpace(kindText) ? "不能为空" : $"“{kindText}”不是类别：应为 失信名单、重大安全事故、重大环境事故 或 重大质量事故");
        if (on is null && ok) Fail(ChecksWorkbooks.On, "不能为空");
        if (lifted is not null && kind is not null and not RegisterKind.Blacklist) Fail(ChecksWorkbooks.LiftedOn, "只有失信名单记录有移出日期");
        if (lifted is { } l && on is { } o && l < o) Fail(ChecksWorkbooks.LiftedOn, $"{Safeguards.D(l)} 早于列入日期 {Safeguards.D(o)}");
        if (string.IsNullOrWhiteSpace(source)) Fail(ChecksWorkbooks.Source, "不能为空：请写明发布机关和文号，或信用中国等来源");
        Length(ChecksWorkbooks.Source, source, CreditRecord.SourceLength, Fail);
        Length(ChecksWorkbooks.Note, note, CreditRecord.NoteLength, Fail);
        Length(ChecksWorkbooks.Name, name, TextLimits.ProjectName, Fail);
        if (!ok || on is null) return null;
        return CreditRecord.Record(credit!, Blank(name), kind!.Value, on.Value, lifted, source!.Trim(), Blank(note), file, by, Now);
    }

    private FundingRecord? ParseFunding(string? programme, int? year, string? code, string? project, string? invoices, decimal? amount, string? source, string? note,
        Action<string, string> fail, string? file, string by)
    {
        var ok = true;
        void Fail(LedgerColumn c, string m) { ok = false; fail(c.Header, m); }
        if (string.IsNullOrWhiteSpace(programme)) Fail(ChecksWorkbooks.Programme, "不能为空：请写明资金名称，如 江苏省智改数转网联项目");
        Length(ChecksWorkbooks.Programme, programme, FundingRecord.ProgrammeLength, Fail);
        if (year is null) Fail(ChecksWorkbooks.Year, "不能为空");
        else if (year is not -1 and (< 2000 or > 2100)) Fail(ChecksWorkbooks.Year, $"{year} 不在 2000–2100 年之间");
        else if (year == -1) ok = false;
        var credit = CellText.CreditCode(code, out var codeProblem);
        if (codeProblem is not null) Fail(ChecksWorkbooks.CreditCode, codeProblem);
        if (string.IsNullOrWhiteSpace(project)) Fail(ChecksWorkbooks.Project, "不能为空");
        Length(ChecksWorkbooks.Project, project, TextLimits.ProjectName, Fail);
        var list = SplitInvoices(invoices);
        if (list.FirstOrDefault(i => i.Length > ApplicationInvoice.NumberLength) is { } longOne) Fail(ChecksWorkbooks.Invoices, $"发票号“{longOne}”超过 {ApplicationInvoice.NumberLength} 个字符");
        if (list.Count > 0 && string.Join(FundingRecord.Separator, list).Length > FundingRecord.InvoicesLength) Fail(ChecksWorkbooks.Invoices, "发票号合计过长：请分行填写");
        if (amount is null) Fail(ChecksWorkbooks.Amount, "不能为空");
        else if (amount == -1m) ok = false;
        else if (amount < 0) Fail(ChecksWorkbooks.Amount, "不能为负数");
        else if (decimal.Round(amount.Value, 2) != amount) Fail(ChecksWorkbooks.Amount, "最多两位小数（到分）");
        if (string.IsNullOrWhiteSpace(source)) Fail(ChecksWorkbooks.Source, "不能为空：请写明下达文件或支持清单的来源");
        Length(ChecksWorkbooks.Source, source, CreditRecord.SourceLength, Fail);
        Length(ChecksWorkbooks.Note, note, CreditRecord.NoteLength, Fail);
        if (!ok) return null;
        return FundingRecord.Record(programme!.Trim(), year!.Value, credit!, project!.Trim(), list, amount!.Value, source!.Trim(), Blank(note), file, by, Now);
    }

    /// <summary>Invoice numbers as typed: separated by 、 , ， ; ； or line breaks; each as compared (<see cref="SafeguardChecks.Invoice"/>).</summary>
    public static List<string> SplitInvoices(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(['、', ',', '，', ';', '；', '\n', '\r', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(SafeguardChecks.Invoice).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];

    private static void Length(LedgerColumn column, string? text, int max, Action<LedgerColumn, string> fail)
    {
        if (text is not null && text.Trim().Length > max) fail(column, $"超过 {max} 个字符（现 {text.Trim().Length} 个）");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // ---- invoices of an application -----------------------------------------------------------------------------

    /// <summary>An application's equipment invoices, for anyone who may see the application.</summary>
    public async Task<Result<IReadOnlyList<ApplicationInvoice>>> InvoicesAsync(UserContext user, int applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await db.Applications.VisibleTo(user).AnyAsync(a => a.Id == applicationId, ct))
            return Result<IReadOnlyList<ApplicationInvoice>>.Fail(ResultKind.NotFound, "申报不存在或无权查看");
        return Result<IReadOnlyList<ApplicationInvoice>>.Success(await db.ApplicationInvoices.AsNoTracking().Where(i => i.ApplicationId == applicationId).OrderBy(i => i.Id).ToListAsync(ct));
    }

    private static bool Editable(ApplicationState s) => s is ApplicationState.Draft or ApplicationState.Returned or ApplicationState.Withdrawn;

    private async Task<(AwardApplication? App, Result<T>? Refused)> EditableAsync<T>(UserContext user, int applicationId, CancellationToken ct)
    {
        var app = await db.Applications.VisibleTo(user).Include(a => a.Enterprise).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null) return (null, Result<T>.Fail(ResultKind.NotFound, "申报不存在或无权查看"));
        if (user.Role != Role.Enterprise || app.Enterprise!.CreditCode != user.CreditCode) return (null, Result<T>.Fail(ResultKind.Forbidden, "设备发票由申报企业填写"));
        if (!Editable(app.State)) return (null, Result<T>.Fail(ResultKind.Invalid, $"申报当前状态为“{Labels.Of(app.State)}”，不能修改设备发票"));
        return (app, null);
    }

    /// <summary>The enterprise lists one invoice of the equipment it declares (draft, returned or withdrawn applications only).</summary>
    public async Task<Result<ApplicationInvoice>> AddInvoiceAsync(UserContext user, int applicationId, string? number, decimal? amount, string? equipment, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (app, refused) = await EditableAsync<ApplicationInvoice>(user, applicationId, ct);
        if (refused is not null) return refused;
        var n = SafeguardChecks.Invoice(number ?? "");
        if (n.Length == 0) return Result<ApplicationInvoice>.Fail(ResultKind.Invalid, "请填写发票号（number）");
        if (n.Length > ApplicationInvoice.NumberLength) return Result<ApplicationInvoice>.Fail(ResultKind.Invalid, $"发票号（number）超过 {ApplicationInvoice.NumberLength} 个字符");
        if (amount is not { } a || a < 0) return Result<ApplicationInvoice>.Fail(ResultKind.Invalid, "请填写发票金额（amount，元，不能为负数）");
        if (decimal.Round(a, 2) != a) return Result<ApplicationInvoice>.Fail(ResultKind.Invalid, "发票金额（amount）最多两位小数（到分）");
        if (equipment is not null && equipment.Trim().Length > ApplicationInvoice.EquipmentLength) return Result<ApplicationInvoice>.Fail(ResultKind.Invalid, $"设备名称（equipment）超过 {ApplicationInvoice.EquipmentLength} 个字符");
        if (await db.ApplicationInvoices.AnyAsync(i => i.ApplicationId == applicationId && i.Number == n, ct))
            return Result<ApplicationInvoice>.Fail(ResultKind.Conflict, $"发票 {n} 已在本申报中");
        var invoice = new ApplicationInvoice { ApplicationId = applicationId, Number = n, Amount = a, Equipment = Blank(equipment), CreatedBy = user.UserName, CreatedAt = Now };
        db.ApplicationInvoices.Add(invoice);
        AuditLog.Append(db, user.Actor, "填写设备发票", "application", app!.Number, null, $"发票 {n}，{a:#,##0.00} 元", Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, ApplicationInvoice.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<ApplicationInvoice>.Fail(ResultKind.Conflict, $"发票 {n} 已在本申报中");
        }
        return Result<ApplicationInvoice>.Success(invoice);
    }

    /// <summary>The enterprise removes one of its invoices (while it may change the application).</summary>
    public async Task<Result<ApplicationInvoice>> RemoveInvoiceAsync(UserContext user, int applicationId, int invoiceId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (app, refused) = await EditableAsync<ApplicationInvoice>(user, applicationId, ct);
        if (refused is not null) return refused;
        var invoice = await db.ApplicationInvoices.FirstOrDefaultAsync(i => i.Id == invoiceId && i.ApplicationId == applicationId, ct);
        if (invoice is null) return Result<ApplicationInvoice>.Fail(ResultKind.NotFound, "发票不存在");
        db.ApplicationInvoices.Remove(invoice);
        AuditLog.Append(db, user.Actor, "删除设备发票", "application", app!.Number, $"发票 {invoice.Number}，{invoice.Amount:#,##0.00} 元", null, Now);
        await db.SaveChangesAsync(ct);
        return Result<ApplicationInvoice>.Success(invoice);
    }

    // ---- checks of an application and their overrides ------------------------------------------------------------

    /// <summary>The checks of an application as of today, for anyone who may see it.</summary>
    public async Task<Result<CheckReport>> ReportAsync(UserContext user, int applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var app = await db.Applications.AsNoTracking().VisibleTo(user).Include(a => a.Enterprise).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null) return Result<CheckReport>.Fail(ResultKind.NotFound, "申报不存在或无权查看");
        return Result<CheckReport>.Success(await Safeguards.CheckAsync(db, app, clock.Today(), ct));
    }

    /// <summary>
    /// 核准放行: the bureau (reviewer or administrator) lets <paramref name="applicationId"/> past rule <paramref name="rule"/>
    /// for the entry <paramref name="entryKey"/> that fails it today, with its reason. A district or an enterprise cannot.
    /// </summary>
    public async Task<Result<CheckOverride>> OverrideAsync(UserContext user, int applicationId, string? rule, string? entryKey, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var app = await db.Applications.VisibleTo(user).Include(a => a.Enterprise).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null) return Result<CheckOverride>.Fail(ResultKind.NotFound, "申报不存在或无权查看");
        if (!user.IsBureau) return Result<CheckOverride>.Fail(ResultKind.Forbidden, "核查未通过的申报只能由市局审核员或管理员核准放行");
        if (string.IsNullOrWhiteSpace(reason)) return Result<CheckOverride>.Fail(ResultKind.Invalid, "核准放行须填写理由（reason）");
        if (reason.Trim().Length > CheckOverride.ReasonLength) return Result<CheckOverride>.Fail(ResultKind.Invalid, $"理由（reason）超过 {CheckOverride.ReasonLength} 个字符");
        var report = await Safeguards.CheckAsync(db, app, clock.Today(), ct);
        var finding = report.Findings.FirstOrDefault(f => f.Rule == rule && f.EntryKey == entryKey);
        if (finding is null) return Result<CheckOverride>.Fail(ResultKind.Invalid, $"该申报今天没有未通过的核查 {rule}（{entryKey}）：无需放行");
        if (finding.Overridden) return Result<CheckOverride>.Fail(ResultKind.Conflict, $"{finding.Rule} 的这条记录已于 {BeijingTime.At(finding.Override!.At):yyyy-MM-dd HH:mm} 由 {finding.Override.By} 核准放行");
        var entry = finding.Text.Length > CheckOverride.EntryLength ? finding.Text[..CheckOverride.EntryLength] : finding.Text;
        var o = new CheckOverride { ApplicationId = app.Id, Rule = finding.Rule, EntryKey = finding.EntryKey, Entry = entry, Reason = reason.Trim(), By = user.UserName, At = Now };
        db.CheckOverrides.Add(o);
        AuditLog.Append(db, user.Actor, "核准放行", "application", app.Number, null, JsonSerializer.Serialize(new { rule = o.Rule, entry = o.EntryKey, text = o.Entry, reason = o.Reason },
            AuditLog.SnapshotJson), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, CheckOverride.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<CheckOverride>.Fail(ResultKind.Conflict, $"{finding.Rule} 的这条记录已由他人核准放行，请刷新");
        }
        return Result<CheckOverride>.Success(o);
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    private async Task<Dictionary<string, string>> NamesAsync(List<string> codes, CancellationToken ct)
    {
        var distinct = codes.Distinct().ToList();
        return await db.Enterprises.AsNoTracking().Where(e => distinct.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, ct);
    }

    private static CreditRow Row(CreditRecord r, Dictionary<string, string> names, DateOnly today) =>
        new(r.Id, r.CreditCode, names.GetValueOrDefault(r.CreditCode) ?? r.EnterpriseName, r.Kind, SafeguardChecks.Label(r.Kind), r.On, r.LiftedOn,
            r.Kind == RegisterKind.Blacklist && SafeguardChecks.IsListedOn(r.ToEntry(), today), r.Source, r.Note, r.ImportFile, r.ImportedAt, r.CreatedBy, r.CreatedAt, r.Version);

    private static FundingRow Row(FundingRecord r, Dictionary<string, string> names) =>
        new(r.Id, r.Programme, r.Year, r.CreditCode, names.GetValueOrDefault(r.CreditCode), r.ProjectName, r.InvoiceList, r.Amount, r.Source, r.Note, r.ImportFile,
            r.ImportedAt, r.CreatedBy, r.CreatedAt);

    private static string Describe(CreditRecord r) => JsonSerializer.Serialize(new
    {
        r.CreditCode, r.EnterpriseName, kind = SafeguardChecks.Label(r.Kind), on = Safeguards.D(r.On), liftedOn = r.LiftedOn is { } l ? Safeguards.D(l) : null, r.Source, r.Note, r.ImportFile,
    }, AuditLog.SnapshotJson);

    private static string Describe(FundingRecord r) => JsonSerializer.Serialize(new
    {
        r.Programme, r.Year, r.CreditCode, r.ProjectName, r.Invoices, r.Amount, r.Source, r.Note, r.ImportFile,
    }, AuditLog.SnapshotJson);
}
