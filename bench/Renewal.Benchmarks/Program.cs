using System.Diagnostics;
using System.Globalization;

using BenchmarkDotNet.Running;

using Renewal.Benchmarks;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return args.FirstOrDefault() switch
{
    "verify" => await Modes.Verify(full: !args.Contains("--subset-only")),
    "quick" => await Modes.Quick(),
    "engine" => await Modes.Engine(),
    "whatif" => WhatIfBench.Run(args),
    "province" => ProvinceBench.Run(args),
    "dashboard" => DashboardBench.Run(args),
    "summary" => await SummaryBench.Run(),
    "xlsx" => XlsxBench.Run(args),
    "audit" => AuditBench.Run(args),
    "revisions" => await Modes.Revisions(),
    "repeat" => await Modes.Repeat(args.ElementAtOrDefault(1) ?? "abc", int.Parse(args.ElementAtOrDefault(2) ?? "20", CultureInfo.InvariantCulture)),
    _ => Modes.Bench(args),
};

/// <summary>The three ways to run: <c>verify</c>, <c>quick</c>, or anything else for BenchmarkDotNet.</summary>
internal static class Modes
{
    public static int Bench(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(PolicyBenchmarks).Assembly).Run(args);
        return 0;
    }

    /// <summary>
    /// Checks that RulesEngine's amounts equal ours for every project and enterprise of the subset and then (unless
    /// <c>--subset-only</c>) of the whole library, that the subset gives the same amounts as the library, that the
    /// generated data keeps the invariants of the scenario format, and shows how much of each rule the data exercises.
    /// </summary>
    public static async Task<int> Verify(bool full)
    {
        var failures = 0;
        var sw = Stopwatch.StartNew();
        var library = SyntheticLibrary.Library();
        Console.WriteLine($"library: {library.Enterprises.Length:N0} enterprises, {library.Projects.Length:N0} projects, generated in {sw.ElapsedMilliseconds:N0} ms");
        failures += CheckProjects(library);

        var ours = PolicyEngine.Default.EvaluateCompact(library);
        Console.WriteLine("ours on the library:");
        Coverage(library, ours);
        failures += CompareWithPlainLoop(library, ours);

        var subset = SyntheticLibrary.Subset(library, PolicyBenchmarks.SubsetEveryNth);
        Console.WriteLine($"subset (every {PolicyBenchmarks.SubsetEveryNth}th enterprise): {subset.Enterprises.Length:N0} enterprises, {subset.Projects.Length:N0} projects");
        var oursSubset = PolicyEngine.Default.EvaluateCompact(subset);
        Coverage(subset, oursSubset);
        failures += FastPathAsTraced(subset, oursSubset);
        // The same instance again under other parameters: its cached facts table is read, the traced path reads the objects.
        foreach (var set in new[] { "effective_investment.min_annual_equipment=1000000", "tech_renovation.project_kinds=new,renovation;demonstration.min_digital_investment=50000000" })
        {
            var engine = PolicyEngine.Default.With(set.Split(';').Select(kv => new KeyValuePair<string, string>(kv[..kv.IndexOf('=')], kv[(kv.IndexOf('=') + 1)..])));
            Console.Write($"  with {set}: ");
            failures += FastPathAsTraced(subset, engine.EvaluateCompact(subset), engine);
        }
        var inconsistent = SameAsLibrary(library, ours, subset, oursSubset);
        Console.WriteLine($"subset vs library (ours): {inconsistent} differences");
        failures += inconsistent;

        var re = new RulesEngineAbc();
        failures += await CompareWithRulesEngine(re, "subset", subset, oursSubset);
        if (full) failures += await CompareWithRulesEngine(re, "library", library, ours);

        sw.Restart();
        var book = SyntheticLibrary.LoanBook();
        Console.WriteLine($"loan book: {book.Loans.Length:N0} loans, {book.Loans.Sum(l => l.Repayments.Length):N0} repayments, {book.Enterprises.Length:N0} enterprises, {book.Projects.Length:N0} projects, generated in {sw.ElapsedMilliseconds:N0} ms");
        failures += CheckProjects(book) + CheckLoans(book);
        var smallBook = SyntheticLibrary.LoanBook(loans: 5_000, enterprises: 1_000, projects: 2_500, seed: 3);
        failures += FastPathAsTraced(smallBook, PolicyEngine.Default.EvaluateCompact(smallBook));
        LoanCoverage(book);

        Console.WriteLine(failures == 0 ? "verify: OK" : $"verify: FAILED ({failures} problems)");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Stopwatch figures (<see cref="EngineFigures"/>): ours and RulesEngine on the subset, the plain loop and ours on
    /// the 1M library (repeated and first evaluation), the loan book; median of seven interleaved runs each.
    /// </summary>
    public static async Task<int> Quick()
    {
        await EngineFigures.MeasureAsync(Console.Out);
        return 0;
    }

    /// <summary>The engine's figures as <c>quick</c> measures them, then one JSON line (issue 13 item 5).</summary>
    public static async Task<int> Engine()
    {
        var summary = await EngineFigures.MeasureAsync(Console.Out);
        Console.WriteLine(summary.ToJson());
        return 0;
    }

    /// <summary>
    /// Issue 11: the 1M-project library and the 100k-loan book evaluated without revisions and with three revisions loaded
    /// (a C base rate, a mid-year central rate with a D-10 step-back, a combined caps table), measured in one run,
    /// alternating, median of five; prints the ratios (the target: within 10 %).
    /// </summary>
    public static async Task<int> Revisions()
    {
        static Renewal.Policy.Parameters.Revision Read(string text) =>
            Renewal.Policy.Parameters.RevisionReader.Read(text, "bench", PolicyEngine.Default.Parameters);
        Renewal.Policy.Parameters.Revision[] three =
        [
            Read("revision: { id: B-C, title: 技改基础比例, source: bench, published_on: 2025-03-01, values: { tech_renovation.base_rate: [ { from: 2025-01-01, value: 0.06, source: B-C } ] } }"),
            Read("revision: { id: B-CN, title: 中央贴息, source: bench, published_on: 2024-06-01, values: { loan.central.rate: [ { from: 2024-06-01, until: 2024-07-24, value: 0.01, source: B-CN }, { from: 2024-07-25, value: 0.015, source: B-CN } ], loan.central.explicit_approval: [ { from: 2024-06-01, value: false, source: B-CN } ], loan.kunshan.yields_to: [ { from: 2025-01-01, value: [central], source: B-CN } ] } }"),
            Read("revision: { id: B-CAPS, title: 合计上限, source: bench, published_on: 2025-02-01, values: { loan.caps: [ { from: 2025-01-01, source: B-CAPS, value: [ { id: D-6a, levels: [province], per: project, amount: 5000000 }, { id: D-6b, levels: [province], per: enterprise, amount: 10000000 }, { id: D-7a, levels: [suzhou], per: enterprise, amount: 3000000 }, { id: D-7b, levels: [kunshan], per: enterprise, amount: 3000000 }, { id: X-1, levels: [province, kunshan], per: enterprise, amount: 4000000 } ] } ] } }"),
        ];
        var library = SyntheticLibrary.Library();
        var withRevisions = library with { Revisions = [.. three] };
        var plain = await Measurement.Measure(Console.Out, "(a) Ours_ABC_1M, no revisions", library.Projects.Length, "project", 5, () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(library).Total.Yuan));
        var revised = await Measurement.Measure(Console.Out, "(a) Ours_ABC_1M, three revisions", library.Projects.Length, "project", 5, () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(withRevisions).Total.Yuan));
        var plain2 = await Measurement.Measure(Console.Out, "(a) Ours_ABC_1M, no revisions again", library.Projects.Length, "project", 5, () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(library).Total.Yuan));
        library = null;
        withRevisions = null;
        Measurement.Compact();
        var book = SyntheticLibrary.LoanBook();
        var bookRevised = book with { Revisions = [.. three] };
        var loans = await Measurement.Measure(Console.Out, "(c) Ours_Loans_100k, no revisions", book.Loans.Length, "loan", 5, () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(book).Total.Yuan));
        var loansRevised = await Measurement.Measure(Console.Out, "(c) Ours_Loans_100k, three revisions", book.Loans.Length, "loan", 5, () => Task.FromResult(PolicyEngine.Default.EvaluateCompact(bookRevised).Total.Yuan));
        Console.WriteLine();
        var baseline = Math.Min(plain.MedianMs, plain2.MedianMs);
        Console.WriteLine($"1M projects: with three revisions / without = {revised.MedianMs / baseline:N3} ({revised.MedianMs:N0} ms vs {baseline:N0} ms)");
        Console.WriteLine($"100k loans:  with three revisions / without = {loansRevised.MedianMs / loans.MedianMs:N3} ({loansRevised.MedianMs:N0} ms vs {loans.MedianMs:N0} ms)");
        return 0;
    }

    /// <summary>
    /// Runs one case <paramref name="count"/> times and nothing else, for a profiler:
    /// <c>DOTNET_PerfMapEnabled=1 perf record -F 999 -g -- dotnet bin/Release/net10.0/Renewal.Benchmarks.dll repeat abc 20</c>.
    /// </summary>
    public static async Task<int> Repeat(string what, int count)
    {
        var scenario = what switch
        {
            "abc" => SyntheticLibrary.Library(),
            "subset" or "rules" => SyntheticLibrary.Subset(SyntheticLibrary.Library(), PolicyBenchmarks.SubsetEveryNth),
            "loans" => SyntheticLibrary.LoanBook(),
            _ => throw new ArgumentException($"repeat abc|subset|rules|loans N, not {what}"),
        };
        var re = what == "rules" ? new RulesEngineAbc() : null;
        Console.WriteLine($"ready: {what} × {count}");
        var sw = Stopwatch.StartNew();
        var total = 0m;
        for (var i = 0; i < count; i++)
            total += re is null ? PolicyEngine.Default.EvaluateCompact(scenario).Total.Yuan : (await re.EvaluateAsync(scenario)).Total;
        Console.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds / count:N1} ms/run (total {Format(total)})");
        return 0;
    }

    private static async Task<int> CompareWithRulesEngine(RulesEngineAbc re, string name, Scenario target, CompactResult ours)
    {
        var sw = Stopwatch.StartNew();
        var theirs = await re.EvaluateAsync(target);
        Console.WriteLine($"RulesEngine on the {name}: {sw.ElapsedMilliseconds:N0} ms");
        var mismatches = Compare(target, ours, theirs);
        Console.WriteLine($"RulesEngine vs ours on the {name}: {mismatches} mismatches over {target.Projects.Length:N0} projects × (A, B) and {target.Enterprises.Length:N0} enterprises × C"
            + $"; totals ours {Format(ours.Total.Yuan)}, RulesEngine {Format(theirs.Total)}");
        // The like-for-like set-up of the benchmark: RulesEngine with its per-project facts made once (Prepare).
        var prepared = await re.EvaluateAsync(RulesEngineAbc.Prepare(target));
        var preparedMismatches = Compare(target, ours, prepared);
        Console.WriteLine($"RulesEngine (facts made before) vs ours on the {name}: {preparedMismatches} mismatches; total {Format(prepared.Total)}");
        return mismatches + preparedMismatches;
    }

    private static string Format(decimal yuan) => Measurement.Format(yuan);

    /// <summary>The fast path (no trace) must give every line the traced path gives: amount, eligibility, failed rule, ASSUMED.</summary>
    private static int FastPathAsTraced(Scenario s, CompactResult fast, PolicyEngine? engine = null)
    {
        var traced = (engine ?? PolicyEngine.Default).Evaluate(s, explain: true).Awards;
        var outcomes = new List<Renewal.Policy.Kunshan2024.Outcome>(traced.Count);
        for (var i = 0; i < s.Projects.Length; i++) { outcomes.Add(fast.Demonstration[i]); outcomes.Add(fast.EffectiveInvestment[i]); }
        outcomes.AddRange(fast.TechRenovation);
        outcomes.AddRange(fast.LoanInterest);
        var mismatches = outcomes.Count == traced.Count ? 0 : 1;
        for (var k = 0; k < Math.Min(outcomes.Count, traced.Count); k++)
        {
            var (o, l) = (outcomes[k], traced[k]);
            if (o.Amount == l.Amount && o.Eligible == l.Eligible && o.FailedRule == l.FailedRule && o.Assumed == l.Assumed) continue;
            if (++mismatches <= 10) Console.WriteLine($"  fast ≠ traced at {l.Scheme} {l.Project ?? l.Enterprise}: {o.Amount}/{o.Eligible}/{o.FailedRule}/{o.Assumed} vs {l.Amount}/{l.Eligible}/{l.FailedRule}/{l.Assumed}");
        }
        Console.WriteLine($"fast path vs traced path on the {s.Name}: {mismatches} differences over {traced.Count:N0} lines (amount, eligibility, failed rule, ASSUMED)");
        return mismatches;
    }

    /// <summary>The plain loop is a fair limit only if it computes what the engine computes: the same A, B and C, per project and enterprise.</summary>
    private static int CompareWithPlainLoop(Scenario s, CompactResult ours)
    {
        var plain = PlainLoop.Run(PlainLoop.Prepare(s));
        decimal a = 0, b = 0, c = 0;
        var mismatches = 0;
        // The plain loop over arrays (the limit for a repeated evaluation) computes the same as over the objects.
        var arrays = PlainLoop.RunFacts(PlainLoop.PrepareFacts(s));
        var arraysDiffer = arrays.Demonstration != plain.Demonstration || arrays.EffectiveInvestment != plain.EffectiveInvestment || arrays.TechRenovation != plain.TechRenovation
            || !arrays.EffectiveInvestmentByProject.AsSpan().SequenceEqual(plain.EffectiveInvestmentByProject) || !arrays.TechRenovationByEnterprise.AsSpan().SequenceEqual(plain.TechRenovationByEnterprise);
        Console.WriteLine($"plain loop over arrays vs over the objects: {(arraysDiffer ? "DIFFERENT" : "the same")} per project and enterprise");
        if (arraysDiffer) mismatches++;
        for (var i = 0; i < s.Projects.Length; i++)
        {
            a += ours.Demonstration[i].Amount.Yuan;
            b += ours.EffectiveInvestment[i].Amount.Yuan;
            if (ours.EffectiveInvestment[i].Amount.Yuan != plain.EffectiveInvestmentByProject[i] && ++mismatches <= 10)
                Console.WriteLine($"  mismatch B {s.Projects[i].Id}: ours {ours.EffectiveInvestment[i].Amount.Yuan}, plain loop {plain.EffectiveInvestmentByProject[i]}");
        }
        for (var e = 0; e < s.Enterprises.Length; e++)
        {
            c += ours.TechRenovation[e].Amount.Yuan;
            if (ours.TechRenovation[e].Amount.Yuan != plain.TechRenovationByEnterprise[e] && ++mismatches <= 10)
                Console.WriteLine($"  mismatch C {s.Enterprises[e].Id}: ours {ours.TechRenovation[e].Amount.Yuan}, plain loop {plain.TechRenovationByEnterprise[e]}");
        }
        if (a != plain.Demonstration) mismatches++;
        if (b != plain.EffectiveInvestment) mismatches++;
        if (c != plain.TechRenovation) mismatches++;
        Console.WriteLine($"plain loop vs ours on the library: {mismatches} mismatches; totals A {Format(plain.Demonstration)} / {Format(a)}, B {Format(plain.EffectiveInvestment)} / {Format(b)}, C {Format(plain.TechRenovation)} / {Format(c)} (plain / ours)");
        return mismatches;
    }

    private static int Compare(Scenario s, CompactResult ours, AbcAmounts theirs)
    {
        var mismatches = 0;
        void Report(string what, string subject, decimal o, bool oe, decimal t, bool te)
        {
            if (++mismatches <= 10) Console.WriteLine($"  mismatch {what} {subject}: ours {o} (eligible {oe}), RulesEngine {t} (eligible {te})");
        }
        for (var i = 0; i < s.Projects.Length; i++)
        {
            var a = ours.Demonstration[i];
            var b = ours.EffectiveInvestment[i];
            if (a.Amount.Yuan != theirs.Demonstration[i] || a.Eligible != theirs.DemonstrationEligible[i])
                Report("A", s.Projects[i].Id, a.Amount.Yuan, a.Eligible, theirs.Demonstration[i], theirs.DemonstrationEligible[i]);
            if (b.Amount.Yuan != theirs.EffectiveInvestment[i] || b.Eligible != theirs.EffectiveInvestmentEligible[i])
                Report("B", s.Projects[i].Id, b.Amount.Yuan, b.Eligible, theirs.EffectiveInvestment[i], theirs.EffectiveInvestmentEligible[i]);
        }
        for (var e = 0; e < s.Enterprises.Length; e++)
        {
            var c = ours.TechRenovation[e];
            if (c.Amount.Yuan != theirs.TechRenovation[e] || c.Eligible != theirs.TechRenovationEligible[e])
                Report("C", s.Enterprises[e].Id, c.Amount.Yuan, c.Eligible, theirs.TechRenovation[e], theirs.TechRenovationEligible[e]);
        }
        return mismatches;
    }

    /// <summary>The subset keeps whole enterprises, so every amount must equal the library's.</summary>
    private static int SameAsLibrary(Scenario library, CompactResult all, Scenario subset, CompactResult part)
    {
        var projects = new Dictionary<string, int>(library.Projects.Length, StringComparer.Ordinal);
        for (var i = 0; i < library.Projects.Length; i++) projects[library.Projects[i].Id] = i;
        var enterprises = new Dictionary<string, int>(library.Enterprises.Length, StringComparer.Ordinal);
        for (var e = 0; e < library.Enterprises.Length; e++) enterprises[library.Enterprises[e].Id] = e;
        var diff = 0;
        for (var i = 0; i < subset.Projects.Length; i++)
        {
            var j = projects[subset.Projects[i].Id];
            if (part.Demonstration[i].Amount != all.Demonstration[j].Amount || part.EffectiveInvestment[i].Amount != all.EffectiveInvestment[j].Amount) diff++;
        }
        for (var e = 0; e < subset.Enterprises.Length; e++)
        {
            if (part.TechRenovation[e].Amount != all.TechRenovation[enterprises[subset.Enterprises[e].Id]].Amount) diff++;
        }
        return diff;
    }

    /// <summary>How often each rule decides: so that "0 mismatches" is known to cover caps, I-5 and the multiplier.</summary>
    private static void Coverage(Scenario s, CompactResult r)
    {
        int aPaid = 0, aLost = 0, bPaid = 0, bLost = 0, bRemainingCap = 0, bCap = 0, cPaid = 0, cCap = 0, cDoubled = 0;
        for (var i = 0; i < s.Projects.Length; i++)
        {
            var a = r.Demonstration[i];
            var b = r.EffectiveInvestment[i];
            if (a.Eligible && a.Amount.Yuan > 0) aPaid++;
            if (a.FailedRule == "I-5") aLost++;
            if (b.Eligible && b.Amount.Yuan > 0) bPaid++;
            if (b.FailedRule == "I-5") bLost++;
            if (b.Eligible && b.Amount.Yuan == 8_000_000m) bCap++;
            if (b.Eligible && s.Projects[i].PriorAwards.Any(p => p.Scheme == Scheme.EffectiveInvestment)) bRemainingCap++;
        }
        var digital = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in s.Projects)
        {
            foreach (var inv in p.Investment)
            {
                if (inv.Year == s.Year) digital[p.EnterpriseId] = digital.GetValueOrDefault(p.EnterpriseId) + inv.Digital.Yuan;
            }
        }
        for (var e = 0; e < s.Enterprises.Length; e++)
        {
            var c = r.TechRenovation[e];
            if (!c.Eligible) continue;
            cPaid++;
            if (c.Amount.Yuan == 10_000_000m) cCap++;
            if (digital.GetValueOrDefault(s.Enterprises[e].Id) >= 5_000_000m) cDoubled++;
        }
        Console.WriteLine($"  A paid {aPaid:N0}, A lost to B by I-5 {aLost:N0}; B paid {bPaid:N0}, B lost to A by I-5 {bLost:N0}, B at the 8M cap {bCap:N0}, B eligible with prior B awards {bRemainingCap:N0};"
            + $" C paid {cPaid:N0} (×2 multiplier {cDoubled:N0}, at the 10M cap {cCap:N0}); total {Format(r.Total.Yuan)}");
    }

    /// <summary>Loan outcomes by level, and how many lines the caps cut (compared with an evaluation without caps).</summary>
    private static void LoanCoverage(Scenario book)
    {
        var sw = Stopwatch.StartNew();
        var r = PolicyEngine.Default.EvaluateCompact(book);
        Console.WriteLine($"ours on the loan book: {sw.ElapsedMilliseconds:N0} ms (first run)");
        // An empty caps table (D-6): no row caps anything.
        var uncapped = PolicyEngine.Default.With([new("loan.caps", "[]")]).EvaluateCompact(book);
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);
        var paying = new int[CompactResult.LevelCount];
        var capped = new int[CompactResult.LevelCount];
        var sums = new decimal[CompactResult.LevelCount];
        var eligibleLoans = 0;
        for (var i = 0; i < book.Loans.Length; i++)
        {
            var any = false;
            for (var l = 0; l < CompactResult.LevelCount; l++)
            {
                var o = r.LoanInterest[i * CompactResult.LevelCount + l];
                if (o.Amount.Yuan > 0) { paying[l]++; any = true; }
                if (o.Amount != uncapped.LoanInterest[i * CompactResult.LevelCount + l].Amount) capped[l]++;
                sums[l] += o.Amount.Yuan;
                if (l == 0 && o.FailedRule is { } f && f.StartsWith("D-E", StringComparison.Ordinal)) failed[f] = failed.GetValueOrDefault(f) + 1;
            }
            if (any) eligibleLoans++;
        }
        Console.WriteLine($"  loans paid by some level {eligibleLoans:N0}; ineligible by {string.Join(", ", failed.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value:N0}"))}");
        for (var l = 0; l < CompactResult.LevelCount; l++)
            Console.WriteLine($"  {Codes.Of((Level)l),-8} paying lines {paying[l],7:N0}, cut by a cap {capped[l],6:N0}, total {Format(sums[l])}");
    }

    /// <summary>The invariants the scenario reader enforces on projects (money ≥ 0, ≤ 2 decimals, digital ≤ equipment).</summary>
    private static int CheckProjects(Scenario s)
    {
        var bad = 0;
        foreach (var p in s.Projects)
        {
            foreach (var inv in p.Investment)
            {
                if (inv.Digital > inv.Equipment || inv.Digital.Yuan < 0 || !inv.Equipment.HasAtMostTwoDecimals || !inv.Digital.HasAtMostTwoDecimals) bad++;
            }
            foreach (var award in p.PriorAwards)
            {
                if (!award.Amount.HasAtMostTwoDecimals || award.Amount.Yuan < 0) bad++;
            }
            if (p.Status == ProjectStatus.Completed != p.CompletedOn.HasValue) bad++;
        }
        foreach (var e in s.Enterprises)
        {
            if (!CreditCode.IsValid(e.CreditCode)) bad++;
        }
        if (bad > 0) Console.WriteLine($"  {bad} project/enterprise invariant violations");
        return bad;
    }

    /// <summary>The invariants the scenario reader enforces on loans (repayments inside the term, in order, ≤ principal).</summary>
    private static int CheckLoans(Scenario s)
    {
        var bad = 0;
        foreach (var l in s.Loans)
        {
            var repaid = 0m;
            var previous = l.IssuedOn;
            if (l.Repayments.Length > 36 || l.IssuedOn >= l.MaturesOn || l.Rate.Fraction <= 0 || l.Rate.Fraction >= 0.24m) bad++;
            foreach (var r in l.Repayments)
            {
                if (r.Date <= previous || r.Date >= l.MaturesOn || !r.Amount.HasAtMostTwoDecimals || r.Amount.Yuan < 0) bad++;
                previous = r.Date;
                repaid += r.Amount.Yuan;
            }
            if (repaid > l.Principal.Yuan || !l.Principal.HasAtMostTwoDecimals || !l.EquipmentAmount.HasAtMostTwoDecimals) bad++;
        }
        if (bad > 0) Console.WriteLine($"  {bad} loan invariant violations");
        return bad;
    }
}
