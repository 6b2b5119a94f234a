using System.Globalization;
using System.Numerics;

namespace Renewal.Policy.Tests.Oracle;

/// <summary>One non-zero award line: Subject is the project (A, B), the enterprise (C) or the loan (D).</summary>
public sealed record OracleAward(string Scheme, string Subject, string? Level, decimal Amount);

/// <summary>
/// Independent reference implementation of POLICY.md schemes A, B, C, D and stacking I-5, written for
/// clarity, not speed (scheme D walks the year day by day, in exact rational arithmetic). It shares no
/// code with the production engine and is used to cross-check it.
/// </summary>
public static class IndependentPolicy
{
    public const string Demonstration = "demonstration";
    public const string EffectiveInvestment = "effective_investment";
    public const string TechRenovation = "tech_renovation";
    public const string LoanInterest = "loan_interest";

    /// <summary>Parses a scenario file (SCENARIOS.md format).</summary>
    public static IReadOnlyList<OracleScenario> Parse(string yaml)
    {
        return OracleScenario.ParseAll(yaml);
    }

    /// <summary>Every non-zero award line of the scenario, in order A/B per project, C per enterprise, D per loan and level.</summary>
    public static IReadOnlyList<OracleAward> Evaluate(OracleScenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        OracleParameters p = new(s.Parameters);
        List<OracleAward> lines = [];

        // Schemes A and B, then stacking I-5.
        foreach (OracleProject project in s.Projects)
        {
            OracleEnterprise enterprise = s.Enterprises.First(e => e.Id == project.Enterprise);
            decimal a = SchemeA(s.Year, p, project);
            decimal b = SchemeB(s.Year, p, enterprise, project);
            if (p.Bool("stacking.exclusive_project_awards"))
            {
                if (a >= b)
                {
                    b = 0m; // the larger wins; a tie goes to A
                }
                else
                {
                    a = 0m;
                }
            }

            Add(lines, Demonstration, project.Id, null, a);
            Add(lines, EffectiveInvestment, project.Id, null, b);
        }

        // Scheme C.
        foreach (OracleEnterprise enterprise in s.Enterprises)
        {
            Add(lines, TechRenovation, enterprise.Id, null, SchemeC(s, p, enterprise));
        }

        // Scheme D.
        Dictionary<(string Loan, string Level), decimal> d = SchemeD(s, p);
        foreach (OracleLoan loan in s.Loans)
        {
            foreach (string level in p.List("loan.levels"))
            {
                Add(lines, LoanInterest, loan.Id, level, d[(loan.Id, level)]);
            }
        }

        return lines;
    }

    private static void Add(List<OracleAward> lines, string scheme, string subject, string? level, decimal amount)
    {
        if (amount != 0m)
        {
            lines.Add(new OracleAward(scheme, subject, level, amount));
        }
    }

    /// <summary>I-9: round to 0.01, midpoint away from zero.</summary>
    private static decimal Round(decimal x)
    {
        return Math.Round(x, 2, MidpointRounding.AwayFromZero);
    }

    private static char Section(OracleEnterprise e)
    {
        return e.IndustryCode.Length == 0 ? ' ' : char.ToUpperInvariant(e.IndustryCode[0]);
    }

    private static bool IsIndustrial(OracleEnterprise e)
    {
        return Section(e) is 'B' or 'C' or 'D';
    }

    private static bool IsManufacturing(OracleEnterprise e)
    {
        return Section(e) == 'C';
    }

    private static decimal DigitalUpTo(OracleProject project, int year)
    {
        return project.Investment.Where(kv => kv.Key <= year).Sum(static kv => kv.Value.Digital);
    }

    private static OracleInvestment InvestmentIn(OracleProject project, int year)
    {
        return project.Investment.TryGetValue(year, out OracleInvestment? inv) ? inv : new OracleInvestment(0m, 0m);
    }

    // ---------------------------------------------------------------- Scheme A

