using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Renewal.Policy.Caps;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Properties;

/// <summary>Invariants of scheme D over random loans (FsCheck).</summary>
public class LoanProperties
{
    private static readonly Level[] AllLevels = Enum.GetValues<Level>();

    private static Gen<Loan> LoanGen(bool withRepayments = true) =>
        from principal in Gen.Choose(5_000, 600_000).Select(k => k * 1_000m)
        from equipmentPct in Gen.Choose(0, 130)
        from rateBp in Gen.Choose(50, 450)
        from issuedDay in Gen.Choose(0, 5 * 365)
        from termMonths in Gen.Choose(3, 96)
        from category in Gen.Elements(Enum.GetValues<LoanCategory>())
        from platform in Gen.Elements(true, false)
        from approvalMask in Gen.Choose(-1, 15)
        from repaymentCount in Gen.Choose(0, withRepayments ? 8 : 0)
        from repaymentSeeds in Gen.Choose(1, 1_000_000).ArrayOf(repaymentCount)
        select Build(principal, equipmentPct, rateBp, issuedDay, termMonths, category, platform, approvalMask, repaymentSeeds);

    private static Loan Build(decimal principal, int equipmentPct, int rateBp, int issuedDay, int termMonths, LoanCategory category,
        bool platform, int approvalMask, int[] seeds)
    {
        var issued = new DateOnly(2023, 1, 1).AddDays(issuedDay);
        var matures = issued.AddMonths(termMonths);
        var term = matures.DayNumber - issued.DayNumber;
        var repayments = new List<(DateOnly, decimal)>();
        var left = principal;
        foreach (var seed in seeds.Order())
        {
            var date = issued.AddDays(1 + seed % (term - 1));
            var amount = decimal.Round(left * (seed % 40) / 100m, 2);
            if (amount <= 0) continue;
            left -= amount;
            repayments.Add((date, amount));
        }
        return new Loan
        {
            Id = "L1", EnterpriseId = "E1", ProjectId = "P1", Category = category, Principal = new Money(principal),
            Rate = new Rate(rateBp / 10_000m), IssuedOn = issued, MaturesOn = matures,
            EquipmentAmount = new Money(decimal.Round(principal * equipmentPct / 100m, 2)), ViaSuzhouPlatform = platform,
            Approvals = approvalMask < 0 ? null : [.. AllLevels.Where(l => (approvalMask & (1 << (int)l)) != 0)],
            Repayments = [.. repayments.OrderBy(r => r.Item1).Select(r => new Repayment(r.Item1, new Money(r.Item2)))],
        };
    }

    private static Arbitrary<(Loan, int)> LoanYear => Arb.From(LoanGen().Zip(Gen.Choose(2024, 2027)));

    private static Scenario One(Loan loan, int year) => Scenario(year, [Enterprise()], [Project()], [loan]);

    [Property(MaxTest = 300)]
    public Property SumOverLevels_NeverExceeds3PointsNorTheLoansOwnInterest() => Prop.ForAll(LoanYear, t =>
    {
        var (loan, year) = t;
        var engine = PolicyEngine.Default.With([new("loan.central.rate", "0.01")]); // four paying levels: the limit must bite
        var sheet = engine.ScheduleLoan(One(loan, year), loan.Id);
        var total = sheet.Lines.Sum(l => l.Amount.Yuan);
        var segments = sheet.Schedule?.Segments ?? [];
        var threePoints = segments.Sum(s => s.SubsidisedBalance.Yuan * 0.03m * s.Days / 360m);
        var ownInterest = segments.Sum(s => s.Balance.Yuan * loan.Rate.Fraction * s.Days / 360m);
        const decimal rounding = 0.02m; // four lines, each rounded to the fen
        return (total <= threePoints + rounding && total <= ownInterest + rounding)
            .Label($"total {total}, 3pp {threePoints}, own {ownInterest}");
    });

    [Property(MaxTest = 300)]
    public Property Repayment_NeverRaisesTheSubsidy() => Prop.ForAll(LoanYear, Arb.From(Gen.Choose(1, 10_000)), (t, seed) =>
    {
        var (loan, year) = t;
        var term = loan.MaturesOn.DayNumber - loan.IssuedOn.DayNumber;
        var repaid = loan.Repayments.Sum(r => r.Amount.Yuan);
        var extra = decimal.Round((loan.Principal.Yuan - repaid) * (seed % 100) / 100m, 2);
        var more = loan with
        {
            Repayments = [.. loan.Repayments.Append(new Repayment(loan.IssuedOn.AddDays(1 + seed % (term - 1)), new Money(extra))).OrderBy(r => r.Date)],
        };
        var before = Evaluate(One(loan, year));
        var after = Evaluate(One(more, year));
        return AllLevels.All(l => after.Amount(Scheme.LoanInterest, "L1", l) <= before.Amount(Scheme.LoanInterest, "L1", l));
    });

