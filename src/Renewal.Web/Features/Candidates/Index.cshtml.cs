using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Infrastructure;
using Renewal.Services;

namespace Renewal.Web.Features.Candidates;

/// <summary>
/// /candidates — 设备更新潜力: renewal candidates (R-1..R-4) by area and by enterprise for the government side, filtered
/// by area and rule, paged, with an xlsx export of the filtered list. An enterprise is taken to its own items; a bank
/// is refused.
/// </summary>
public sealed class IndexModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public CandidateFilter Filter { get; set; } = new();
    public CandidatePage Data { get; private set; } = null!;
    public string? Error { get; private set; }
    public bool IsDistrict { get; private set; }
    public int Pages => Math.Max(1, (Data.Enterprises + Data.PageSize - 1) / Data.PageSize);

    public IActionResult OnGet()
    {
        var user = HttpContext.User();
        if (user.Role == Role.Bank) return Forbid();
        if (user.Role == Role.Enterprise)
        {
            if (string.IsNullOrEmpty(user.CreditCode)) return Forbid();
            return Redirect($"/candidates/{Uri.EscapeDataString(user.CreditCode)}{(Filter.Year is { } y ? "?year=" + y.ToString(CultureInfo.InvariantCulture) : "")}");
        }
        IsDistrict = user.Role == Role.DistrictReviewer;
        if (IsDistrict) Filter.Area = user.Area; // the district's own area, whatever was asked
        var r = CandidateQuery.List(db, user, Filter, clock);
        if (r.Status == 400)
        {
            Error = r.Message;
            Filter.Year = null;
            Filter.Rule = null;
            r = CandidateQuery.List(db, user, Filter, clock);
        }
        if (r.Value is null) return Forbid();
        Data = r.Value;
        return Page();
    }

    /// <summary>?handler=Xlsx — the filtered list (all pages) as a workbook with Chinese headers.</summary>
    public IActionResult OnGetXlsx()
    {
        var user = HttpContext.User();
        if (user.Role == Role.DistrictReviewer) Filter.Area = user.Area;
        var r = CandidateQuery.Xlsx(db, user, Filter, clock);
        return r.Status switch
        {
            200 => File(r.Value.Bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Value.FileName),
            400 => BadRequest(r.Message ?? ""),
            _ => Forbid(),
        };
    }

    public string Link(int? page = null, string? handler = null)
    {
        var q = new List<string>();
        void Add(string k, string? v) { if (!string.IsNullOrEmpty(v)) q.Add($"{k}={Uri.EscapeDataString(v)}"); }
        Add("handler", handler);
        Add("Filter.Year", Data.Year.ToString(CultureInfo.InvariantCulture));
        if (!IsDistrict) Add("Filter.Area", Filter.Area);
        Add("Filter.Rule", Filter.Rule);
        if (handler is null) Add("Filter.Page", (page ?? Filter.Page).ToString(CultureInfo.InvariantCulture));
        return "/candidates?" + string.Join("&", q);
    }
}