    private static decimal SchemeA(int year, OracleParameters p, OracleProject project)
    {
        IReadOnlyList<string> scopes = p.List("demonstration.scopes");
        if (!project.DigitalScopes.Any(scopes.Contains))
        {
            return 0m;
        }

        if (project.PriorAwards.Any(static a => a.Scheme == Demonstration))
        {
            return 0m; // paid once per project
        }

        decimal threshold = p.Decimal("demonstration.min_digital_investment");
        decimal cumulative = DigitalUpTo(project, year);
        if (cumulative < threshold)
        {
            return 0m;
        }

        if (p.Bool("demonstration.require_completion"))
        {
            if (project.Status != "completed" || project.CompletedOn is not { } done || done.Year != year)
            {
                return 0m; // completed in Y
            }
        }
        else if (DigitalUpTo(project, year - 1) >= threshold)
        {
            return 0m; // Y must be the first year in which A-2 holds
        }

        return Round(Math.Min(p.Decimal("demonstration.rate") * cumulative, p.Decimal("demonstration.cap_per_project")));
    }

    // ---------------------------------------------------------------- Scheme B

    private static decimal SchemeB(int year, OracleParameters p, OracleEnterprise enterprise, OracleProject project)
    {
        if (!IsIndustrial(enterprise))
        {
            return 0m; // B-1
        }

        IReadOnlyList<string> clusters = p.List("effective_investment.clusters");
        if (!project.Clusters.Any(clusters.Contains) && !project.SafetyRenovation)
        {
            return 0m; // B-2
        }

        decimal equipment = InvestmentIn(project, year).Equipment;
        if (equipment < p.Decimal("effective_investment.min_annual_equipment"))
        {
            return 0m; // B-3
        }

        decimal paidBefore = project.PriorAwards.Where(static a => a.Scheme == EffectiveInvestment).Sum(static a => a.Amount);
        decimal remaining = Math.Max(0m, p.Decimal("effective_investment.cap_per_project") - paidBefore);
        return Round(Math.Min(p.Decimal("effective_investment.rate") * equipment, remaining)); // B-4
    }

    // ---------------------------------------------------------------- Scheme C

    private static decimal SchemeC(OracleScenario s, OracleParameters p, OracleEnterprise enterprise)
    {
        if (!IsIndustrial(enterprise))
        {
            return 0m; // C-1
        }

        List<OracleProject> projects = [.. s.Projects.Where(x => x.Enterprise == enterprise.Id)];
        IReadOnlyList<string> kinds = p.List("tech_renovation.project_kinds");
        decimal investment = projects.Where(x => kinds.Contains(x.Kind)).Sum(x => InvestmentIn(x, s.Year).Equipment);
        if (investment < p.Decimal("tech_renovation.min_annual_investment"))
        {
            return 0m; // C-2
        }

        decimal award = p.Decimal("tech_renovation.base_rate") * investment; // C-3
        decimal digital = projects.Sum(x => InvestmentIn(x, s.Year).Digital);
        if (digital >= p.Decimal("tech_renovation.digital_threshold"))
        {
            award *= p.Decimal("tech_renovation.digital_multiplier"); // C-4
        }

        return Round(Math.Min(award, p.Decimal("tech_renovation.cap_per_enterprise_year"))); // C-5
    }

    // ---------------------------------------------------------------- Scheme D

    private static readonly string[] LoanCategories =
        ["innovation_carrier", "digital_transformation", "industrial_upgrade", "equipment_renewal"];

    private const string LprCsv = """
        published_on,one_year_percent,five_year_plus_percent
        2019-08-20,4.25,4.85
        2019-09-20,4.20,4.85
        2019-11-20,4.15,4.80
        2020-02-20,4.05,4.75
        2020-04-20,3.85,4.65
        2021-12-20,3.80,4.65
        2022-01-20,3.70,4.60
        2022-05-20,3.70,4.45
        2022-08-22,3.65,4.30
        2023-06-20,3.55,4.20
        2023-08-21,3.45,4.20
        2024-02-20,3.45,3.95
        2024-07-22,3.35,3.85
        2024-10-21,3.10,3.60
        2025-05-20,3.00,3.50
        """;

