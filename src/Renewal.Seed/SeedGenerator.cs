using System.Globalization;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Repayment = Renewal.Data.Entities.Repayment;
using Renewal.Data;
using Renewal.Policy.Kunshan2024.Candidates;
using Renewal.Policy.Kunshan2024.Programme;

namespace Renewal.Seed;

/// <summary>The rows of a run of enterprises, ready to insert (keys assigned, navigation properties unset).</summary>
internal sealed class SeedBatch
{
    public List<Enterprise> Enterprises { get; } = [];
    public List<Project> Projects { get; } = [];
    public List<ProjectInvestment> Investments { get; } = [];
    public List<Loan> Loans { get; } = [];
    public List<Repayment> Repayments { get; } = [];
    public List<EquipmentItem> Equipment { get; } = [];
    public List<ProgressReport> Reports { get; } = [];

    public int Rows => Enterprises.Count + Projects.Count + Investments.Count + Loans.Count + Repayments.Count + Equipment.Count + Reports.Count;

    public void Clear()
    {
        Enterprises.Clear();
        Projects.Clear();
        Investments.Clear();
        Loans.Clear();
        Repayments.Clear();
        Equipment.Clear();
        Reports.Clear();
    }
}

/// <summary>
/// Generates the demo library enterprise by enterprise, deterministically: every enterprise draws from its own
/// random stream (seed, index); the few library-wide things — unique names, project and loan numbers, keys, the
/// hosts of the demonstration projects — follow the enterprise order.
/// </summary>
internal sealed partial class SeedGenerator
{
    /// <summary>The programme's first award year (<see cref="ProgrammeYears"/>).</summary>
    public static int FirstYear => ProgrammeYears.First;
    /// <summary>The programme's last award year.</summary>
    public static int LastYear => ProgrammeYears.Last;
    private const decimal DemonstrationThreshold = 500_000_000m;
    private const long MaxOtherDigital = 450_000_000;
    private static readonly DateOnly WindowStart = new(FirstYear, 1, 1);
    private static readonly DateOnly WindowEnd = new(LastYear, 12, 31);
    private static readonly DateOnly LastLoanDay = new(2026, 12, 31);

    private readonly SeedOptions _options;
    private readonly EquipmentCatalogue _catalogue;
    private readonly LprTable _lpr;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _projectNumbers = [];
    private readonly Dictionary<int, int> _demonstrationHosts = [];
    private readonly int _industryTotal;
    private int _enterpriseId, _projectId, _loanId, _repaymentId, _itemId, _reportId;

    public SeedGenerator(SeedOptions options, EquipmentCatalogue catalogue, LprTable lpr)
    {
        _options = options;
        _catalogue = catalogue;
        _lpr = lpr;
        _industryTotal = SeedProfiles.Industries.Sum(i => i.Weight);
        // About 7.5 demonstration projects per 1,000 enterprises (15 at N = 2,000), hosts spread over the library.
        var demonstrations = Math.Max(1, (int)Math.Round(options.Enterprises * 0.0075m, MidpointRounding.AwayFromZero));
        for (var k = 0; k < demonstrations; k++)
            _demonstrationHosts[(int)((2L * k + 1) * options.Enterprises / (2L * demonstrations))] = k;
    }

    private DateOnly Today => _options.Today;

    // ---- statistics ----------------------------------------------------------------------------------------

    public int Enterprises { get; private set; }
    public int Projects { get; private set; }
    public int Investments { get; private set; }
    public int Loans { get; private set; }
    public int Repayments { get; private set; }
    public int EquipmentItems { get; private set; }
    public int Reports { get; private set; }
    public int Demonstrations { get; private set; }
    public int CompletedDemonstrations { get; private set; }
    public SortedDictionary<int, decimal> EquipmentByYear { get; } = new(ProgrammeYears.All.ToDictionary(y => y, _ => 0m));
    public SortedDictionary<int, decimal> DigitalByYear { get; } = new(ProgrammeYears.All.ToDictionary(y => y, _ => 0m));

    // ---- enterprises ---------------------------------------------------------------------------------------

