using Renewal.Data;
using Renewal.Testing;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Loan = Renewal.Data.Entities.Loan;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// Caps count what is committed (issue 10 item 3, ADR-016): an approved award reserves its room whether it has been paid
/// or not, so the order of approvals and payments never changes an amount — B's lifetime cap over two years, D's
/// per-enterprise cap over two loans — and concurrent approvals under a nearly full cap never exceed it.
/// </summary>
public class CommittedCapsTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Finance = new(6, "caizheng", Role.Finance, null, null);

    private const decimal BCap = 8_000_000m;

    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static ApplicationService Service(LibraryDbContext db, TestClock clock) => new(db, PolicyEngine.Default, clock);

    /// <summary>
    /// One enterprise, one B-eligible project with the given equipment per year (8% of it is the uncapped B award),
    /// and two loans of 200,000,000 each on it, issued on 1 January 2025 (their Kunshan levels together pass the
    /// Kunshan per-enterprise cap of 3,000,000 in 2025, so D-6/D-8 share the cap between them).
    /// </summary>
    private static (LibraryDatabaseOptions Options, int ProjectId, int[] LoanIds) Library(string provider, params (int Year, decimal Equipment)[] equipment)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
        var p = new Project
        {
            Code = "P1", Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
            Investments = [.. equipment.Select(x => new ProjectInvestment { Year = x.Year, Equipment = x.Equipment })],
        };
        e.Projects.Add(p);
        db.Enterprises.Add(e);
        db.SaveChanges();
        var loans = new[] { "DK-1", "DK-2" }.Select(c => new Loan
        {
            Code = c, EnterpriseId = e.Id, ProjectId = p.Id, Category = LoanCategory.EquipmentRenewal, Principal = 200_000_000m, Rate = 0.03m,
            IssuedOn = new DateOnly(2025, 1, 1), MaturesOn = new DateOnly(2027, 12, 31), EquipmentAmount = 200_000_000m,
        }).ToList();
        db.Loans.AddRange(loans);
        db.SaveChanges();
        return (options, p.Id, [.. loans.Select(l => l.Id)]);
    }

    /// <summary>Creates an application and moves it to public notice; returns its id.</summary>
    private static async Task<int> ToNoticeAsync(LibraryDatabaseOptions options, TestClock clock, Scheme scheme, int year, int? projectId, int? loanId)
    {
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        var created = await s.CreateAsync(Firm, scheme, year, projectId, loanId);
        Assert.True(created.Ok, created.Message);
        foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove) })
        {
            var r = await s.MoveAsync(user, created.Value!.Id, action);
            Assert.True(r.Ok, r.Message);
        }
        return created.Value!.Id;
    }

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, TestClock clock, int id, WorkflowAction action)
    {
        using var db = LibraryStore.Create(options);
        var user = action == WorkflowAction.Pay ? Finance : Bureau;
        return action == WorkflowAction.Approve
            ? await ApproveConfirmingAsync(Service(db, clock), id)
            : await Service(db, clock).MoveAsync(user, id, action, action == WorkflowAction.Pay ? $"ZF-{id}" : null);
    }

    /// <summary>
    /// Approves as the bureau would: when the amount is no longer the submitted one (an earlier year was approved
    /// meanwhile and the cap filled), the reviewer reads why and confirms the amount computed — these tests are about
    /// the amounts, the confirmation itself is DeclarationOfRecordTests'.
    /// </summary>
    private static async Task<Result<AwardApplication>> ApproveConfirmingAsync(ApplicationService s, int id)
    {
        var r = await s.MoveAsync(Bureau, id, WorkflowAction.Approve);
        return r.AmountChanged is { } change ? await s.MoveAsync(Bureau, id, WorkflowAction.Approve, confirmAmount: change.Computed) : r;
    }

    /// <summary>Every order of approve/pay for two applications in which each is approved before it is paid.</summary>
    private static IEnumerable<(int App, WorkflowAction Action)[]> Orders(bool firstApprovedFirst)
    {
        var moves = new[] { (0, WorkflowAction.Approve), (0, WorkflowAction.Pay), (1, WorkflowAction.Approve), (1, WorkflowAction.Pay) };
        IEnumerable<(int, WorkflowAction)[]> Permute(IReadOnlyList<(int, WorkflowAction)> rest) => rest.Count == 0
            ? [[]]
            : rest.SelectMany((m, i) => Permute([.. rest.Where((_, j) => j != i)]).Select(tail => (new[] { m }).Concat(tail).ToArray()));
        return Permute(moves).Where(o =>
        {
            int Index(int app, WorkflowAction a) => Array.IndexOf(o, (app, a));
            return Index(0, WorkflowAction.Approve) < Index(0, WorkflowAction.Pay) && Index(1, WorkflowAction.Approve) < Index(1, WorkflowAction.Pay)
                && Index(0, WorkflowAction.Approve) < Index(1, WorkflowAction.Approve) == firstApprovedFirst;
        });
    }

    /// <summary>What an order ended with: each application's approved amount and lines, its paid decisions, every ledger.</summary>
    private sealed record Outcome(decimal?[] Approved, string?[] ByLevel, decimal[][] Paid, IReadOnlyDictionary<string, decimal> Ledgers);

    private static async Task<Outcome> RunAsync(LibraryDatabaseOptions options, TestClock clock, int[] ids, (int App, WorkflowAction Action)[] order)
    {
        foreach (var (app, action) in order)
        {
            var r = await MoveAsync(options, clock, ids[app], action);
            Assert.True(r.Ok, $"{string.Join(", ", order.Select(m => $"{m.Action} {m.App}"))}: {action} {app} — {r.Message}");
        }
        using var db = LibraryStore.Create(options);
        var apps = ids.Select(id => db.Applications.Single(a => a.Id == id)).ToList();
        Assert.All(apps, a => Assert.Equal(ApplicationState.Paid, a.State));
        return new Outcome(
            [.. apps.Select(a => a.ApprovedAmount)], [.. apps.Select(a => a.ApprovedByLevel)],
            [.. apps.Select(a => db.AwardDecisions.Where(d => d.Status == AwardStatus.Paid && d.Scheme == a.Scheme && d.Year == a.Year && d.LoanId == a.LoanId)
                .Select(d => d.Amount).ToList().Order().ToArray())],
            db.CapLedgers.ToList().Where(c => c.Used != 0).ToDictionary(c => c.Key, c => c.Used));
    }

    private static void AssertSame(Outcome expected, Outcome actual, string order)
    {
        Assert.True(expected.Approved.SequenceEqual(actual.Approved), $"{order}: approved {string.Join("/", actual.Approved)} ≠ {string.Join("/", expected.Approved)}");
        Assert.True(expected.ByLevel.SequenceEqual(actual.ByLevel), $"{order}: by level {string.Join("/", actual.ByLevel)} ≠ {string.Join("/", expected.ByLevel)}");
        Assert.All(expected.Paid.Zip(actual.Paid), p => Assert.Equal(p.First, p.Second));
        Assert.Equal(expected.Ledgers.OrderBy(k => k.Key, StringComparer.Ordinal), actual.Ledgers.OrderBy(k => k.Key, StringComparer.Ordinal));
    }

    private static string Text((int App, WorkflowAction Action)[] order) => string.Join(" → ", order.Select(m => $"{m.Action} #{m.App + 1}"));

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task LaterYear_ApprovedWhileTheEarlierIsApprovedButUnpaid_GetsWhatItGetsAfterThePayment(string provider)
    {
        // The issue's case: 2025 and 2026 each give 8% × 60,000,000 = 4,800,000; the lifetime cap leaves 3,200,000 for 2026.
        decimal? Approve2026(bool payFirst)
        {
            var (options, projectId, _) = Library(provider, (2025, 60_000_000m), (2026, 60_000_000m));
            var clock = Monday();
            var y2025 = ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2025, projectId, null).GetAwaiter().GetResult();
            var y2026 = ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2026, projectId, null).GetAwaiter().GetResult();
            clock.Now = clock.Now.AddDays(10);
            Assert.True(MoveAsync(options, clock, y2025, WorkflowAction.Approve).GetAwaiter().GetResult().Ok);
            if (payFirst) Assert.True(MoveAsync(options, clock, y2025, WorkflowAction.Pay).GetAwaiter().GetResult().Ok);
            var r = MoveAsync(options, clock, y2026, WorkflowAction.Approve).GetAwaiter().GetResult();
            Assert.True(r.Ok, $"{(payFirst ? "paid" : "unpaid")} 2025: {r.Message}");
            using var db = LibraryStore.Create(options);
            Assert.Equal(BCap, db.CapLedgers.Single(c => c.Key == $"B|p{projectId}").Used);
            return r.Value!.ApprovedAmount;
        }

        var unpaid = Approve2026(payFirst: false);
        Assert.Equal(3_200_000m, unpaid);
        Assert.Equal(Approve2026(payFirst: true), unpaid);
        await Task.CompletedTask;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task LifetimeCap_EveryOrderOfPayments_GivesTheSameAmounts(string provider)
    {
        Outcome? first = null;
        foreach (var order in Orders(firstApprovedFirst: true))
        {
            var (options, projectId, _) = Library(provider, (2025, 60_000_000m), (2026, 60_000_000m));
            var clock = Monday();
            int[] ids = [await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2025, projectId, null),
                await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2026, projectId, null)];
            clock.Now = clock.Now.AddDays(10);
            var outcome = await RunAsync(options, clock, ids, order);
            Assert.Equal(BCap, outcome.Ledgers[$"B|p{projectId}"]);
            Assert.Equal(outcome.Approved.Sum(), outcome.Ledgers[$"B|p{projectId}"]);
            if (first is null)
            {
                first = outcome;
                Assert.Equal([4_800_000m, 3_200_000m], outcome.Approved);
            }
            else AssertSame(first, outcome, Text(order));
        }
        Assert.NotNull(first);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task PerEnterpriseLoanCap_EveryOrderOfApprovalsAndPayments_GivesTheSameAmounts(string provider)
    {
        // D-6/D-8 share the Kunshan per-enterprise cap between the two loans from the library, whoever is approved first.
        Outcome? first = null;
        var orders = Orders(firstApprovedFirst: true).Concat(Orders(firstApprovedFirst: false)).ToList();
        Assert.Equal(6, orders.Count);
        foreach (var order in orders)
        {
            var (options, _, loans) = Library(provider, (2025, 10_000_000m));
            var clock = Monday();
            int[] ids = [await ToNoticeAsync(options, clock, Scheme.LoanInterest, 2025, null, loans[0]),
                await ToNoticeAsync(options, clock, Scheme.LoanInterest, 2025, null, loans[1])];
            clock.Now = clock.Now.AddDays(10);
            var outcome = await RunAsync(options, clock, ids, order);
            var kunshan = outcome.Ledgers.Single(k => k.Key.StartsWith("D.kunshan|e", StringComparison.Ordinal));
            var cap = PolicyEngine.Default.Parameters.ResolveAt(new DateOnly(2025, 12, 31)).Find("loan.kunshan.cap_per_enterprise_year")!.Value as decimal?;
            Assert.Equal(cap, kunshan.Value); // the cap binds: the loans' Kunshan levels together are cut to it exactly
            Assert.Equal(outcome.Approved.Sum(), outcome.Paid.SelectMany(p => p).Sum());
            if (first is null) first = outcome;
            else AssertSame(first, outcome, Text(order));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoApprovalsAtOnce_UnderANearlyFullLifetimeCap_NeverExceedIt(string provider)
    {
        // 2024 gives 6,000,000 and is approved, unpaid: 2,000,000 of room is left for 2025 and 2026 (4,800,000 each uncapped).
        for (var round = 0; round < 3; round++)
        {
            var (options, projectId, _) = Library(provider, (2024, 75_000_000m), (2025, 60_000_000m), (2026, 60_000_000m));
            var clock = Monday();
            var y2024 = await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2024, projectId, null);
            int[] ids = [await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2025, projectId, null),
                await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2026, projectId, null)];
            clock.Now = clock.Now.AddDays(10);
            Assert.True((await MoveAsync(options, clock, y2024, WorkflowAction.Approve)).Ok);

            var results = new Result<AwardApplication>[2];
            using var barrier = new Barrier(2);
            var threads = ids.Select((id, i) => new Thread(() =>
            {
                using var db = LibraryStore.Create(options); // its own connection
                var s = Service(db, clock);
                barrier.SignalAndWait();
                results[i] = ApproveConfirmingAsync(s, id).GetAwaiter().GetResult();
            })).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();

            Assert.Contains(results, r => r.Ok);
            Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ResultKind.Conflict, r.Kind));
            using var check = LibraryStore.Create(options);
            var approved = check.Applications.Where(a => a.ProjectId == projectId && a.State == ApplicationState.Approved).ToList();
            var ledger = check.CapLedgers.Single(c => c.Key == $"B|p{projectId}");
            Assert.Equal(BCap, ledger.Cap);
            Assert.True(ledger.Used <= ledger.Cap, $"round {round}: {ledger.Used} > {ledger.Cap}");
            Assert.Equal(approved.Sum(a => a.ApprovedAmount ?? 0), ledger.Used);
            // Each approved amount is the serial one: 8% of its year, within what the earlier years committed left.
            foreach (var a in approved)
            {
                var uncapped = 0.08m * (a.Year == 2024 ? 75_000_000m : 60_000_000m);
                var earlier = approved.Where(x => x.Year < a.Year).Sum(x => x.ApprovedAmount ?? 0);
                Assert.Equal(Math.Min(uncapped, BCap - earlier), a.ApprovedAmount);
            }
            Assert.Contains(approved, a => a.Year == 2024);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task LibraryScenario_ReadsAnApprovedAwardAsItsPaymentWillRecordIt_AndTheChangeFeedNamesTheApproval(string provider)
    {
        var (options, projectId, _) = Library(provider, (2025, 60_000_000m), (2026, 60_000_000m));
        var clock = Monday();
        var y2025 = await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2025, projectId, null);
        clock.Now = clock.Now.AddDays(10);
        PriorAward[] Prior(int year)
        {
            using var db = LibraryStore.Create(options);
            return [.. LibraryScenario.Build(db, year).Projects.Single().PriorAwards];
        }
        Renewal.Data.Changes.LibraryPosition position;
        using (var db = LibraryStore.Create(options)) position = Renewal.Data.Changes.LibraryChanges.Now(db, clock.Now);
        IReadOnlyList<int> Changed()
        {
            using var db = LibraryStore.Create(options);
            var set = Renewal.Data.Changes.LibraryChanges.Since(db, position, clock.Now);
            position = set.Position;
            return set.Enterprises;
        }
        int enterprise;
        using (var db = LibraryStore.Create(options)) enterprise = db.Projects.Single(p => p.Id == projectId).EnterpriseId;

        Assert.Empty(Prior(2026)); // in public notice: nothing is committed yet
        Changed();
        Assert.True((await MoveAsync(options, clock, y2025, WorkflowAction.Approve)).Ok);
        Assert.Equal([enterprise], Changed()); // a kept what-if snapshot of 2026 re-reads this enterprise
        var unpaid = Prior(2026);
        Assert.Equal([new PriorAward(Scheme.EffectiveInvestment, 2025, new Renewal.Policy.Money(4_800_000m))], unpaid);
        Assert.Empty(Prior(2025)); // only earlier years
        Assert.True((await MoveAsync(options, clock, y2025, WorkflowAction.Pay)).Ok);
        Assert.Equal([enterprise], Changed());
        Assert.Equal(unpaid, Prior(2026));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ANoughtYuanB_ApprovedFirst_DoesNotTakeTheProjectYearFromA(string provider)
    {
        // The reliability run's case: a completed demonstration project applies for A and B in 2025. Under I-5 only the
        // higher is awarded: A = 10% × 600,000,000 digital, capped at 30,000,000, above B's capped 8,000,000; B comes out 0.00. Approving B first must
        // not book the project-year's one-of-two: A is then approved at 30,000,000 all the same.
        LibraryDatabaseOptions options;
        using (var db = Databases.Open(provider, out options))
        {
            var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
            e.Projects.Add(new Project
            {
                Code = "P1", Name = "智能工厂", Kind = ProjectKind.Renovation, Status = ProjectStatus.Completed, CompletedOn = new DateOnly(2025, 6, 30),
                Clusters = ["equipment_manufacturing"], DigitalScopes = ["smart_factory_demo"],
                Investments = [new ProjectInvestment { Year = 2025, Equipment = 700_000_000m, Digital = 600_000_000m }],
            });
            db.Enterprises.Add(e);
            db.SaveChanges();
        }
        int projectId;
        using (var db = LibraryStore.Create(options)) projectId = db.Projects.Single().Id;
        var clock = Monday();
        var a = await ToNoticeAsync(options, clock, Scheme.Demonstration, 2025, projectId, null);
        var b = await ToNoticeAsync(options, clock, Scheme.EffectiveInvestment, 2025, projectId, null);
        clock.Now = clock.Now.AddDays(10);

        var approvedB = await MoveAsync(options, clock, b, WorkflowAction.Approve);
        Assert.True(approvedB.Ok, approvedB.Message);
        Assert.Equal(0m, approvedB.Value!.ApprovedAmount);
        var approvedA = await MoveAsync(options, clock, a, WorkflowAction.Approve);
        Assert.True(approvedA.Ok, approvedA.Message);
        Assert.Equal(30_000_000m, approvedA.Value!.ApprovedAmount);
        using var check = LibraryStore.Create(options);
        Assert.Equal(1m, check.CapLedgers.Single(c => c.Key == $"AB|p{projectId}|2025").Used);
    }
}
