using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;
using Renewal.Data.Entities;
using Renewal.Services;

namespace Renewal.Web.Features.Enterprise;

/// <summary>A repayment of principal.</summary>
public sealed class RepaymentInput
{
    public DateOnly? Date { get; set; }
    public decimal? Amount { get; set; }
}

/// <summary>A loan as the enterprise registers it (POST /api/v1/enterprise/loans, PUT …/{id}, and the form).</summary>
public sealed class LoanRequest
{
    public string? Code { get; set; }
    /// <summary>One of the enterprise's own projects.</summary>
    public int? ProjectId { get; set; }
    public string? Bank { get; set; }
    public LoanCategory? Category { get; set; }
    public decimal? Principal { get; set; }
    /// <summary>Annual contract rate in percent: 3.45 means 3.45%.</summary>
    public decimal? RatePercent { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? MaturesOn { get; set; }
    /// <summary>Part of the loan spent on equipment incl. software (D-E5), yuan; at most the principal.</summary>
    public decimal? EquipmentAmount { get; set; }
    public bool ViaSuzhouPlatform { get; set; }
    /// <summary>All repayments; the stored ones are replaced by these.</summary>
    public List<RepaymentInput>? Repayments { get; set; }
    /// <summary>For an update: the version the user read.</summary>
    public long? Version { get; set; }
}

public sealed record RepaymentRow(DateOnly Date, decimal Amount);

/// <summary>A loan as stored, with its version.</summary>
public sealed record LoanDto(int Id, string Code, int ProjectId, string? Bank, LoanCategory Category, decimal Principal, decimal RatePercent,
    DateOnly IssuedOn, DateOnly MaturesOn, decimal EquipmentAmount, bool ViaSuzhouPlatform, IReadOnlyList<RepaymentRow> Repayments, long Version)
{
    public static LoanDto Of(Data.Entities.Loan l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new(l.Id, l.Code, l.ProjectId, l.Bank, l.Category, l.Principal, Percent(l.Rate), l.IssuedOn, l.MaturesOn, l.EquipmentAmount,
            l.ViaSuzhouPlatform, [.. l.Repayments.OrderBy(r => r.Date).Select(r => new RepaymentRow(r.Date, r.Amount))], l.Version);
    }

    /// <summary>A stored fraction as percent without trailing zeros (0.032 → 3.2, not 3.200).</summary>
    public static decimal Percent(decimal fraction) => fraction * 100m / 1.000000000000000000000000000000000m;
}

/// <summary>
/// Register or edit a loan of one of the enterprise's own projects, with its repayments (each inside the term, together
/// at most the principal). Checked first, saved with its audit entry in one SaveChanges; a stale version is refused.
/// </summary>
public static class SaveLoan
{
    /// <summary>Rates outside this range are almost surely typed as a fraction (0.0345) or a typo.</summary>
    public const decimal MinRatePercent = 0.1m;
    public const decimal MaxRatePercent = 24m;

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["code"] = "贷款编号", ["projectId"] = "所投项目", ["bank"] = "贷款银行", ["category"] = "贷款类别", ["principal"] = "贷款本金",
        ["ratePercent"] = "合同年利率", ["issuedOn"] = "放款日", ["maturesOn"] = "到期日", ["equipmentAmount"] = "用于设备投资的金额",
        ["viaSuzhouPlatform"] = "经苏州综合金融服务平台", ["repayments"] = "还款记录", ["date"] = "还款日期", ["amount"] = "还款金额",
        ["version"] = "版本号",
    };

