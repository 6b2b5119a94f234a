using Renewal.Policy.Model;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Reports;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Budget;

/// <summary>
/// Which level of government funds each amount column (ADR-009). Schemes A, B and C are awards of Kunshan's own
/// implementing rules (实施细则, issued with 昆政办发〔2024〕36号): the city pays them, so the budget books them at the
/// Kunshan level. Scheme D is split by the engine into its levels (central, province, Suzhou, Kunshan, D-1).
/// </summary>
public static class FiscalLevels
{
    /// <summary>The levels in display order (central only shows when a loan level pays it).</summary>
    public static IReadOnlyList<Level> All { get; } = [Level.Central, Level.Province, Level.Suzhou, Level.Kunshan];

    /// <summary>The level that funds a column of <see cref="LibraryEvaluation.Columns"/>.</summary>
    public static Level Of(string column) => column switch
    {
        "loan_interest.central" => Level.Central,
        "loan_interest.province" => Level.Province,
        "loan_interest.suzhou" => Level.Suzhou,
        _ => Level.Kunshan,
    };

    /// <summary>Chinese label of a column: "有效投入奖补", "贷款贴息·省级".</summary>
    public static string Label(string column) => column switch
    {
        "demonstration" => Codes.Label(Scheme.Demonstration),
        "effective_investment" => Codes.Label(Scheme.EffectiveInvestment),
        "tech_renovation" => Codes.Label(Scheme.TechRenovation),
        _ when column.StartsWith("loan_interest.", StringComparison.Ordinal) && Codes.TryParse(column["loan_interest.".Length..], out Level l)
            => $"{Codes.Label(Scheme.LoanInterest)}·{Codes.Label(l)}",
        _ => column,
    };

    /// <summary>English label of a column.</summary>
    public static string EnglishLabel(string column) => column switch
    {
        "demonstration" => "A demonstration",
        "effective_investment" => "B effective investment",
        "tech_renovation" => "C tech renovation",
        _ => "D loan interest · " + column.Replace("loan_interest.", "", StringComparison.Ordinal),
    };
}
