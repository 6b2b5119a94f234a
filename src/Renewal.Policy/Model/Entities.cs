using System.Collections.Immutable;

namespace Renewal.Policy.Model;

/// <summary>Project kind (项目类型).</summary>
public enum ProjectKind
{
    /// <summary>新建.</summary>
    New,
    /// <summary>扩建.</summary>
    Expansion,
    /// <summary>技术改造.</summary>
    Renovation,
}

/// <summary>Project status (项目状态).</summary>
public enum ProjectStatus
{
    /// <summary>计划.</summary>
    Planned,
    /// <summary>在建.</summary>
    InProgress,
    /// <summary>竣工.</summary>
    Completed,
}

/// <summary>The four kinds of project loan of Annex §4(1)1 (D-E3).</summary>
public enum LoanCategory
{
    /// <summary>创新载体建设.</summary>
    InnovationCarrier,
    /// <summary>智改数转网联.</summary>
    DigitalTransformation,
    /// <summary>产业转型升级.</summary>
    IndustrialUpgrade,
    /// <summary>其他设备更新.</summary>
    EquipmentRenewal,
}

/// <summary>A fiscal level paying loan interest subsidy (D-1).</summary>
public enum Level
{
    /// <summary>中央（默认关闭）.</summary>
    Central,
    /// <summary>江苏省级.</summary>
    Province,
    /// <summary>苏州市级.</summary>
    Suzhou,
    /// <summary>昆山市级.</summary>
    Kunshan,
}

/// <summary>An award scheme.</summary>
public enum Scheme
{
    /// <summary>A 智能化改造数字化转型重大示范项目 (Annex §1).</summary>
    Demonstration,
    /// <summary>B 工业企业有效投入奖补 (Annex §2).</summary>
    EffectiveInvestment,
    /// <summary>C 工业企业技术改造综合奖补 (Annex §3).</summary>
    TechRenovation,
    /// <summary>D 制造业贷款财政贴息 (Annex §4).</summary>
    LoanInterest,
}

/// <summary>An enterprise (企业).</summary>
/// <param name="Id">Unique within the scenario.</param>
/// <param name="CreditCode">统一社会信用代码, validated.</param>
/// <param name="Name">Enterprise name.</param>
/// <param name="Area">区镇.</param>
/// <param name="Industry">GB/T 4754-2017 code.</param>
public sealed record Enterprise(string Id, string CreditCode, string Name, string Area, IndustryCode Industry);

/// <summary>Investment of one calendar year, yuan; <see cref="Digital"/> ≤ <see cref="Equipment"/>.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Equipment">Equipment investment incl. software (设备投资，含软件).</param>
/// <param name="Digital">Intelligent/digital equipment and software (智能化数字化设备及软件), part of equipment.</param>
public readonly record struct YearInvestment(int Year, Money Equipment, Money Digital);

/// <summary>An award already paid in an earlier year.</summary>
public readonly record struct PriorAward(Scheme Scheme, int Year, Money Amount);

/// <summary>A renewal project (项目).</summary>
public sealed record Project
{
    public required string Id { get; init; }
    public required string EnterpriseId { get; init; }
    public string Name { get; init; } = "";
    public required ProjectKind Kind { get; init; }
    public required ProjectStatus Status { get; init; }
    /// <summary>Required when <see cref="Status"/> is completed.</summary>
    public DateOnly? CompletedOn { get; init; }
    /// <summary>Plan tasks 1–12 (plan §二).</summary>
    public ImmutableArray<int> Tasks { get; init; } = [];
    public ImmutableArray<string> Clusters { get; init; } = [];
    public bool SafetyRenovation { get; init; }
    public ImmutableArray<string> DigitalScopes { get; init; } = [];
    /// <summary>Investment by year, ascending, one entry per year.</summary>
    public ImmutableArray<YearInvestment> Investment { get; init; } = [];
    public ImmutableArray<PriorAward> PriorAwards { get; init; } = [];
}

/// <summary>A repayment of principal on a date.</summary>
public readonly record struct Repayment(DateOnly Date, Money Amount);

/// <summary>A bank loan (贷款) financing a project.</summary>
public sealed record Loan
{
    public required string Id { get; init; }
    public required string EnterpriseId { get; init; }
    public required string ProjectId { get; init; }
    public required LoanCategory Category { get; init; }
    public required Money Principal { get; init; }
    /// <summary>Annual contract rate.</summary>
    public required Rate Rate { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateOnly MaturesOn { get; init; }
    /// <summary>Equipment investment (incl. software) financed by the loan (D-E5).</summary>
    public required Money EquipmentAmount { get; init; }
    public bool ViaSuzhouPlatform { get; init; }
    /// <summary>Levels that approved the loan; null = every level (entitlement view, D-9).</summary>
    public ImmutableArray<Level>? Approvals { get; init; }
    /// <summary>Repayments in date order.</summary>
    public ImmutableArray<Repayment> Repayments { get; init; } = [];
}

/// <summary>
/// A self-contained world evaluated for one award year: the engine's input (SCENARIOS.md).
/// </summary>
public sealed record Scenario
{
    public string Name { get; init; } = "";
    public required int Year { get; init; }
    /// <summary>What-if overrides, dotted name → value text; they apply on top of every revision, on every day.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Parameters { get; init; } = [];
    /// <summary>Rule revisions to layer over the pack (V-2), in the order given (the file's <c>revisions:</c>, then <c>--revision</c>).</summary>
    public ImmutableArray<Parameters.Revision> Revisions { get; init; } = [];
    /// <summary>K (V-4): only revisions published on or before it apply; null = every revision named.</summary>
    public DateOnly? KnownOn { get; init; }
    public ImmutableArray<Enterprise> Enterprises { get; init; } = [];
    public ImmutableArray<Project> Projects { get; init; } = [];
    public ImmutableArray<Loan> Loans { get; init; } = [];
    /// <summary>The <c>expect</c> block, read by <c>renewal test</c>; null when absent.</summary>
    public ImmutableArray<ExpectedAward>? Expect { get; init; }
}

/// <summary>One line of an <c>expect</c> block.</summary>
public sealed record ExpectedAward(Scheme Scheme, string? Enterprise, string? Project, string? Loan, Level? Level, Money Amount, int Line);
