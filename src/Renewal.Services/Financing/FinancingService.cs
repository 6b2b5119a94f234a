using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Notifications;
using Renewal.Services.Workflow;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Financing;

/// <summary>The bank's filter of the financing needs: area, need between two amounts (yuan, both included), the page.</summary>
public sealed record NeedFilter(string? Area = null, decimal? MinNeed = null, decimal? MaxNeed = null, int Page = 1);

/// <summary>
/// One financing need as a bank reads it: the project, its enterprise and the enterprise's contact, the need and the
/// project's equipment investment (yuan), and where this bank's own record of it stands (null: none yet).
/// </summary>
public sealed record NeedRow(int ProjectId, string ProjectCode, string ProjectName, string Enterprise, string CreditCode, string Area,
    decimal Need, decimal Investment, string? ContactName, string? ContactPhone, int? MatchId, FinancingStatus? Status, long? MatchVersion);

public sealed record NeedPage(int Total, int Page, int PageSize, IReadOnlyList<NeedRow> Items);

/// <summary>The terms of a signed loan as the bank enters them (rate in percent: 3.45 is 3.45%). Code and equipment amount may be left out.</summary>
public sealed record LoanTerms(decimal? Principal, decimal? RatePercent, DateOnly? IssuedOn, DateOnly? MaturesOn, LoanCategory? Category,
    string? Code = null, decimal? EquipmentAmount = null);

/// <summary>
/// A record as a reader may see it. The loan's terms are filled only when the loan itself is visible to the reader
/// (<see cref="Access.VisibleTo(IQueryable{Loan}, UserContext)"/>): the lending bank, the enterprise, the government.
/// </summary>
public sealed record MatchRow(int Id, int ProjectId, string ProjectCode, string ProjectName, string Enterprise, string Area, string Bank,
    FinancingStatus Status, string? InterestNote, string? ContactNote, string? DeclineReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string UpdatedBy, long Version, MatchLoan? Loan)
{
    /// <summary>The project's financing need (yuan) and the enterprise's contact.</summary>
    public decimal? Need { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }

    /// <summary>The moves still open to the record (none once it has an outcome).</summary>
    public IReadOnlyList<FinancingStatus> Next => FinancingMatch.Next(Status);
}

public sealed record MatchLoan(int Id, string Code, decimal Principal, decimal RatePercent, DateOnly IssuedOn, DateOnly MaturesOn, LoanCategory Category);

