using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;

namespace Renewal.Data.Simulation;

/// <summary>
/// A cheap fingerprint of everything <see cref="LibraryScenario.Build"/> reads: per table the row count, the largest id
/// and the sum of the row versions (every save through the context bumps a changed row's version, ADR-009), and for the
/// paid award decisions (the prior awards of later years) the same. Two equal stamps mean the same engine input.
/// </summary>
public sealed record LibraryStamp(
    (long Count, long Versions, long Max) Enterprises,
    (long Count, long Versions, long Max) Projects,
    (long Count, long Versions, long Max) Investments,
    (long Count, long Versions, long Max) Loans,
    (long Count, long Versions, long Max) Repayments,
    (long Count, long Versions, long Max) PaidDecisions)
{
    /// <summary>Six aggregate queries; each is an index or table scan of integers, no row is materialized.</summary>
    public static LibraryStamp Of(LibraryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Investments have no id: the sum of (project, year) stands in for "which rows", so that deleting one row and
        // adding another with the same version is still seen.
        return new LibraryStamp(
            Aggregate(db.Enterprises.AsNoTracking().GroupBy(_ => 1).Select(g => new Agg(g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id)))),
            Aggregate(db.Projects.AsNoTracking().GroupBy(_ => 1).Select(g => new Agg(g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id)))),
            Aggregate(db.Investments.AsNoTracking().GroupBy(_ => 1).Select(g => new Agg(g.LongCount(), g.Sum(x => x.Version), g.Sum(x => (long)x.ProjectId * 4096 + x.Year)))),
            Aggregate(db.Loans.AsNoTracking().GroupBy(_ => 1).Select(g => new Agg(g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id)))),
            Aggregate(db.Repayments.AsNoTracking().GroupBy(_ => 1).Select(g => new Agg(g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id)))),
            Aggregate(db.AwardDecisions.AsNoTracking().Where(a => a.Status == AwardStatus.Paid).GroupBy(_ => 1)
                .Select(g => new Agg(g.LongCount(), g.Sum(x => x.Version), g.Max(x => (long)x.Id)))));
    }

    private static (long, long, long) Aggregate(IQueryable<Agg> q) => q.FirstOrDefault() is { } a ? (a.Count, a.Versions, a.Max) : (0, 0, 0);

    private sealed record Agg(long Count, long Versions, long Max);
}
