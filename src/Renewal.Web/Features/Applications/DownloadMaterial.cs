using Renewal.Services.Calls;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>
/// One uploaded file of an application (GET /api/v1/applications/{id}/materials/{materialId}; on the page the link
/// /applications/{id}/materials/{materialId}), as an attachment under the name it was uploaded with; 404 for those who
/// do not see the application, and for a file of another application.
/// </summary>
public static class DownloadMaterial
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/applications/{id:int}/materials/{materialId:int}", async (int id, int materialId, HttpContext http, MaterialService materials, CancellationToken ct) =>
        {
            var user = http.User();
            var slots = await materials.ListAsync(user, id, ct);
            if (slots is null || !slots.Any(s => s.Versions.Any(v => v.Id == materialId))) return Results.NotFound();
            if (await materials.DownloadAsync(user, materialId, ct) is not { } file) return Results.NotFound();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.File(file.Content, file.ContentType, file.FileName);
        }).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound)
            .WithName("DownloadApplicationMaterial").WithSummary("下载一份申报材料（以上传时的文件名作为附件）；看不到该申报的用户得到 404");
}