    private static readonly (DateOnly Published, decimal OneYear, decimal FiveYearPlus)[] LprTable =
    [
        .. LprCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(static line => line.Split(','))
            .Select(static f => (OracleScenario.Date(f[0]), OracleScenario.Dec(f[1]) / 100m, OracleScenario.Dec(f[2]) / 100m)),
    ];

    /// <summary>D-E4: the applicable LPR (a fraction), or null when no LPR was published yet.</summary>
    internal static decimal? ApplicableLpr(DateOnly issuedOn, DateOnly maturesOn)
    {
        (DateOnly Published, decimal OneYear, decimal FiveYearPlus)? latest = null;
        foreach ((DateOnly Published, decimal OneYear, decimal FiveYearPlus) row in LprTable)
        {
            if (row.Published <= issuedOn && (latest is null || row.Published > latest.Value.Published))
            {
                latest = row;
            }
        }

        if (latest is null)
        {
            return null;
        }

        bool oneYearTenor = maturesOn <= issuedOn.AddMonths(60);
        return oneYearTenor ? latest.Value.OneYear : latest.Value.FiveYearPlus;
    }

    /// <summary>D-E1..D-E5 as level L judges them: the rules it waives (D-E6) do not apply to it.</summary>
    private static bool LoanEligible(OracleScenario s, OracleParameters p, OracleLoan loan, string level)
    {
        OracleEnterprise enterprise = s.Enterprises.First(e => e.Id == loan.Enterprise);
        OracleProject project = s.Projects.First(x => x.Id == loan.Project);
        decimal? lpr = ApplicableLpr(loan.IssuedOn, loan.MaturesOn);
        IReadOnlyList<string> waived = p.Has($"loan.{level}.waived") ? p.List($"loan.{level}.waived") : [];
        return IsManufacturing(enterprise) // D-E1
            && p.List("loan.project_kinds").Contains(project.Kind) // D-E2
            && LoanCategories.Contains(loan.Category) // D-E3
            && (waived.Contains("D-E4") || (lpr is not null && loan.Rate <= lpr.Value + p.Decimal("loan.max_spread"))) // D-E4
            && (waived.Contains("D-E5") || loan.EquipmentAmount >= p.Decimal("loan.min_equipment_amount")); // D-E5
    }

    /// <summary>Does level L pay on this day (all conditions except the D-3 room and D-10)?</summary>
    private static bool LevelPaysOn(OracleParameters p, OracleLoan loan, string level, DateOnly day)
    {
        bool approved = loan.Approvals is not null ? loan.Approvals.Contains(level) : !p.Bool($"loan.{level}.explicit_approval");
        if (!approved)
        {
            return false; // D-9
        }

        if (p.Decimal($"loan.{level}.rate") <= 0m)
        {
            return false; // D-1: a level with rate 0 (central by default) is off
        }

        if (level == "suzhou" && !loan.ViaSuzhouPlatform)
        {
            return false; // D-2
        }

        if (p.Has($"loan.{level}.categories") && !p.List($"loan.{level}.categories").Contains(loan.Category))
        {
            return false; // D-2
        }

        DateOnly periodEnd = loan.IssuedOn.AddMonths(p.Int($"loan.{level}.period_months"));
        if (loan.MaturesOn < periodEnd)
        {
            periodEnd = loan.MaturesOn;
        }

        return day >= loan.IssuedOn && day < periodEnd // D-5, D-4 (I-11)
            && day >= p.Date("loan.window_start") && day <= p.Date("loan.window_end"); // D-5 (I-12)
    }

