using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Features.Library;
using Renewal.Web.Infrastructure;
using Renewal.Services.Reports;
using Renewal.Services;

namespace Renewal.Web.Features.Reports;

/// <summary>
/// 下载奖补通知书（PDF）: an enterprise's approved and paid awards of one year. Who may: the enterprise itself, and the
/// government users who may see the enterprise (a district its area; bureau and finance all); a bank never (banks see
/// no applications). 403 outside the scope, 404 when the enterprise does not exist or has nothing approved that year.
/// </summary>
public sealed class AwardNoticeModel(LibraryDbContext db, TimeProvider clock, IConfiguration config) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int enterprise, int year, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role == Role.Bank) return Forbid();
        var found = await Scope.FindAsync(db, user, db.Enterprises.AsNoTracking(), enterprise, ct);
        if (found.Result is { } refusal) return refusal;

        // The notice is dated the day it is issued, as Kunshan reads the clock (UTC+8).
        var today = clock.Today();
        if (AwardNotices.Load(db, enterprise, year, today) is not { } loaded) return NotFound();
        // The reader checks each decision's code at this platform's own address (the one the notice was downloaded from).
        var notice = loaded with { VerifyAt = $"{Request.Scheme}://{Request.Host}{Request.PathBase}" };
        ReportFont font;
        try
        {
            font = ReportFont.Load(config["Reports:FontPath"]);
        }
        catch (ReportFontException e)
        {
            // A server without its font says so; it does not crash or send a PDF of empty boxes.
            return new ContentResult { StatusCode = StatusCodes.Status503ServiceUnavailable, Content = "无法生成奖补通知书：" + e.Message, ContentType = "text/plain; charset=utf-8" };
        }
        return File(AwardNoticePdf.Render(notice, font), "application/pdf", AwardNoticePdf.FileName(notice));
    }
}
