using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Reports;
using Renewal.Services;

namespace Renewal.Web.Features.Notice;

[AllowAnonymous]
public sealed class IndexModel(LibraryDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public List<NoticeRow> Rows { get; private set; } = [];

    public void OnGet() => Rows = ListNotice.Query(db, Year);
}