    /// <summary>Generates enterprise <paramref name="index"/> (0-based) and everything that belongs to it into <paramref name="batch"/>.</summary>
    public void Enterprise(int index, SeedBatch batch)
    {
        var rng = SeedRandom.For(_options.Seed, 1, index);
        var demonstration = _demonstrationHosts.TryGetValue(index, out var ordinal) ? ordinal : (int?)null;

        IndustryProfile profile;
        if (demonstration is { } k)
        {
            var id = SeedProfiles.DemonstrationIndustries[(k + rng.Next(3)) % SeedProfiles.DemonstrationIndustries.Length];
            profile = SeedProfiles.Industries.First(p => p.Id == id);
        }
        else profile = PickIndustry(rng);
        var industry = _catalogue.Industry(profile.Id);
        var size = demonstration is not null ? Size.Large : (Size)rng.Weighted(profile.SizeWeights);

        var e = new Enterprise
        {
            Id = ++_enterpriseId,
            CreditCode = SeedNames.CreditCode(index, _options.Seed, rng.Percent(55)),
            Name = SeedNames.EnterpriseName(rng, profile.Suffixes, size == Size.Large, _names),
            Area = SeedNames.Areas[rng.Weighted(SeedNames.AreaWeights)],
            IndustryCode = rng.Pick(industry.Codes),
            AboveScale = size != Size.Small || rng.Percent(35),
            ContactName = SeedNames.Person(rng),
            ContactPhone = SeedNames.Phone(rng),
            Version = 1,
        };
        batch.Enterprises.Add(e);
        Enterprises++;

        Inventory(rng, e, industry, size, batch);
        ProjectsOf(rng, e, profile, industry, size, demonstration, batch);
    }

    private IndustryProfile PickIndustry(SeedRandom rng)
    {
        var r = rng.Next(_industryTotal);
        foreach (var p in SeedProfiles.Industries)
        {
            if (r < p.Weight) return p;
            r -= p.Weight;
        }
        return SeedProfiles.Industries[^1];
    }

    // ---- projects ------------------------------------------------------------------------------------------

