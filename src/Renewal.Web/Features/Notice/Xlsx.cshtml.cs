using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Services.Reports;
using Renewal.Services;

namespace Renewal.Web.Features.Notice;

/// <summary>
/// 下载公示名单（xlsx）: the rows of /notice with the same year filter, as a workbook. Public like the page it comes from:
/// the notice exists so that anyone may read and object (ADR-011).
/// </summary>
[AllowAnonymous]
public sealed class XlsxModel(LibraryDbContext db) : PageModel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public IActionResult OnGet(int? year)
    {
        using var ms = new MemoryStream();
        NoticeWorkbook.Write(ms, PublicNotice.Query(db, year), year);
        return File(ms.ToArray(), ContentType, NoticeWorkbook.FileName(year));
    }
}
