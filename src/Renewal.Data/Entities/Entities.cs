using Renewal.Policy.Model;

namespace Renewal.Data.Entities;

/// <summary>Every editable row carries a version for optimistic concurrency, bumped on each save.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>企业 — an enterprise of the library, identified by its 统一社会信用代码.</summary>
public sealed class Enterprise : IVersioned
{
    public int Id { get; set; }
    /// <summary>统一社会信用代码, unique, validated (GB 32100-2015).</summary>
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    /// <summary>区镇.</summary>
    public required string Area { get; set; }
    /// <summary>GB/T 4754-2017 code, e.g. C3421.</summary>
    public required string IndustryCode { get; set; }
    /// <summary>规模以上工业企业.</summary>
    public bool AboveScale { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public long Version { get; set; }
    public List<Project> Projects { get; set; } = [];
    public List<Loan> Loans { get; set; } = [];
    public List<EquipmentItem> Equipment { get; set; } = [];
}

/// <summary>项目 — a renewal project; its code is unique within the enterprise.</summary>
public sealed class Project : IVersioned
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public ProjectKind Kind { get; set; }
    public ProjectStatus Status { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    /// <summary>Plan tasks 1–12 (plan §二).</summary>
    public List<int> Tasks { get; set; } = [];
    public List<string> Clusters { get; set; } = [];
    public List<string> DigitalScopes { get; set; } = [];
    public bool SafetyRenovation { get; set; }
    /// <summary>融资需求, yuan; null or 0 = none declared (banks see only projects with one).</summary>
    public decimal? FinancingNeed { get; set; }
    public long Version { get; set; }
    public List<ProjectInvestment> Investments { get; set; } = [];
    public List<ProgressReport> Reports { get; set; } = [];
}

/// <summary>年度投资 — a project's investment in one calendar year, yuan; digital ≤ equipment.</summary>
public sealed class ProjectInvestment : IVersioned
{
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int Year { get; set; }
    public decimal Equipment { get; set; }
    public decimal Digital { get; set; }
    public long Version { get; set; }
}

/// <summary>贷款 — a bank loan financing a project; its code (贷款编号) is unique.</summary>
public sealed class Loan : IVersioned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public string? Bank { get; set; }
    public LoanCategory Category { get; set; }
    public decimal Principal { get; set; }
    /// <summary>Annual contract rate as a fraction.</summary>
    public decimal Rate { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly MaturesOn { get; set; }
    public decimal EquipmentAmount { get; set; }
    public bool ViaSuzhouPlatform { get; set; }
    /// <summary>Levels that approved the loan; null = not yet recorded (every level assumed, D-9).</summary>
    public List<Level>? Approvals { get; set; }
    public long Version { get; set; }
    public List<Repayment> Repayments { get; set; } = [];
}

/// <summary>还款 — a repayment of principal.</summary>
public sealed class Repayment : IVersioned
{
    public int Id { get; set; }
    public int LoanId { get; set; }
    public Loan? Loan { get; set; }
    public DateOnly Date { get; set; }
    public decimal Amount { get; set; }
    public long Version { get; set; }
}

/// <summary>设备台账 — an item of an enterprise's equipment inventory (R-1..R-4, T-4, T-5).</summary>
public sealed class EquipmentItem : IVersioned
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    /// <summary>资产编号, unique within the enterprise.</summary>
    public required string Code { get; set; }
    /// <summary>Type id from the equipment catalogue, e.g. machine_tool, boiler, motor, air_compressor.</summary>
    public required string Type { get; set; }
    public required string Name { get; set; }
    public int Quantity { get; set; } = 1;
    public int CommissioningYear { get; set; }
    /// <summary>能效等级 1 (best) … 5; null when not rated.</summary>
    public int? EfficiencyGrade { get; set; }
    public int? DesignLifeYears { get; set; }
    /// <summary>Item of the obsolete hazardous-chemical process catalogue (应急厅〔2020〕38号 / 应急厅函〔2024〕86号), or null.</summary>
    public string? HazardousCatalogueItem { get; set; }
    public long Version { get; set; }
}

/// <summary>季度进展 — a periodic update of a project; never overwritten, so the library can be seen as of any date.</summary>
public sealed class ProgressReport
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int Year { get; set; }
    /// <summary>1–4.</summary>
    public int Quarter { get; set; }
    /// <summary>The day the report was filed; the "as of" views select by it.</summary>
    public DateOnly ReportedOn { get; set; }
    public ProjectStatus Status { get; set; }
    /// <summary>Cumulative equipment investment since the start of the project, yuan.</summary>
    public decimal CumulativeEquipment { get; set; }
    public decimal CumulativeDigital { get; set; }
    public string? Note { get; set; }
}

/// <summary>奖补决定 — an award as computed (and later approved/paid) with the parameter version used.</summary>
public sealed class AwardDecision : IVersioned
{
    public int Id { get; set; }
    public Scheme Scheme { get; set; }
    public int Year { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int? ProjectId { get; set; }
    public int? LoanId { get; set; }
    public Level? Level { get; set; }
    public bool Eligible { get; set; }
    public decimal Amount { get; set; }
    public bool Assumed { get; set; }
    /// <summary>Hash of the parameter store and overrides that produced the amount.</summary>
    public required string ParameterVersion { get; set; }
    /// <summary>The explanation as JSON (rule, article, status, text).</summary>
    public string? Trace { get; set; }
    /// <summary>computed | approved | paid — awards with <c>paid</c> feed later years' prior awards (with the approved, unpaid applications: ADR-016).</summary>
    public AwardStatus Status { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Where an award decision stands.</summary>
public enum AwardStatus
{
    Computed,
    Approved,
    Paid,
}
