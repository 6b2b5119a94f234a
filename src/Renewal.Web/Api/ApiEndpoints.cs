namespace Renewal.Web.Api;

/// <summary>The JSON API under /api/v1: the same operations as the pages, the same authorization.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("api");
        LibraryApi.Map(api);
        EnterpriseApi.Map(api);
        AdminApi.Map(api);
        ApplicationsApi.Map(api);
        CandidatesApi.Map(api);
        SimulationApi.Map(api);
        ProgrammeApi.Map(api);
        return app;
    }
}
