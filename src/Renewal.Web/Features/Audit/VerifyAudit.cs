using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;

namespace Renewal.Web.Features.Audit;

public sealed record VerifyResult(bool Intact, long Entries, long? BrokenAt, string? Problem);

/// <summary>Verifies the audit log's hash chain (GET /api/v1/audit/verify; the page /audit shows the same result). Bureau and finance only.</summary>
public static class VerifyAudit
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit/verify", async (LibraryDbContext db, CancellationToken ct) =>
        {
            var broken = AuditLog.Verify(db);
            return TypedResults.Ok(new VerifyResult(broken is null, await db.Audit.LongCountAsync(ct), broken?.EntryId, broken?.Problem));
        }).RequireAuthorization(p => p.RequireRole("BureauReviewer", "BureauAdmin", "Finance")).WithSummary("校验审计日志哈希链");
}
