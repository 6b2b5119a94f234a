using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Admin;

/// <summary>An account as the administrator sees it (never the password hash).</summary>
public sealed record AccountDto(int Id, string UserName, string DisplayName, Role Role, string? CreditCode, string? Enterprise, string? Area,
    bool Active, bool Locked, DateTimeOffset? LockedUntil, int FailedSignIns, long Version)
{
    /// <summary>For a bank user: its bank (银企对接).</summary>
    public string? Bank { get; init; }
}

/// <summary>What the administrator searches accounts by: role, area, a keyword (user name, display name, credit code, enterprise name), and the page.</summary>
public sealed record AccountSearch(Role? Role = null, string? Q = null, string? Area = null, int Page = 1, int PageSize = 50);

/// <summary>One page of accounts, how many match in all, this page's number and the number of pages.</summary>
public sealed record AccountPage(IReadOnlyList<AccountDto> Rows, int Total, int Page, int Pages);

/// <summary>The accounts, for the bureau administrator only; filtered by role and a keyword (GET /api/v1/admin/accounts, and the page).</summary>
public static class ListAccounts
{
    public const string AdminOnly = "只有市局管理员可以管理账号";

    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapGet("", async (HttpContext http, LibraryDbContext db, TimeProvider clock, Role? role, string? q, CancellationToken ct) =>
            ApiResults.From(await HandleAsync(db, http.User(), clock.GetUtcNow(), role, q, ct), TypedResults.Ok))
            .WithName("ListAccounts").WithSummary("账号列表（可按角色、关键词过滤；不含密码）").Forbids();

    public static async Task<CommandResult<IReadOnlyList<AccountDto>>> HandleAsync(LibraryDbContext db, UserContext user, DateTimeOffset now,
        Role? role = null, string? q = null, CancellationToken ct = default)
    {
        var r = await PageAsync(db, user, now, new AccountSearch(role, q, null, 1, 1000), ct);
        return r.Ok ? CommandResult<IReadOnlyList<AccountDto>>.Success(r.Value!.Rows) : CommandResult<IReadOnlyList<AccountDto>>.Fail(r.Status, r.Message!);
    }

    /// <summary>
    /// One page of the accounts that match <paramref name="search"/>, in id order, and how many match: by role, by area
    /// (a district reviewer's, or the enterprise's for an enterprise user), and a keyword in the user name, display
    /// name, credit code or enterprise name — so the page works with thousands of enterprise accounts.
    /// </summary>
    public static async Task<CommandResult<AccountPage>> PageAsync(LibraryDbContext db, UserContext user, DateTimeOffset now, AccountSearch search, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(search);
        if (user.Role != Role.BureauAdmin) return CommandResult<AccountPage>.Fail(CommandStatus.Forbidden, AdminOnly);
        var query = db.Users.AsNoTracking();
        if (search.Role is { } r) query = query.Where(u => u.Role == r);
        if (search.Area?.Trim() is { Length: > 0 } area)
            query = query.Where(u => u.Area == area || (u.CreditCode != null && db.Enterprises.Any(e => e.CreditCode == u.CreditCode && e.Area == area)));
        if (search.Q?.Trim() is { Length: > 0 } text)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.UserName.Contains(text) || u.DisplayName.Contains(text)
                || (u.CreditCode != null && (u.CreditCode.Contains(upper) || db.Enterprises.Any(e => e.CreditCode == u.CreditCode && e.Name.Contains(text)))));
        }
        var total = await query.CountAsync(ct);
        var size = Math.Clamp(search.PageSize, 10, 1000);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(search.Page, 1, pages);
        var users = await query.OrderBy(u => u.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var codes = users.Where(u => u.CreditCode != null).Select(u => u.CreditCode!).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => (e.Name, e.Area), ct); // the area is for the page's column
        var rows = users.Select(u => u.CreditCode is { } c && enterprises.TryGetValue(c, out var e) ? Dto(u, now, e.Name) : Dto(u, now)).ToList();
        return CommandResult<AccountPage>.Success(new AccountPage(rows, total, page, pages));
    }

    public static AccountDto Dto(UserAccount u, DateTimeOffset now, string? enterprise = null)
    {
        ArgumentNullException.ThrowIfNull(u);
        var locked = u.LockedUntil is { } until && until > now;
        return new AccountDto(u.Id, u.UserName, u.DisplayName, u.Role, u.CreditCode, enterprise, u.Area, u.Active, locked, locked ? u.LockedUntil : null,
            u.FailedSignIns, u.Version) { Bank = u.Bank };
    }

    /// <summary>What the audit log keeps of an account: no password hash.</summary>
    public static string Describe(UserAccount u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return Check.Json(new { u.UserName, u.DisplayName, role = u.Role.ToString(), u.CreditCode, u.Area, u.Bank, u.Active, u.LockedUntil });
    }

    /// <summary>The account an administrator acts on: Forbidden for anyone else, NotFound when there is none.</summary>
    internal static async Task<CommandResult<UserAccount>> TargetAsync(LibraryDbContext db, UserContext user, int id, CancellationToken ct)
    {
        if (user.Role != Role.BureauAdmin) return CommandResult<UserAccount>.Fail(CommandStatus.Forbidden, AdminOnly);
        var u = await db.Users.FirstOrDefaultAsync(x => x.Id == id, ct);
        return u is null ? CommandResult<UserAccount>.Fail(CommandStatus.NotFound, "账号不存在") : CommandResult<UserAccount>.Success(u);
    }
}
