using Microsoft.AspNetCore.Http.HttpResults;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Services.Calls;
using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Applications;

/// <summary>One uploaded version of a material: its file name, size, SHA-256, type read from its content, who uploaded it and when (Beijing time), where to download it.</summary>
public sealed record MaterialFileDto(int Id, int Version, string FileName, long Length, string Sha256, string Type, string UploadedBy, DateTimeOffset UploadedAt, string Url)
{
    public static MaterialFileDto Of(ApplicationMaterial f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Id, f.Version, f.FileName, f.Length, f.Sha256, f.Type, f.UploadedBy, BeijingTime.At(f.UploadedAt), $"/api/v1/applications/{f.ApplicationId}/materials/{f.Id}");
    }
}

/// <summary>A material the application's call asks for, with every version uploaded (oldest first; the last is the one a submission takes).</summary>
public sealed record MaterialSlotDto(int Material, string Name, bool Required, IReadOnlyList<string> Types, IReadOnlyList<MaterialFileDto> Versions);

/// <summary>The materials of an application (GET /api/v1/applications/{id}/materials; on the page: 申报材料). 404 for those who do not see the application.</summary>
public static class ListMaterials
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/applications/{id:int}/materials", async Task<Results<Ok<List<MaterialSlotDto>>, NotFound>> (int id, HttpContext http, MaterialService materials,
            CancellationToken ct) =>
        {
            var slots = await materials.ListAsync(http.User(), id, ct);
            if (slots is null) return TypedResults.NotFound();
            return TypedResults.Ok(slots.Select(s => new MaterialSlotDto(s.Requirement.Id, s.Requirement.Name, s.Requirement.Required,
                [.. s.Requirement.Types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                [.. s.Versions.Select(MaterialFileDto.Of)])).ToList());
        }).WithName("ListApplicationMaterials").WithSummary("申报材料：所属批次要求的每项材料（是否必需、文件类型）及已上传的各版本");
}