    private void ProjectsOf(SeedRandom rng, Enterprise e, IndustryProfile profile, PlanIndustry industry, Size size, int? demonstration, SeedBatch batch)
    {
        var count = size switch { Size.Small => rng.Between(1, 7), Size.Medium => rng.Between(3, 8), _ => rng.Between(5, 8) };
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var themeWeights = profile.Themes.Select(t => t.Weight).ToArray();
        for (var n = 0; n < count; n++)
        {
            var isDemonstration = n == 0 && demonstration is not null;
            var theme = isDemonstration ? Theme.Demonstration : profile.Themes[rng.Weighted(themeWeights)].Theme;
            var tp = SeedProfiles.Of(theme);

            // Size and timeline.
            long total;
            DateOnly start, end;
            if (isDemonstration)
            {
                var year = SeedProfiles.DemonstrationYears[demonstration!.Value % SeedProfiles.DemonstrationYears.Length];
                start = year == FirstYear ? rng.Day(new(FirstYear, 1, 2), new(FirstYear, 3, 31)) : rng.Day(new(year - 1, 3, 1), new(year - 1, 9, 30));
                end = year == FirstYear ? rng.Day(new(FirstYear, 10, 1), new(FirstYear, 12, 20)) : rng.Day(new(year, 3, 1), new(year, 11, 30));
                total = 0; // set from the digital amount below
            }
            else
            {
                total = Amount(rng, size, tp.SizePercent);
                var y = FirstYear + rng.Weighted(SeedProfiles.StartYearWeights);
                start = rng.Day(new(y, 1, 1), y == LastYear ? new(y, 6, 30) : new(y, 12, 31));
                var months = total < 5_000_000 ? rng.Between(3, 12) : total < 50_000_000 ? rng.Between(6, 20) : rng.Between(12, 30);
                end = start.AddMonths(months).AddDays(rng.Between(-10, 20));
                if (end > WindowEnd) end = rng.Day(Max(start.AddDays(60), new(LastYear, 10, 1)), WindowEnd);
            }

            // Only the status depends on today: the rest of a project is the same whatever the date.
            var status = start > Today ? ProjectStatus.Planned : end > Today ? ProjectStatus.InProgress : ProjectStatus.Completed;

            // Digital share and the demonstration amount.
            var digitalPermille = rng.Between(tp.DigitalPermille.Min, tp.DigitalPermille.Max);
            if (isDemonstration)
            {
                var digital = rng.Between(52_000L, 70_000L) * 10_000L; // 5.2亿–7亿
                total = digital * 1000 / digitalPermille / 10_000 * 10_000 + 10_000;
            }
            else if (total * digitalPermille / 1000 > MaxOtherDigital)
                digitalPermille = (int)(MaxOtherDigital * 1000 / total); // only the planned demonstration projects reach A-2

            // Tasks, clusters, scopes.
            var tasks = new SortedSet<int>(tp.Tasks);
            if (theme == Theme.Capacity) tasks.Add(industry.Task == 2 ? 2 : 5);
            if (tp.Secondary != 0 && rng.Percent(tp.SecondaryPercent)) tasks.Add(tp.Secondary);
            var scopes = new List<string>();
            if (isDemonstration)
            {
                var first = rng.Next(SeedProfiles.DigitalScopes.Length);
                scopes.Add(SeedProfiles.DigitalScopes[first]);
                if (rng.Percent(50)) scopes.Add(SeedProfiles.DigitalScopes[(first + 1 + rng.Next(SeedProfiles.DigitalScopes.Length - 1)) % SeedProfiles.DigitalScopes.Length]);
            }
            else if (theme is Theme.SmartFactory or Theme.SmartEquipment or Theme.DigitalInfrastructure && total >= 50_000_000 && rng.Percent(40))
            {
                scopes.Add(rng.Pick(SeedProfiles.DigitalScopes));
                tasks.Add(4);
            }
            var clusters = new List<string>();
            if (industry.Cluster is { } cluster && rng.Percent(88)) clusters.Add(cluster);

            var kind = isDemonstration ? (rng.Percent(70) ? ProjectKind.Renovation : ProjectKind.New) : (ProjectKind)rng.Weighted(tp.KindWeights);
            var name = ProjectName(rng, tp, profile, industry, names);
            var number = _projectNumbers[start.Year] = _projectNumbers.GetValueOrDefault(start.Year) + 1;

            var p = new Project
            {
                Id = ++_projectId,
                EnterpriseId = e.Id,
                Code = $"XM{start.Year}-{number.ToString("D4", CultureInfo.InvariantCulture)}",
                Name = name,
                Kind = kind,
                Status = status,
                StartedOn = status == ProjectStatus.Planned ? null : start,
                CompletedOn = status == ProjectStatus.Completed ? end : null,
                Tasks = [.. tasks],
                Clusters = clusters,
                DigitalScopes = scopes,
                SafetyRenovation = tp.Safety || (theme == Theme.GreenRetrofit && industry.HazardousChemicals && rng.Percent(30)),
                Version = 1,
            };
            batch.Projects.Add(p);
            Projects++;

            var years = Split(rng, total, digitalPermille, start, end);
            foreach (var (year, equipment, digital) in years)
            {
                batch.Investments.Add(new ProjectInvestment { ProjectId = p.Id, Year = year, Equipment = equipment, Digital = digital, Version = 1 });
                Investments++;
                EquipmentByYear[year] += equipment;
                DigitalByYear[year] += digital;
            }
            if (scopes.Count > 0 && years.Sum(y => y.Digital) >= DemonstrationThreshold)
            {
                Demonstrations++;
                if (status == ProjectStatus.Completed) CompletedDemonstrations++;
            }

            // Financing need (~30% of projects) and loans (~25%).
            // Larger projects declare a need and borrow more often. Loans and reports draw from streams of their own,
            // so that a later "today" adds loans and reports without changing anything drawn before.
            var hasNeed = rng.Percent(total >= 5_000_000 ? 60 : total >= 1_000_000 ? 40 : 20);
            if (hasNeed) p.FinancingNeed = Math.Max(100_000, Round(total * rng.Between(30, 80) / 100, 10_000));
            if (rng.Percent(hasNeed ? 72 : total >= 5_000_000 ? 30 : 9))
                LoansOf(SeedRandom.For(_options.Seed, 2, p.Id), e, p, total, tp.Category, start, end, batch);

            ReportsOf(SeedRandom.For(_options.Seed, 3, p.Id), p, years, start, end, status, batch);
        }
    }

    private static long Amount(SeedRandom rng, Size size, int sizePercent)
    {
        var buckets = SeedProfiles.Amounts[(int)size];
        Span<int> weights = stackalloc int[buckets.Length];
        for (var i = 0; i < buckets.Length; i++) weights[i] = buckets[i].Weight;
        var (low, high, _) = buckets[rng.Weighted(weights)];
        var amount = low + rng.NextLong(high - low);
        return Math.Max(100_000, Round(amount * sizePercent / 100 * ScalePercent / 100, 100));
    }

    /// <summary>Calibration: Σ equipment per year ≈ 100亿 at 2,000 enterprises (T-2).</summary>
    private const long ScalePercent = 70;

    private static long Round(long value, long unit) => (value + unit / 2) / unit * unit;

