using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Reports;

/// <summary>
/// One line of the public notice (公示名单): the application, its enterprise and subject, the amount and the notice
/// period. Amount: the approved amount, or while in notice the amount computed at submission (yuan, to the fen).
/// </summary>
public sealed record PublicNoticeRow(int Id, string Number, Scheme Scheme, int Year, string Enterprise, string CreditCode, string Area,
    string? ProjectName, string? LoanCode, decimal? Amount, DateOnly? From, DateOnly? To, ApplicationState State)
{
    /// <summary>项目或贷款: the project's name, the loan's code, or empty for scheme C (the enterprise as a whole).</summary>
    public string? Subject => ProjectName ?? (LoanCode is { } l ? "贷款 " + l : null);
}

/// <summary>
/// The public notice: applications in notice now, and those approved or paid after it. Public by nature (plan §三
/// asks for open, fair award); the page /notice, its xlsx download, the API and <c>renewal report notice</c> all read this.
/// </summary>
public static class PublicNotice
{
    public static List<PublicNoticeRow> Query(LibraryDbContext db, int? year)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Applications.AsNoTracking().Where(a => a.NoticeStartsOn != null
            && (a.State == ApplicationState.PublicNotice || a.State == ApplicationState.Approved || a.State == ApplicationState.Paid));
        if (year is { } y) q = q.Where(a => a.Year == y);
        return q.OrderByDescending(a => a.NoticeStartsOn).ThenBy(a => a.Id)
            .Select(a => new PublicNoticeRow(a.Id, a.Number, a.Scheme, a.Year, a.Enterprise!.Name, a.Enterprise.CreditCode, a.Enterprise.Area,
                a.Project != null ? a.Project.Name : null, a.Loan != null ? a.Loan.Code : null,
                a.ApprovedAmount ?? a.SubmittedAmount, a.NoticeStartsOn, a.NoticeEndsOn, a.State))
            .ToList();
    }
}
