using Renewal.Services;
using Renewal.Data;
using Renewal.Testing;
using Renewal.Data.Entities;
using Renewal.Services.Tests.Simulation;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Budget;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Budget;

/// <summary>The budget equals independent sums over the applications and over full evaluations of the library.</summary>
public class BudgetReportTests
{
    private static int _number;

    private static AwardApplication App(Scheme scheme, int year, ApplicationState state, int enterpriseId, decimal? submitted, decimal? approved,
        string? byLevel = null, string? trace = null, int? projectId = null, int? loanId = null)
    {
        var a = AwardApplication.Draft(scheme, year, enterpriseId, DateTimeOffset.UnixEpoch, projectId, loanId).MovedTo(state, DateTimeOffset.UnixEpoch);
        a.Number = $"T{Interlocked.Increment(ref _number):D6}";
        if (submitted is { } declared) a.Declared(1, declared, "", trace ?? "");
        if (approved is { } amount) a.Approved(amount, byLevel, "", trace ?? "");
        return a;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public void Budget_EqualsIndependentSums(string provider)
    {
        using var db = SimulationLibraries.Fresh(provider);
        var e = db.Enterprises.OrderBy(x => x.Id).Select(x => x.Id).ToList();
        // Subjects for the project and loan schemes (the budget sums by scheme, level and year; which subject does not matter).
        var projects = db.Projects.OrderBy(x => x.Id).Select(x => x.Id).Take(2).ToList();
        var loans = db.Loans.OrderBy(x => x.Id).Select(x => x.Id).Take(2).ToList();
        var apps = new List<AwardApplication>
        {
            App(Scheme.EffectiveInvestment, 2025, ApplicationState.Approved, e[0], 1_200_000m, 1_234_567.89m, projectId: projects[0]),
            App(Scheme.TechRenovation, 2024, ApplicationState.Paid, e[1], 500_000m, 500_000.01m),
            App(Scheme.LoanInterest, 2025, ApplicationState.Paid, e[2], 300m, 300.75m, "province=100.5;kunshan=200.25", loanId: loans[0]),
            App(Scheme.LoanInterest, 2026, ApplicationState.BureauReview, e[3], 90m, null, trace:
                "[{\"level\":\"province\",\"amount\":40.00,\"Eligible\":true},{\"level\":\"suzhou\",\"amount\":50.00},{\"level\":\"kunshan\",\"amount\":0}]", loanId: loans[1]),
            App(Scheme.Demonstration, 2027, ApplicationState.PublicNotice, e[4], 30_000_000m, null, projectId: projects[1]),
            App(Scheme.TechRenovation, 2026, ApplicationState.Submitted, e[5], 77_777.77m, null),
            App(Scheme.TechRenovation, 2026, ApplicationState.DistrictReview, e[6], 1m, null),
            // Not in the budget: drafts, returned and rejected applications, and years outside the programme.
            App(Scheme.TechRenovation, 2025, ApplicationState.Draft, e[7], 9_999m, null),
            App(Scheme.TechRenovation, 2025, ApplicationState.Returned, e[8], 9_999m, null),
            App(Scheme.TechRenovation, 2025, ApplicationState.Rejected, e[9], 9_999m, 9_999m),
            App(Scheme.TechRenovation, 2028, ApplicationState.Approved, e[10], 9_999m, 9_999m),
        };
        db.Applications.AddRange(apps);
        db.SaveChanges();

        var engine = PolicyEngine.Default;
        var report = BudgetReport.Build(db, engine, new LibrarySnapshots());

        // Independent: the applications by definition, one rule per figure.
        decimal Sum(string column, int year, Func<AwardApplication, bool> which, Func<AwardApplication, decimal> amount) =>
            apps.Where(a => a.Year == year && which(a)).Sum(a => Split(a, amount(a)).GetValueOrDefault(column));
        var pending = new[] { ApplicationState.Submitted, ApplicationState.DistrictReview, ApplicationState.BureauReview, ApplicationState.PublicNotice };
        foreach (var year in new[] { 2024, 2025, 2026, 2027 })
        {
            var scenario = LibraryScenario.Build(db, year);
            var forecast = LibraryEvaluation.Totals(scenario, engine.Evaluate(scenario)).BySchemeAndLevel;
            foreach (var column in LibraryEvaluation.Columns)
            {
                var cell = report.ByColumn[column][year];
                Assert.Equal(Sum(column, year, a => a.State is ApplicationState.Approved or ApplicationState.Paid, a => a.ApprovedAmount ?? 0), cell.Approved);
                Assert.Equal(Sum(column, year, a => a.State == ApplicationState.Paid, a => a.ApprovedAmount ?? 0), cell.Paid);
                Assert.Equal(Sum(column, year, a => pending.Contains(a.State), a => a.SubmittedAmount ?? 0), cell.Pending);
                Assert.Equal(forecast[column], cell.Forecast);
            }
            Assert.Equal(forecast.Values.Sum(), report.ByYear[year].Forecast);
            // Levels: Kunshan carries A, B, C and its loan level; the others only their loan level.
            Assert.Equal(forecast["demonstration"] + forecast["effective_investment"] + forecast["tech_renovation"] + forecast["loan_interest.kunshan"],
                report.ByLevel["kunshan"][year].Forecast);
            Assert.Equal(forecast["loan_interest.province"], report.ByLevel["province"][year].Forecast);
        }
        Assert.True(report.Total.Forecast > 0);
        Assert.Equal(1_234_567.89m + 500_000.01m + 300.75m, report.Total.Approved);
        Assert.Equal(500_000.01m + 300.75m, report.Total.Paid);
        Assert.Equal(90m + 30_000_000m + 77_777.77m + 1m, report.Total.Pending);
        Assert.Equal(40m, report.ByLevel["province"][2026].Pending);
        Assert.DoesNotContain(BudgetReport.UnsplitLoanColumn, report.Columns);
    }

    /// <summary>How the test itself splits an application's amount into columns.</summary>
    private static Dictionary<string, decimal> Split(AwardApplication a, decimal amount)
    {
        if (a.Scheme == Scheme.EffectiveInvestment) return new() { ["effective_investment"] = amount };
        if (a.Scheme == Scheme.TechRenovation) return new() { ["tech_renovation"] = amount };
        if (a.Scheme == Scheme.Demonstration) return new() { ["demonstration"] = amount };
        if (a.ApprovedByLevel is { } text && a.State is ApplicationState.Approved or ApplicationState.Paid)
            return text.Split(';').Select(p => p.Split('=')).ToDictionary(p => "loan_interest." + p[0], p => decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        // The pending D application of this test: 40 province, 50 Suzhou.
        return new() { ["loan_interest.province"] = 40m, ["loan_interest.suzhou"] = 50m };
    }
}
