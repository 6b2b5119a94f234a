using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Seed;

/// <summary>What to seed.</summary>
/// <param name="Enterprises">Number of enterprises (1–1,000,000); totals scale linearly with it.</param>
/// <param name="Seed">Random seed: the same options give byte-identical data.</param>
/// <param name="Today">The library's "today": project statuses, the progress reports filed so far and the loans issued so
/// far depend on it (passed in — the seeder never reads a clock).</param>
public sealed record SeedOptions(int Enterprises, int Seed, DateOnly Today);

/// <summary>What the seeder created.</summary>
public sealed record SeedSummary
{
    public int Cleared { get; init; }
    public int Enterprises { get; init; }
    public int Projects { get; init; }
    public int Investments { get; init; }
    public int Loans { get; init; }
    public int Repayments { get; init; }
    public int EquipmentItems { get; init; }
    public int ProgressReports { get; init; }
    /// <summary>Projects with digital scopes and cumulative digital investment ≥ 500,000,000 .</summary>
    public int DemonstrationProjects { get; init; }
    /// <summary>Of those, the ones completed by <see cref="SeedOptions.Today"/>.</summary>
    public int CompletedDemonstrationProjects { get; init; }
    /// <summary>Σ equipment investment by year 2024–2027, yuan.</summary>
    public required IReadOnlyDictionary<int, decimal> EquipmentByYear { get; init; }
    /// <summary>Σ digital investment by year 2024–2027, yuan.</summary>
    public required IReadOnlyDictionary<int, decimal> DigitalByYear { get; init; }
}

/// <summary>The library already holds data and the caller did not ask to clear it.</summary>
public sealed class LibraryNotEmptyException : InvalidOperationException
{
    public LibraryNotEmptyException(int enterprises)
        : base($"项目库中已有 {enterprises} 家企业的数据，拒绝生成演示数据以免混入真实数据；确需清空后重新生成，请使用 --reset（将删除全部企业、项目、年度投资、贷款、还款、设备台账、季度进展、奖补决定与申报）")
        => ExistingEnterprises = enterprises;

    public LibraryNotEmptyException() : this(0) { }

    public LibraryNotEmptyException(string message) : base(message) { }

    public LibraryNotEmptyException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Enterprises found in the library.</summary>
    public int ExistingEnterprises { get; }
}
