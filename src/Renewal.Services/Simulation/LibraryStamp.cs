using Renewal.Data.Entities;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Budget;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Simulation;

/// <summary>
/// A cheap fingerprint of everything <see cref="LibraryScenario.Build"/> reads: per table the row count, the sum of the
/// row versions (every save through the context bumps a changed row's version) and the largest id; for the paid award
/// decisions and the approved, not yet paid applications (together the prior awards of later years, ADR-016) the
/// same. Two equal stamps mean the same engine input (ADR-009).
/// </summary>
public sealed record LibraryStamp(IReadOnlyList<long> Values)
{
    private static readonly StampedTable[] Tables =
    [
        StampedTable.Enterprises, StampedTable.Projects, StampedTable.Investments, StampedTable.Loans, StampedTable.Repayments,
        StampedTable.Decisions with { Where = $"\"Status\" = '{nameof(AwardStatus.Paid)}'" },
        StampedTable.Applications with { Where = $"\"State\" = '{nameof(ApplicationState.Approved)}'" },
    ];

    /// <summary>One round trip (<see cref="TableStamps"/>), on every what-if.</summary>
    public static LibraryStamp Of(LibraryDbContext db) => new([.. TableStamps.Of(db, Tables).SelectMany(t => t)]);

    public bool Equals(LibraryStamp? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Aggregate(0, HashCode.Combine);
}