    private static Dictionary<(string Loan, string Level), decimal> SchemeD(OracleScenario s, OracleParameters p)
    {
        IReadOnlyList<string> levels = p.List("loan.levels");
        Dictionary<(string Loan, string Level), decimal> amounts = [];

        foreach (OracleLoan loan in s.Loans)
        {
            Dictionary<string, Exact> sums = levels.ToDictionary(static l => l, static _ => Exact.Zero);
            HashSet<string> eligible = [.. levels.Where(l => LoanEligible(s, p, loan, l))];
            if (eligible.Count > 0)
            {
                Exact share = Exact.Of(1m);
                if (p.String("loan.subsidised_base") == "equipment_share" && loan.EquipmentAmount < loan.Principal)
                {
                    share = Exact.Of(loan.EquipmentAmount).DividedBy(Exact.Of(loan.Principal)); // I-14
                }

                Exact dayCount = Exact.Of(p.Decimal("loan.day_count"));
                for (DateOnly day = new(s.Year, 1, 1); day.Year == s.Year; day = day.AddDays(1))
                {
                    decimal balance = loan.Principal - loan.Repayments.Where(r => r.Date <= day).Sum(static r => r.Amount);
                    decimal room = Math.Min(p.Decimal("loan.max_total_rate"), loan.Rate); // D-3
                    HashSet<string> payingToday = [];
                    foreach (string level in levels)
                    {
                        if (!eligible.Contains(level) || !LevelPaysOn(p, loan, level, day))
                        {
                            continue; // a level that does not pay leaves the room to the next
                        }

                        // D-10: it steps back on a day a level before it, named in yields_to, pays.
                        if (p.Has($"loan.{level}.yields_to") && p.List($"loan.{level}.yields_to").Any(payingToday.Contains))
                        {
                            continue;
                        }

                        decimal rate = Math.Min(p.Decimal($"loan.{level}.rate"), room);
                        room -= rate;
                        if (rate > 0m)
                        {
                            payingToday.Add(level);
                        }

                        Exact daily = Exact.Of(balance).Times(share).Times(Exact.Of(rate)).DividedBy(dayCount); // D-4
                        sums[level] = sums[level].Plus(daily);
                    }
                }
            }

            foreach (string level in levels)
            {
                amounts[(loan.Id, level)] = sums[level].RoundToFen(); // I-9: once per loan, level and year
            }
        }

        // Caps (D-6, D-7): the rows of loan.caps in order. A row's covered levels of a group (project or enterprise) add up to
        // at most its amount; the earlier level keeps up to the cap, the later ones are cut, each cut level shared by D-8.
        foreach (string row in p.List("loan.caps"))
        {
            string[] f = row.Split('|');
            string[] covered = [.. levels.Where(l => f[1].Split('+').Contains(l))];
            decimal cap = OracleScenario.Dec(f[3]);
            foreach (IGrouping<string, OracleLoan> group in s.Loans.GroupBy(l => f[2] == "project" ? l.Project : l.Enterprise))
            {
                decimal total = covered.Sum(level => group.Sum(l => amounts[(l.Id, level)]));
                if (total <= cap)
                {
                    continue;
                }

                decimal left = cap;
                foreach (string level in covered)
                {
                    decimal levelTotal = group.Sum(l => amounts[(l.Id, level)]);
                    decimal keep = Math.Min(levelTotal, left);
                    left -= keep;
                    ApplyCap([.. group], level, keep, amounts);
                }
            }
        }

        return amounts;
    }

    /// <summary>D-8: if the loans' total exceeds the cap, share the cap pro rata by largest remainders.</summary>
    private static void ApplyCap(List<OracleLoan> loans, string level, decimal cap, Dictionary<(string Loan, string Level), decimal> amounts)
    {
        decimal total = loans.Sum(l => amounts[(l.Id, level)]);
        if (total <= cap)
        {
            return;
        }

        BigInteger capFen = Exact.Of(cap).FloorToFen();
        List<(OracleLoan Loan, BigInteger Fen, Exact Remainder)> shares = [];
        foreach (OracleLoan loan in loans)
        {
            Exact exact = Exact.Of(cap).Times(Exact.Of(amounts[(loan.Id, level)])).DividedBy(Exact.Of(total));
            BigInteger fen = exact.FloorToFen();
            shares.Add((loan, fen, exact.Minus(Exact.FromFen(fen))));
        }

        BigInteger leftover = capFen - shares.Aggregate(BigInteger.Zero, static (acc, x) => acc + x.Fen);
        List<(OracleLoan Loan, BigInteger Fen, Exact Remainder)> order =
        [
            .. shares
                .OrderByDescending(static x => x.Remainder)
                .ThenBy(static x => x.Loan.IssuedOn)
                .ThenBy(static x => x.Loan.Id, StringComparer.Ordinal),
        ];
        for (int i = 0; i < order.Count; i++)
        {
            BigInteger fen = order[i].Fen + (i < leftover ? BigInteger.One : BigInteger.Zero);
            amounts[(order[i].Loan.Id, level)] = (decimal)fen / 100m;
        }
    }