/// <summary>
/// 银企对接 (issue 12 item 7): a bank reads the financing needs of the projects it may see with the enterprise's
/// contact, records its interest (有意向) and then the outcome — 已联系 with a note, 已签约 with the loan's terms (the
/// loan is created in the enterprise's library with this bank's name), or 未达成 with a reason. One record per bank and
/// project (a unique index), forward only, each move against the version the bank read. A bank sees only its own
/// records, the enterprise those of its projects, a district its area's, the bureau and finance all. Every change is
/// audited; the enterprise is told in its inbox of an interest and of a signed loan, in the same transaction.
/// </summary>
public sealed class FinancingService(LibraryDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;
    public const string NotBound = "本账号未绑定银行，请联系市局管理员在账号中填写所属银行";
    public const string BanksOnly = "银企对接由银行人员办理";

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The financing needs of the projects the bank may see, filtered, one page (oldest project first).</summary>
    public async Task<Result<NeedPage>> NeedsAsync(UserContext user, NeedFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        if (user.Role != Role.Bank) return Result<NeedPage>.Fail(ResultKind.Forbidden, BanksOnly);
        if (filter.MinNeed is < 0) return Result<NeedPage>.Fail(ResultKind.Invalid, "融资需求下限（min）不能为负数");
        if (filter.MinNeed is { } lo && filter.MaxNeed is { } hi && hi < lo) return Result<NeedPage>.Fail(ResultKind.Invalid, "融资需求上限（max）不能小于下限（min）");
        var q = db.Projects.AsNoTracking().VisibleTo(user).Where(p => p.FinancingNeed > 0);
        if (filter.Area is { Length: > 0 } area) q = q.Where(p => p.Enterprise!.Area == area);
        if (filter.MinNeed is { } min) q = q.Where(p => p.FinancingNeed >= min);
        if (filter.MaxNeed is { } max) q = q.Where(p => p.FinancingNeed <= max);
        var total = await q.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await q.OrderBy(p => p.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, p.Code, p.Name, Enterprise = p.Enterprise!.Name, p.Enterprise.CreditCode, p.Enterprise.Area, p.FinancingNeed, p.Enterprise.ContactName, p.Enterprise.ContactPhone })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // Summed here: SQLite keeps money as text and cannot add it up in SQL.
        var investment = (await db.Investments.AsNoTracking().Where(i => ids.Contains(i.ProjectId)).Select(i => new { i.ProjectId, i.Equipment }).ToListAsync(ct))
            .GroupBy(i => i.ProjectId).ToDictionary(g => g.Key, g => g.Sum(i => i.Equipment));
        var mine = await db.FinancingMatches.AsNoTracking().VisibleTo(user).Where(m => ids.Contains(m.ProjectId))
            .Select(m => new { m.Id, m.ProjectId, m.Status, m.Version }).ToDictionaryAsync(m => m.ProjectId, ct);
        return Result<NeedPage>.Success(new NeedPage(total, page, PageSize, [.. rows.Select(r =>
        {
            var m = mine.GetValueOrDefault(r.Id);
            return new NeedRow(r.Id, r.Code, r.Name, r.Enterprise, r.CreditCode, r.Area, r.FinancingNeed ?? 0, investment.GetValueOrDefault(r.Id),
                r.ContactName, r.ContactPhone, m?.Id, m?.Status, m?.Version);
        })]));
    }

    /// <summary>The records the user may see (<see cref="Access.VisibleTo(IQueryable{FinancingMatch}, UserContext)"/>), latest change first, with the loan's terms where the user may see the loan.</summary>
    public async Task<IReadOnlyList<MatchRow>> ListAsync(UserContext user, int? projectId = null, int take = 200, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var q = db.FinancingMatches.AsNoTracking().VisibleTo(user);
        if (projectId is { } pid) q = q.Where(m => m.ProjectId == pid);
        return await RowsAsync(user, q.OrderByDescending(m => m.Id).Take(take), ct);
    }

    /// <summary>One record, or null when it does not exist or is not the user's to see (another bank's record is not there for a bank).</summary>
    public async Task<MatchRow?> FindAsync(UserContext user, int id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rows = await RowsAsync(user, db.FinancingMatches.AsNoTracking().VisibleTo(user).Where(m => m.Id == id), ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<MatchRow>> RowsAsync(UserContext user, IQueryable<FinancingMatch> q, CancellationToken ct)
    {
        var rows = await q
            .Select(m => new { m, m.Project!.Code, m.Project.Name, m.Project.FinancingNeed, Enterprise = m.Project.Enterprise!.Name, m.Project.Enterprise.Area,
                m.Project.Enterprise.ContactName, m.Project.Enterprise.ContactPhone })
            .ToListAsync(ct);
        var loanIds = rows.Where(r => r.m.LoanId != null).Select(r => r.m.LoanId!.Value).ToList();
        var loans = (await db.Loans.AsNoTracking().VisibleTo(user).Where(l => loanIds.Contains(l.Id)).ToListAsync(ct))
            // The rate in percent without trailing zeros (0.032 → 3.2).
            .ToDictionary(l => l.Id, l => new MatchLoan(l.Id, l.Code, l.Principal, l.Rate * 100m / 1.000000000000000000000000000000000m, l.IssuedOn, l.MaturesOn, l.Category));
        return [.. rows
            .Select(r => new MatchRow(r.m.Id, r.m.ProjectId, r.Code, r.Name, r.Enterprise, r.Area, r.m.Bank, r.m.Status, r.m.InterestNote, r.m.ContactNote,
                r.m.DeclineReason, r.m.CreatedAt, r.m.UpdatedAt, r.m.UpdatedBy, r.m.Version,
                r.m.LoanId is { } lid && loans.TryGetValue(lid, out var loan) ? loan : null)
            { Need = r.FinancingNeed, ContactName = r.ContactName, ContactPhone = r.ContactPhone })
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)];
    }

    /// <summary>How many records the user may see stand in each status (every status present, 0 when none).</summary>
    public async Task<IReadOnlyDictionary<FinancingStatus, int>> CountsAsync(UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var counts = await db.FinancingMatches.AsNoTracking().VisibleTo(user).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<FinancingStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    /// <summary>有意向: the bank records its interest in a project it may see. One record per bank and project.</summary>
    public async Task<Result<FinancingMatch>> InterestAsync(UserContext user, int projectId, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (BankOf(user) is { } refused) return Result<FinancingMatch>.Fail(refused.Kind, refused.Message!);
        var project = await db.Projects.AsNoTracking().VisibleTo(user).Include(p => p.Enterprise).FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
            return await db.Projects.AnyAsync(p => p.Id == projectId, ct)
                ? Result<FinancingMatch>.Fail(ResultKind.Forbidden, "该项目未登记融资需求，银行不能查看")
                : Result<FinancingMatch>.Fail(ResultKind.NotFound, "项目不存在");
        note = Clean(note);
        if (TextLimits.Check(note, "意向说明", "note", FinancingMatch.NoteLength) is { } longNote) return Result<FinancingMatch>.Fail(ResultKind.Invalid, longNote);
        var bank = user.Bank!;
        if (await db.FinancingMatches.AsNoTracking().FirstOrDefaultAsync(m => m.Bank == bank && m.ProjectId == projectId, ct) is { } existing)
            return Result<FinancingMatch>.Fail(ResultKind.Conflict, $"本行已登记过对该项目的对接（{FinancingWords.Label(existing.Status)}），请在对接记录中更新进展");

        var match = FinancingMatch.Interest(projectId, bank, note, user.UserName, Now);
        db.FinancingMatches.Add(match);
        AuditLog.Append(db, user.Actor, "银企对接：有意向", "financing_match", $"{bank}|{project.Code}", null, Describe(match, project), Now);
        await FinancingNotices.InterestAsync(db, match, project, user.Id, Now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, FinancingMatch.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<FinancingMatch>.Fail(ResultKind.Conflict, "本行已登记过对该项目的对接（刚由同事登记），请刷新后在对接记录中更新进展");
        }
        return Result<FinancingMatch>.Success(match);
    }

    /// <summary>已联系, with a note of how and with whom.</summary>
    public Task<Result<FinancingMatch>> ContactAsync(UserContext user, int id, long version, string? note, CancellationToken ct = default) =>
        MoveAsync(user, id, version, FinancingStatus.Contacted, (m, p) =>
        {
            var text = Clean(note);
            if (text is null) return "请填写联系情况（note）";
            if (TextLimits.Check(text, "联系情况", "note", FinancingMatch.NoteLength) is { } tooLong) return tooLong;
            m.Contact(text, user.UserName, Now);
            return null;
        }, null, ct);

    /// <summary>未达成, with the reason.</summary>
    public Task<Result<FinancingMatch>> DeclineAsync(UserContext user, int id, long version, string? reason, CancellationToken ct = default) =>
        MoveAsync(user, id, version, FinancingStatus.Declined, (m, p) =>
        {
            var text = Clean(reason);
            if (text is null) return "请填写未达成的原因（reason）";
            if (TextLimits.Check(text, "未达成原因", "reason", FinancingMatch.NoteLength) is { } tooLong) return tooLong;
            m.Decline(text, user.UserName, Now);
            return null;
        }, null, ct);

    /// <summary>
    /// 已签约: the loan with <paramref name="terms"/> is created in the enterprise's library for the record's project, with
    /// this bank as its lender (the enterprise sees it on its page and may complete it there), in the same save as the move.
    /// </summary>
    public Task<Result<FinancingMatch>> SignAsync(UserContext user, int id, long version, LoanTerms terms, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return MoveAsync(user, id, version, FinancingStatus.LoanSigned, (m, p) =>
        {
            if (LoanProblem(terms) is { } problem) return problem;
            var code = Clean(terms.Code);
            var loan = new Loan
            {
                Code = code ?? "", EnterpriseId = p.EnterpriseId, ProjectId = p.Id, Bank = m.Bank, Category = terms.Category!.Value,
                Principal = terms.Principal!.Value, Rate = terms.RatePercent!.Value / 100m, IssuedOn = terms.IssuedOn!.Value, MaturesOn = terms.MaturesOn!.Value,
                EquipmentAmount = terms.EquipmentAmount ?? terms.Principal!.Value,
            };
            // Without a code of the bank's, the record's own number names the loan (unique: one loan per record).
            if (code is null) loan.Code = $"YQDJ-{m.Id.ToString("D6", CultureInfo.InvariantCulture)}";
            db.Loans.Add(loan);
            m.SignLoan(loan, user.UserName, Now);
            AuditLog.Append(db, user.Actor, "登记贷款", "loan", loan.Code, null, DescribeLoan(loan), Now);
            return null;
        }, async (m, p) =>
        {
            var code = Clean(terms.Code) ?? $"YQDJ-{m.Id.ToString("D6", CultureInfo.InvariantCulture)}";
            return await db.Loans.AnyAsync(l => l.Code == code, ct) ? $"贷款编号（code）“{code}”已被登记" : null;
        }, ct);
    }

    /// <summary>Why <paramref name="t"/> cannot be a loan (the first problem, naming its field), or null. The same bounds as the enterprise's loan form.</summary>
    public static string? LoanProblem(LoanTerms t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var code = Clean(t.Code);
        if (code is not null && (code.Length > TextLimits.LoanCode || code.Any(char.IsWhiteSpace))) return $"贷款编号（code）最多 {TextLimits.LoanCode} 个字符，不能包含空格";
        if (t.Principal is not { } principal || principal <= 0) return "贷款本金（principal）须大于 0 元";
        if (decimal.Round(principal, 2) != principal) return "贷款本金（principal）最多两位小数（分）";
        if (principal > 100_000_000_000m) return "贷款本金（principal）超出合理范围";
        if (t.RatePercent is not { } rate) return "请填写合同年利率（rate_percent）";
        if (rate < 0.1m || rate > 24m) return "合同年利率（rate_percent）按百分数填写（如 3.45 表示 3.45%），应在 0.1%–24% 之间";
        if (decimal.Round(rate, 4) != rate) return "合同年利率（rate_percent）最多四位小数（百分数）";
        if (t.IssuedOn is not { } issued) return "请填写放款日（issued_on）";
        if (issued.Year is < 2000 or > 2100) return "放款日（issued_on）不在合理范围内";
        if (t.MaturesOn is not { } matures) return "请填写到期日（matures_on）";
        if (matures <= issued) return "到期日（matures_on）应晚于放款日";
        if (matures > issued.AddYears(30)) return "贷款期限（matures_on）不能超过 30 年";
        if (t.Category is not { } category || !Enum.IsDefined(category)) return "请选择贷款类别（category）";
        if (t.EquipmentAmount is { } eq && (eq < 0 || eq > principal)) return "用于设备投资的金额（equipment_amount）应在 0 与贷款本金之间";
        return null;
    }

    private async Task<Result<FinancingMatch>> MoveAsync(UserContext user, int id, long version, FinancingStatus to,
        Func<FinancingMatch, Project, string?> apply, Func<FinancingMatch, Project, Task<string?>>? check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (BankOf(user) is { } refused) return Result<FinancingMatch>.Fail(refused.Kind, refused.Message!);
        // Another bank's record is, for this bank, not there at all.
        var match = await db.FinancingMatches.VisibleTo(user).Include(m => m.Project).ThenInclude(p => p!.Enterprise).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (match is null) return Result<FinancingMatch>.Fail(ResultKind.NotFound, "对接记录不存在");
        if (match.Version != version) return Result<FinancingMatch>.Fail(ResultKind.Conflict, "该对接记录已被同事更新，本次未保存。请刷新后在最新记录上操作");
        if (match.Refusal(to) is { } backwards) return Result<FinancingMatch>.Fail(ResultKind.Invalid, $"{backwards}（当前：{FinancingWords.Label(match.Status)}）");
        if (check is not null && await check(match, match.Project!) is { } checkFailed) return Result<FinancingMatch>.Fail(ResultKind.Invalid, checkFailed);
        var before = Describe(match, match.Project!);
        if (apply(match, match.Project!) is { } invalid) return Result<FinancingMatch>.Fail(ResultKind.Invalid, invalid);
        db.Entry(match).Property(m => m.Version).OriginalValue = version;
        AuditLog.Append(db, user.Actor, $"银企对接：{FinancingWords.Label(to)}", "financing_match", $"{match.Bank}|{match.Project!.Code}", before, Describe(match, match.Project!, version + 1), Now);
        if (to == FinancingStatus.LoanSigned) await FinancingNotices.SignedAsync(db, match, match.Project!, match.Loan!, user.Id, Now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result<FinancingMatch>.Fail(ResultKind.Conflict, "该对接记录已被同事更新，本次未保存。请刷新后在最新记录上操作");
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Result<FinancingMatch>.Fail(ResultKind.Conflict, "贷款编号（code）刚被登记，本次未保存。请换一个编号后重试");
        }
        return Result<FinancingMatch>.Success(match);
    }

    private static Result<FinancingMatch>? BankOf(UserContext user) =>
        user.Role != Role.Bank ? Result<FinancingMatch>.Fail(ResultKind.Forbidden, BanksOnly)
        : string.IsNullOrWhiteSpace(user.Bank) ? Result<FinancingMatch>.Fail(ResultKind.Forbidden, NotBound)
        : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Describe(FinancingMatch m, Project p, long? version = null) => JsonSerializer.Serialize(new
    {
        bank = m.Bank, project = p.Code, enterprise = p.Enterprise?.CreditCode, status = FinancingWords.Label(m.Status),
        interest_note = m.InterestNote, contact_note = m.ContactNote, decline_reason = m.DeclineReason, loan = m.Loan?.Code,
        version = version ?? m.Version,
    }, AuditLog.SnapshotJson);

    private static string DescribeLoan(Loan l) => JsonSerializer.Serialize(new
    {
        l.Code, l.ProjectId, l.Bank, category = Codes.Of(l.Category), l.Principal, l.Rate, l.IssuedOn, l.MaturesOn, l.EquipmentAmount, l.ViaSuzhouPlatform,
        repayments = Array.Empty<object>(), version = 1,
    }, AuditLog.SnapshotJson);
}

/// <summary>The Chinese of the statuses (the one place they are spelt).</summary>
public static class FinancingWords
{
    public static string Label(FinancingStatus s) => s switch
    {
        FinancingStatus.Interested => "有意向",
        FinancingStatus.Contacted => "已联系",
        FinancingStatus.LoanSigned => "已签约",
        _ => "未达成",
    };
}
