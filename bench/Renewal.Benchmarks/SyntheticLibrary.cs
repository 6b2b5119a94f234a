using System.Collections.Immutable;

using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

namespace Renewal.Benchmarks;

/// <summary>
/// Deterministic synthetic project libraries and loan books for the benchmarks: the same seed gives the same
/// scenario, bit for bit, on every machine (a seeded System.Random keeps its legacy algorithm on every .NET version).
/// </summary>
/// <remarks>
/// The spread is meant to look like a district's library, not like uniform noise: most projects are small
/// (median ≈ 1.5 million yuan of equipment a year), a few per cent pass the B threshold of 20 million in the
/// award year, a few hundred giants pass the A threshold of 500 million cumulative digital investment (some of
/// them completed in the award year), and a twentieth of the enterprises hold three tenths of the projects, so
/// C's cap and the loan caps bind for them. Money always has at most two decimals and digital ≤ equipment.
/// </remarks>
public static class SyntheticLibrary
{
    public const int AwardYear = 2025;
    public const int DefaultEnterprises = 200_000;
    public const int DefaultProjects = 1_000_000;
    public const int DefaultLoans = 100_000;
    public const int DefaultSeed = 36_2024;

    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly string[] InClusters = ["advanced_materials", "electronic_information", "equipment_manufacturing", "biomedicine"];
    private static readonly string[] OtherClusters = ["new_energy", "textile_apparel"];
    private static readonly string[] Scopes =
    [
        "smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "service_transformation",
        "industrial_internet_infrastructure", "it_innovation", "data_productization", "new_it_renovation",
    ];

    // Shared immutable arrays: a million projects reuse a few dozen instances instead of a million copies.
    private static readonly ImmutableArray<string>[] ClusterSets = BuildClusterSets();
    private static readonly ImmutableArray<string>[] ScopeSets = [.. Scopes.Select(s => ImmutableArray.Create(s))];
    private static readonly ImmutableArray<int>[] TaskSets = BuildTaskSets();

    private static readonly ImmutableArray<Level>?[] PartialApprovals =
    [
        [Level.Province], [Level.Kunshan], [Level.Province, Level.Kunshan], [Level.Suzhou, Level.Kunshan], [Level.Province, Level.Suzhou],
    ];
    private static readonly ImmutableArray<Level>? AllApprovals = [Level.Province, Level.Suzhou, Level.Kunshan];

    /// <summary>
    /// A project library for award year 2025: <paramref name="enterprises"/> enterprises and
    /// <paramref name="projects"/> projects, no loans.
    /// </summary>
    public static Scenario Library(int enterprises = DefaultEnterprises, int projects = DefaultProjects, int seed = DefaultSeed)
    {
        var rng = new Random(seed);
        var es = Enterprises(rng, enterprises);
        var ps = Projects(rng, es, projects);
        return new Scenario
        {
            Name = $"synthetic library {enterprises} enterprises / {projects} projects (seed {seed})",
            Year = AwardYear,
            Enterprises = es,
            Projects = ps,
        };
    }

    /// <summary>
    /// Every <paramref name="everyNth"/>-th enterprise of <paramref name="library"/> with all of its projects: the
    /// same data, smaller. Whole enterprises are kept, so scheme C (summed per enterprise) is unchanged.
    /// </summary>
    public static Scenario Subset(Scenario library, int everyNth)
    {
        ArgumentNullException.ThrowIfNull(library);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        var es = ImmutableArray.CreateBuilder<Enterprise>();
        for (var i = 0; i < library.Enterprises.Length; i += everyNth)
        {
            es.Add(library.Enterprises[i]);
            keep.Add(library.Enterprises[i].Id);
        }
        // Fresh copies, allocated together as a library loaded on its own would be: the subset must not measure
        // the cache misses of objects scattered through the 1M library's heap (both engines read the same copies).
        var ps = ImmutableArray.CreateBuilder<Project>();
        foreach (var p in library.Projects)
        {
            if (keep.Contains(p.EnterpriseId))
            {
                ps.Add(p with
                {
                    Investment = [.. p.Investment], PriorAwards = [.. p.PriorAwards], Clusters = [.. p.Clusters],
                    DigitalScopes = [.. p.DigitalScopes], Tasks = [.. p.Tasks],
                });
            }
        }
        return library with
        {
            Name = $"{library.Name}, every {everyNth}th enterprise",
            Enterprises = es.ToImmutable(),
            Projects = ps.ToImmutable(),
        };
    }

