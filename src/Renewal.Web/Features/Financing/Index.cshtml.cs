using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Financing;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Enterprise;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Financing;

/// <summary>
/// /financing — 银企对接. A bank: the financing needs of the projects it may see, with the enterprise's contact, filtered
/// by area and amount (万元), paged, each with its own record's status or a button to record its interest; below, its
/// records. The government: how many records stand in each status, and the records of its scope. An enterprise reads its
/// banks on its own page (/enterprise).
/// </summary>
public sealed class IndexModel(FinancingService service) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    /// <summary>融资需求下限 / 上限, 万元 as typed.</summary>
    [BindProperty(SupportsGet = true)] public string? Min { get; set; }
    [BindProperty(SupportsGet = true)] public string? Max { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Role Role { get; private set; }
    public string? Bank { get; private set; }
    public NeedPage? Needs { get; private set; }
    public IReadOnlyList<MatchRow> Records { get; private set; } = [];
    public IReadOnlyDictionary<FinancingStatus, int> Counts { get; private set; } = new Dictionary<FinancingStatus, int>();
    /// <summary>Why the filter could not be applied (a field that is not a number, a range upside down).</summary>
    public string? Refusal { get; private set; }
    public int Pages => Needs is null ? 1 : Math.Max(1, (Needs.Total + Needs.PageSize - 1) / Needs.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        if (user.Role == Role.Enterprise) return Redirect("/enterprise#financing");
        await LoadAsync(user, ct);
        return Page();
    }

    /// <summary>有意向: the bank records its interest in a project's need (one record per bank and project).</summary>
    public async Task<IActionResult> OnPostInterestAsync(int projectId, string? note, CancellationToken ct)
    {
        var user = HttpContext.User();
        var r = await service.InterestAsync(user, projectId, note, ct);
        if (r.Kind == ResultKind.Forbidden) return Forbid();
        if (r.Kind == ResultKind.NotFound) return NotFound();
        if (r.Ok) TempData["Message"] = Lang.T("已登记对接意向，企业将收到消息。请在联系后更新进展。", "Interest recorded; the enterprise has been told.");
        else TempData["Error"] = r.Message;
        return Redirect(r.Ok ? $"/financing/{r.Value!.Id}" : "/financing");
    }

    private async Task LoadAsync(UserContext user, CancellationToken ct)
    {
        Role = user.Role;
        Bank = user.Bank;
        if (user.Role == Role.Bank)
        {
            var errors = new FieldErrors();
            var min = FormText.Number(errors, "min", "融资需求下限（万元）", Min);
            var max = FormText.Number(errors, "max", "融资需求上限（万元）", Max);
            var filter = new NeedFilter(string.IsNullOrWhiteSpace(Area) ? null : Area.Trim(), min * 10_000m, max * 10_000m, PageNumber);
            Refusal = errors.Any ? string.Join("；", errors.All) : null;
            var r = await service.NeedsAsync(user, errors.Any ? new NeedFilter(Page: PageNumber) : filter, ct);
            if (!r.Ok) Refusal = r.Message;
            Needs = r.Value ?? (await service.NeedsAsync(user, new NeedFilter(Page: PageNumber), ct)).Value;
        }
        Records = await service.ListAsync(user, ct: ct);
        Counts = await service.CountsAsync(user, ct);
    }


    public string PageLink(int page)
    {
        var q = new Dictionary<string, string?> { ["Area"] = Area, ["Min"] = Min, ["Max"] = Max, ["p"] = page.ToString(CultureInfo.InvariantCulture) };
        return "/financing?" + string.Join("&", q.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
    }

    /// <summary>An amount in 万元 with two decimals; the exact yuan in the cell's title (issue 12 item 9).</summary>
    public static string Wan(decimal yuan) => (yuan / 10_000m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
