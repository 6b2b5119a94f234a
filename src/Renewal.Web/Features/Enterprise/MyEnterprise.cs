using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Features.Enterprise;

/// <summary>
/// The enterprise an enterprise user acts for: the one whose credit code is in the user's sign-in claim, and no
/// other. Every enterprise handler starts here, so the check is made on the server for every read and write.
/// </summary>
public static class MyEnterprise
{
    public const string NotBound = "只有绑定了企业（统一社会信用代码）的企业用户可以办理";

    /// <summary>The user's enterprise, or null when the user is not an enterprise user or its credit code is not in the library.</summary>
    public static async Task<Data.Entities.Enterprise?> FindAsync(LibraryDbContext db, UserContext user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Role != Role.Enterprise || string.IsNullOrEmpty(user.CreditCode)) return null;
        return await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == user.CreditCode, ct);
    }

    /// <summary>
    /// A row of the enterprise by id: NotFound when no such row exists, Forbidden when it belongs to another enterprise
    /// (the same answers as <c>Scope.FindAsync</c> on the library pages).
    /// </summary>
    public static CommandResult<T> Own<T>(T? row, Func<T, int> enterpriseOf, int enterpriseId, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(enterpriseOf);
        if (row is null) return CommandResult<T>.Fail(CommandStatus.NotFound, $"{what}不存在");
        return enterpriseOf(row) == enterpriseId ? CommandResult<T>.Success(row) : CommandResult<T>.Fail(CommandStatus.Forbidden, $"该{what}不属于本企业，无权查看或修改");
    }
}
