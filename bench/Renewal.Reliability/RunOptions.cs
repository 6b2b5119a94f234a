using Renewal.Data;

namespace Renewal.Reliability;

/// <summary>How big the bursts are. <see cref="Full"/> is bench/reliability/run.sh's; <see cref="Quick"/> the test suite's.</summary>
/// <param name="UnrelatedEnterprises">Enterprises with one application each for the unrelated approvals (d), and two each for the kill burst (e).</param>
/// <param name="CreateCopies">Simultaneous creates per subject in (a).</param>
/// <param name="PayCopies">Simultaneous payments per approved application in (c).</param>
/// <param name="LoansPerProject">Loans of the capped enterprise, per project: their interest overruns D's caps.</param>
/// <param name="LoanYears">Award years of D applied for per loan.</param>
/// <param name="EffectiveInvestmentYears">Years of B applied for on one project: together past its lifetime cap.</param>
/// <param name="SecondDemonstration">Also apply for A in the year after the demonstration award (A's once-per-project cap).</param>
public sealed record RunSize(int UnrelatedEnterprises, int CreateCopies, int PayCopies, IReadOnlyList<int> LoansPerProject, IReadOnlyList<int> LoanYears,
    IReadOnlyList<int> EffectiveInvestmentYears, bool SecondDemonstration)
{
    public static RunSize Full { get; } = new(8, 6, 4, [3, 2, 1], [2025, 2026], [2024, 2025, 2026], true);
    public static RunSize Quick { get; } = new(4, 4, 2, [2, 1], [2025], [2025, 2026], false);
}

/// <summary>What one reliability run works on.</summary>
public sealed record RunOptions
{
    /// <summary>The web nodes, all on <see cref="Database"/>; bursts spread over them. One is enough (then nothing is killed).</summary>
    public required IReadOnlyList<WebNode> Nodes { get; init; }

    /// <summary>The database the nodes use: read after the bursts for every count.</summary>
    public required LibraryDatabaseOptions Database { get; init; }

    /// <summary>The password of the demo accounts (admin, shiju, caizheng): the app's Demo:Password.</summary>
    public string DemoPassword { get; init; } = "Renewal#2024";

    public RunSize Size { get; init; } = RunSize.Full;

    /// <summary>
    /// Kills the last node in the middle of burst (e): kill -9 of its process in the script. The run then marks the
    /// node down (requests in flight end without an answer) and carries on with the others. Null: no kill burst.
    /// </summary>
    public Func<Task>? Kill { get; init; }

    /// <summary>Progress, one line per step, and the details behind any nonzero count.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;
}
