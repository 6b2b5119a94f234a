using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Services.Materials;
using Renewal.Services.Workflow;

namespace Renewal.Services.Calls;

/// <summary>A material of an application as its page lists it: what the call asks for and the versions uploaded.</summary>
public sealed record MaterialSlot(CallMaterial Requirement, IReadOnlyList<ApplicationMaterial> Versions)
{
    public ApplicationMaterial? Latest => Versions.Count == 0 ? null : Versions[^1];
}

/// <summary>A file to download: its stream, MIME type and the name it was uploaded with.</summary>
public sealed record MaterialDownload(Stream Content, string ContentType, string FileName);

/// <summary>
/// 申报材料 (issue 12 item 2): the enterprise uploads the materials its application's call asks for while it may still
/// change the application (draft, returned, withdrawn); each upload is stored by content (<see cref="IMaterialStore"/>)
/// and is the next version, never an overwrite. Only those who may see the application list or download its materials.
/// </summary>
public sealed class MaterialService(LibraryDbContext db, IMaterialStore store, TimeProvider clock)
{
    private static readonly ApplicationState[] Editable = [ApplicationState.Draft, ApplicationState.Returned, ApplicationState.Withdrawn];

    /// <summary>Whether <paramref name="user"/> may upload to an application in <paramref name="state"/> that the user sees: its enterprise, while it may change it.</summary>
    public static bool MayUpload(UserContext user, ApplicationState state) => user?.Role == Role.Enterprise && Editable.Contains(state);

    /// <summary>The call's materials with what the application has uploaded, in the call's order; null when the user may not see it.</summary>
    public async Task<IReadOnlyList<MaterialSlot>?> ListAsync(UserContext user, int applicationId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var app = await db.Applications.AsNoTracking().VisibleTo(user).Where(a => a.Id == applicationId).Select(a => new { a.CallId }).FirstOrDefaultAsync(ct);
        if (app is null) return null;
        if (app.CallId is null) return [];
        var requirements = await db.CallMaterials.AsNoTracking().Where(m => m.CallId == app.CallId).OrderBy(m => m.Order).ToListAsync(ct);
        var files = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == applicationId).ToListAsync(ct);
        return [.. requirements.Select(r => new MaterialSlot(r, [.. files.Where(f => f.CallMaterialId == r.Id).OrderBy(f => f.Version)]))];
    }

    /// <summary>The enterprise uploads a file for one material of its application's call: the next version.</summary>
    public async Task<Result<ApplicationMaterial>> UploadAsync(UserContext user, int applicationId, int callMaterialId, Stream content, string? fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        if (user.Role != Role.Enterprise) return Result<ApplicationMaterial>.Fail(ResultKind.Forbidden, "申报材料由申报企业上传");
        var app = await db.Applications.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null) return Result<ApplicationMaterial>.Fail(ResultKind.NotFound, "申报不存在或无权查看");
        if (!Editable.Contains(app.State)) return Result<ApplicationMaterial>.Fail(ResultKind.Invalid, "申报已提交审核，不能再上传材料；如需更正请申请退回");
        var requirement = await db.CallMaterials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == callMaterialId && m.CallId == app.CallId, ct);
        if (requirement is null) return Result<ApplicationMaterial>.Fail(ResultKind.NotFound, "该申报批次没有这项材料");
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0) name = requirement.Name;
        if (name.Length > ApplicationMaterial.FileNameLength) name = name[^ApplicationMaterial.FileNameLength..];

        StoredMaterial stored;
        try
        {
            stored = await store.PutAsync(content, [.. CallService.TypesOf(requirement)], ct);
        }
        catch (MaterialRefusedException e)
        {
            return Result<ApplicationMaterial>.Fail(ResultKind.Invalid, $"“{requirement.Name}”：{e.Message}");
        }
        // The next version; two uploads at once collide on the unique index and the later one is told to retry.
        var version = 1 + (await db.ApplicationMaterials.Where(m => m.ApplicationId == applicationId && m.CallMaterialId == callMaterialId)
            .MaxAsync(m => (int?)m.Version, ct) ?? 0);
        var row = new ApplicationMaterial
        {
            ApplicationId = applicationId, CallMaterialId = callMaterialId, Version = version, Sha256 = stored.Sha256, Length = stored.Length,
            Type = stored.Type.ToString().ToLowerInvariant(), FileName = name, UploadedBy = user.UserName, UploadedAt = clock.GetUtcNow(),
        };
        db.ApplicationMaterials.Add(row);
        AuditLog.Append(db, user.Actor, "upload", "application", app.Number, null,
            JsonSerializer.Serialize(new { material = requirement.Name, version, sha256 = stored.Sha256, file = name, bytes = stored.Length }, AuditLog.SnapshotJson), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e, ApplicationMaterial.UniqueIndex))
        {
            db.ChangeTracker.Clear();
            return Result<ApplicationMaterial>.Fail(ResultKind.Conflict, $"“{requirement.Name}”同时有另一份上传，请刷新后重试");
        }
        return Result<ApplicationMaterial>.Success(row);
    }

    /// <summary>One uploaded file, for those who may see its application; null otherwise (or when the file is gone).</summary>
    public async Task<MaterialDownload?> DownloadAsync(UserContext user, int materialId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var file = await db.ApplicationMaterials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == materialId, ct);
        if (file is null || !await db.Applications.AsNoTracking().VisibleTo(user).AnyAsync(a => a.Id == file.ApplicationId, ct)) return null;
        var stream = await store.OpenAsync(file.Sha256, ct);
        if (stream is null) return null;
        var type = Enum.Parse<MaterialType>(file.Type, ignoreCase: true);
        return new MaterialDownload(stream, MaterialTypes.Mime(type), file.FileName);
    }

}
