using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Configurations;
using Renewal.Data.Entities;
using Renewal.Exchange.Xlsx;
using Renewal.Services.Workflow;

namespace Renewal.Services.Onboarding;

/// <summary>How long an invitation code is good for (configuration <c>Invitations:Days</c>, default 30).</summary>
public sealed record InvitationOptions(int Days = InvitationOptions.DefaultDays)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;
}

/// <summary>An enterprise of the library that has no account yet, and its open invitation if any.</summary>
public sealed record InvitationCandidate(string CreditCode, string Name, string Area, DateTimeOffset? InvitedAt, DateTimeOffset? ExpiresAt);

/// <summary>A code just made, for the administrator to hand over once: it is not stored and cannot be shown again.</summary>
public sealed record IssuedInvitation(int Id, string CreditCode, string EnterpriseName, string Area, string Code, DateTimeOffset ExpiresAt);

/// <summary>What the enterprise types on /account/claim (the password is checked against the platform's rule by the page).</summary>
public sealed record ClaimInput(string? CreditCode, string? Code, string? UserName, string? Password);

/// <summary>
/// 企业账号邀请 (issue 12 item 8): the bureau administrator selects enterprises of the library that have no account and
/// invites them — one random code each, shown once, stored as its hash, good for <see cref="InvitationOptions.Days"/>
/// days — and each enterprise creates its own account at /account/claim with its credit code and code. A code is used
/// once: the claim marks it used with an update that finds it unused, in the transaction that creates the account, so
/// of two claims at the same moment one creates an account and the other nothing. A wrong credit code, a wrong, used,
/// replaced or expired code all answer <see cref="Refused"/>, which does not say which. Every step is audited.
/// </summary>
public sealed class InvitationService(LibraryDbContext db, TimeProvider clock, InvitationOptions? options = null)
{
    public const string AdminOnly = "只有市局管理员可以邀请企业";

    /// <summary>The one answer to a claim whose credit code and code do not open an invitation, whichever is wrong.</summary>
    public const string Refused = "统一社会信用代码或邀请码不正确，或邀请码已使用、已过期。请核对后重试，或联系市局重新邀请。";

    /// <summary>The letters a code is made of: Crockford's base 32 (no I, L, O, U — nothing to misread).</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Characters of a code: 16 × 5 bits = 80 random bits, written in four groups (XXXX-XXXX-XXXX-XXXX).</summary>
    public const int CodeLength = 16;

