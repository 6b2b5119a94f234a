using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Exchange.Library;
using Renewal.Services.Onboarding;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Library;

/// <summary>
/// 导入项目库 (issue 12 item 8): the bureau (市局审核员, 市局管理员) downloads the library template and uploads a workbook in
/// the library's exchange format — the CLI's reader (<see cref="LibraryImporter"/> through <see cref="LibraryImport"/>):
/// every wrong cell is listed by sheet, row, field and cell in Chinese and nothing is saved; a good workbook is saved in
/// one transaction with its audit entry, and the page says per sheet what was added and changed. 只校验 checks without
/// saving. The upload is limited to Library:ImportMaxBytes (20 MB by default).
/// </summary>
[Authorize(Policy = Policies.Bureau)]
[LibraryImportLimit]
public sealed class ImportModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What the page shows after a post: the file's name, and the report or the located errors.</summary>
    public string? FileName { get; private set; }
    public ImportReport? Report { get; private set; }
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];
    public bool Truncated { get; private set; }
    /// <summary>A refusal of the upload itself (no file, too large), not of its cells.</summary>
    public string? Problem { get; private set; }
    public long MaxBytes => LibraryImportLimitAttribute.MaxBytes(HttpContext.RequestServices.GetRequiredService<IConfiguration>());

    public void OnGet() { }

    /// <summary>The empty workbook (说明 sheet and the six sheets with their headers), in 元 or 万元.</summary>
    public IActionResult OnGetTemplate(string? unit)
    {
        var u = LibraryWorkbook.Factor(unit) is not null ? unit! : LibraryWorkbook.Yuan;
        using var ms = new MemoryStream();
        LibraryTemplate.Write(ms, u);
        return File(ms.ToArray(), XlsxType, u == LibraryWorkbook.Yuan ? "项目库导入模板.xlsx" : "项目库导入模板（万元）.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (!user.IsBureau) return Forbid();
        if (file is null || file.Length == 0)
        {
            Problem = Lang.T("请选择要导入的 Excel 文件（.xlsx）", "Choose an Excel file (.xlsx) to import");
            return Page();
        }
        FileName = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (file.Length > MaxBytes)
        {
            Problem = LibraryImportLimitAttribute.TooLarge(MaxBytes);
            return Page();
        }
        // The workbook is read whole (a zip needs its directory at the end): into memory, within the limit above.
        using var content = new MemoryStream();
        await using (var upload = file.OpenReadStream()) await upload.CopyToAsync(content, ct);
        content.Position = 0;
        try
        {
            Report = LibraryImport.Save(db, content, FileName, user.Actor, clock.GetUtcNow(), dryRun);
        }
        catch (LibraryImportException e)
        {
            db.ChangeTracker.Clear();
            Errors = e.Errors;
            Truncated = e.Truncated;
        }
        return Page();
    }
}

/// <summary>
/// The import's request size limit, Library:ImportMaxBytes: set before anything reads the body (before the antiforgery
/// check reads the form), and a request that says it is larger is sent back to the page with the reason, unread.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LibraryImportLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    private const long Envelope = 64 * 1024;

    /// <summary>Before the antiforgery filter (order 1000), like <see cref="RequestSizeLimitAttribute"/>.</summary>
    public int Order => -2000;

    public static long MaxBytes(IConfiguration config) => config?.GetValue("Library:ImportMaxBytes", DefaultMaxBytes) ?? DefaultMaxBytes;

    public static string TooLarge(long max) => $"文件过大：导入的 Excel 文件最大 {Renewal.Services.Materials.FileSystemMaterialStore.Size(max)}，请分批导入";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method)) return;
        var max = MaxBytes(http.RequestServices.GetRequiredService<IConfiguration>());
        var limit = max + Envelope;
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit && (http.User.IsInRole("BureauReviewer") || http.User.IsInRole("BureauAdmin")))
        {
            var temp = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory>().GetTempData(http);
            temp["Error"] = TooLarge(max);
            temp.Save(); // the result filters that would save it do not run after an authorization filter's answer
            context.Result = new RedirectResult("/library/import");
        }
    }
}
