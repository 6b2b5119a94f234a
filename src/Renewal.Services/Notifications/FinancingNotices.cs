using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;

namespace Renewal.Services.Notifications;

/// <summary>
/// What the enterprise learns of 银企对接 (issue 12 items 4 and 7): a bank's interest in one of its projects, and a loan
/// signed; added to the context of the bank's move, so saved in its transaction (as <see cref="Notifier.ForMoveAsync"/>).
/// </summary>
public static class FinancingNotices
{
    /// <summary>Where the enterprise reads its banks' records.</summary>
    public const string Link = "/enterprise#financing";

    /// <summary>A bank recorded its interest in <paramref name="project"/>.</summary>
    public static Task InterestAsync(LibraryDbContext db, FinancingMatch match, Project project, int actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(project);
        return ToEnterpriseAsync(db, project, actorId, "financing_interest", $"银行有意向：{match.Bank}",
            $"{match.Bank}对项目“{project.Name}”（{project.Code}）的融资需求有意向，将与贵企业联系。{(match.InterestNote is { } n ? "说明：" + n : "")}", now, ct);
    }

    /// <summary>A loan was signed with <paramref name="match"/>'s bank; it is now in the enterprise's loans.</summary>
    public static Task SignedAsync(LibraryDbContext db, FinancingMatch match, Project project, Loan loan, int actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(loan);
        return ToEnterpriseAsync(db, project, actorId, "financing_signed", $"贷款已签约：{match.Bank}",
            $"{match.Bank}与贵企业就项目“{project.Name}”（{project.Code}）签约贷款 {loan.Principal.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元"
            + $"（贷款编号 {loan.Code}，{loan.IssuedOn:yyyy-MM-dd} 至 {loan.MaturesOn:yyyy-MM-dd}），已登记在“我的贷款”中，请核对并补充还款记录。", now, ct);
    }

    private static async Task ToEnterpriseAsync(LibraryDbContext db, Project project, int actorId, string kind, string title, string body, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = project.Enterprise?.CreditCode ?? await db.Enterprises.AsNoTracking().Where(e => e.Id == project.EnterpriseId).Select(e => e.CreditCode).SingleAsync(ct);
        await Notifier.ToEnterpriseAsync(db, code, actorId, kind, title, body, Link, now, ct);
    }
}
