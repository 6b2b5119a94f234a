using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renewal.Data.Entities;
using Renewal.Services.Calls;
using Renewal.Services.Workflow;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>
/// 申报材料 of an application: GET /applications/{id}/materials/{materialId} downloads one uploaded file, POST
/// /applications/{id}/materials uploads a file for one material of the call (the form on the application page).
/// Who may is <see cref="MaterialService"/>'s: the files of an application the user does not see do not exist for
/// the user (404); only its enterprise uploads, while it may change the application.
/// </summary>
[MaterialUploadLimit]
public sealed class MaterialsModel(MaterialService materials) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int? materialId, CancellationToken ct)
    {
        var user = HttpContext.User();
        var slots = await materials.ListAsync(user, id, ct);
        if (slots is null) return NotFound();
        if (materialId is not { } mid) return Redirect($"/applications/{id}#materials");
        // The file must be one of this application's (an id of another application the user sees is not found here).
        if (!slots.Any(s => s.Versions.Any(v => v.Id == mid))) return NotFound();
        var file = await materials.DownloadAsync(user, mid, ct);
        if (file is null) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(int id, int material, IFormFile? file, CancellationToken ct)
    {
        var user = HttpContext.User();
        if (await materials.ListAsync(user, id, ct) is null) return NotFound();
        if (user.Role != Role.Enterprise) return Forbid();
        var back = Redirect($"/applications/{id}#materials");
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Lang.T("请选择要上传的文件", "Choose a file to upload");
            return back;
        }
        Result<ApplicationMaterial> r;
        await using (var content = file.OpenReadStream()) r = await materials.UploadAsync(user, id, material, content, file.FileName, ct);
        switch (r.Kind)
        {
            case ResultKind.Ok:
                TempData["Message"] = Lang.T($"已上传“{r.Value!.FileName}”（第 {r.Value.Version} 版）", $"Uploaded {r.Value!.FileName} (version {r.Value.Version})");
                break;
            case ResultKind.Forbidden:
                return Forbid();
            default:
                TempData["Error"] = r.Message;
                break;
        }
        return back;
    }
}
