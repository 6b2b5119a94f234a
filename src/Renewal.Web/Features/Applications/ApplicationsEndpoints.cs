namespace Renewal.Web.Features.Applications;

/// <summary>Applications and their moves and objections under /api/v1/applications (the same use cases as /applications).</summary>
public static class ApplicationsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        ListApplications.Map(api);
        GetApplication.Map(api);
        GetDeclarations.Map(api);
        CreateApplication.Map(api);
        MoveApplication.Map(api);
        RaiseObjection.Map(api);
        ListMaterials.Map(api);
        UploadMaterial.Map(api);
        DownloadMaterial.Map(api);
    }
}
