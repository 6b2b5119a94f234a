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
        Waived = new int[CompactResult.LevelCount];
        WaivedBy = new string?[CompactResult.LevelCount];
        ExplicitApproval = new bool[CompactResult.LevelCount];
        for (var l = 0; l < CompactResult.LevelCount; l++)
        {
            var level = Codes.Of((Level)l);
            PeriodMonths[l] = GetOptional(p, $"loan.{level}.period_months", 0);
            // D-E6 and D-9 are read on the issue date (V-3), like the rest of a loan's eligibility.
            foreach (var rule in GetOptional(p, $"loan.{level}.waived", ImmutableArray<string>.Empty))
            {
                if (rule == RuleIds.DE4) Waived[l] |= WaiveDE4;
                else if (rule == RuleIds.DE5) Waived[l] |= WaiveDE5;
            }
            WaivedBy[l] = p.Find($"loan.{level}.waived")?.Revision;
            ExplicitApproval[l] = GetOptional(p, $"loan.{level}.explicit_approval", false);
        }
    }

    /// <summary>Bit of <see cref="Waived"/>: D-E4 does not apply to the level.</summary>
    public const int WaiveDE4 = 1;
    /// <summary>Bit of <see cref="Waived"/>: D-E5 does not apply to the level.</summary>
    public const int WaiveDE5 = 2;

    /// <summary>D-E6: per level, the eligibility rules it waives (<see cref="WaiveDE4"/>, <see cref="WaiveDE5"/>).</summary>
    public int[] Waived { get; }
    /// <summary>The revision that set each level's waivers, or null (the pack).</summary>
    public string?[] WaivedBy { get; }
    /// <summary>D-9: per level, whether it pays only when the loan's approvals list it.</summary>
    public bool[] ExplicitApproval { get; }

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
/// <param name="Level">The level.</param>
/// <param name="Rate">Its rate (D-2).</param>
/// <param name="RequiresPlatform">Suzhou's platform condition (D-2).</param>
/// <param name="CategoryMask">The loan categories it pays, by <see cref="LoanCategory"/> bit.</param>
/// <param name="YieldsTo">D-10: bit mask of the levels (by <see cref="Level"/>) it steps back for.</param>
/// <param name="RateRevision">The revision that supplied the rate, or null.</param>
/// <param name="YieldsRevision">The revision that supplied <c>yields_to</c>, or null.</param>
internal sealed record LevelTerms(Level Level, Rate Rate, bool RequiresPlatform, int CategoryMask, int YieldsTo = 0,
    string? RateRevision = null, string? YieldsRevision = null)
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
            var yields = 0;
            foreach (var y in GetOptional(p, $"loan.{name}.yields_to", ImmutableArray<string>.Empty))
            {
                // Only a level before this one can be yielded to (D-10); the readers refuse any other, and the engine ignores it.
                if (Codes.TryParse(y, out Level other) && other < level) yields |= 1 << (int)other;
            }
            levels.Add(new LevelTerms(level, rate, platform, mask, yields,
                p.Find($"loan.{name}.rate")?.Revision, yields == 0 ? null : p.Find($"loan.{name}.yields_to")?.Revision));
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
        Caps = GetOptional(p, "loan.caps", CapsTable.Empty).Rows;
        CapsRevision = p.Find("loan.caps")?.Revision;
        // D-6 cuts the covered levels in reverse precedence order: the order of loan.levels on 31 December.
        Rank = [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue];
        var order = GetOptional(p, "loan.levels", ImmutableArray<string>.Empty);
        for (var i = 0; i < order.Length; i++)
        {
            if (Codes.TryParse(order[i], out Level level) && Rank[(int)level] == int.MaxValue) Rank[(int)level] = i;
        }
    }

    /// <summary>The programme window of D-5 (I-12): <c>loan.window_start</c> to <c>loan.window_end</c>, both days included.</summary>
    public Period Window { get; }
    public DateOnly WindowStart => Window.Start;
    /// <summary>The caps table <c>loan.caps</c> (D-6, D-7), in the order it is applied.</summary>
    public ImmutableArray<CapRow> Caps { get; }
    /// <summary>The revision that supplied the caps table, or null (the pack).</summary>
    public string? CapsRevision { get; }
    /// <summary>Each level's place in precedence order (D-1); levels not listed come last.</summary>
    public int[] Rank { get; }
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