    /// <summary>An exact non-negative-or-negative rational number, kept reduced, denominator positive.</summary>
    internal readonly record struct Exact : IComparable<Exact>
    {
        private Exact(BigInteger num, BigInteger den)
        {
            if (den.Sign < 0)
            {
                num = -num;
                den = -den;
            }

            BigInteger g = BigInteger.GreatestCommonDivisor(num, den);
            if (g > BigInteger.One)
            {
                num /= g;
                den /= g;
            }

            Num = num;
            Den = den;
        }

        public BigInteger Num { get; }

        public BigInteger Den { get; }

        public static Exact Zero => new(BigInteger.Zero, BigInteger.One);

        public static Exact Of(decimal d)
        {
            string text = d.ToString(CultureInfo.InvariantCulture);
            bool negative = text.StartsWith('-');
            string[] parts = text.TrimStart('-').Split('.');
            string fraction = parts.Length > 1 ? parts[1] : "";
            BigInteger num = BigInteger.Parse(parts[0] + fraction, CultureInfo.InvariantCulture);
            return new Exact(negative ? -num : num, BigInteger.Pow(10, fraction.Length));
        }

        public static Exact FromFen(BigInteger fen)
        {
            return new Exact(fen, 100);
        }

        public Exact Plus(Exact o)
        {
            return new Exact((Num * o.Den) + (o.Num * Den), Den * o.Den);
        }

        public Exact Minus(Exact o)
        {
            return new Exact((Num * o.Den) - (o.Num * Den), Den * o.Den);
        }

        public Exact Times(Exact o)
        {
            return new Exact(Num * o.Num, Den * o.Den);
        }

        public Exact DividedBy(Exact o)
        {
            return new Exact(Num * o.Den, Den * o.Num);
        }

        public int CompareTo(Exact other)
        {
            return (Num * other.Den).CompareTo(other.Num * Den);
        }

        /// <summary>floor(x × 100), in fen.</summary>
        public BigInteger FloorToFen()
        {
            return FloorDiv(Num * 100, Den);
        }

        /// <summary>x rounded to 0.01, midpoint away from zero.</summary>
        public decimal RoundToFen()
        {
            BigInteger absFen = FloorDiv((BigInteger.Abs(Num) * 200) + Den, 2 * Den);
            return (decimal)(Num.Sign < 0 ? -absFen : absFen) / 100m;
        }

        private static BigInteger FloorDiv(BigInteger a, BigInteger b)
        {
            BigInteger q = BigInteger.DivRem(a, b, out BigInteger r);
            return r.Sign != 0 && (r.Sign < 0) != (b.Sign < 0) ? q - 1 : q;
        }
    }
}

