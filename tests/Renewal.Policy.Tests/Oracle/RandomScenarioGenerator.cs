using System.Globalization;
using System.Text;

namespace Renewal.Policy.Tests.Oracle;

/// <summary>
/// Random but valid scenario files (SCENARIOS.md format) aimed at the edges of POLICY.md: amounts exactly at,
/// one fen below and above every threshold and cap, caps that bind over several loans (D-8 sharing with ties),
/// LPR + 50 bp exactly and 1 bp above, terms around 60 months, month-end and 29 February issue dates,
/// repayments, approvals subsets, the Suzhou platform flag both ways. Deterministic for a given seed.
/// </summary>
public static class RandomScenarioGenerator
{
    public static string Generate(int seed, int count)
    {
        Random rng = new(seed);
        StringBuilder sb = new();
        sb.Append(count > 0 ? "scenarios:\n" : "scenarios: []\n");
        for (int i = 0; i < count; i++)
        {
            new ScenarioBuilder(rng, $"random seed {seed} no {i}").Build().Write(sb, rng);
        }

        return sb.ToString();
    }

    /// <summary>GB 32100-2015 check character for the first 17 characters of a credit code.</summary>
    public static char CreditCodeCheck(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum += CodeAlphabet.IndexOf(first17[i], StringComparison.Ordinal) * CodeWeights[i];
        }

