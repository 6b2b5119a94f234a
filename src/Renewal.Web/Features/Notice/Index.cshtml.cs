using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Web.Features.Notice;

/// <summary>One line of the public notice (公示名单).</summary>
public sealed record NoticeRow(int Id, string Number, Scheme Scheme, int Year, string Enterprise, string CreditCode, string Area, string? Project,
    decimal? Amount, DateOnly? From, DateOnly? To, ApplicationState State);

/// <summary>The public notice: applications in notice now, and those approved or paid after it. Public by nature.</summary>
public static class NoticeList
{
    public static List<NoticeRow> Query(LibraryDbContext db, int? year)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Applications.AsNoTracking().Where(a => a.NoticeStartsOn != null
            && (a.State == ApplicationState.PublicNotice || a.State == ApplicationState.Approved || a.State == ApplicationState.Paid));
        if (year is { } y) q = q.Where(a => a.Year == y);
        return q.OrderByDescending(a => a.NoticeStartsOn).ThenBy(a => a.Id)
            .Select(a => new NoticeRow(a.Id, a.Number, a.Scheme, a.Year, a.Enterprise!.Name, a.Enterprise.CreditCode, a.Enterprise.Area,
                a.Project != null ? a.Project.Name : null, a.ApprovedAmount ?? a.SubmittedAmount, a.NoticeStartsOn, a.NoticeEndsOn, a.State))
            .ToList();
    }
}

[AllowAnonymous]
public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public List<NoticeRow> Rows { get; private set; } = [];

    public void OnGet() => Rows = NoticeList.Query(db, Year);
}