    /// <summary>
    /// A loan book for award year 2025: <paramref name="loans"/> loans with up to 36 repayments each, over a smaller
    /// library (<paramref name="enterprises"/>, <paramref name="projects"/>) whose enterprises and projects they share,
    /// so that the per-project and per-enterprise caps of D-6/D-7 bind for some.
    /// </summary>
    public static Scenario LoanBook(int loans = DefaultLoans, int enterprises = 20_000, int projects = 50_000, int seed = DefaultSeed + 1)
    {
        var rng = new Random(seed);
        var es = Enterprises(rng, enterprises);
        var ps = Projects(rng, es, projects);
        var lpr = LprTable.LoadKunshan2024();
        var heavyProjects = Math.Max(1, projects / 50);
        var ls = ImmutableArray.CreateBuilder<Loan>(loans);
        var days = new HashSet<int>();
        var dayList = new List<int>(36);
        for (var i = 0; i < loans; i++)
        {
            // A quarter of the loans go to 2% of the projects: those projects and their enterprises hit the caps.
            var project = ps[rng.NextDouble() < 0.25 ? rng.Next(heavyProjects) : rng.Next(projects)];

            var u = rng.NextDouble();
            var principalYuan = u < 0.01 ? Uniform(rng, 200_000_000, 1_500_000_000)
                : u < 0.16 ? Uniform(rng, 30_000_000, 200_000_000)
                : Math.Clamp(LogNormal(rng, 12_000_000, 0.9), 1_000_000, 200_000_000);
            var principal = Cents(principalYuan);
            var share = rng.NextDouble() < 0.85 ? 0.5 + rng.NextDouble() * 0.5 : 1.0 + rng.NextDouble() * 0.3;
            var equipment = (long)(principal * share);

            var issued = new DateOnly(2023, 1, 1).AddDays(rng.Next(5 * 365 + 1)); // 2023-01-01 .. 2027-12-31
            var termYears = rng.NextDouble() < 0.7 ? 1 + rng.Next(5) : 6 + rng.Next(3); // 1–8 years, mostly ≤ 5
            var matures = issued.AddYears(termYears);
            var longTenor = matures > issued.AddMonths(60);
            var row = lpr.InForceOn(issued)!;
            var lprRate = (longTenor ? row.FiveYearPlus : row.OneYear).Fraction;
            var spreadBp = rng.Next(-100, 81); // −1.00 .. +0.80 pp: about a tenth of the loans exceed LPR + 0.5 pp (D-E4)
            var rate = Math.Max(0.0100m, lprRate + spreadBp / 10_000m);

            ls.Add(new Loan
            {
                Id = $"L{i:D6}",
                EnterpriseId = project.EnterpriseId,
                ProjectId = project.Id,
                Category = Pick(rng, 0.35, 0.25, 0.20) switch
                {
                    0 => LoanCategory.DigitalTransformation,
                    1 => LoanCategory.EquipmentRenewal,
                    2 => LoanCategory.IndustrialUpgrade,
                    _ => LoanCategory.InnovationCarrier,
                },
                Principal = new Money(principal / 100m),
                Rate = new Rate(rate),
                IssuedOn = issued,
                MaturesOn = matures,
                EquipmentAmount = new Money(equipment / 100m),
                ViaSuzhouPlatform = rng.NextDouble() < 0.45,
                Approvals = Pick(rng, 0.55, 0.25) switch
                {
                    0 => null,
                    1 => AllApprovals,
                    _ => PartialApprovals[rng.Next(PartialApprovals.Length)],
                },
                Repayments = Repayments(rng, issued, matures, principal, days, dayList),
            });
        }
        return new Scenario
        {
            Name = $"synthetic loan book {loans} loans over {enterprises} enterprises / {projects} projects (seed {seed})",
            Year = AwardYear,
            Enterprises = es,
            Projects = ps,
            Loans = ls.MoveToImmutable(),
        };
    }

