using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Services.Notifications;

/// <summary>
/// Who learns of a workflow move, and what they read (issue 12 item 4): the messages are added to the context of the
/// move itself, so they are saved in its transaction — a move without its messages, or messages of a move that did not
/// happen, cannot be. A user with an e-mail address also gets the message in the outbox. The one who acted is not told.
/// </summary>
public static class Notifier
{
    /// <summary>Adds the messages of <paramref name="action"/> on <paramref name="app"/> (already moved to its new state) to <paramref name="db"/>.</summary>
    public static async Task ForMoveAsync(LibraryDbContext db, AwardApplication app, WorkflowAction action, int actorId, string? comment, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(app);
        var enterprise = app.Enterprise ?? await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == app.EnterpriseId, ct);
        var what = $"{app.Number}（{enterprise.Name}，{Codes.Label(app.Scheme)} {app.Year} 年度）";
        var note = string.IsNullOrWhiteSpace(comment) ? "" : $"意见：{comment.Trim()}";
        var (kind, to, title, body) = action switch
        {
            WorkflowAction.Submit => ("submitted", Recipients.District(enterprise.Area), $"新申报待受理：{app.Number}", $"{what}已提交，请受理。"),
            WorkflowAction.Withdraw => ("withdrawn", Recipients.District(enterprise.Area), $"申报已撤回：{app.Number}", $"{what}已由企业撤回。"),
            WorkflowAction.Accept => ("accepted", Recipients.Enterprise(enterprise.CreditCode), $"申报已受理：{app.Number}", $"{what}已由区镇受理，进入初审。"),
            WorkflowAction.DistrictApprove => ("forwarded", Recipients.Bureau, $"区镇初审通过，待市局审核：{app.Number}", $"{what}已通过区镇初审。{note}"),
            WorkflowAction.BureauApprove => ("notice", Recipients.Enterprise(enterprise.CreditCode), $"申报进入公示：{app.Number}",
                $"{what}已通过市局审核，公示期 {app.NoticeStartsOn:yyyy-MM-dd} 至 {app.NoticeEndsOn:yyyy-MM-dd}。"),
            WorkflowAction.Approve => ("approved", Recipients.EnterpriseAndFinance(enterprise.CreditCode), $"奖补已批准：{app.Number}",
                $"{what}批准金额 {app.ApprovedAmount?.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元。"),
            WorkflowAction.Pay => ("paid", Recipients.Enterprise(enterprise.CreditCode), $"奖补已拨付：{app.Number}",
                $"{what}已拨付 {app.ApprovedAmount?.ToString("#,##0.00", CultureInfo.InvariantCulture)} 元，支付凭证号 {app.PaymentReference}。"),
            WorkflowAction.ReturnToDistrict => ("returned_to_district", Recipients.DistrictAndEnterprise(enterprise.Area, enterprise.CreditCode), $"市局退回区镇复核：{app.Number}",
                $"{what}被市局退回区镇复核。{note}"),
            WorkflowAction.Return => ("returned", Recipients.Enterprise(enterprise.CreditCode), $"申报被退回修改：{app.Number}", $"{what}被退回修改。{note}"),
            WorkflowAction.Reject => ("rejected", Recipients.Enterprise(enterprise.CreditCode), $"申报不予支持：{app.Number}", $"{what}不予支持。{note}"),
            WorkflowAction.RequestReturn => ("return_requested", app.State == ApplicationState.DistrictReview ? Recipients.District(enterprise.Area) : Recipients.Bureau,
                $"企业申请退回：{app.Number}", $"{what}的企业申请退回。{note}"),
            _ => ("", Recipients.None, "", ""),
        };
        if (kind.Length == 0) return;
        var users = await to(db.Users.AsNoTracking().Where(u => u.Active && u.Id != actorId)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var u in users) Add(db, u.Id, u.Email, kind, title, body, $"/applications/{app.Id}", app.Id, null, now);
    }

    /// <summary>One message to every active user of the enterprise <paramref name="creditCode"/> but the one who acted, added to the context.</summary>
    public static async Task ToEnterpriseAsync(LibraryDbContext db, string creditCode, int actorId, string kind, string title, string body, string? link, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await Recipients.Enterprise(creditCode)(db.Users.AsNoTracking().Where(u => u.Active && u.Id != actorId)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var u in users) Add(db, u.Id, u.Email, kind, title, body, link, null, null, now);
    }

    /// <summary>One message (and its e-mail when the user has an address) added to the context.</summary>
    public static Notification Add(LibraryDbContext db, int userId, string? email, string kind, string title, string body, string? link, int? applicationId, string? key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        title = Clip(title, Notification.TitleLength);
        body = Clip(body, Notification.BodyLength);
        var n = new Notification { UserId = userId, Kind = kind, Title = title, Body = body, Link = link, ApplicationId = applicationId, Key = key, CreatedAt = now };
        db.Notifications.Add(n);
        if (!string.IsNullOrWhiteSpace(email))
        {
            // The message's id is not known before the save; the e-mail carries its text, which is all it needs.
            db.Outbox.Add(new OutboxMessage
            {
                To = email.Trim(), Subject = $"【昆山市工业设备更新平台】{title}", Body = body + (link is null ? "" : $"\n\n请登录平台查看：{link}"),
                CreatedAt = now, NextAttemptAt = now,
            });
        }
        return n;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    /// <summary>The users a message goes to, as a filter over the accounts.</summary>
    private static class Recipients
    {
        public static Func<IQueryable<UserAccount>, IQueryable<UserAccount>> None => q => q.Where(_ => false);
        public static Func<IQueryable<UserAccount>, IQueryable<UserAccount>> District(string area) => q => q.Where(u => u.Role == Role.DistrictReviewer && u.Area == area);
        public static Func<IQueryable<UserAccount>, IQueryable<UserAccount>> Enterprise(string creditCode) => q => q.Where(u => u.Role == Role.Enterprise && u.CreditCode == creditCode);
        public static Func<IQueryable<UserAccount>, IQueryable<UserAccount>> DistrictAndEnterprise(string area, string creditCode) =>
            q => q.Where(u => (u.Role == Role.DistrictReviewer && u.Area == area) || (u.Role == Role.Enterprise && u.CreditCode == creditCode));
        public static Func<IQueryable<UserAccount>, IQueryable<UserAccount>> Bureau => q => q.Where(u => u.Role == Role.BureauReviewer || u.Role == Role.BureauAdmin);
        public static Func<IQueryable<UserAccount>, IQueryable<UserAccount>> EnterpriseAndFinance(string creditCode) =>
            q => q.Where(u => (u.Role == Role.Enterprise && u.CreditCode == creditCode) || u.Role == Role.Finance);
    }
}
