using Renewal.Web.Infrastructure;

namespace Renewal.Web.Features.Admin;

/// <summary>Account administration under /api/v1/admin, for the bureau administrator only (the same use cases as /admin/accounts).</summary>
public static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var accounts = api.MapGroup("/admin/accounts").RequireAuthorization(Policies.Admin).WithTags("admin");
        ListAccounts.Map(accounts);
        CreateAccount.Map(accounts);
        ResetPassword.Map(accounts);
        SetActive.Map(accounts);
        Unlock.Map(accounts);
        ListTokens.Map(accounts);
        IssueToken.Map(accounts);
        RevokeToken.Map(accounts);
    }
}
