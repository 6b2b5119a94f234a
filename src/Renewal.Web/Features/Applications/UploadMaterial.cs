using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Renewal.Data.Entities;
using Renewal.Services.Calls;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>
/// The enterprise uploads a file for one material of its application's call (POST /api/v1/applications/{id}/materials,
/// multipart/form-data with the fields <c>material</c> — the material's id from the list — and <c>file</c>): the next
/// version. The type is read from the content; the request is limited to Materials:MaxBytes (plus the envelope).
/// </summary>
public static class UploadMaterial
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var config = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IConfiguration>();
        var limit = MaterialUpload.RequestLimit(config);
        api.MapPost("/applications/{id:int}/materials", async Task<Results<Created<MaterialFileDto>, NotFound, ProblemHttpResult>> (int id, HttpContext http,
            MaterialService materials, CancellationToken ct) =>
        {
            var user = http.User();
            if (await materials.ListAsync(user, id, ct) is null) return TypedResults.NotFound();
            if (user.Role != Role.Enterprise) return ApiResults.Forbidden("申报材料由申报企业上传");
            if (http.Request.ContentLength > limit) return Problem(StatusCodes.Status413PayloadTooLarge, MaterialUpload.TooLarge(config));
            if (!http.Request.HasFormContentType) return Problem(StatusCodes.Status400BadRequest, "请求体应为 multipart/form-data，含字段 material（材料编号）和 file（文件）");
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, MaterialUpload.TooLarge(config));
            }
            catch (InvalidDataException)
            {
                return Problem(StatusCodes.Status400BadRequest, "请求体不是有效的 multipart/form-data");
            }
            if (!int.TryParse(form["material"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var material))
                return Problem(StatusCodes.Status400BadRequest, "请在字段 material 中指明材料编号（见 GET /api/v1/applications/{id}/materials）");
            if (form.Files.GetFile("file") is not { Length: > 0 } file) return Problem(StatusCodes.Status400BadRequest, "请在字段 file 中附上文件");
            await using var content = file.OpenReadStream();
            var r = await materials.UploadAsync(user, id, material, content, file.FileName, ct);
            return r.Ok
                ? TypedResults.Created(MaterialFileDto.Of(r.Value!).Url, MaterialFileDto.Of(r.Value!))
                : ApiResults.Refused(r.Kind, r.Message);
            // No .Accepts(multipart): endpoint selection would answer a JSON body 415 before the application's visibility is checked.
        }).WithMetadata(new RequestSizeLimitAttribute(limit))
            .WithName("UploadApplicationMaterial")
            .WithSummary("企业上传申报材料（multipart/form-data：material 为材料编号，file 为文件）：按内容核验文件类型和大小，每次上传为新版本；仅在草稿、被退回或已撤回时可上传")
            .Forbids();
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);
}
