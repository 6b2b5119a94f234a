using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data;
using Renewal.Services;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Audit;

/// <summary>
/// 下载 xlsx of /audit: every entry the page's filter matches (not only the page shown), newest first. The same readers
/// as the page; a day that cannot be read is answered on the page, not with a file.
/// </summary>
[Authorize(Roles = "BureauReviewer,BureauAdmin,Finance")]
public sealed class XlsxModel(LibraryDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (from, to, errors) = AuditQuery.Days(Filter);
        if (errors.Any) return LocalRedirect("/audit?" + Filter.Query());
        using var ms = new MemoryStream();
        await AuditWorkbook.WriteAsync(ms, AuditQuery.AllAsync(db, Filter, from, to, ct), Words(from, to), ct);
        return File(ms.ToArray(), Notice.XlsxModel.ContentType, AuditWorkbook.FileName(clock.Today()));
    }

    /// <summary>The filter in words, for the file's second row.</summary>
    private string Words(DateOnly? from, DateOnly? to)
    {
        var parts = new List<string>();
        if (Filter.User?.Trim() is { Length: > 0 } u) parts.Add($"用户含“{u}”");
        if (Filter.Op?.Trim() is { Length: > 0 } op) parts.Add($"操作：{AuditWords.Action(Filter.Entity ?? "", op)}");
        if (Filter.Entity?.Trim() is { Length: > 0 } e) parts.Add($"对象类型：{AuditWords.Entity(e)}");
        if (Filter.Subject?.Trim() is { Length: > 0 } o) parts.Add($"对象编号含“{o}”");
        if (from is not null || to is not null) parts.Add($"日期（北京时间）：{Enterprise.FormText.Of(from)} 至 {Enterprise.FormText.Of(to)}");
        return (parts.Count == 0 ? "全部记录" : "筛选：" + string.Join("；", parts)) + $"；导出于 {Display.Time(clock.GetUtcNow())}（北京时间）。";
    }
}