/// <summary>POLICY.md parameter defaults, with a scenario's dotted-name overrides applied generically.</summary>
internal sealed class OracleParameters
{
    private static readonly Dictionary<string, OracleParameterValue> Defaults = new(StringComparer.Ordinal)
    {
        ["demonstration.scopes"] = L("smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "service_transformation",
            "industrial_internet_infrastructure", "it_innovation", "data_productization", "new_it_renovation"),
        ["demonstration.min_digital_investment"] = S("500000000"),
        ["demonstration.require_completion"] = S("true"),
        ["demonstration.rate"] = S("0.10"),
        ["demonstration.cap_per_project"] = S("30000000"),

        ["effective_investment.clusters"] = L("advanced_materials", "electronic_information", "equipment_manufacturing", "biomedicine"),
        ["effective_investment.min_annual_equipment"] = S("20000000"),
        ["effective_investment.rate"] = S("0.08"),
        ["effective_investment.cap_per_project"] = S("8000000"),

        ["tech_renovation.min_annual_investment"] = S("5000000"),
        ["tech_renovation.project_kinds"] = L("renovation", "expansion"),
        ["tech_renovation.base_rate"] = S("0.05"),
        ["tech_renovation.digital_threshold"] = S("5000000"),
        ["tech_renovation.digital_multiplier"] = S("2"),
        ["tech_renovation.cap_per_enterprise_year"] = S("10000000"),

        ["stacking.exclusive_project_awards"] = S("true"),

        ["loan.project_kinds"] = L("new", "expansion", "renovation"),
        ["loan.max_spread"] = S("0.005"),
        ["loan.min_equipment_amount"] = S("5000000"),
        ["loan.levels"] = L("central", "province", "suzhou", "kunshan"),
        ["loan.central.rate"] = S("0"),
        ["loan.province.rate"] = S("0.01"),
        ["loan.suzhou.rate"] = S("0.01"),
        ["loan.kunshan.rate"] = S("0.01"),
        ["loan.suzhou.categories"] = L("digital_transformation"),
        ["loan.max_total_rate"] = S("0.03"),
        ["loan.day_count"] = S("360"),
        ["loan.subsidised_base"] = S("equipment_share"),
        ["loan.central.period_months"] = S("24"),
        ["loan.province.period_months"] = S("24"),
        ["loan.suzhou.period_months"] = S("24"),
        ["loan.kunshan.period_months"] = S("24"),
        ["loan.window_start"] = S("2024-01-01"),
        ["loan.window_end"] = S("2027-12-31"),
        ["loan.caps"] = L("D-6a|province|project|5000000", "D-6b|province|enterprise|10000000", "D-7a|suzhou|enterprise|3000000",
            "D-7b|kunshan|enterprise|3000000"),
        ["loan.central.explicit_approval"] = S("true"),
        ["loan.province.explicit_approval"] = S("false"),
        ["loan.suzhou.explicit_approval"] = S("false"),
        ["loan.kunshan.explicit_approval"] = S("false"),
    };

    private readonly IReadOnlyDictionary<string, OracleParameterValue> _overrides;

    public OracleParameters(IReadOnlyDictionary<string, OracleParameterValue> overrides)
    {
        _overrides = overrides;
    }

    public bool Has(string name)
    {
        return _overrides.ContainsKey(name) || Defaults.ContainsKey(name);
    }

    public decimal Decimal(string name)
    {
        return OracleScenario.Dec(Scalar(name));
    }

    public int Int(string name)
    {
        return (int)Decimal(name);
    }

    public bool Bool(string name)
    {
        return OracleScenario.Bool(Scalar(name));
    }

    public DateOnly Date(string name)
    {
        return OracleScenario.Date(Scalar(name));
    }

    public string String(string name)
    {
        return Scalar(name);
    }

    public IReadOnlyList<string> List(string name)
    {
        OracleParameterValue value = Get(name);
        return value.Items ?? [value.Scalar ?? ""];
    }

    private string Scalar(string name)
    {
        return Get(name).Scalar ?? throw new InvalidOperationException($"parameter {name} is a list, not a scalar");
    }

    private OracleParameterValue Get(string name)
    {
        if (_overrides.TryGetValue(name, out OracleParameterValue? value) || Defaults.TryGetValue(name, out value))
        {
            return value;
        }

        throw new KeyNotFoundException($"unknown parameter {name}");
    }

    private static OracleParameterValue S(string value)
    {
        return new OracleParameterValue(value, null);
    }

    private static OracleParameterValue L(params string[] items)
    {
        return new OracleParameterValue(null, items);
    }
}
