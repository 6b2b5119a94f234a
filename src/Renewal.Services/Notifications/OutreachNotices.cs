using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;

namespace Renewal.Services.Notifications;

/// <summary>
/// What the enterprise learns of the programme's outreach (issue 14 items 2 and 3): its project recommended to a higher
/// programme and the outcome, and its selection as a 标杆企业 (with the question what its public page may show). Added to
/// the context of the bureau's move, so saved in its transaction (as <see cref="FinancingNotices"/>).
/// </summary>
public static class OutreachNotices
{
    /// <summary>Where the enterprise reads its projects' recommendations.</summary>
    public const string UpwardLink = "/enterprise#upward";

    /// <summary>Where a selected enterprise says what may be published.</summary>
    public const string ConsentLink = "/benchmarks/consent";

    /// <summary>The bureau recommended <paramref name="project"/> to <paramref name="programme"/> for <paramref name="year"/>.</summary>
    public static Task RecommendedAsync(LibraryDbContext db, Project project, HigherProgramme programme, int year, int actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(programme);
        return ToEnterpriseAsync(db, project.EnterpriseId, actorId, "upward_recommended", $"项目已推荐上报：{programme.Name}",
            $"市工信局已将贵企业项目“{project.Name}”（{project.Code}）推荐至“{programme.Name}”（{year} 年度）。上级受理和批复情况将在“我的企业”中更新，如需补充材料市工信局会另行联系。",
            UpwardLink, now, ct);
    }

    /// <summary>The outcome of <paramref name="rec"/> (已获批 or 未获批) was recorded.</summary>
    public static Task OutcomeAsync(LibraryDbContext db, UpwardRecommendation rec, int actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rec);
        var project = rec.Project ?? throw new InvalidOperationException("推荐记录须带项目");
        var programme = rec.Programme ?? throw new InvalidOperationException("推荐记录须带上级项目");
        var (title, body) = rec.Status switch
        {
            UpwardStatus.Approved => ($"上级项目已获批：{programme.Name}",
                $"贵企业项目“{project.Name}”（{project.Code}）已获“{programme.Name}”批复支持 {rec.ObtainedAmount:#,##0.00} 元（{rec.DocumentNumber}）。"),
            UpwardStatus.Rejected => ($"上级项目未获批：{programme.Name}",
                $"贵企业项目“{project.Name}”（{project.Code}）推荐至“{programme.Name}”未获批准。原因：{rec.RejectReason}"),
            _ => throw new InvalidOperationException("只通知获批或未获批的结果"),
        };
        return ToEnterpriseAsync(db, project.EnterpriseId, actorId, "upward_outcome", title, body, UpwardLink, now, ct);
    }

    /// <summary>The enterprise of <paramref name="nomination"/> was selected in the published round <paramref name="round"/>.</summary>
    public static Task SelectedAsync(LibraryDbContext db, BenchmarkNomination nomination, BenchmarkRound round, int actorId, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        ArgumentNullException.ThrowIfNull(round);
        return ToEnterpriseAsync(db, nomination.EnterpriseId, actorId, "benchmark_selected", $"入选标杆企业：{round.Name}",
            $"贵企业入选“{round.Name}”标杆企业，企业名称已在“标杆企业”公开页面公布。请在“标杆企业”中勾选同意公开的改造项目和数据；未经同意的数据不会公开。",
            ConsentLink, now, ct);
    }

    private static async Task ToEnterpriseAsync(LibraryDbContext db, int enterpriseId, int actorId, string kind, string title, string body, string link, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = await db.Enterprises.AsNoTracking().Where(e => e.Id == enterpriseId).Select(e => e.CreditCode).SingleAsync(ct);
        await Notifier.ToEnterpriseAsync(db, code, actorId, kind, title, body, link, now, ct);
    }
}