    private readonly InvitationOptions _options = options ?? new InvitationOptions();

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Enterprises of the library without an enterprise account, by area and a name or credit-code search; a page of them and the count.</summary>
    public async Task<Result<(IReadOnlyList<InvitationCandidate> Rows, int Total)>> CandidatesAsync(UserContext user, string? area, string? q, int page = 1, int pageSize = 50,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.BureauAdmin) return Result<(IReadOnlyList<InvitationCandidate>, int)>.Fail(ResultKind.Forbidden, AdminOnly);
        var query = db.Enterprises.AsNoTracking().Where(e => !db.Users.Any(u => u.Role == Role.Enterprise && u.CreditCode == e.CreditCode));
        if (area?.Trim() is { Length: > 0 } a) query = query.Where(e => e.Area == a);
        if (q?.Trim() is { Length: > 0 } text)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(e => e.Name.Contains(text) || e.CreditCode.Contains(upper));
        }
        var total = await query.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 10, 200);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await query.OrderBy(e => e.Area).ThenBy(e => e.Name).ThenBy(e => e.CreditCode).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new { e.CreditCode, e.Name, e.Area }).ToListAsync(ct);
        var codes = rows.Select(r => r.CreditCode).ToList();
        var open = await db.Invitations.AsNoTracking().Where(i => codes.Contains(i.CreditCode) && i.ClaimedAt == null && i.RevokedAt == null).ToListAsync(ct);
        var byCode = open.ToDictionary(i => i.CreditCode, StringComparer.Ordinal);
        return Result<(IReadOnlyList<InvitationCandidate>, int)>.Success((
            [.. rows.Select(r => byCode.TryGetValue(r.CreditCode, out var i) ? new InvitationCandidate(r.CreditCode, r.Name, r.Area, i.CreatedAt, i.ExpiresAt) : new InvitationCandidate(r.CreditCode, r.Name, r.Area, null, null))],
            total));
    }

    /// <summary>
    /// The administrator invites the enterprises of <paramref name="creditCodes"/>, good for <paramref name="days"/> days (the
    /// configured number when null). Each must be in the library and have no enterprise account; an open invitation of
    /// one is replaced. All or nothing, in one transaction, each invitation audited (without its code).
    /// </summary>
    public async Task<Result<IReadOnlyList<IssuedInvitation>>> CreateAsync(UserContext user, IReadOnlyCollection<string> creditCodes, int? days = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(creditCodes);
        if (user.Role != Role.BureauAdmin) return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Forbidden, AdminOnly);
        var valid = days ?? _options.Days;
        if (valid is < 1 or > InvitationOptions.MaxDays)
            return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Invalid, $"有效天数应在 1 至 {InvitationOptions.MaxDays} 天之间");
        var wanted = creditCodes.Select(c => (c ?? "").Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Invalid, "请至少选择一家企业");
        if (wanted.Count > 1000) return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Invalid, "一次最多邀请 1000 家企业");

        var enterprises = await db.Enterprises.AsNoTracking().Where(e => wanted.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.Name, e.Area }).ToDictionaryAsync(e => e.CreditCode, StringComparer.Ordinal, ct);
        if (wanted.FirstOrDefault(c => !enterprises.ContainsKey(c)) is { } unknown)
            return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Invalid, $"项目库中没有统一社会信用代码为 {unknown} 的企业");
        var withAccount = await db.Users.AsNoTracking().Where(u => u.Role == Role.Enterprise && u.CreditCode != null && wanted.Contains(u.CreditCode))
            .Select(u => u.CreditCode!).Distinct().ToListAsync(ct);
        if (withAccount.Count > 0)
            return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Conflict,
                $"{string.Join("、", withAccount.Order(StringComparer.Ordinal).Take(5).Select(c => $"{enterprises[c].Name}（{c}）"))}{(withAccount.Count > 5 ? $" 等 {withAccount.Count} 家企业" : "")}已有企业账号，不需要邀请");

        var now = Now;
        var expires = now.AddDays(valid);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // An older open invitation of the same enterprise stops working: only the newest code hands over the account.
            var older = await db.Invitations.Where(i => wanted.Contains(i.CreditCode) && i.ClaimedAt == null && i.RevokedAt == null).ToListAsync(ct);
            foreach (var o in older)
            {
                o.Revoke(now);
                AuditLog.Append(db, user.Actor, "作废邀请", "invitation", o.CreditCode, Describe(o, enterprises[o.CreditCode].Name), null, now);
            }
            if (older.Count > 0) await db.SaveChangesAsync(ct);

            var issued = new List<(Invitation Row, string Code)>();
            foreach (var code in wanted)
            {
                var secret = NewCode();
                var row = new Invitation { CreditCode = code, CodeHash = HashOf(code, secret), CreatedAt = now, CreatedById = user.Id, CreatedBy = user.UserName, ExpiresAt = expires };
                db.Invitations.Add(row);
                AuditLog.Append(db, user.Actor, "邀请企业", "invitation", code, null, Describe(row, enterprises[code].Name), now);
                issued.Add((row, secret));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<IReadOnlyList<IssuedInvitation>>.Success(
                [.. issued.Select(x => new IssuedInvitation(x.Row.Id, x.Row.CreditCode, enterprises[x.Row.CreditCode].Name, enterprises[x.Row.CreditCode].Area, x.Code, x.Row.ExpiresAt))]);
        }
        catch (DbUpdateException)
        {
            // Another administrator invited one of them at the same moment (the one-open-invitation index).
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Conflict, "其他人同时邀请了其中的企业，本次邀请未保存，请刷新后重试");
        }
    }

    /// <summary>
    /// The codes of invitations just made, checked again for the download (the page posts back what it showed): only
    /// open invitations whose code matches its stored hash are written, so the file never holds a code that does not work.
    /// </summary>
    public async Task<Result<IReadOnlyList<IssuedInvitation>>> ConfirmAsync(UserContext user, IReadOnlyList<(int Id, string Code)> shown, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(shown);
        if (user.Role != Role.BureauAdmin) return Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Forbidden, AdminOnly);
        var ids = shown.Select(s => s.Id).Distinct().ToList();
        var rows = await db.Invitations.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var codes = rows.Values.Select(r => r.CreditCode).Distinct().ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => (e.Name, e.Area), StringComparer.Ordinal, ct);
        var now = Now;
        var list = new List<IssuedInvitation>();
        foreach (var (id, code) in shown)
        {
            if (!rows.TryGetValue(id, out var row) || !row.IsOpenAt(now) || !names.TryGetValue(row.CreditCode, out var e)) continue;
            var normal = Normalize(code);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(row.CreditCode, normal)), Encoding.ASCII.GetBytes(row.CodeHash))) continue;
            list.Add(new IssuedInvitation(row.Id, row.CreditCode, e.Name, e.Area, Format(normal), row.ExpiresAt));
        }
        return list.Count == 0
            ? Result<IReadOnlyList<IssuedInvitation>>.Fail(ResultKind.Invalid, "没有可以下载的邀请码：邀请码只在生成后显示一次，已使用、已作废或已过期的不再导出")
            : Result<IReadOnlyList<IssuedInvitation>>.Success(list);
    }

    /// <summary>
    /// The enterprise creates its own account with its credit code and invitation code: the account is bound to the
    /// invitation's credit code, named by the enterprise, with the password hashed by <paramref name="hash"/> (the caller
    /// has checked it against the platform's rule). Refused with <see cref="Refused"/> whatever is wrong with the code.
    /// </summary>
    public async Task<Result<UserAccount>> ClaimAsync(ClaimInput input, Func<UserAccount, string, string> hash, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(hash);
        var name = input.UserName?.Trim();
        if (UserNames.Problem(name) is { } bad) return Result<UserAccount>.Fail(ResultKind.Invalid, bad);
        if (string.IsNullOrEmpty(input.Password)) return Result<UserAccount>.Fail(ResultKind.Invalid, "请设置密码");
        var credit = (input.CreditCode ?? "").Trim().ToUpperInvariant();
        var code = Normalize(input.Code);
        if (credit.Length == 0 || code.Length == 0) return Result<UserAccount>.Fail(ResultKind.Invalid, "请填写统一社会信用代码和邀请码");
        if (credit.Length > 18 || code.Length != CodeLength) return Result<UserAccount>.Fail(ResultKind.Invalid, Refused);

        var now = Now;
        var codeHash = HashOf(credit, code);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.CodeHash == codeHash, ct);
        if (invitation is null || !invitation.IsOpenAt(now) || invitation.CreditCode != credit) return Result<UserAccount>.Fail(ResultKind.Invalid, Refused);
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == credit, ct);
        if (enterprise is null) return Result<UserAccount>.Fail(ResultKind.Invalid, Refused);
        if (await UserNames.TakenAsync(db, name!, ct)) return Result<UserAccount>.Fail(ResultKind.Conflict, $"用户名“{name}”已被使用，请换一个");

        var display = enterprise.Name.Length > TextLimits.DisplayName ? enterprise.Name[..TextLimits.DisplayName] : enterprise.Name;
        var account = new UserAccount { UserName = name!, DisplayName = display, Role = Role.Enterprise, CreditCode = credit };
        account.SetPassword(hash(account, input.Password));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Users.Add(account);
            await db.SaveChangesAsync(ct);
            // The code is used once: only the claim whose update finds it still unused goes on (the other claim at the
            // same moment waits for this row and then finds it used, on either database).
            var marked = await db.Invitations.Where(i => i.Id == invitation.Id && i.ClaimedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ClaimedAt, now).SetProperty(i => i.ClaimedUserId, account.Id).SetProperty(i => i.Version, i => i.Version + 1), ct);
            if (marked != 1)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return Result<UserAccount>.Fail(ResultKind.Invalid, Refused);
            }
            AuditLog.Append(db, new Actor(account.Id, account.UserName), "认领企业账号", "user", account.UserName, null,
                System.Text.Json.JsonSerializer.Serialize(new { account.UserName, account.DisplayName, role = account.Role.ToString(), account.CreditCode, invitation = invitation.Id }, AuditLog.SnapshotJson), now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<UserAccount>.Success(account);
        }
        catch (DbUpdateException e)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return DatabaseErrors.IsUniqueViolation(e, "IX_users_UserName")
                ? Result<UserAccount>.Fail(ResultKind.Conflict, $"用户名“{name}”已被使用，请换一个")
                : Result<UserAccount>.Fail(ResultKind.Invalid, Refused);
        }
        catch (System.Data.Common.DbException)
        {
            // A claim at the same moment held the row (SQLite busy, or PostgreSQL's serialization): this one created nothing.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<UserAccount>.Fail(ResultKind.Invalid, Refused);
        }
    }

    /// <summary>The columns of <see cref="Workbook"/>.</summary>
    public static readonly IReadOnlyList<string> WorkbookHeaders = ["企业名称", "统一社会信用代码", "区镇", "邀请码", "有效期至（北京时间）", "开通地址"];

    /// <summary>The xlsx of codes to hand over: 企业名称, 统一社会信用代码, 区镇, 邀请码, 有效期至 (Beijing time), where to claim.</summary>
    public static byte[] Workbook(IReadOnlyList<IssuedInvitation> invitations, string claimUrl)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        using var ms = new MemoryStream();
        using (var x = new XlsxWriter(ms))
        {
            var cols = new List<XlsxWriter.Col> { new(36), new(24), new(14), new(24), new(20), new(40) };
            var sheet = x.AddSheet("企业账号邀请码", cols, frozenRows: 2);
            sheet.Row(XValue.Text($"企业账号邀请码（请逐一交给企业；每个邀请码只能使用一次，到期作废；企业在 {claimUrl} 用统一社会信用代码和邀请码自行开通账号）", XStyle.Bold));
            sheet.Merge("A1:F1");
            sheet.Row([.. WorkbookHeaders.Select(h => XValue.Text(h, XStyle.Header))]);
            foreach (var i in invitations)
                sheet.Row(XValue.Text(i.EnterpriseName, XStyle.Text), XValue.Text(i.CreditCode, XStyle.Text), XValue.Text(i.Area, XStyle.Text), XValue.Text(i.Code, XStyle.Text),
                    XValue.Text($"{BeijingTime.At(i.ExpiresAt):yyyy-MM-dd HH:mm}", XStyle.Text), XValue.Text(claimUrl, XStyle.Text));
            x.Finish();
        }
        return ms.ToArray();
    }

    /// <summary>A new code: <see cref="CodeLength"/> characters of <see cref="Alphabet"/> from the system's random generator.</summary>
    public static string NewCode() => string.Create(CodeLength, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>A code as typed: spaces and hyphens dropped, upper case, the letters people confuse read as Crockford's (O→0, I/L→1).</summary>
    public static string Normalize(string? code)
    {
        var sb = new StringBuilder(CodeLength);
        foreach (var c in (code ?? "").ToUpperInvariant())
        {
            if (c is ' ' or '-' or '\u3000' or '\t') continue;
            sb.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
            if (sb.Length > 64) break;
        }
        return sb.ToString();
    }

    /// <summary>A code as it is shown and handed over: XXXX-XXXX-XXXX-XXXX.</summary>
    public static string Format(string code) => code is { Length: CodeLength }
        ? string.Join('-', Enumerable.Range(0, CodeLength / 4).Select(i => code.Substring(i * 4, 4)))
        : code ?? "";

    /// <summary>What is stored: SHA-256 over the credit code and the code, so a code opens only its own enterprise's invitation.</summary>
    public static string HashOf(string creditCode, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{creditCode}:{Normalize(code)}")));

    private static string Describe(Invitation i, string enterprise) => System.Text.Json.JsonSerializer.Serialize(new
    {
        i.CreditCode, enterprise, expiresAt = BeijingTime.At(i.ExpiresAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        i.CreatedBy,
    }, AuditLog.SnapshotJson);
}

/// <summary>The rule for user names, the same wherever an account is made (the administrator's form, an enterprise's claim).</summary>
public static class UserNames
{
    /// <summary>Why <paramref name="name"/> cannot be a user name, or null.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "请填写用户名"
        : name.Length < 3 ? "用户名至少 3 个字符"
        : name.Length > TextLimits.UserName ? $"用户名最多 {TextLimits.UserName} 个字符"
        : !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? "用户名只能包含英文字母、数字、点、下划线和连字符"
        : null;

    /// <summary>User names differ by more than case ("Qiye" and "qiye" would be mistaken for each other).</summary>
    public static Task<bool> TakenAsync(LibraryDbContext db, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); the names are ASCII
        return db.Users.AnyAsync(u => u.UserName.ToLower() == lower, ct);
#pragma warning restore CA1304, CA1311, CA1862
    }
}