    /// <summary>Up to 36 repayments strictly after the issue date and before maturity, adding up to at most the principal.</summary>
    private static ImmutableArray<Repayment> Repayments(Random rng, DateOnly issued, DateOnly matures, long principalCents,
        HashSet<int> days, List<int> dayList)
    {
        var span = matures.DayNumber - issued.DayNumber - 1; // days strictly inside (issued, matures)
        var count = Math.Min(rng.Next(37), span);
        if (count == 0) return [];
        days.Clear();
        while (days.Count < count) days.Add(issued.DayNumber + 1 + rng.Next(span));
        dayList.Clear();
        dayList.AddRange(days);
        dayList.Sort();

        // Repay a random part of the principal (all of it for a fifth of the loans), in random slices.
        var repaidCents = rng.NextDouble() < 0.2 ? principalCents : (long)(principalCents * rng.NextDouble());
        Span<double> weights = stackalloc double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++) sum += weights[k] = 0.2 + rng.NextDouble();
        var result = ImmutableArray.CreateBuilder<Repayment>(count);
        var given = 0L;
        for (var k = 0; k < count; k++)
        {
            var cents = k == count - 1 ? repaidCents - given : (long)(repaidCents * (weights[k] / sum));
            cents = Math.Max(0, Math.Min(cents, repaidCents - given));
            given += cents;
            result.Add(new Repayment(DateOnly.FromDayNumber(dayList[k]), new Money(cents / 100m)));
        }
        return result.MoveToImmutable();
    }

    private static ImmutableArray<Enterprise> Enterprises(Random rng, int n)
    {
        var industries = new Dictionary<string, IndustryCode>(StringComparer.Ordinal);
        var areas = Codes.DefaultAreas;
        var result = ImmutableArray.CreateBuilder<Enterprise>(n);
        Span<char> code = stackalloc char[18];
        "91320583".AsSpan().CopyTo(code); // 法人·企业, 江苏省苏州市昆山市
        for (var i = 0; i < n; i++)
        {
            for (var k = 8; k < 17; k++) code[k] = CreditAlphabet[rng.Next(CreditAlphabet.Length)];
            code[17] = CreditCode.CheckCharacter(code[..17]);

            var u = rng.NextDouble();
            var industry = u < 0.86 ? $"C{13 + rng.Next(31)}{1 + rng.Next(9)}{rng.Next(10)}" // manufacturing C13–C43
                : u < 0.92 ? (rng.Next(3) switch { 0 => "I6510", 1 => "I6520", _ => "I6440" }) // software & IT services
                : u < 0.97 ? (rng.Next(2) == 0 ? "G5170" : "G5179") // wholesale
                : u < 0.99 ? "D4411" // power
                : "B0911"; // mining
            if (!industries.TryGetValue(industry, out var ic)) industries[industry] = ic = IndustryCode.Parse(industry);

            result.Add(new Enterprise($"E{i:D6}", new string(code), $"昆山样例企业{i:D6}有限公司", areas[rng.Next(areas.Count)], ic));
        }
        return result.MoveToImmutable();
    }

    private static ImmutableArray<Project> Projects(Random rng, ImmutableArray<Enterprise> enterprises, int n)
    {
        var big = Math.Max(1, enterprises.Length / 20);
        var result = ImmutableArray.CreateBuilder<Project>(n);
        for (var i = 0; i < n; i++)
        {
            // A twentieth of the enterprises hold about 30% of the projects.
            var enterprise = enterprises[rng.NextDouble() < 0.3 ? rng.Next(big) : rng.Next(enterprises.Length)];
            var kind = Pick(rng, 0.30, 0.25) switch { 0 => ProjectKind.New, 1 => ProjectKind.Expansion, _ => ProjectKind.Renovation };

            long eq2024, eq2025, dig2024, dig2025;
            var size = rng.NextDouble();
            var giant = size < 0.0004; // ≈ 400 per million: cumulative digital around the A threshold of 500 million
            if (giant)
            {
                eq2024 = Cents(Uniform(rng, 250_000_000, 700_000_000));
                eq2025 = Cents(Uniform(rng, 250_000_000, 700_000_000));
                dig2024 = (long)(eq2024 * (0.55 + rng.NextDouble() * 0.4));
                dig2025 = (long)(eq2025 * (0.55 + rng.NextDouble() * 0.4));
            }
            else
            {
                // ≈ 4% large (8–150 million a year: about half of them pass B-3's 20 million), the rest small.
                var large = size < 0.04;
                eq2024 = rng.NextDouble() < 0.6 ? Cents(large ? LogUniform(rng, 8_000_000, 150_000_000) : SmallEquipment(rng)) : 0;
                eq2025 = eq2024 == 0 || rng.NextDouble() < 0.9 ? Cents(large ? LogUniform(rng, 8_000_000, 150_000_000) : SmallEquipment(rng)) : 0;
                dig2024 = (long)(eq2024 * DigitalShare(rng));
                dig2025 = (long)(eq2025 * DigitalShare(rng));
            }

            var investment = eq2024 > 0 && eq2025 > 0
                ? ImmutableArray.Create(Year(2024, eq2024, dig2024), Year(2025, eq2025, dig2025))
                : eq2024 > 0 ? ImmutableArray.Create(Year(2024, eq2024, dig2024)) : ImmutableArray.Create(Year(2025, eq2025, dig2025));

            var (status, completed) = Status(rng, giant);
            var clusters = rng.NextDouble() switch
            {
                < 0.40 => ClusterSets[rng.Next(InClusters.Length)],
                < 0.50 => ClusterSets[InClusters.Length + rng.Next(ClusterSets.Length - InClusters.Length - OtherClusters.Length)],
                < 0.60 => ClusterSets[^(1 + rng.Next(OtherClusters.Length))],
                _ => [],
            };
            var scopes = giant
                ? (rng.NextDouble() < 0.9 ? ScopeSets[rng.Next(ScopeSets.Length)] : [])
                : (rng.NextDouble() < 0.08 ? ScopeSets[rng.Next(ScopeSets.Length)] : []);

            result.Add(new Project
            {
                Id = $"P{i:D7}",
                EnterpriseId = enterprise.Id,
                Kind = kind,
                Status = status,
                CompletedOn = completed,
                Tasks = TaskSets[rng.Next(TaskSets.Length)],
                Clusters = clusters,
                SafetyRenovation = rng.NextDouble() < 0.05,
                DigitalScopes = scopes,
                Investment = investment,
                PriorAwards = PriorAwards(rng, giant, status, completed, eq2024),
            });
        }
        return result.MoveToImmutable();
    }

    private static (ProjectStatus, DateOnly?) Status(Random rng, bool giant)
    {
        var u = rng.NextDouble();
        // Giants: 60% completed in the award year (A triggers if the threshold and scope hold), 10% in 2024.
        if (giant)
        {
            return u < 0.6 ? (ProjectStatus.Completed, new DateOnly(2025, 1, 1).AddDays(rng.Next(365)))
                : u < 0.7 ? (ProjectStatus.Completed, new DateOnly(2024, 1, 1).AddDays(rng.Next(366)))
                : (ProjectStatus.InProgress, null);
        }
        return u < 0.15 ? (ProjectStatus.Planned, null)
            : u < 0.65 ? (ProjectStatus.InProgress, null)
            : (ProjectStatus.Completed, new DateOnly(2024, 1, 1).AddDays(rng.Next(731)));
    }

    /// <summary>Some B awards already paid for 2024 (so the life-time cap of I-3 binds), a few A awards (no second one).</summary>
    private static ImmutableArray<PriorAward> PriorAwards(Random rng, bool giant, ProjectStatus status, DateOnly? completed, long eq2024)
    {
        if (giant && status == ProjectStatus.Completed && completed?.Year == 2024 && rng.NextDouble() < 0.5)
            return [new PriorAward(Scheme.Demonstration, 2024, new Money(30_000_000m))];
        if (eq2024 >= 2_000_000_000 && rng.NextDouble() < 0.7)
        {
            var b = Math.Min(eq2024 * 8 / 100, 800_000_000); // cents: 8%, capped at 8 million
            return rng.NextDouble() < 0.1
                ? [new PriorAward(Scheme.EffectiveInvestment, 2023, new Money(rng.Next(1_000_000, 6_000_000))), new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(b / 100m))]
                : [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(b / 100m))];
        }
        return [];
    }

    private static YearInvestment Year(int year, long equipmentCents, long digitalCents) =>
        new(year, new Money(equipmentCents / 100m), new Money(digitalCents / 100m));

    private static double SmallEquipment(Random rng) => Math.Clamp(LogNormal(rng, 1_500_000, 1.0), 10_000, 30_000_000);

    /// <summary>Mostly a small part of the equipment is digital; a tail is mostly digital.</summary>
    private static double DigitalShare(Random rng)
    {
        var u = rng.NextDouble();
        return u * u * 0.9;
    }

    private static long Cents(double yuan) => (long)Math.Round(yuan * 100);

    private static double Uniform(Random rng, double lo, double hi) => lo + rng.NextDouble() * (hi - lo);

    private static double LogUniform(Random rng, double lo, double hi) => Math.Exp(Uniform(rng, Math.Log(lo), Math.Log(hi)));

    private static double LogNormal(Random rng, double median, double sigma)
    {
        // Box–Muller.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * z);
    }

    /// <summary>0 with probability p0, 1 with p1, 2 with p2 (when given), else the next index.</summary>
    private static int Pick(Random rng, double p0, double p1, double p2 = 0)
    {
        var u = rng.NextDouble();
        return u < p0 ? 0 : u < p0 + p1 ? 1 : u < p0 + p1 + p2 ? 2 : 3;
    }

    private static ImmutableArray<string>[] BuildClusterSets()
    {
        var sets = new List<ImmutableArray<string>>();
        foreach (var c in InClusters) sets.Add([c]);
        for (var a = 0; a < InClusters.Length; a++)
        {
            for (var b = a + 1; b < InClusters.Length; b++) sets.Add([InClusters[a], InClusters[b]]);
        }
        foreach (var c in OtherClusters) sets.Add([c]);
        return [.. sets];
    }

    private static ImmutableArray<int>[] BuildTaskSets()
    {
        var sets = new List<ImmutableArray<int>>();
        for (var t = 1; t <= 12; t++) sets.Add([t]);
        sets.Add([1, 2]);
        sets.Add([4, 5, 7]);
        sets.Add([8, 9]);
        sets.Add([11, 12]);
        return [.. sets];
    }
}
