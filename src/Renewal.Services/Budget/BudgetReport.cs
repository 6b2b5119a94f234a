using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Simulation;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Budget;

/// <summary>One cell of the budget, yuan.</summary>
/// <param name="Approved">Applications approved or paid: the approved amount (what is owed or was paid).</param>
/// <param name="Paid">Applications paid: the approved amount.</param>
/// <param name="Pending">Applications submitted and not yet decided (submitted … public notice): the amount computed at submission.</param>
/// <param name="Forecast">The engine over the library's declared investments and loans for the year: the entitlement if every
/// eligible enterprise applied.</param>
public sealed record BudgetCell(decimal Approved, decimal Paid, decimal Pending, decimal Forecast)
{
    public static BudgetCell Zero { get; } = new(0, 0, 0, 0);

    public static BudgetCell operator +(BudgetCell a, BudgetCell b) =>
        new(a.Approved + b.Approved, a.Paid + b.Paid, a.Pending + b.Pending, a.Forecast + b.Forecast);

    public static BudgetCell Add(BudgetCell a, BudgetCell b) => a + b;
}

/// <summary>
/// The budget (issue 6): approved, paid, pending and forecast amounts by scheme and level (<see cref="LibraryEvaluation.Columns"/>),
/// by fiscal level (<see cref="FiscalLevels"/>) and programme year (<see cref="Renewal.Policy.Kunshan2024.Programme.ProgrammeYears"/>), with totals.
/// </summary>
public sealed record BudgetReport(
    IReadOnlyList<int> Years,
    IReadOnlyList<string> Columns,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, BudgetCell>> ByColumn,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, BudgetCell>> ByLevel,
    IReadOnlyDictionary<int, BudgetCell> ByYear,
    BudgetCell Total,
    string ForecastVersion)
{
    /// <summary>向上争取配套资金 (issue 14 item 2, ADR-029): obtained from higher programmes and Kunshan's matching money, by level and year.</summary>
    public Renewal.Services.Upward.UpwardBudget? Upward { get; init; }

    /// <summary>Pending D applications whose trace could not be split by level are booked here (never expected).</summary>
    public const string UnsplitLoanColumn = "loan_interest.unsplit";

    public static IReadOnlyList<int> ProgrammeYears => Renewal.Policy.Kunshan2024.Programme.ProgrammeYears.All;

    public static readonly ApplicationState[] PendingStates =
        [ApplicationState.Submitted, ApplicationState.DistrictReview, ApplicationState.BureauReview, ApplicationState.PublicNotice];

    /// <summary>Builds the budget from the applications and the engine over the library (the forecast uses the snapshot cache).</summary>
    public static BudgetReport Build(LibraryDbContext db, PolicyEngine engine, LibrarySnapshots snapshots)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(snapshots);
        var years = ProgrammeYears;
        var cells = new Dictionary<(string Column, int Year), BudgetCell>();
        void Add(string column, int year, BudgetCell c) => cells[(column, year)] = cells.GetValueOrDefault((column, year), BudgetCell.Zero) + c;

        int first = years[0], last = years[^1];
        var states = PendingStates.Concat([ApplicationState.Approved, ApplicationState.Paid]).ToArray();
        var apps = db.Applications.AsNoTracking()
            .Where(a => states.Contains(a.State) && a.Year >= first && a.Year <= last)
            .Select(a => new
            {
                a.Scheme, a.Year, a.State, a.SubmittedAmount, a.ApprovedAmount, a.ApprovedByLevel,
                Trace = a.Scheme == Scheme.LoanInterest && a.State != ApplicationState.Approved && a.State != ApplicationState.Paid ? a.Trace : null,
            })
            .ToList();
        foreach (var a in apps)
        {
            var decided = a.State is ApplicationState.Approved or ApplicationState.Paid;
            var amount = (decided ? a.ApprovedAmount : a.SubmittedAmount) ?? 0m;
            var split = a.Scheme != Scheme.LoanInterest ? [(Column: Codes.Of(a.Scheme), Amount: amount)]
                : decided ? ByLevelText(a.ApprovedByLevel) : ByLevelTrace(a.Trace, amount);
            foreach (var (column, value) in split)
            {
                Add(column, a.Year, decided
                    ? new BudgetCell(value, a.State == ApplicationState.Paid ? value : 0m, 0m, 0m)
                    : new BudgetCell(0m, 0m, value, 0m));
            }
        }

        foreach (var year in years)
        {
            var snapshot = snapshots.Get(db, year);
            var amounts = snapshot.Baseline(engine);
            var columns = LibraryEvaluation.Columns;
            var sums = new decimal[LibrarySnapshot.Width];
            for (var i = 0; i < amounts.Length; i++) sums[i % LibrarySnapshot.Width] += amounts[i];
            for (var c = 0; c < columns.Count; c++) Add(columns[c], year, new BudgetCell(0m, 0m, 0m, sums[c]));
        }

        var allColumns = LibraryEvaluation.Columns.Concat(cells.Keys.Select(k => k.Column).Where(c => c == UnsplitLoanColumn).Distinct()).ToList();
        var byColumn = allColumns.ToDictionary(c => c,
            c => (IReadOnlyDictionary<int, BudgetCell>)years.ToDictionary(y => y, y => cells.GetValueOrDefault((c, y), BudgetCell.Zero)), StringComparer.Ordinal);
        var byLevel = FiscalLevels.All.ToDictionary(l => Codes.Of(l),
            l => (IReadOnlyDictionary<int, BudgetCell>)years.ToDictionary(y => y,
                y => allColumns.Where(c => c != UnsplitLoanColumn && FiscalLevels.Of(c) == l).Select(c => byColumn[c][y]).Aggregate(BudgetCell.Zero, BudgetCell.Add)),
            StringComparer.Ordinal);
        var byYear = years.ToDictionary(y => y, y => allColumns.Select(c => byColumn[c][y]).Aggregate(BudgetCell.Zero, BudgetCell.Add));
        return new BudgetReport(years, allColumns, byColumn, byLevel, byYear, byYear.Values.Aggregate(BudgetCell.Zero, BudgetCell.Add), engine.Parameters.Fingerprint)
        {
            Upward = Renewal.Services.Upward.UpwardBudget.Build(db, years),
        };
    }

    /// <summary>"province=…;kunshan=…" (written at approval) into columns.</summary>
    private static List<(string Column, decimal Amount)> ByLevelText(string? text) =>
        [.. (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .Select(p => ("loan_interest." + p[0], decimal.Parse(p[1], CultureInfo.InvariantCulture)))];

    /// <summary>
    /// The per-level amounts of the engine's computation at submission (the application's trace: one object per level with
    /// "level" and "amount"); when they do not add up to the submitted amount, the whole amount goes to the unsplit column.
    /// </summary>
    private static List<(string Column, decimal Amount)> ByLevelTrace(string? trace, decimal submitted)
    {
        var lines = new List<(string, decimal)>();
        try
        {
            if (trace is { Length: > 0 })
            {
                using var doc = JsonDocument.Parse(trace);
                foreach (var line in doc.RootElement.EnumerateArray())
                {
                    if (line.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String
                        && line.TryGetProperty("amount", out var amount) && amount.GetDecimal() != 0m)
                        lines.Add(("loan_interest." + level.GetString(), amount.GetDecimal()));
                }
            }
        }
        catch (JsonException)
        {
            lines.Clear();
        }
        return lines.Sum(l => l.Item2) == submitted ? lines : submitted == 0m ? [] : [(UnsplitLoanColumn, submitted)];
    }
}
