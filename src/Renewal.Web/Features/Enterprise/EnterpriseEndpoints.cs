using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Enterprise;

/// <summary>
/// Enterprise self-service under /api/v1/enterprise: the same use cases as the /enterprise pages, for the enterprise
/// user's own enterprise only. 400 carries a problem-details body whose <c>errors</c> name each field in Chinese;
/// 403 when the row is another enterprise's, 404 when there is no such row, 409 when someone else saved first.
/// </summary>
public static class EnterpriseEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var enterprise = api.MapGroup("/enterprise").RequireAuthorization(Policies.Enterprise).WithTags("enterprise");
        Overview.Map(enterprise);
        SaveProject.Map(enterprise);
        SaveLoan.Map(enterprise);
        FileReport.Map(enterprise);
        SaveContact.Map(enterprise);
    }
}
