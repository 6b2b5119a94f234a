using Renewal.Data.Entities;
using Renewal.Services.Workflow;

namespace Renewal.Services.Visits;

/// <summary>
/// Who sees 走访 and 征集项目 (ADR-028): a district its area's (by the enterprise's area, as everywhere in <see cref="Access"/>),
/// the bureau all; an enterprise sees the drafts made for it, never the visit notes; finance and banks nothing.
/// </summary>
public static class VisitAccess
{
    /// <summary>The roles that record visits and read coverage (the pages' and the API's authorization).</summary>
    public const string Roles = "DistrictReviewer,BureauReviewer,BureauAdmin";

    public static bool Records(UserContext u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return u.Role is Role.DistrictReviewer or Role.BureauReviewer or Role.BureauAdmin;
    }

    public static IQueryable<Visit> VisibleTo(this IQueryable<Visit> q, UserContext u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return u.Role switch
        {
            Role.DistrictReviewer => q.Where(v => v.Enterprise!.Area == u.Area),
            Role.BureauReviewer or Role.BureauAdmin => q,
            _ => q.Where(_ => false),
        };
    }

    public static IQueryable<CollectedProject> VisibleTo(this IQueryable<CollectedProject> q, UserContext u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return u.Role switch
        {
            Role.Enterprise => q.Where(c => u.CreditCode != null && c.Enterprise!.CreditCode == u.CreditCode),
            Role.DistrictReviewer => q.Where(c => c.Enterprise!.Area == u.Area),
            Role.BureauReviewer or Role.BureauAdmin => q,
            _ => q.Where(_ => false),
        };
    }
}