    [Property(MaxTest = 200)]
    public Property SplittingTheDaysAcrossAwardYears_GivesTheSameTotal() => Prop.ForAll(Arb.From(LoanGen()), loan =>
    {
        // Σ over award years of the exact (unrounded) amounts = one computation over the whole life, day by day.
        var byYears = new decimal[4];
        for (var year = 2023; year <= 2029; year++)
        {
            var sheet = PolicyEngine.Default.ScheduleLoan(One(loan, year), loan.Id);
            foreach (var seg in sheet.Schedule?.Segments ?? [])
                foreach (var sl in seg.Levels) byYears[(int)sl.Level] += sl.Amount;
        }
        var lines = Evaluate(One(loan, 2025)).Awards.Where(a => a.Scheme == Scheme.LoanInterest).ToList();
        if (lines.Any(l => l.FailedRule is { } f && f.StartsWith("D-E", StringComparison.Ordinal)))
            return byYears.All(x => x == 0).Label("an ineligible loan has no segments in any year");
        var direct = DayByDay(loan);
        return AllLevels.All(l => Math.Abs(byYears[(int)l] - direct[(int)l]) < 0.000001m)
            .Label($"segments {string.Join("/", byYears)} vs day by day {string.Join("/", direct)}");
    });

    /// <summary>The plain reading of D-2..D-5 with the default parameters, one day at a time over the loan's whole life.</summary>
    private static decimal[] DayByDay(Loan loan)
    {
        var result = new decimal[4];
        var share = Math.Min(1m, loan.EquipmentAmount.Yuan / loan.Principal.Yuan);
        var periodEnd = loan.IssuedOn.AddMonths(24) < loan.MaturesOn ? loan.IssuedOn.AddMonths(24) : loan.MaturesOn;
        for (var d = loan.IssuedOn; d < periodEnd; d = d.AddDays(1))
        {
            if (d < new DateOnly(2024, 1, 1) || d > new DateOnly(2027, 12, 31)) continue;
            var balance = loan.Principal.Yuan - loan.Repayments.Where(r => r.Date <= d).Sum(r => r.Amount.Yuan);
            var room = Math.Min(0.03m, loan.Rate.Fraction);
            foreach (var level in new[] { Level.Province, Level.Suzhou, Level.Kunshan })
            {
                if (loan.Approvals is { } a && !a.Contains(level)) continue;
                if (level == Level.Suzhou && !(loan.ViaSuzhouPlatform && loan.Category == LoanCategory.DigitalTransformation)) continue;
                var take = Math.Min(0.01m, room);
                room -= take;
                result[(int)level] += balance * share * take / 360m;
            }
        }
        return result;
    }

    [Property(MaxTest = 500)]
    public Property SharesUnderABindingCap_AddUpToTheCapExactly() => Prop.ForAll(
        Arb.From(Gen.Choose(1, 2_000_000_000).Select(f => f / 100m).ArrayOf().Where(a => a.Length > 0)),
        Arb.From(Gen.Choose(0, 99)),
        (amounts, pct) =>
        {
            var total = amounts.Sum();
            var cap = decimal.Round(total * pct / 100m, 2);
            var shares = LargestRemainder.Share(new Money(cap), [.. amounts.Select(a => new Money(a))]);
            var exactOk = shares.Zip(amounts).All(p => p.First.Yuan <= p.Second && Math.Abs(p.First.Yuan - cap * p.Second / total) < 0.01m);
            return (shares.Sum(s => s.Yuan) == cap && exactOk).Label($"cap {cap}, shares {string.Join(",", shares)}");
        });

    [Property(MaxTest = 200)]
    public Property EnterpriseCaps_AreNeverExceeded() => Prop.ForAll(Arb.From(LoanGen(false).ArrayOf().Where(a => a.Length is > 0 and < 8)), Arb.From(Gen.Choose(2024, 2027)), (loans, year) =>
    {
        var projects = new[] { Project("P1"), Project("P2") };
        var renamed = loans.Select((l, i) => l with { Id = $"L{i}", ProjectId = i % 2 == 0 ? "P1" : "P2", Principal = new Money(l.Principal.Yuan * 10) }).ToArray();
        var r = Evaluate(Scenario(year, [Enterprise()], projects, renamed));
        decimal Sum(Level l, string? project = null) => renamed.Where(x => project is null || x.ProjectId == project).Sum(x => r.Amount(Scheme.LoanInterest, x.Id, l));
        return Sum(Level.Province) <= 10_000_000m && Sum(Level.Province, "P1") <= 5_000_000m && Sum(Level.Province, "P2") <= 5_000_000m
            && Sum(Level.Suzhou) <= 3_000_000m && Sum(Level.Kunshan) <= 3_000_000m
            && r.Awards.All(a => a.Amount.HasAtMostTwoDecimals);
    });
}
