using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Services.Notifications;

/// <summary>
/// The bureau learns of each new objection (issue 12 item 6): every active bureau reviewer and administrator gets a
/// message (and its e-mail) added to the context of the objection itself, so both are saved together. The message
/// names the application and quotes the reason; the objector's name and contact stay on the application page.
/// </summary>
public static class ObjectionNotices
{
    public const string Kind = "objection";

    /// <summary>How much of the reason a message quotes.</summary>
    public const int Quote = 200;

    /// <summary>Adds the messages of objection <paramref name="o"/> to <paramref name="app"/>; <paramref name="actorId"/> (a signed-in objector) is not told.</summary>
    public static async Task ForObjectionAsync(LibraryDbContext db, AwardApplication app, Objection o, int? actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(o);
        var enterprise = app.Enterprise ?? await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == app.EnterpriseId, ct);
        var who = o.FromPublicForm ? "公众通过公示页面" : "平台用户";
        var reason = o.Content.Length <= Quote ? o.Content : o.Content[..(Quote - 1)] + "…";
        var title = $"公示异议待处理：{app.Number}";
        var body = $"{app.Number}（{enterprise.Name}，{Codes.Label(app.Scheme)} {app.Year} 年度）公示期间，{who}提出异议：“{reason}”。"
            + "请在申报页面核实处理；异议处理前不能批准。";
        var users = await db.Users.AsNoTracking()
            .Where(u => u.Active && (u.Role == Role.BureauReviewer || u.Role == Role.BureauAdmin) && (actorId == null || u.Id != actorId))
            .Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var u in users) Notifier.Add(db, u.Id, u.Email, Kind, title, body, $"/applications/{app.Id}", app.Id, null, now);
    }
}
