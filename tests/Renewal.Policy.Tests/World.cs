using System.Collections.Immutable;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Policy.Tests;

/// <summary>Small scenarios built in code, with sensible defaults, for rule tests.</summary>
internal static class World
{
    public const string ValidCode = "91350100M000100Y43";

    public static Enterprise Enterprise(string id = "E1", string industry = "C3421") =>
        new(id, ValidCode, "测试企业", "昆山开发区", IndustryCode.Parse(industry));

    public static Project Project(string id = "P1", string enterprise = "E1", ProjectKind kind = ProjectKind.Renovation,
        ProjectStatus status = ProjectStatus.InProgress, DateOnly? completedOn = null, string[]? clusters = null,
        string[]? scopes = null, bool safety = false, (int Year, decimal Equipment, decimal Digital)[]? investment = null,
        PriorAward[]? prior = null) => new()
        {
            Id = id,
            EnterpriseId = enterprise,
            Kind = kind,
            Status = status,
            CompletedOn = completedOn,
            Clusters = [.. clusters ?? []],
            DigitalScopes = [.. scopes ?? []],
            SafetyRenovation = safety,
            Investment = [.. (investment ?? []).Select(i => new YearInvestment(i.Year, new Money(i.Equipment), new Money(i.Digital)))],
            PriorAwards = [.. prior ?? []],
        };

    public static Loan Loan(string id = "L1", string enterprise = "E1", string project = "P1",
        LoanCategory category = LoanCategory.EquipmentRenewal, decimal principal = 36_000_000m, decimal rate = 0.03m,
        string issued = "2025-01-01", string matures = "2028-01-01", decimal? equipment = null, bool platform = false,
        Level[]? approvals = null, (string Date, decimal Amount)[]? repayments = null) => new()
        {
            Id = id,
            EnterpriseId = enterprise,
            ProjectId = project,
            Category = category,
            Principal = new Money(principal),
            Rate = new Rate(rate),
            IssuedOn = DateOnly.Parse(issued, System.Globalization.CultureInfo.InvariantCulture),
            MaturesOn = DateOnly.Parse(matures, System.Globalization.CultureInfo.InvariantCulture),
            EquipmentAmount = new Money(equipment ?? principal),
            ViaSuzhouPlatform = platform,
            Approvals = approvals is null ? null : [.. approvals],
            Repayments = [.. (repayments ?? []).Select(r => new Repayment(DateOnly.Parse(r.Date, System.Globalization.CultureInfo.InvariantCulture), new Money(r.Amount)))],
        };

    public static Scenario Scenario(int year, Enterprise[] enterprises, Project[] projects, Loan[]? loans = null,
        params (string Name, string Value)[] parameters) => new()
        {
            Name = "test",
            Year = year,
            Enterprises = [.. enterprises],
            Projects = [.. projects],
            Loans = [.. loans ?? []],
            Parameters = [.. parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))],
        };

    public static ScenarioResult Evaluate(Scenario s, bool explain = false) => PolicyEngine.Default.Evaluate(s, explain);

    public static AwardLine Line(this ScenarioResult r, Scheme scheme, string subject, Level? level = null) =>
        r.Awards.Single(a => a.Scheme == scheme && scheme switch
        {
            Scheme.TechRenovation => a.Enterprise == subject,
            Scheme.LoanInterest => a.Loan == subject && a.Level == level,
            _ => a.Project == subject,
        });

    public static decimal Amount(this ScenarioResult r, Scheme scheme, string subject, Level? level = null) =>
        r.Line(scheme, subject, level).Amount.Yuan;
}
