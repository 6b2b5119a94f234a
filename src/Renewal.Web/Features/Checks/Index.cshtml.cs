using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Policy.Kunshan2024.Safeguards;
using Renewal.Services.Checks;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Checks;

/// <summary>
/// /checks — 核查名单 (issue 14 item 4): the register of blacklist and incident entries and the register of other
/// programmes' funding that the checks before money read. The bureau enters entries, records a blacklist entry's 移出日期,
/// imports either register from xlsx (templates here); finance reads. A district or an enterprise is refused (403).
/// </summary>
[Authorize(Policy = Policies.Payments)]
public sealed class IndexModel(ChecksService service, TimeProvider clock) : PageModel
{
    /// <summary>Today in Beijing: the default 移出日期.</summary>
    public string Today => Renewal.Services.BeijingTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>统一社会信用代码 to look up (both registers).</summary>
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public bool CanWrite { get; private set; }
    public IReadOnlyList<CreditRow> Register { get; private set; } = [];
    public IReadOnlyList<FundingRow> Funding { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public IActionResult OnGetTemplate(string? kind) => kind == "funding"
        ? File(ChecksWorkbooks.FundingTemplate(), XlsxType, "已获其他资金支持导入模板.xlsx")
        : File(ChecksWorkbooks.CreditTemplate(), XlsxType, "信用与事故记录导入模板.xlsx");

    public async Task<IActionResult> OnPostCreditAsync(string? creditCode, string? enterpriseName, RegisterKind? kind, DateOnly? on, DateOnly? liftedOn, string? source,
        string? note, CancellationToken ct)
    {
        var r = await service.AddCreditAsync(HttpContext.User(), new CreditInput(creditCode, enterpriseName, kind, on, liftedOn, source, note), ct);
        return After(r.Kind, r.Ok ? Lang.T($"已登记{r.Value!.KindLabel}记录：{r.Value.EnterpriseName ?? r.Value.CreditCode}", "Entry recorded") : r.Message);
    }

    public async Task<IActionResult> OnPostLiftAsync(int id, long version, DateOnly? liftedOn, CancellationToken ct)
    {
        var r = await service.LiftAsync(HttpContext.User(), id, version, liftedOn, ct);
        return After(r.Kind, r.Ok ? Lang.T($"已登记移出日期 {r.Value!.LiftedOn:yyyy-MM-dd}：{r.Value.EnterpriseName ?? r.Value.CreditCode}", "Lifting recorded") : r.Message);
    }

    public async Task<IActionResult> OnPostFundingAsync(string? programme, int? year, string? creditCode, string? projectName, string? invoices, decimal? amount, string? source,
        string? note, CancellationToken ct)
    {
        var r = await service.AddFundingAsync(HttpContext.User(), new FundingInput(programme, year, creditCode, projectName, invoices, amount, source, note), ct);
        return After(r.Kind, r.Ok ? Lang.T($"已登记其他资金支持：{r.Value!.Programme}，{r.Value.ProjectName}", "Funding recorded") : r.Message);
    }

    public async Task<IActionResult> OnPostImportAsync(string? kind, IFormFile? file, string? source, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        if (file is null || file.Length == 0) return After(Renewal.Services.Workflow.ResultKind.Invalid, Lang.T("请选择要导入的 xlsx 文件", "Choose an xlsx file"));
        if (file.Length > ChecksService.MaxFileBytes) return After(Renewal.Services.Workflow.ResultKind.Invalid, $"文件超过 {ChecksService.MaxFileBytes / 1024 / 1024} MB");
        using var content = new MemoryStream();
        await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(content, ct);
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var r = kind == "funding"
            ? await service.ImportFundingAsync(user, content.ToArray(), name, source, ct)
            : await service.ImportCreditAsync(user, content.ToArray(), name, source, ct);
        return After(r.Kind, r.Ok ? Lang.T($"已导入 {r.Value!.File}：{r.Value.Count} 条记录", $"Imported {r.Value!.Count} entries") : r.Message);
    }

    private IActionResult After(Renewal.Services.Workflow.ResultKind kind, string? message)
    {
        if (kind == Renewal.Services.Workflow.ResultKind.Forbidden) return Forbid();
        if (kind == Renewal.Services.Workflow.ResultKind.NotFound) return NotFound();
        if (kind == Renewal.Services.Workflow.ResultKind.Ok) TempData["Message"] = message;
        else TempData["Error"] = message;
        return Redirect("/checks" + (string.IsNullOrWhiteSpace(Code) ? "" : "?Code=" + Uri.EscapeDataString(Code)));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = HttpContext.User();
        CanWrite = user.IsBureau;
        Register = (await service.RegisterAsync(user, Code, ct)).Value ?? [];
        Funding = (await service.FundingAsync(user, Code, ct)).Value ?? [];
    }
}