        int check = 31 - (sum % 31);
        return CodeAlphabet[check == 31 ? 0 : check];
    }

    internal const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] CodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    internal static readonly string[] Areas =
        ["昆山开发区", "昆山高新区", "花桥经济开发区", "旅游度假区", "周市镇", "陆家镇", "张浦镇", "巴城镇", "千灯镇", "淀山湖镇", "锦溪镇", "周庄镇"];

    private static readonly string[] NonManufacturingCodes = ["I6511", "G5829", "B0610", "D4411"];

    private static readonly string[] Kinds = ["new", "expansion", "renovation"];

    private static readonly string[] Statuses = ["planned", "in_progress", "completed"];

    private static readonly string[] Clusters = ["advanced_materials", "electronic_information", "equipment_manufacturing", "biomedicine"];

    private static readonly string[] Scopes =
    [
        "smart_factory_demo", "industrial_internet_benchmark", "scenario_5g", "service_transformation",
        "industrial_internet_infrastructure", "it_innovation", "data_productization", "new_it_renovation",
    ];

    private static readonly string[] Categories = ["innovation_carrier", "digital_transformation", "industrial_upgrade", "equipment_renewal"];

    private static readonly string[] Levels = ["central", "province", "suzhou", "kunshan"];

    private static readonly DateOnly[] LprDates =
        [new(2024, 2, 20), new(2024, 7, 22), new(2024, 10, 21), new(2025, 5, 20)];

    private sealed class GEnterprise
    {
        public required string Id { get; init; }

        public required string CreditCode { get; init; }

        public required string Area { get; init; }

        public required string IndustryCode { get; init; }

        public bool Manufacturing => IndustryCode.StartsWith('C');
    }

    private sealed class GProject
    {
        public required string Id { get; init; }

        public required string Enterprise { get; init; }

        public required string Kind { get; init; }

        public string Status { get; set; } = "in_progress";

        public DateOnly? CompletedOn { get; set; }

        public List<int> Tasks { get; } = [];

        public List<string>? Clusters { get; set; }

        public bool? Safety { get; set; }

        public List<string>? Scopes { get; set; }

        public SortedDictionary<int, (decimal Equipment, decimal Digital)> Investment { get; } = [];

        public List<(string Scheme, int Year, decimal Amount)> Prior { get; } = [];

        public (decimal Equipment, decimal Digital) In(int year)
        {
            return Investment.TryGetValue(year, out (decimal Equipment, decimal Digital) v) ? v : (0m, 0m);
        }
    }

    private sealed class GLoan
    {
        public required string Id { get; init; }

        public required string Enterprise { get; init; }

        public required string Project { get; init; }

        public required string Category { get; init; }

        public required decimal Principal { get; init; }

        public required decimal Rate { get; init; }

        public required DateOnly IssuedOn { get; init; }

        public required DateOnly MaturesOn { get; init; }

        public required decimal EquipmentAmount { get; init; }

        public bool Suzhou { get; init; }

        public List<string>? Approvals { get; init; }

        public List<(DateOnly Date, decimal Amount)> Repayments { get; } = [];
    }

    private sealed class GScenario
    {
        public required string Name { get; init; }

        public required int Year { get; init; }

        public List<(string Name, string Value)> Parameters { get; } = [];

        public List<GEnterprise> Enterprises { get; } = [];

        public List<GProject> Projects { get; } = [];

        public List<GLoan> Loans { get; } = [];

        public void Write(StringBuilder sb, Random rng)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - name: {Name}\n");
            sb.Append(CultureInfo.InvariantCulture, $"    year: {Year}\n");
            if (Parameters.Count > 0)
            {
                sb.Append("    parameters:\n");
                foreach ((string name, string value) in Parameters)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"      {name}: {value}\n");
                }
            }

            sb.Append("    enterprises:\n");
            foreach (GEnterprise e in Enterprises)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - id: {e.Id}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        credit_code: {e.CreditCode}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        name: 企业{e.Id}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        area: {e.Area}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        industry_code: {e.IndustryCode}\n");
            }

            sb.Append("    projects:\n");
            foreach (GProject p in Projects)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - id: {p.Id}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        enterprise: {p.Enterprise}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        name: 项目{p.Id}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        kind: {p.Kind}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        status: {p.Status}\n");
                if (p.CompletedOn is { } done)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        completed_on: {D(done)}\n");
                }

                if (p.Tasks.Count > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        tasks: [{string.Join(", ", p.Tasks)}]\n");
                }

                if (p.Clusters is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        clusters: [{string.Join(", ", p.Clusters)}]\n");
                }

                if (p.Safety is { } safety)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        safety_renovation: {(safety ? "true" : "false")}\n");
                }

                if (p.Scopes is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        digital_scopes: [{string.Join(", ", p.Scopes)}]\n");
                }

                if (p.Investment.Count > 0)
                {
                    sb.Append("        investment:\n");
                    foreach (KeyValuePair<int, (decimal Equipment, decimal Digital)> kv in p.Investment)
                    {
                        sb.Append(CultureInfo.InvariantCulture,
                            $"          {kv.Key}: {{ equipment: {M(kv.Value.Equipment)}, digital: {M(kv.Value.Digital)} }}\n");
                    }
                }

                if (p.Prior.Count > 0)
                {
                    sb.Append("        prior_awards:\n");
                    foreach ((string scheme, int year, decimal amount) in p.Prior)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"          - {{ scheme: {scheme}, year: {year}, amount: {M(amount)} }}\n");
                    }
                }
            }

            if (Loans.Count == 0)
            {
                if (rng.Next(2) == 0)
                {
                    sb.Append("    loans: []\n");
                }

                return;
            }

            sb.Append("    loans:\n");
            foreach (GLoan l in Loans)
            {
                sb.Append(CultureInfo.InvariantCulture, $"      - id: {l.Id}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        enterprise: {l.Enterprise}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        project: {l.Project}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        category: {l.Category}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        principal: {M(l.Principal)}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        rate: {R(l.Rate)}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        issued_on: {D(l.IssuedOn)}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        matures_on: {D(l.MaturesOn)}\n");
                sb.Append(CultureInfo.InvariantCulture, $"        equipment_amount: {M(l.EquipmentAmount)}\n");
                if (l.Suzhou || rng.Next(2) == 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        via_suzhou_platform: {(l.Suzhou ? "true" : "false")}\n");
                }

                if (l.Approvals is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"        approvals: [{string.Join(", ", l.Approvals)}]\n");
                }

                if (l.Repayments.Count > 0)
                {
                    sb.Append("        repayments:\n");
                    foreach ((DateOnly date, decimal amount) in l.Repayments)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"          - {{ date: {D(date)}, amount: {M(amount)} }}\n");
                    }
                }
            }
        }

        private static string M(decimal money)
        {
            return money.ToString("0.##", CultureInfo.InvariantCulture);
        }

        private static string R(decimal rate)
        {
            return rate.ToString("0.############", CultureInfo.InvariantCulture);
        }

        private static string D(DateOnly date)
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    private sealed class ScenarioBuilder
    {
        private readonly Random _rng;
        private readonly GScenario _s;
        private readonly int _y;
        private int _nextEnterprise = 1;
        private int _nextProject = 1;
        private int _nextLoan;
        private bool _requireCompletion = true;
        private decimal _biRate = 0.08m;

        public ScenarioBuilder(Random rng, string name)
        {
            _rng = rng;
            _y = rng.Next(2024, 2028);
            _s = new GScenario { Name = $"{name} year {_y}", Year = _y };
            _nextLoan = Pick(1, 1, 8, 9); // 8, 9: ids L9, L10, L11 test the ordinal tie-break of D-8
        }

        public GScenario Build()
        {
            AddParameters();
            int enterprises = _rng.Next(1, 4);
            for (int i = 0; i < enterprises; i++)
            {
                AddEnterprise();
            }

            return _s;
        }

        // ------------------------------------------------------------ random helpers

        private bool Chance(double p)
        {
            return _rng.NextDouble() < p;
        }

        private T Pick<T>(params ReadOnlySpan<T> items)
        {
            return items[_rng.Next(items.Length)];
        }

        private T PickFrom<T>(IReadOnlyList<T> items)
        {
            return items[_rng.Next(items.Count)];
        }

        /// <summary>x, x − 0.01 or x + 0.01.</summary>
        private decimal Nudge(decimal x)
        {
            return x + Pick(-0.01m, 0m, 0.01m);
        }

        /// <summary>A random amount in fen between min and max (inclusive).</summary>
        private decimal Money(decimal min, decimal max)
        {
            long fens = (long)((max - min) * 100m);
            return min + (_rng.NextInt64(0, fens + 1) / 100m);
        }

        private DateOnly RandomDate(DateOnly from, DateOnly to)
        {
            return from.AddDays(_rng.Next(0, to.DayNumber - from.DayNumber + 1));
        }

        private List<string> Subset(IReadOnlyList<string> items, int min)
        {
            List<string> result = [.. items.Where(_ => Chance(0.4))];
            while (result.Count < min)
            {
                string extra = PickFrom(items);
                if (!result.Contains(extra))
                {
                    result.Add(extra);
                }
            }

            return result;
        }

        private static DateOnly MonthEnd(int year, int month)
        {
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        }

        // ------------------------------------------------------------ parameters

        private void AddParameters()
        {
            if (Chance(0.25))
            {
                _requireCompletion = false;
                _s.Parameters.Add(("demonstration.require_completion", "false"));
            }

            if (Chance(0.2))
            {
                _s.Parameters.Add(("tech_renovation.base_rate", Pick("0.03", "0.05", "0.1")));
            }

            if (Chance(0.15))
            {
                string rate = Pick("0.10", "0.06");
                _biRate = OracleScenario.Dec(rate);
                _s.Parameters.Add(("effective_investment.rate", rate));
            }

            if (Chance(0.1))
            {
                // 0.016 × 500,000,000 = 8,000,000 and 8,000,000 caps: an A/B tie (I-5) is likely.
                _s.Parameters.Add(Pick(("demonstration.rate", "0.016"), ("demonstration.rate", "0.06"), ("demonstration.cap_per_project", "8000000")));
            }

            if (Chance(0.25))
            {
                (string, string)[] loanOptions =
                [
                    ("loan.central.rate", "0.01"),
                    ("loan.kunshan.rate", "0.005"),
                    ("loan.province.rate", "0.015"),
                    ("loan.max_total_rate", "0.025"),
                    ("loan.caps", "[{ id: D-6a, levels: [province], per: project, amount: 3000000 }, { id: D-6b, levels: [province], per: enterprise, amount: 6000000 }]"),
                    ("loan.caps", "[{ id: D-7a, levels: [suzhou], per: enterprise, amount: 1000000 }, { id: D-7b, levels: [kunshan], per: enterprise, amount: 2000000 }]"),
                    ("loan.caps", "[{ id: X-1, levels: [province, suzhou, kunshan], per: enterprise, amount: 2500000 }, { id: X-2, levels: [kunshan, province], per: project, amount: 900000 }]"),
                    ("loan.central.explicit_approval", "false"),
                    ("loan.province.waived", "[D-E4, D-E5]"),
                    ("loan.kunshan.waived", "[D-E5]"),
                    ("loan.kunshan.yields_to", "[central]"),
                    ("loan.suzhou.yields_to", "[central, province]"),
                ];
                (string, string) first = PickFrom(loanOptions);
                _s.Parameters.Add(first);
                (string, string) second = PickFrom(loanOptions);
                if (Chance(0.3) && second.Item1 != first.Item1)
                {
                    _s.Parameters.Add(second);
                }
            }
        }

        // ------------------------------------------------------------ enterprises and projects

        private void AddEnterprise()
        {
            string id = $"E{_nextEnterprise++}";
            string first17 = "91" + new string([.. Enumerable.Range(0, 15).Select(_ => CodeAlphabet[_rng.Next(CodeAlphabet.Length)])]);
            string industry = Chance(0.8)
                ? $"C{_rng.Next(13, 44)}{_rng.Next(0, 100):00}"
                : PickFrom(NonManufacturingCodes);
            GEnterprise e = new()
            {
                Id = id,
                CreditCode = first17 + CreditCodeCheck(first17),
                Area = PickFrom(Areas),
                IndustryCode = industry,
            };
            _s.Enterprises.Add(e);

            int projects = _rng.Next(1, 4);
            for (int i = 0; i < projects; i++)
            {
                int profile = _rng.Next(10);
                if (profile < 3)
                {
                    AddDemonstrationProject(e);
                }
                else if (profile < 7)
                {
                    AddEffectiveInvestmentProject(e);
                }
                else
                {
                    AddPlainProject(e);
                }
            }

            if (Chance(0.6))
            {
                AddTechRenovationFiller(e);
            }

            AddLoans(e);
        }

        private GProject NewProject(GEnterprise e, string? kind = null)
        {
            GProject p = new() { Id = $"P{_nextProject++}", Enterprise = e.Id, Kind = kind ?? PickFrom(Kinds) };
            if (Chance(0.3))
            {
                p.Tasks.AddRange(Enumerable.Range(1, 12).Where(_ => Chance(0.2)));
            }

            if (Chance(0.5))
            {
                p.Safety = Chance(0.2);
            }

            SetStatus(p, Chance(0.3));
            _s.Projects.Add(p);
            return p;
        }

        private void SetStatus(GProject p, bool completedInYear)
        {
            if (completedInYear)
            {
                p.Status = "completed";
                p.CompletedOn = Pick(1, 2, 3) switch
                {
                    1 => new DateOnly(_y, 1, 1),
                    2 => new DateOnly(_y, 12, 31),
                    _ => DateTime.IsLeapYear(_y) && Chance(0.5) ? new DateOnly(_y, 2, 29) : RandomDate(new DateOnly(_y, 1, 1), new DateOnly(_y, 12, 31)),
                };
                return;
            }

            p.Status = PickFrom(Statuses);
            p.CompletedOn = p.Status == "completed"
                ? Pick(new DateOnly(_y - 1, 12, 31), new DateOnly(_y + 1, 1, 1), RandomDate(new DateOnly(_y - 2, 1, 1), new DateOnly(_y - 1, 12, 31)))
                : null;
        }

        private static void SetInvestment(GProject p, int year, decimal equipment, decimal digital)
        {
            (decimal eq, decimal dig) = p.In(year);
            eq += equipment;
            dig += Math.Min(digital, equipment);
            p.Investment[year] = (eq, dig);
        }

        /// <summary>Scheme A: cumulative digital at, one fen below or above 500,000,000.</summary>
        private void AddDemonstrationProject(GEnterprise e)
        {
            GProject p = NewProject(e);
            p.Scopes = Chance(0.9) ? Subset(Scopes, 1) : [];
            p.Clusters = Chance(0.5) ? Subset(Clusters, 1) : null;
            SetStatus(p, Chance(0.6));

            decimal total = Chance(0.8) ? Nudge(500_000_000m) : Money(300_000_000m, 800_000_000m);
            int split = _requireCompletion ? Pick(1, 2, 3) : Pick(1, 2, 3, 3); // without completion, crossing in Y matters
            decimal before = split switch
            {
                1 => 0m,
                2 => total, // threshold reached (or not) already last year
                _ => Money(0m, total),
            };
            decimal thisYear = total - before;
            if (before > 0m)
            {
                decimal twoBefore = Chance(0.3) ? Money(0m, before) : 0m;
                if (twoBefore > 0m)
                {
                    SetInvestment(p, _y - 2, twoBefore + Money(0m, 10_000_000m), twoBefore);
                }

                SetInvestment(p, _y - 1, before - twoBefore + Money(0m, 50_000_000m), before - twoBefore);
            }

            SetInvestment(p, _y, thisYear + Pick(0m, 0m, Money(0m, 30_000_000m), Nudge(20_000_000m)), thisYear);
            if (Chance(0.2))
            {
                SetInvestment(p, _y + 1, 100_000_000m, 100_000_000m); // future years must not count
            }

            if (Chance(0.1))
            {
                p.Prior.Add(("demonstration", _y - 1, 30_000_000m));
            }

            if (Chance(0.2))
            {
                AddEffectiveInvestmentPrior(p);
            }
        }

        /// <summary>Scheme B: annual equipment around 20,000,000, awards around the 8,000,000 lifetime cap.</summary>
        private void AddEffectiveInvestmentProject(GEnterprise e)
        {
            GProject p = NewProject(e);
            if (Chance(0.7))
            {
                p.Clusters = Chance(0.8) ? Subset(Clusters, 1) : [];
            }

            if (Chance(0.3))
            {
                p.Safety = true;
            }

            if (Chance(0.2))
            {
                p.Scopes = Subset(Scopes, 0);
            }

            decimal capEquipment = 8_000_000m / _biRate; // equipment at which the award reaches the cap
            decimal equipment = Pick(1, 2, 3, 4, 5, 6) switch
            {
                1 => Nudge(20_000_000m),
                2 => Pick(capEquipment, capEquipment - 0.12m, capEquipment + 0.13m, Nudge(capEquipment)),
                3 => 20_000_000m + Pick(0.05m, 0.15m, 0.25m, 0.10m), // midpoints under rate 0.10
                4 => Money(20_000_000m, 150_000_000m),
                5 => Money(1_000_000m, 19_999_999.99m),
                _ => Nudge(62_500_000m),
            };
            decimal digital = Pick(1, 2, 3) switch
            {
                1 => 0m,
                2 => Math.Min(equipment, Nudge(5_000_000m)),
                _ => Money(0m, equipment),
            };
            SetInvestment(p, _y, equipment, digital);
            if (Chance(0.5))
            {
                SetInvestment(p, _y - 1, Money(0m, 100_000_000m), 0m);
            }

            if (Chance(0.5))
            {
                AddEffectiveInvestmentPrior(p);
            }
        }

        private void AddEffectiveInvestmentPrior(GProject p)
        {
            switch (_rng.Next(6))
            {
                case 0:
                    p.Prior.Add(("effective_investment", _y - 1, 6_000_000m));
                    break;
                case 1:
                    p.Prior.Add(("effective_investment", _y - 1, Nudge(8_000_000m)));
                    break;
                case 2:
                    p.Prior.Add(("effective_investment", _y - 2, 3_000_000m));
                    p.Prior.Add(("effective_investment", _y - 1, 2_000_000m));
                    break;
                case 3:
                    p.Prior.Add(("effective_investment", _y - 1, 8_000_000m - Pick(0.01m, 1_600_000m, 2_000_000m)));
                    break;
                case 4:
                    p.Prior.Add(("effective_investment", _y - 1, Money(0m, 8_000_000m)));
                    break;
                default:
                    p.Prior.Add(("effective_investment", _y - 3, 1_000_000m));
                    break;
            }
        }

        private void AddPlainProject(GEnterprise e)
        {
            GProject p = NewProject(e);
            if (Chance(0.3))
            {
                p.Clusters = Subset(Clusters, 0);
            }

            if (Chance(0.7))
            {
                decimal equipment = Money(0m, 15_000_000m);
                SetInvestment(p, _y, equipment, Chance(0.5) ? Money(0m, equipment) : 0m);
            }

            if (Chance(0.3))
            {
                decimal equipment = Money(0m, 15_000_000m);
                SetInvestment(p, _y - 1, equipment, Money(0m, equipment));
            }
        }

        /// <summary>Scheme C: top the enterprise's renovation/expansion equipment (and digital) up to an edge.</summary>
        private void AddTechRenovationFiller(GEnterprise e)
        {
            List<GProject> mine = [.. _s.Projects.Where(p => p.Enterprise == e.Id)];
            decimal counted = mine.Where(static p => p.Kind is "renovation" or "expansion").Sum(p => p.In(_y).Equipment);
            decimal digital = mine.Sum(p => p.In(_y).Digital);
            decimal target = Pick(1, 2, 3, 4) switch
            {
                1 => Nudge(5_000_000m),
                2 => Nudge(100_000_000m), // × 5% × 2 = the 10,000,000 cap
                3 => Nudge(200_000_000m), // × 5% = the cap
                _ => Pick(5_000_000.10m, 12_345_678.30m, 7_777_777.70m), // × 0.05 ends in half a fen
            };
            if (target <= counted)
            {
                return;
            }

            decimal equipment = target - counted;
            decimal wantDigital = Pick(Nudge(5_000_000m), 0m, Nudge(5_000_000m)) - digital;
            decimal fillerDigital = Math.Clamp(wantDigital, 0m, equipment);
            GProject p = NewProject(e, Pick("renovation", "expansion"));
            SetInvestment(p, _y, equipment, fillerDigital);
        }

        // ------------------------------------------------------------ loans

        private void AddLoans(GEnterprise e)
        {
            int profile = _rng.Next(10);
            if (profile < 3)
            {
                return;
            }

            if (profile < 7 || !e.Manufacturing)
            {
                int loans = _rng.Next(1, 4);
                for (int i = 0; i < loans; i++)
                {
                    AddRandomLoan(e);
                }

                return;
            }

            switch (_rng.Next(4))
            {
                case 0:
                    // Province per-project cap 5,000,000 (and Kunshan/Suzhou 3,000,000), several loans on one project.
                    AddCappedLoans(e, ProjectOf(e, 0), Nudge(5_000_000m) + Pick(0m, 0m, 1_083_333.34m), _rng.Next(2, 5));
                    break;
                case 1:
                    // Province per-enterprise cap 10,000,000 over three projects after their project caps.
                    decimal delta = Pick(-0.01m, 0m, 0.01m, 750_000m);
                    AddCappedLoans(e, ProjectOf(e, 0), 5_000_000m + Pick(0m, 0.01m, 1_000_000m), 2);
                    AddCappedLoans(e, ProjectOf(e, 1), 3_000_000m, 1);
                    AddCappedLoans(e, ProjectOf(e, 2), 2_000_000m + delta, _rng.Next(1, 3));
                    break;
                case 2:
                    // Suzhou and Kunshan per-enterprise caps 3,000,000 over loans of two projects.
                    AddCappedLoans(e, ProjectOf(e, 0), Nudge(1_800_000m), _rng.Next(1, 3));
                    AddCappedLoans(e, ProjectOf(e, 1), Nudge(1_200_000m) + Pick(0m, 0m, 0.01m, 400_000m), 1);
                    break;
                default:
                    AddEqualFullYearLoans(e);
                    break;
            }

            if (Chance(0.3))
            {
                AddRandomLoan(e);
            }
        }

        private GProject ProjectOf(GEnterprise e, int index)
        {
            List<GProject> mine = [.. _s.Projects.Where(p => p.Enterprise == e.Id)];
            return index < mine.Count ? mine[index] : NewProject(e);
        }

        private string NextLoanId()
        {
            return $"L{_nextLoan++}";
        }

        /// <summary>
        /// Loans issued so that exactly 360 days of year Y are subsidised, with equipment = principal and rate 3%:
        /// each level then pays principal / 100 exactly, so the level total of the loans is exactly <paramref name="total"/>.
        /// </summary>
        private void AddCappedLoans(GEnterprise e, GProject project, decimal total, int count)
        {
            DateOnly issued = new DateOnly(_y, 12, 31).AddDays(-359);
            long totalFen = (long)(total * 100m);
            bool equal = Chance(0.4);
            long[] weights = [.. Enumerable.Range(0, count).Select(_ => equal ? 1L : _rng.Next(10, 31))];
            long weightSum = weights.Sum();
            long used = 0;
            for (int i = 0; i < count; i++)
            {
                long fen = i == count - 1 ? totalFen - used : totalFen * weights[i] / weightSum;
                used += fen;
                decimal principal = fen; // fen / 100 yuan per level = principal × 1% × 360 / 360
                bool suzhou = Chance(0.85);
                _s.Loans.Add(new GLoan
                {
                    Id = NextLoanId(),
                    Enterprise = e.Id,
                    Project = project.Id,
                    Category = suzhou ? "digital_transformation" : PickFrom(Categories),
                    Principal = principal,
                    Rate = Pick(0.03m, 0.03m, 0.032m),
                    IssuedOn = issued,
                    MaturesOn = issued.AddMonths(36),
                    EquipmentAmount = principal,
                    Suzhou = suzhou,
                    Approvals = Chance(0.15) ? ["province", "suzhou", "kunshan"] : null,
                });
            }
        }

        /// <summary>Equal loans over the whole year, issued on different days of Y − 1: D-8 ties broken by issue date.</summary>
        private void AddEqualFullYearLoans(GEnterprise e)
        {
            GProject project = ProjectOf(e, 0);
            int count = _rng.Next(3, 8);
            decimal principal = Pick(180_000_000m, 210_000_000m, 100_000_000m, 60_000_000m);
            List<DateOnly> dates = [];
            while (dates.Count < count)
            {
                DateOnly d = RandomDate(new DateOnly(_y - 1, 1, 1), new DateOnly(_y - 1, 12, 31));
                if (!dates.Contains(d))
                {
                    dates.Add(d);
                }
            }

            foreach (DateOnly issued in dates)
            {
                _s.Loans.Add(new GLoan
                {
                    Id = NextLoanId(),
                    Enterprise = e.Id,
                    Project = project.Id,
                    Category = "digital_transformation",
                    Principal = principal,
                    Rate = 0.03m,
                    IssuedOn = issued,
                    MaturesOn = issued.AddMonths(36),
                    EquipmentAmount = principal,
                    Suzhou = true,
                });
            }
        }

        private void AddRandomLoan(GEnterprise e)
        {
            List<GProject> mine = [.. _s.Projects.Where(p => p.Enterprise == e.Id)];
            GProject project = PickFrom(mine);

            DateOnly issued = _rng.Next(8) switch
            {
                0 => MonthEnd(_rng.Next(_y - 2, _y + 1), _rng.Next(1, 13)),
                1 => new DateOnly(2024, 2, 29),
                2 => PickFrom(LprDates).AddDays(Pick(0, -1)),
                3 => Pick(new DateOnly(_y, 1, 1), new DateOnly(_y, 12, 31), new DateOnly(_y - 1, 12, 31), new DateOnly(_y - 2, 1, 1)),
                4 => Chance(0.2) ? new DateOnly(_y + 1, 1, 1) : new DateOnly(_y, 12, 31).AddDays(-359),
                _ => RandomDate(new DateOnly(_y - 2, 1, 1), new DateOnly(_y, 12, 31)),
            };

            DateOnly matures = _rng.Next(10) switch
            {
                < 4 => issued.AddMonths(60).AddDays(Pick(-1, 0, 0, 1)),
                < 8 => issued.AddMonths(Pick(59, 61, 24, 23, 25, 36, 12, 120)),
                _ => issued.AddDays(_rng.Next(2, 400)),
            };

            decimal oneYearCap = IndependentPolicy.ApplicableLpr(issued, issued)!.Value + 0.005m;
            decimal fiveYearCap = IndependentPolicy.ApplicableLpr(issued, issued.AddYears(10))!.Value + 0.005m;
            bool oneYearTenor = matures <= issued.AddMonths(60);
            decimal cap = oneYearTenor ? oneYearCap : fiveYearCap;
            decimal rate = _rng.Next(20) switch
            {
                < 6 => cap,
                < 9 => cap + 0.0001m,
                < 11 => cap - 0.0001m,
                < 13 => oneYearTenor ? fiveYearCap : oneYearCap, // the other tenor's limit
                _ => Pick(0.02m, 0.025m, 0.0299m, 0.03m, 0.0301m, 0.015m, 0.01m, 0.005m, 0.0333m),
            };

            decimal principal = Pick(36_000_000m, 72_000_000m, 100_000_000m, 5_000_000m, 12_345_678.50m, Money(5_000_000m, 300_000_000m));
            decimal equipment = _rng.Next(7) switch
            {
                0 or 1 => principal,
                2 => Nudge(5_000_000m),
                3 => Math.Round(principal * Pick(0.3m, 0.5m, 0.8m, 0.99m), 2),
                4 => principal + Money(0.01m, 20_000_000m),
                5 => 4_999_999.99m,
                _ => Money(0m, principal),
            };

            bool suzhou = Chance(0.5);
            List<string>? approvals = null;
            if (Chance(0.45))
            {
                approvals = Chance(0.05) ? [] : Subset(Levels, 1);
                if (Chance(0.5))
                {
                    approvals.Reverse();
                }
            }

            GLoan loan = new()
            {
                Id = NextLoanId(),
                Enterprise = e.Id,
                Project = project.Id,
                Category = Chance(0.4) ? "digital_transformation" : PickFrom(Categories),
                Principal = principal,
                Rate = rate,
                IssuedOn = issued,
                MaturesOn = matures,
                EquipmentAmount = equipment,
                Suzhou = suzhou,
                Approvals = approvals,
            };

            if (Chance(0.5))
            {
                AddRepayments(loan);
            }

            _s.Loans.Add(loan);
        }

        private void AddRepayments(GLoan loan)
        {
            DateOnly first = loan.IssuedOn.AddDays(1);
            DateOnly last = loan.MaturesOn.AddDays(-1);
            if (first > last)
            {
                return;
            }

            DateOnly[] candidates =
            [
                first, last, new(_y, 1, 1), new(_y, 12, 31), new(_y, 7, 1), loan.IssuedOn.AddMonths(12),
                loan.IssuedOn.AddMonths(24), loan.IssuedOn.AddMonths(24).AddDays(-1), RandomDate(first, last),
            ];
            List<DateOnly> inside = [.. candidates.Where(d => d >= first && d <= last)];
            int count = _rng.Next(1, 4);
            decimal left = loan.Principal;
            for (int i = 0; i < count && left > 0m; i++)
            {
                bool payAll = i == count - 1 && Chance(0.2);
                decimal amount = payAll ? left : Math.Max(0.01m, Math.Round(left * Pick(0.1m, 0.25m, 0.5m, 0.3333m), 2));
                amount = Math.Min(amount, left);
                left -= amount;
                loan.Repayments.Add((PickFrom(inside), amount));
            }

            loan.Repayments.Sort(static (a, b) => a.Date.CompareTo(b.Date));
        }
    }
}
