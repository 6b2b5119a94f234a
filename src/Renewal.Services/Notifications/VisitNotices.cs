using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;

namespace Renewal.Services.Notifications;

/// <summary>
/// What the enterprise learns of a visit (issue 14 item 1): the renewal intentions recorded on it wait for its
/// confirmation; added to the context of the visit's save, so saved in its transaction (as <see cref="FinancingNotices"/>).
/// </summary>
public static class VisitNotices
{
    /// <summary>Where the enterprise confirms or declines its 征集项目.</summary>
    public const string Link = "/enterprise/collected";

    /// <summary>The intentions of <paramref name="visit"/> wait for <paramref name="enterprise"/>'s users.</summary>
    public static async Task CollectedAsync(LibraryDbContext db, Enterprise enterprise, Visit visit, int actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(visit);
        var names = string.Join("、", visit.Intentions.Select(i => $"“{i.Name}”"));
        await Notifier.ToEnterpriseAsync(db, enterprise.CreditCode, actorId, "visit_collected", $"待确认征集项目：{visit.Intentions.Count} 个",
            $"区镇于 {visit.VisitedOn:yyyy-MM-dd} 走访贵企业，登记了更新意向 {names}。请在“征集项目”中核对：确认后项目将登记入项目库（可再修改），不属实的请答复未确认并说明原因。",
            Link, now, ct);
    }
}
