using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Reports;

namespace Renewal.Web.Features.Notice;

/// <summary>One line of the public notice (公示名单).</summary>
public sealed record NoticeRow(int Id, string Number, Scheme Scheme, int Year, string Enterprise, string CreditCode, string Area, string? Project,
    decimal? Amount, DateOnly? From, DateOnly? To, ApplicationState State);

/// <summary>The public notice: applications in notice now, and those approved or paid after it. Public by nature.</summary>
/// <remarks>The query is <see cref="PublicNotice"/> in Renewal.Services, shared with the xlsx download and the command line.</remarks>
public static class ListNotice
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/notice", (LibraryDbContext db, int? year) => TypedResults.Ok(Query(db, year)))
            .AllowAnonymous().WithSummary("公示名单（公开）");

    public static List<NoticeRow> Query(LibraryDbContext db, int? year) =>
        [.. PublicNotice.Query(db, year).Select(r => new NoticeRow(r.Id, r.Number, r.Scheme, r.Year, r.Enterprise, r.CreditCode, r.Area,
            r.ProjectName, r.Amount, r.From, r.To, r.State))];
}
