using System.Collections.Frozen;
using System.Collections.Immutable;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Kunshan2024;

/// <summary>Loan eligibility parameters, in force on the loan's issue date (D-E2..D-E5, D-5 period).</summary>
internal sealed class LoanEligibilityParameters : SchemeParameters
{
    public LoanEligibilityParameters(ResolvedParameters p)
    {
        foreach (var k in Get(p, "loan.project_kinds", ImmutableArray<string>.Empty))
        {
            if (Codes.TryParse(k, out ProjectKind kind)) _kinds |= 1 << (int)kind;
        }
        foreach (var c in Get(p, "loan.categories", ImmutableArray<string>.Empty))
        {
            if (Codes.TryParse(c, out LoanCategory cat)) _categories |= 1 << (int)cat;
        }
        MaxSpread = GetRate(p, "loan.max_spread");
        LongTenorMonths = Get(p, "loan.long_tenor_months", 60);
        MinEquipmentAmount = GetMoney(p, "loan.min_equipment_amount");
        PeriodMonths = new int[CompactResult.LevelCount];
        for (var l = 0; l < CompactResult.LevelCount; l++)
            PeriodMonths[l] = GetOptional(p, $"loan.{Codes.Of((Level)l)}.period_months", 0);
    }

    private readonly int _kinds;
    private readonly int _categories;

    public bool KindCounts(ProjectKind k) => (_kinds & (1 << (int)k)) != 0;
    public bool CategoryCounts(LoanCategory c) => (_categories & (1 << (int)c)) != 0;
    public Rate MaxSpread { get; }
    public int LongTenorMonths { get; }
    public Money MinEquipmentAmount { get; }
    /// <summary>Subsidy period of each level in months (D-5), by <see cref="Level"/>; 0 = the level has none.</summary>
    public int[] PeriodMonths { get; }
}

/// <summary>One level's rate and conditions (D-1, D-2).</summary>
internal sealed record LevelTerms(Level Level, Rate Rate, bool RequiresPlatform, int CategoryMask)
{
    public bool CategoryAllowed(LoanCategory c) => (CategoryMask & (1 << (int)c)) != 0;
}

/// <summary>Parameters that apply day by day (D-2..D-4): level order and rates, total limit, day count, base.</summary>
internal sealed class LoanDayParameters : SchemeParameters
{
    public LoanDayParameters(ResolvedParameters p)
    {
        var order = Get(p, "loan.levels", ImmutableArray<string>.Empty);
        var levels = ImmutableArray.CreateBuilder<LevelTerms>();
        foreach (var name in order)
        {
            if (!Codes.TryParse(name, out Level level)) continue;
            var rate = GetRate(p, $"loan.{name}.rate");
            var platform = GetOptional(p, $"loan.{name}.requires_platform", false);
            var cats = GetOptional<ImmutableArray<string>?>(p, $"loan.{name}.categories", null);
            var mask = cats is null ? 0b1111 : 0;
            if (cats is { } list)
            {
                foreach (var c in list)
                {
                    if (Codes.TryParse(c, out LoanCategory cat)) mask |= 1 << (int)cat;
                }
            }
            levels.Add(new LevelTerms(level, rate, platform, mask));
        }
        Levels = levels.ToImmutable();
        MaxTotalRate = GetRate(p, "loan.max_total_rate");
        DayCount = Get(p, "loan.day_count", 360);
        var basis = Get(p, "loan.subsidised_base", "equipment_share");
        FullBalance = string.Equals(basis, "full_balance", StringComparison.Ordinal);
    }

    /// <summary>Levels in precedence order (D-1).</summary>
    public ImmutableArray<LevelTerms> Levels { get; }
    public Rate MaxTotalRate { get; }
    public int DayCount { get; }
    /// <summary>I-14: subsidise the full balance rather than its equipment share.</summary>
    public bool FullBalance { get; }

    public LevelTerms? Terms(Level level)
    {
        foreach (var t in Levels)
        {
            if (t.Level == level) return t;
        }
        return null;
    }
}

/// <summary>Parameters of the award year (31 December): the programme window (D-5) and the caps (D-6, D-7).</summary>
internal sealed class LoanYearParameters : SchemeParameters
{
    public LoanYearParameters(ResolvedParameters p)
    {
        var start = Get(p, "loan.window_start", DateOnly.MinValue);
        var last = Get(p, "loan.window_end", DateOnly.MinValue);
        // A window whose last day is before its first has no day (D-5 for every loan), rather than crashing the engine.
        Window = last >= start ? Period.Through(start, last) : Period.Between(start, start);
        ProjectCaps = new Money?[CompactResult.LevelCount];
        EnterpriseCaps = new Money?[CompactResult.LevelCount];
        for (var l = 0; l < CompactResult.LevelCount; l++)
        {
            var name = Codes.Of((Level)l);
            var pc = GetOptional<decimal?>(p, $"loan.{name}.cap_per_project_year", null);
            var ec = GetOptional<decimal?>(p, $"loan.{name}.cap_per_enterprise_year", null);
            ProjectCaps[l] = pc is { } x ? new Money(x) : null;
            EnterpriseCaps[l] = ec is { } y ? new Money(y) : null;
        }
    }

    /// <summary>The programme window of D-5 (I-12): <c>loan.window_start</c> to <c>loan.window_end</c>, both days included.</summary>
    public Period Window { get; }
    public DateOnly WindowStart => Window.Start;
    public Money?[] ProjectCaps { get; }
    public Money?[] EnterpriseCaps { get; }
}

/// <summary>Resolves and caches loan parameters per interval between parameter change dates.</summary>
internal sealed class LoanParameterCache(ParameterStore store)
{
    private readonly Dictionary<int, LoanEligibilityParameters> _eligibility = [];
    private readonly Dictionary<int, LoanDayParameters> _days = [];
    private readonly ImmutableArray<DateOnly> _changes = store.ChangeDates;

    public ImmutableArray<DateOnly> ChangeDates => _changes;

    /// <summary>Index of the interval between change dates that contains <paramref name="date"/>.</summary>
    private int Interval(DateOnly date)
    {
        var i = _changes.BinarySearch(date);
        return i >= 0 ? i + 1 : ~i;
    }

    public LoanEligibilityParameters Eligibility(DateOnly date)
    {
        var k = Interval(date);
        if (!_eligibility.TryGetValue(k, out var v)) _eligibility[k] = v = new LoanEligibilityParameters(store.ResolveAt(date));
        return v;
    }

    public LoanDayParameters Day(DateOnly date)
    {
        var k = Interval(date);
        if (!_days.TryGetValue(k, out var v)) _days[k] = v = new LoanDayParameters(store.ResolveAt(date));
        return v;
    }
}
