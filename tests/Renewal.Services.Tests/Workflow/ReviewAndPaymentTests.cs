using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Testing;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// Reviewers and finance (issue 12 item 5): approving less than computed with a reason and never more (核减, kept in
/// the approval's record and guarded by the database), the bureau's return to the district, and payment in batches with
/// a payment date and a voucher per award — all or none, once, on both providers.
/// </summary>
public class ReviewAndPaymentTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Finance = new(6, "caizheng", Role.Finance, null, null);

    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static ApplicationService Service(LibraryDbContext db, TestClock clock) => new(db, PolicyEngine.Default, clock);

    /// <summary>甲 with a B-eligible project: 60,000,000 of equipment in 2025 and in 2026 (8% = 4,800,000 a year; 8,000,000 over its life).</summary>
    private static (LibraryDatabaseOptions Options, int ProjectId) Library(string provider) => WorkflowTests.Library(provider);

    private static async Task<int> ToNoticeAsync(LibraryDatabaseOptions options, TestClock clock, int projectId, int year)
    {
        using var db = LibraryStore.Create(options);
        var s = Service(db, clock);
        var app = (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, year, projectId, null)).Value!;
        foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove) })
        {
            var r = await s.MoveAsync(user, app.Id, action, "同意");
            Assert.True(r.Ok, r.Message);
        }
        return app.Id;
    }

    private static async Task<Result<AwardApplication>> ApproveAsync(LibraryDatabaseOptions options, TestClock clock, int id, decimal? amount = null, string? reason = null)
    {
        using var db = LibraryStore.Create(options);
        return await Service(db, clock).MoveAsync(Bureau, id, WorkflowAction.Approve, reason, approveAmount: amount);
    }

    private static async Task<(int First, int Second)> TwoApprovedAsync(LibraryDatabaseOptions options, TestClock clock, int projectId)
    {
        var first = await ToNoticeAsync(options, clock, projectId, 2025);
        var second = await ToNoticeAsync(options, clock, projectId, 2026);
        clock.Now = clock.Now.AddDays(10);
        Assert.True((await ApproveAsync(options, clock, first)).Ok);
        var r = await ApproveAsync(options, clock, second);
        if (r.AmountChanged is { } change)
        {
            using var db = LibraryStore.Create(options);
            r = await Service(db, clock).MoveAsync(Bureau, second, WorkflowAction.Approve, confirmAmount: change.Computed);
        }
        Assert.True(r.Ok, r.Message);
        return (first, second);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ApprovingLess_WithAReason_IsRecordedBesideTheComputedAmount_AndLeavesItsRoomUnderTheCap(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var y2025 = await ToNoticeAsync(options, clock, projectId, 2025);
        clock.Now = clock.Now.AddDays(10);

        var approved = await ApproveAsync(options, clock, y2025, 3_000_000m, "部分设备发票与合同不符，按核实金额核减");

        Assert.True(approved.Ok, approved.Message);
        Assert.Equal(3_000_000m, approved.Value!.ApprovedAmount);
        using (var db = LibraryStore.Create(options))
        {
            var record = db.Declarations.AsNoTracking().Single(d => d.ApplicationId == y2025 && d.Purpose == DeclarationPurpose.Approval);
            Assert.Equal(4_800_000m, record.Amount);               // what the engine computed, reproducible to the fen
            Assert.Equal(3_000_000m, record.DecidedAmount);         // what was decided
            Assert.Equal("部分设备发票与合同不符，按核实金额核减", record.DecisionReason);
            Assert.Null(DeclarationOfRecord.Verify(PolicyEngine.Default, record, Scheme.EffectiveInvestment));
            Assert.Equal(3_000_000m, db.CapLedgers.Single(c => c.Key.StartsWith("B|")).Used);
            Assert.Equal("部分设备发票与合同不符，按核实金额核减", db.ApplicationEvents.Where(e => e.ApplicationId == y2025).OrderBy(e => e.Id).ToList().Last().Comment);
        }

        // 2026 now has 8,000,000 − 3,000,000 of the lifetime cap: its whole 4,800,000 (it would get 3,200,000 after a full 2025).
        var y2026 = await ToNoticeAsync(options, clock, projectId, 2026);
        clock.Now = clock.Now.AddDays(10);
        var second = await ApproveAsync(options, clock, y2026);
        Assert.True(second.Ok, second.Message);
        Assert.Equal(4_800_000m, second.Value!.ApprovedAmount);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ApprovingMore_OrLessWithoutAReason_IsRefused_AndNothingIsSaved(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId, 2025);
        clock.Now = clock.Now.AddDays(10);

        var higher = await ApproveAsync(options, clock, id, 5_000_000m, "多给一点");
        var bare = await ApproveAsync(options, clock, id, 4_000_000m);
        var fraction = await ApproveAsync(options, clock, id, 4_000_000.001m, "理由");

        Assert.Equal(ResultKind.Invalid, higher.Kind);
        Assert.Equal("批准金额（approveAmount）5,000,000.00 元高于测算金额 4,800,000.00 元：只能核减，不能核增", higher.Message);
        Assert.Equal(ResultKind.Invalid, bare.Kind);
        Assert.StartsWith("核减须填写核减理由", bare.Message, StringComparison.Ordinal);
        Assert.Equal(ResultKind.Invalid, fraction.Kind);
        using var db = LibraryStore.Create(options);
        Assert.Equal(ApplicationState.PublicNotice, db.Applications.Single(a => a.Id == id).State);
        Assert.False(db.Declarations.Any(d => d.Purpose == DeclarationPurpose.Approval));
        Assert.False(db.CapLedgers.Any());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheDatabase_RefusesADecidedAmountAboveTheComputedOne(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var id = await ToNoticeAsync(options, clock, projectId, 2025);
        using var db = LibraryStore.Create(options);
        var submitted = db.Declarations.AsNoTracking().Single(d => d.ApplicationId == id);
        var forged = Declaration.Record(id, DeclarationPurpose.Approval, 1, submitted.Scenario, submitted.Subject, 4_800_000m, null, submitted.ParameterVersion,
            submitted.Trace, "shiju", clock.Now);
        db.Declarations.Add(forged);
        // 10,000,000 reads smaller than 4,800,000 letter by letter: SQLite must compare the numbers.
        db.Entry(forged).Property(d => d.DecidedAmount).CurrentValue = 10_000_000m;
        db.Entry(forged).Property(d => d.DecisionReason).CurrentValue = "伪造";
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("ck_declarations_reduction", refused.InnerException?.Message ?? refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheBureau_ReturnsToTheDistrict_WhoReviewsAgain(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        int id;
        using (var db = LibraryStore.Create(options))
        {
            var s = Service(db, clock);
            id = (await s.CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Value!.Id;
            foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove) })
                Assert.True((await s.MoveAsync(user, id, action)).Ok);
        }
        using (var db = LibraryStore.Create(options))
        {
            var s = Service(db, clock);
            var bare = await s.MoveAsync(Bureau, id, WorkflowAction.ReturnToDistrict);
            Assert.Equal("退回区镇复核须填写复核意见", bare.Message);
            var byDistrict = await s.MoveAsync(District, id, WorkflowAction.ReturnToDistrict, "x");
            Assert.Equal(ResultKind.Forbidden, byDistrict.Kind);
            var back = await s.MoveAsync(Bureau, id, WorkflowAction.ReturnToDistrict, "请核实设备清单与发票");
            Assert.True(back.Ok, back.Message);
            Assert.Equal(ApplicationState.DistrictReview, back.Value!.State);
        }
        using (var db = LibraryStore.Create(options))
        {
            var again = await Service(db, clock).MoveAsync(District, id, WorkflowAction.DistrictApprove, "已核实");
            Assert.True(again.Ok, again.Message);
            Assert.Equal(ApplicationState.BureauReview, again.Value!.State);
            Assert.Equal(["Submit", "Accept", "DistrictApprove", "ReturnToDistrict", "DistrictApprove"],
                db.ApplicationEvents.Where(e => e.ApplicationId == id).OrderBy(e => e.Id).Select(e => e.Action).ToList());
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ABatch_PaysEachAwardWithItsVoucher_OnThePaymentDate(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var (first, second) = await TwoApprovedAsync(options, clock, projectId);

        Result<PaymentBatch> r;
        using (var db = LibraryStore.Create(options))
            r = await Service(db, clock).PayBatchAsync(Finance, new DateOnly(2026, 3, 11), [new(first, " ZF-0001 "), new(second, "ZF-0002")], "国库支付指令 2026-031");

        Assert.True(r.Ok, r.Message);
        Assert.Equal("BF2026-" + r.Value!.Id.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), r.Value.Number);
        Assert.Equal(2, r.Value.Count);
        Assert.Equal(8_000_000m, r.Value.Total);
        using var check = LibraryStore.Create(options);
        var apps = check.Applications.AsNoTracking().Where(a => a.Id == first || a.Id == second).OrderBy(a => a.Id).ToList();
        Assert.All(apps, a => Assert.Equal(ApplicationState.Paid, a.State));
        Assert.All(apps, a => Assert.Equal(new DateOnly(2026, 3, 11), a.PaidOn));
        Assert.All(apps, a => Assert.Equal(r.Value.Id, a.PaymentBatchId));
        Assert.Equal(["ZF-0001", "ZF-0002"], apps.Select(a => a.PaymentReference));
        Assert.Equal(2, check.AwardDecisions.Count(d => d.Status == AwardStatus.Paid));
        var view = await Payments.BatchAsync(check, Finance, r.Value.Id);
        Assert.Equal(8_000_000m, view!.Rows.Sum(x => x.Amount));
        Assert.Empty(await Payments.WaitingAsync(check, Finance));
        Assert.Null(await Payments.BatchAsync(check, District, r.Value.Id)); // a district does not read payments
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ABatchWithOneWrongLine_PaysNothing_AndNamesTheRows(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var (first, second) = await TwoApprovedAsync(options, clock, projectId);

        using (var db = LibraryStore.Create(options))
        {
            var s = Service(db, clock);
            var missing = await s.PayBatchAsync(Finance, new DateOnly(2026, 3, 11), [new(first, "ZF-1"), new(second, " ")]);
            var twice = await s.PayBatchAsync(Finance, new DateOnly(2026, 3, 11), [new(first, "ZF-1"), new(second, "ZF-1")]);
            var future = await s.PayBatchAsync(Finance, new DateOnly(2026, 3, 13), [new(first, "ZF-1")]);
            var notFinance = await s.PayBatchAsync(Bureau, new DateOnly(2026, 3, 11), [new(first, "ZF-1")]);
            var stale = await s.PayBatchAsync(Finance, new DateOnly(2026, 3, 11), [new(first, "ZF-1", 1)]);

            var number = db.Applications.AsNoTracking().Single(a => a.Id == second).Number;
            Assert.Equal(ResultKind.Invalid, missing.Kind);
            Assert.Equal($"未拨付，请更正：第 2 行（{number}）：请填写支付凭证号（voucher）", missing.Message);
            Assert.Equal($"未拨付，请更正：第 2 行（{number}）：支付凭证号 ZF-1 与第 1 行相同", twice.Message);
            Assert.StartsWith("拨付日期（paidOn）2026-03-13 晚于今天 2026-03-12", future.Message, StringComparison.Ordinal);
            Assert.Equal(ResultKind.Forbidden, notFinance.Kind);
            Assert.Contains("该申报已被他人处理", stale.Message, StringComparison.Ordinal);
        }
        using var check = LibraryStore.Create(options);
        Assert.Equal(2, check.Applications.Count(a => a.State == ApplicationState.Approved));
        Assert.False(check.PaymentBatches.Any());
        Assert.False(check.AwardDecisions.Any(d => d.Status == AwardStatus.Paid));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoBatchesPayingTheSameAwardAtOnce_PayItOnce(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var (first, second) = await TwoApprovedAsync(options, clock, projectId);

        var results = new Result<PaymentBatch>[2];
        using var barrier = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            using var db = LibraryStore.Create(options);
            var s = Service(db, clock);
            barrier.SignalAndWait();
            results[i] = s.PayBatchAsync(Finance, new DateOnly(2026, 3, 11), i == 0 ? [new(first, "A-1"), new(second, "A-2")] : [new(second, "B-2")]).GetAwaiter().GetResult();
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();

        using var check = LibraryStore.Create(options);
        var paid = check.AwardDecisions.Count(d => d.Status == AwardStatus.Paid);
        var secondApp = check.Applications.AsNoTracking().Single(a => a.Id == second);
        Assert.Equal(ApplicationState.Paid, secondApp.State);
        // The second award is paid by exactly one batch; the losing batch left nothing behind (all or none).
        var batches = check.PaymentBatches.AsNoTracking().ToList();
        Assert.Equal(results.Count(r => r.Ok), batches.Count);
        Assert.Equal(batches.Sum(b => b.Count), paid);
        Assert.Equal(1, results.Count(r => r.Ok && check.Applications.Any(a => a.Id == second && a.PaymentBatchId == r.Value!.Id)));
        Assert.All(results.Where(r => !r.Ok), r => Assert.True(r.Kind is ResultKind.Conflict or ResultKind.Invalid, r.Message));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task PaymentBatches_CannotBeChangedOrDeleted_TheDatabaseRefuses(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Monday();
        var (first, _) = await TwoApprovedAsync(options, clock, projectId);
        using (var db = LibraryStore.Create(options))
            Assert.True((await Service(db, clock).PayBatchAsync(Finance, new DateOnly(2026, 3, 11), [new(first, "ZF-1")])).Ok);

        using var check = LibraryStore.Create(options);
        var update = await Record.ExceptionAsync(() => check.Database.ExecuteSqlRawAsync("UPDATE payment_batches SET \"Total\" = 1"));
        var renumber = await Record.ExceptionAsync(() => check.Database.ExecuteSqlRawAsync("UPDATE payment_batches SET \"Number\" = 'BF2026-9999'"));
        var delete = await Record.ExceptionAsync(() => check.Database.ExecuteSqlRawAsync("DELETE FROM payment_batches"));
        Assert.All([update, renumber, delete], e => Assert.Contains("immutable", e?.Message + e?.InnerException?.Message, StringComparison.Ordinal));
        Assert.Equal(4_800_000m, check.PaymentBatches.AsNoTracking().Single().Total);
    }

    [Theory]
    [InlineData("province=100;suzhou=50;kunshan=30", 180, "province=100;suzhou=50;kunshan=30")]
    [InlineData("province=100;suzhou=50;kunshan=30", 150, "province=100;suzhou=50")]
    [InlineData("province=100;suzhou=50;kunshan=30", 120, "province=100;suzhou=20")]
    [InlineData("province=100;suzhou=50;kunshan=30", 0.01, "province=0.01")]
    [InlineData("suzhou=50.55;kunshan=30.10", 80.00, "suzhou=50.55;kunshan=29.45")]
    public void AReducedLoanSubsidy_IsTakenFromTheCityFirst_ThenSuzhou_ThenTheProvince(string computed, double decided, string expected) =>
        Assert.Equal(expected, Reduction.Split(computed, (decimal)decided));
}