    private string ProjectName(SeedRandom rng, ThemeProfile tp, IndustryProfile profile, PlanIndustry industry, Dictionary<string, int> used)
    {
        var template = rng.Pick(tp.Names);
        var text = template;
        if (text.Contains("{equipment}", StringComparison.Ordinal))
        {
            var pool = tp.Tasks.Contains(2) && industry.UpgradeTo.Count > 0 ? industry.UpgradeTo
                : industry.Replace.Count > 0 ? industry.Replace : industry.Typical;
            var type = _catalogue.FindType(rng.Pick(pool));
            text = text.Replace("{equipment}", type is null ? "生产设备" : tp.Tasks.Contains(2) ? rng.Pick(type.Names) : type.Name, StringComparison.Ordinal);
        }
        if (text.Contains("{product}", StringComparison.Ordinal))
        {
            var (unit, product) = rng.Pick(profile.Products);
            var n = unit is "GW" or "GWh" ? rng.Between(2, 20) : unit == "吨/小时" ? rng.Between(1, 6) * 50 : rng.Pick(NiceNumbers);
            text = text.Replace("{product}", product, StringComparison.Ordinal).Replace("{unit}", unit, StringComparison.Ordinal)
                .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        var seen = used[text] = used.GetValueOrDefault(text) + 1;
        return seen == 1 ? text : text[..^2] + $"（{Ordinal(seen)}期）项目";
    }

    private static readonly int[] NiceNumbers = [10, 20, 30, 50, 60, 80, 100, 120, 150, 200, 300, 500, 800, 1000, 1200, 2000, 3000, 5000];

    private static string Ordinal(int n) => n switch { 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", _ => "八" };

    /// <summary>
    /// Spreads <paramref name="total"/> over the calendar years of the project, in proportion to its days in each
    /// year (±20%), in fen; digital = the share of each year, rounded down, so digital ≤ equipment.
    /// </summary>
    private static List<(int Year, decimal Equipment, decimal Digital)> Split(SeedRandom rng, long total, int digitalPermille, DateOnly start, DateOnly end)
    {
        var years = new List<(int Year, long Weight)>();
        for (var y = start.Year; y <= end.Year; y++)
            years.Add((y, Days(start, end, y) * rng.Between(80, 120)));
        var weight = years.Sum(y => y.Weight);
        var left = total * 100;
        var result = new List<(int, decimal, decimal)>(years.Count);
        for (var i = 0; i < years.Count; i++)
        {
            var fen = i == years.Count - 1 ? left : total * 100 * years[i].Weight / weight;
            left -= fen;
            result.Add((years[i].Year, fen / 100m, fen * digitalPermille / 1000 / 100m));
        }
        return result;
    }

    /// <summary>Days of [start, end] that fall in <paramref name="year"/>.</summary>
    private static long Days(DateOnly start, DateOnly end, int year)
    {
        var from = Max(start, new DateOnly(year, 1, 1));
        var to = Min(end, new DateOnly(year, 12, 31));
        return to < from ? 0 : to.DayNumber - from.DayNumber + 1;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a >= b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a <= b ? a : b;

    // ---- progress reports ----------------------------------------------------------------------------------

    /// <summary>
    /// One report per quarter from the start quarter to the completion quarter, filed 5–15 days after the quarter
    /// ends, as long as that filing date is on or before today. Cumulative amounts follow the yearly investment:
    /// whole earlier years, plus the current year's share of days elapsed (rounded down to the fen).
    /// </summary>
    private void ReportsOf(SeedRandom rng, Project p, List<(int Year, decimal Equipment, decimal Digital)> years, DateOnly start, DateOnly end, ProjectStatus status, SeedBatch batch)
    {
        if (status == ProjectStatus.Planned) return;
        var year = start.Year;
        var quarter = (start.Month - 1) / 3 + 1;
        var first = true;
        while (true)
        {
            var quarterEnd = new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);
            var filed = quarterEnd.AddDays(rng.Between(5, 15));
            if (filed > Today) break;
            var done = status == ProjectStatus.Completed && end <= quarterEnd;
            decimal equipment = 0, digital = 0;
            foreach (var (y, e, d) in years)
            {
                if (done || y < year) { equipment += e; digital += d; continue; }
                if (y > year) continue;
                var all = Days(start, end, y);
                var elapsed = Days(start, Min(end, quarterEnd), y);
                equipment += FloorFen(e * elapsed / all);
                digital += FloorFen(d * elapsed / all);
            }
            batch.Reports.Add(new ProgressReport
            {
                Id = ++_reportId,
                ProjectId = p.Id,
                Year = year,
                Quarter = quarter,
                ReportedOn = filed,
                Status = done ? ProjectStatus.Completed : ProjectStatus.InProgress,
                CumulativeEquipment = equipment,
                CumulativeDigital = digital,
                Note = done ? "项目已竣工验收" : first ? "项目已开工" : rng.Pick(SeedProfiles.NotesInProgress),
            });
            Reports++;
            first = false;
            if (done) break;
            if (++quarter == 5) { quarter = 1; year++; }
        }
    }

    private static decimal FloorFen(decimal value) => decimal.Floor(value * 100m) / 100m;

    // ---- loans and repayments ------------------------------------------------------------------------------

    /// <summary>
    /// One loan (two for some large projects), issued from 90 days before the start to the end of the project (and
    /// by 2026); a loan is in the library once issued — on or before today, for a project that has started.
    /// </summary>
    private void LoansOf(SeedRandom rng, Enterprise e, Project p, long total, LoanCategory usual, DateOnly start, DateOnly end, SeedBatch batch)
    {
        var from = Max(WindowStart, start.AddDays(-90));
        var to = Min(end, LastLoanDay);
        if (to < from) return;
        var count = total >= 50_000_000 && rng.Percent(20) ? 2 : 1;
        var basis = p.FinancingNeed is { } need ? (long)need : total * rng.Between(40, 80) / 100;
        var digitalTransformation = usual == LoanCategory.DigitalTransformation;
        for (var i = 0; i < count; i++)
        {
            var issued = rng.Day(from, to);
            var principal = Math.Max(200_000, Round(basis / count, 10_000));
            var equipmentAmount = Math.Max(10_000, Round(Math.Min(principal, total / count) * rng.Between(60, 100) / 100, 10_000));
            equipmentAmount = Math.Min(equipmentAmount, principal);
            var termYears = 1 + rng.Weighted([15, 20, 30, 10, 15, 10]);
            var matures = issued.AddYears(termYears);
            var lpr = _lpr.InForceOn(issued) ?? _lpr.Rows[0];
            var basisRate = matures <= issued.AddMonths(60) ? lpr.OneYear.Fraction : lpr.FiveYearPlus.Fraction;
            var spreadBp = rng.Percent(85) ? rng.Between(-45, 50) : rng.Between(55, 150);
            var category = rng.Percent(88) ? usual : (LoanCategory)rng.Next(4);
            var viaSuzhou = rng.Percent(category == LoanCategory.DigitalTransformation ? 45 : 8);
            var approvals = Approvals(rng, issued, viaSuzhou && digitalTransformation);
            var loan = new Loan
            {
                Code = $"DK{issued.Year}-{p.Id.ToString("D6", CultureInfo.InvariantCulture)}-{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                EnterpriseId = e.Id,
                ProjectId = p.Id,
                Bank = rng.Pick(SeedNames.Banks),
                Category = category,
                Principal = principal,
                Rate = basisRate + spreadBp / 10_000m,
                IssuedOn = issued,
                MaturesOn = matures,
                EquipmentAmount = equipmentAmount,
                ViaSuzhouPlatform = viaSuzhou,
                Approvals = approvals,
                Version = 1,
            };
            var repayments = RepaymentsOf(rng, loan, termYears * 12);
            if (issued > Today || p.Status == ProjectStatus.Planned) continue;
            loan.Id = ++_loanId;
            batch.Loans.Add(loan);
            Loans++;
            foreach (var r in repayments)
            {
                r.Id = ++_repaymentId;
                r.LoanId = loan.Id;
                batch.Repayments.Add(r);
                Repayments++;
            }
        }
    }

    /// <summary>Mostly not yet recorded (null); for some loans issued over 120 days ago, the levels that approved.</summary>
    private List<Level>? Approvals(SeedRandom rng, DateOnly issued, bool suzhou)
    {
        var recorded = rng.Percent(12);
        var r = rng.Next(100);
        if (!recorded || issued > Today.AddDays(-120)) return null;
        return r < 60 ? (suzhou ? [Level.Province, Level.Suzhou, Level.Kunshan] : [Level.Province, Level.Kunshan])
            : r < 85 ? [Level.Kunshan] : [Level.Province];
    }

    /// <summary>The contract's repayment schedule: 0–12 instalments strictly inside the term, adding up to less than the principal (the rest falls due at maturity).</summary>
    private static List<Repayment> RepaymentsOf(SeedRandom rng, Loan loan, int termMonths)
    {
        var result = new List<Repayment>();
        var none = rng.Percent(30);
        var k = rng.Between(1, 12);
        var share = rng.Between(60, 100);
        if (none) return result;
        var step = termMonths / (k + 1);
        if (step == 0) { k = termMonths - 1; step = 1; }
        var amount = FloorFen(loan.Principal * share / 100m / (k + 1));
        for (var j = 1; j <= k && amount > 0; j++)
            result.Add(new Repayment { Date = loan.IssuedOn.AddMonths(step * j), Amount = amount, Version = 1 });
        return result;
    }
}
