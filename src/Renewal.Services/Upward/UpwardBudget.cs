using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;

namespace Renewal.Services.Upward;

/// <summary>One cell of 向上争取配套资金: yuan obtained and matching money owed (approved recommendations), and how many are still pending (已推荐, 已受理).</summary>
public sealed record UpwardCell(decimal Obtained, decimal Matching, int Pending)
{
    public static UpwardCell Zero { get; } = new(0m, 0m, 0);

    public static UpwardCell operator +(UpwardCell a, UpwardCell b) => new(a.Obtained + b.Obtained, a.Matching + b.Matching, a.Pending + b.Pending);

    public static UpwardCell Add(UpwardCell a, UpwardCell b) => a + b;
}

/// <summary>
/// The budget's section 向上争取配套资金 (ADR-029): for each level of higher programme (province, Suzhou, national — keys
/// "province", "suzhou", "central" as the budget's fiscal levels) and programme year, the amount obtained and the matching
/// money Kunshan owes, from the approved recommendations of that year, and the count of those still pending; totals by year.
/// </summary>
public sealed record UpwardBudget(
    IReadOnlyList<int> Years,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, UpwardCell>> ByLevel,
    IReadOnlyDictionary<int, UpwardCell> ByYear,
    UpwardCell Total)
{
    public static readonly UpwardStatus[] PendingStatuses = [UpwardStatus.Recommended, UpwardStatus.Accepted];

    /// <summary>Sums over every recommendation of <paramref name="years"/> (money summed here: SQLite keeps it as text).</summary>
    public static UpwardBudget Build(LibraryDbContext db, IReadOnlyList<int> years)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(years);
        int first = years[0], last = years[^1];
        var counted = PendingStatuses.Append(UpwardStatus.Approved).ToArray();
        var rows = db.UpwardRecommendations.AsNoTracking()
            .Where(r => r.Year >= first && r.Year <= last && counted.Contains(r.Status))
            .Select(r => new { r.Year, r.Status, r.Programme!.Level, r.ObtainedAmount, r.MatchingAmount })
            .ToList();
        var byLevel = HigherProgramme.Levels.ToDictionary(l => Codes.Of(l), l => (IReadOnlyDictionary<int, UpwardCell>)years.ToDictionary(y => y, y =>
        {
            var cell = rows.Where(r => r.Level == l && r.Year == y).ToList();
            return new UpwardCell(cell.Sum(r => r.ObtainedAmount ?? 0m), cell.Sum(r => r.MatchingAmount ?? 0m), cell.Count(r => r.Status != UpwardStatus.Approved));
        }), StringComparer.Ordinal);
        var byYear = years.ToDictionary(y => y, y => byLevel.Values.Select(v => v[y]).Aggregate(UpwardCell.Zero, UpwardCell.Add));
        return new UpwardBudget(years, byLevel, byYear, byYear.Values.Aggregate(UpwardCell.Zero, UpwardCell.Add));
    }
}