    public static void Map(RouteGroupBuilder enterprise)
    {
        enterprise.MapGet("/loans/{id:int}", async (int id, HttpContext http, LibraryDbContext db, CancellationToken ct) =>
            ApiResults.From(await LoadAsync(db, http.User(), id, ct), TypedResults.Ok))
            .WithName("GetOwnLoan").WithSummary("读取本企业的一笔贷款（含还款与版本号）").Forbids();

        enterprise.MapPost("/loans", async Task<Results<Created<LoanDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<LoanRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, http.User(), null, body, clock, ct: ct), l => TypedResults.Created($"/api/v1/enterprise/loans/{l.Id}", l));
        }).Accepts<LoanRequest>("application/json").WithName("RegisterLoan").WithSummary("登记贷款（利率按百分数 ratePercent，含还款）").Forbids();

        enterprise.MapPut("/loans/{id:int}", async Task<Results<Ok<LoanDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult, Conflict<ProblemDetails>>> (
            int id, HttpContext http, LibraryDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, errors) = await JsonBody.ReadAsync<LoanRequest>(http, Labels);
            if (body is null) return ApiResults.Invalid(errors!);
            return ApiResults.From(await HandleAsync(db, http.User(), id, body, clock, ct: ct), TypedResults.Ok);
        }).Accepts<LoanRequest>("application/json").WithName("EditLoan").WithSummary("修改本企业的贷款（须带 version）").Forbids();
    }

    public static Task<CommandResult<LoanDto>> HandleAsync(LibraryDbContext db, UserContext user, int? id, LoanRequest request, TimeProvider clock,
        FieldErrors? formErrors = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        return Retry.OnWriteRaceAsync(db, () => OnceAsync(db, user, id, request, clock.GetUtcNow(), formErrors?.Copy() ?? new FieldErrors(), ct));
    }

    /// <summary>The loan to edit: NotFound, or Forbidden when it is another enterprise's.</summary>
    public static async Task<CommandResult<LoanDto>> LoadAsync(LibraryDbContext db, UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enterprise = await MyEnterprise.FindAsync(db, user, ct);
        if (enterprise is null) return CommandResult<LoanDto>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);
        var found = MyEnterprise.Own(await db.Loans.AsNoTracking().Include(l => l.Repayments).FirstOrDefaultAsync(l => l.Id == id, ct), l => l.EnterpriseId, enterprise.Id, "贷款");
        return found.Ok ? CommandResult<LoanDto>.Success(LoanDto.Of(found.Value!)) : CommandResult<LoanDto>.Fail(found.Status, found.Message!);
    }

    private static async Task<CommandResult<LoanDto>> OnceAsync(LibraryDbContext db, UserContext user, int? id, LoanRequest r, DateTimeOffset now,
        FieldErrors errors, CancellationToken ct)
    {
        var enterprise = await MyEnterprise.FindAsync(db, user, ct);
        if (enterprise is null) return CommandResult<LoanDto>.Fail(CommandStatus.Forbidden, MyEnterprise.NotBound);

        Data.Entities.Loan? loan = null;
        if (id is { } lid)
        {
            var found = MyEnterprise.Own(await db.Loans.Include(l => l.Repayments).FirstOrDefaultAsync(l => l.Id == lid, ct), l => l.EnterpriseId, enterprise.Id, "贷款");
            if (!found.Ok) return CommandResult<LoanDto>.Fail(found.Status, found.Message!);
            loan = found.Value!;
        }

        var code = Check.Text(errors, "code", "贷款编号", r.Code, TextLimits.LoanCode);
        if (code is not null && code.Any(char.IsWhiteSpace)) errors.Add("code", "贷款编号不能包含空格");
        if (code is not null && !errors.Has("code") && await db.Loans.AnyAsync(l => l.Code == code && l.Id != (loan == null ? 0 : loan.Id), ct))
            errors.Add("code", $"贷款编号“{code}”已被登记");
        if (r.ProjectId is not { } projectId) errors.Add("projectId", "请选择贷款所投项目");
        else if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.EnterpriseId == enterprise.Id, ct)) errors.Add("projectId", "所投项目不存在或不属于本企业");
        var bank = Check.Text(errors, "bank", "贷款银行", r.Bank, TextLimits.LoanBank);
        Check.Enum(errors, "category", "贷款类别", r.Category);
        Check.Money(errors, "principal", "贷款本金", r.Principal, required: true, positive: true);
        if (!errors.Has("ratePercent"))
        {
            if (r.RatePercent is not { } rate) errors.Add("ratePercent", "合同年利率不能为空");
            else if (rate < MinRatePercent || rate > MaxRatePercent)
                errors.Add("ratePercent", $"合同年利率按百分数填写（如 3.45 表示 3.45%），应在 {MinRatePercent}%–{MaxRatePercent}% 之间");
            else if (decimal.Round(rate, 4) != rate) errors.Add("ratePercent", "合同年利率最多四位小数（百分数）");
        }
        if (r.IssuedOn is null && !errors.Has("issuedOn")) errors.Add("issuedOn", "放款日不能为空");
        if (r.MaturesOn is null && !errors.Has("maturesOn")) errors.Add("maturesOn", "到期日不能为空");
        if (r.IssuedOn is { } issued && r.MaturesOn is { } matures)
        {
            if (matures <= issued) errors.Add("maturesOn", "到期日应晚于放款日");
            else if (matures > issued.AddYears(30)) errors.Add("maturesOn", "贷款期限不能超过 30 年");
        }
        if (r.IssuedOn is { } i0 && (i0.Year < 2000 || i0.Year > 2100)) errors.Add("issuedOn", "放款日不在合理范围内");
        Check.Money(errors, "equipmentAmount", "用于设备投资的金额", r.EquipmentAmount, required: true);
        if (r.EquipmentAmount is { } eq && r.Principal is { } pr && eq > pr && !errors.Has("equipmentAmount") && !errors.Has("principal"))
            errors.Add("equipmentAmount", $"用于设备投资的金额（{PolicyMatcher.Yuan(eq)}）不能超过贷款本金（{PolicyMatcher.Yuan(pr)}）");

        var repayments = r.Repayments ?? [];
        var total = 0m;
        for (var i = 0; i < repayments.Count; i++)
        {
            var x = repayments[i];
            var at = $"repayments[{i}]";
            if (x is null) { errors.Add(at, $"第 {i + 1} 笔还款为空"); continue; }
            if (x.Date is not { } date) { if (!errors.Has($"{at}.date")) errors.Add($"{at}.date", $"第 {i + 1} 笔还款的日期不能为空"); }
            else if (r.IssuedOn is { } start && r.MaturesOn is { } end && (date < start || date > end))
                errors.Add($"{at}.date", $"第 {i + 1} 笔还款日期 {date:yyyy-MM-dd} 不在贷款期限（{start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}）内");
            Check.Money(errors, $"{at}.amount", $"第 {i + 1} 笔还款金额", x.Amount, required: true, positive: true);
            if (x.Amount is { } a && a > 0) total += a;
        }
        if (r.Principal is { } principal && total > principal && !errors.Has("principal"))
            errors.Add("repayments", $"还款合计 {PolicyMatcher.Yuan(total)} 超过贷款本金 {PolicyMatcher.Yuan(principal)}");
        if (loan is not null && r.Version is null) errors.Add("version", "缺少版本号（请从编辑页面提交）");
        if (errors.Any) return CommandResult<LoanDto>.Invalid(errors);

        if (loan is not null && r.Version != loan.Version)
            return CommandResult<LoanDto>.Fail(CommandStatus.Conflict, "该贷款已被他人修改，本次修改未保存。请重新打开编辑页面，在最新数据上修改。");

        var before = loan is null ? null : Describe(loan);
        var created = loan is null;
        loan ??= new Data.Entities.Loan { Code = "", EnterpriseId = enterprise.Id };
        loan.Code = code!;
        loan.ProjectId = r.ProjectId!.Value;
        loan.Bank = bank;
        loan.Category = r.Category!.Value;
        loan.Principal = r.Principal!.Value;
        loan.Rate = r.RatePercent!.Value / 100m;
        loan.IssuedOn = r.IssuedOn!.Value;
        loan.MaturesOn = r.MaturesOn!.Value;
        loan.EquipmentAmount = r.EquipmentAmount!.Value;
        loan.ViaSuzhouPlatform = r.ViaSuzhouPlatform;
        loan.Repayments.Clear();
        foreach (var x in repayments.OrderBy(x => x.Date)) loan.Repayments.Add(new Data.Entities.Repayment { Date = x.Date!.Value, Amount = x.Amount!.Value });

        if (created)
        {
            db.Loans.Add(loan);
        }
        else
        {
            var entry = db.Entry(loan);
            entry.Property(l => l.Version).OriginalValue = r.Version!.Value;
            entry.Property(l => l.Version).IsModified = true;
        }
        AuditLog.Append(db, user.Actor, created ? "登记贷款" : "修改贷款", "loan", loan.Code, before, Describe(loan, created ? 1 : r.Version!.Value + 1), now);
        await db.SaveChangesAsync(ct);
        return CommandResult<LoanDto>.Success(LoanDto.Of(loan));
    }

    private static string Describe(Data.Entities.Loan l, long? version = null) => Check.Json(new
    {
        l.Code, l.ProjectId, l.Bank, category = Codes.Of(l.Category), l.Principal, l.Rate, l.IssuedOn, l.MaturesOn, l.EquipmentAmount, l.ViaSuzhouPlatform,
        repayments = l.Repayments.OrderBy(x => x.Date).Select(x => new { x.Date, x.Amount }),
        version = version ?? l.Version,
    });
}
