using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Upward;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Upward;

/// <summary>
/// 向上争取 (issue 14 item 2): the three seeded programmes; recommendations that move only forward with Chinese refusals;
/// one per programme, project and year, also under concurrency; matching money rounded once to the fen; budget sums by
/// level and year exact; who sees what.
/// </summary>
public sealed class UpwardTests
{
    private const string Code = "913205837AY4CL12TY";
    private const string OtherCode = "91320583MA1XYZ1234";
    private const int Province = 1, Suzhou = 2, National = 3;

    private sealed record World(LibraryDatabaseOptions Options, int P1, int P2, UserContext Bureau, UserContext District, UserContext OtherDistrict,
        UserContext Firm, UserContext Finance, UserContext Bank);

    private static World Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        static Project P(string code) => new() { Code = code, Name = "产线" + code, Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress };
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421", Projects = [P("P1")] };
        var other = new Renewal.Data.Entities.Enterprise { CreditCode = OtherCode, Name = "乙公司", Area = "张浦镇", IndustryCode = "C3421", Projects = [P("P2")] };
        db.Enterprises.AddRange(e, other);
        db.SaveChanges();
        return new World(options, e.Projects[0].Id, other.Projects[0].Id,
            new(1, "shiju", Role.BureauReviewer, null, null), new(2, "quzhen", Role.DistrictReviewer, null, "昆山开发区"),
            new(3, "zhangpu", Role.DistrictReviewer, null, "张浦镇"), new(4, "qiye", Role.Enterprise, Code, null),
            new(5, "caizheng", Role.Finance, null, null), new(6, "yinhang", Role.Bank, null, null, "中国工商银行昆山分行"));
    }

    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static UpwardService Service(LibraryDbContext db) => new(db, new TestClock(At));

    private static async Task<int> RecommendAsync(World w, int programme, int project, int year = 2026)
    {
        using var db = LibraryStore.Create(w.Options);
        var r = await Service(db).RecommendAsync(w.Bureau, programme, project, year, "设备数字化改造投入大，符合申报条件");
        Assert.True(r.Ok, r.Message);
        return r.Value!.Id;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheThreeProgrammes_AreThere_AndTheBureauAddsMore(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        var list = (await Service(db).ProgrammesAsync(w.Finance)).Value!;
        Assert.Equal([("省智改数转网联项目（设备数字化改造）", Level.Province), ("苏州市工业企业有效投入奖补", Level.Suzhou), ("国家技术改造升级导向计划", Level.Central)],
            list.Select(p => (p.Name, p.Level)));
        Assert.Equal(ResultKind.Forbidden, (await Service(db).ProgrammesAsync(w.Firm)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Service(db).SaveProgrammeAsync(w.District, null, null, new("某项目", Level.Province, 1m, null))).Kind);
        Assert.Equal("配套比例（matching_share）应在 0 到 10 之间（1 表示 1:1 配套）",
            (await Service(db).SaveProgrammeAsync(w.Bureau, null, null, new("某项目", Level.Province, 10.0001m, null))).Message);
        Assert.Equal("请选择项目层级（level）：省级、苏州市级或国家级", (await Service(db).SaveProgrammeAsync(w.Bureau, null, null, new("某项目", Level.Kunshan, 1m, null))).Message);
        Assert.Equal(ResultKind.Conflict, (await Service(db).SaveProgrammeAsync(w.Bureau, null, null, new("苏州市工业企业有效投入奖补", Level.Suzhou, 1m, null))).Kind);
        var added = await Service(db).SaveProgrammeAsync(w.Bureau, null, null, new(" 省工业互联网发展专项 ", Level.Province, 0.3m, "省工信厅"));
        Assert.True(added.Ok, added.Message);
        Assert.True(added.Value!.Id > 3, "a new programme takes an id after the seeded ones");
        var changed = await Service(db).SaveProgrammeAsync(w.Bureau, added.Value.Id, added.Value.Version, new("省工业互联网发展专项", Level.Province, 0.25m, null, Active: false));
        Assert.True(changed.Ok, changed.Message);
        Assert.Equal((0.25m, false, 2L), (changed.Value!.MatchingShare, changed.Value.Active, changed.Value.Version));
        Assert.Equal(ResultKind.Conflict, (await Service(db).SaveProgrammeAsync(w.Bureau, added.Value.Id, 1, new("省工业互联网发展专项", Level.Province, 0.2m, null))).Kind);
        Assert.Equal("上级项目“省工业互联网发展专项”已停用，不再接受推荐（programme）",
            (await Service(db).RecommendAsync(w.Bureau, added.Value.Id, w.P1, 2026, "理由")).Message);
        Assert.Equal(["新增上级项目", "修改上级项目"], await db.Audit.Where(a => a.Entity == "higher_programme").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Recommendations_MoveOnlyForward_WithTheReasonInChinese_AuditedWithTheirHistory(string provider)
    {
        var w = Library(provider);
        var id = await RecommendAsync(w, Suzhou, w.P1);
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db);
            Assert.Equal(ResultKind.Forbidden, (await s.AcceptAsync(w.District, id, 1, null, null)).Kind);
            Assert.Equal((ResultKind.Invalid, "尚未受理的推荐不能登记审批结果，请先登记已受理（当前：已推荐）"),
                (await s.ApproveAsync(w.Bureau, id, 1, new(1000m, new DateOnly(2026, 3, 1), "苏工信〔2026〕1号")) is var a ? (a.Kind, a.Message) : default));
            Assert.Equal("受理日期（accepted_on）不能晚于今天", (await s.AcceptAsync(w.Bureau, id, 1, new DateOnly(2026, 3, 3), null)).Message);
            var accepted = await s.AcceptAsync(w.Bureau, id, 1, new DateOnly(2026, 2, 20), "苏州市工信局已受理");
            Assert.True(accepted.Ok, accepted.Message);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db);
            Assert.Equal(ResultKind.Conflict, (await s.RejectAsync(w.Bureau, id, 1, "不符合")).Kind);
            Assert.Equal("推荐进展只能向前推进，不能退回（当前：已受理）", (await s.AcceptAsync(w.Bureau, id, 2, null, null)).Message);
            Assert.Equal("获批金额（amount）须大于 0 元", (await s.ApproveAsync(w.Bureau, id, 2, new(0m, new DateOnly(2026, 3, 1), "文号"))).Message);
            Assert.Equal("获批金额（amount）最多两位小数（分）", (await s.ApproveAsync(w.Bureau, id, 2, new(1.005m, new DateOnly(2026, 3, 1), "文号"))).Message);
            Assert.Equal("获批日期（approved_on）不能早于受理日期（2026-02-20）", (await s.ApproveAsync(w.Bureau, id, 2, new(1000m, new DateOnly(2026, 2, 19), "文号"))).Message);
            Assert.Equal("请填写批复文号（document_number）", (await s.ApproveAsync(w.Bureau, id, 2, new(1000m, new DateOnly(2026, 3, 1), " "))).Message);
            var approved = await s.ApproveAsync(w.Bureau, id, 2, new(1_234_567.89m, new DateOnly(2026, 3, 1), "苏工信〔2026〕12号"));
            Assert.True(approved.Ok, approved.Message);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db);
            Assert.Equal("该推荐已有结果，不能再更改（当前：已获批）", (await s.WithdrawAsync(w.Bureau, id, 3, "撤回")).Message);
            var row = (await s.FindAsync(w.Firm, id))!;
            // Suzhou's seeded share is 0.5: 1,234,567.89 × 0.5 = 617,283.945 → 617,283.95 (四舍五入 at the fen).
            Assert.Equal((UpwardStatus.Approved, 1_234_567.89m, 0.5m, 617_283.95m, "苏工信〔2026〕12号"),
                (row.Status, row.ObtainedAmount, row.MatchingShare, row.MatchingAmount, row.DocumentNumber));
            Assert.Equal([(UpwardStatus.Recommended, "设备数字化改造投入大，符合申报条件"), (UpwardStatus.Accepted, "苏州市工信局已受理"), (UpwardStatus.Approved, "苏工信〔2026〕12号")],
                row.Events.Select(e => (e.Status, e.Note)));
            Assert.Equal(["向上争取：已推荐", "向上争取：已受理", "向上争取：已获批"],
                await db.Audit.Where(a => a.Entity == "upward_recommendation").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }
        // A later change of the programme's share does not rewrite the granted line.
        using (var db = LibraryStore.Create(w.Options))
        {
            var suzhou = (await Service(db).ProgrammesAsync(w.Bureau)).Value!.Single(p => p.Id == Suzhou);
            Assert.True((await Service(db).SaveProgrammeAsync(w.Bureau, Suzhou, suzhou.Version, new(suzhou.Name, Level.Suzhou, 1m, null))).Ok);
            Assert.Equal(617_283.95m, (await Service(db).FindAsync(w.Bureau, id))!.MatchingAmount);
        }
        // The database refuses an approved row without its amount.
        using (var db = LibraryStore.Create(w.Options))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE upward_recommendations SET \"ObtainedAmount\" = NULL"));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheEnterprise_IsToldOfTheRecommendation_AndOfItsOutcome_InTheMovesOwnSave(string provider)
    {
        var w = Library(provider);
        int firm, other;
        using (var db = LibraryStore.Create(w.Options))
        {
            var accounts = new[]
            {
                new UserAccount { UserName = "shiju", DisplayName = "市局", Role = Role.BureauReviewer },
                new UserAccount { UserName = "qiye", DisplayName = "甲", Role = Role.Enterprise, CreditCode = Code, Email = "jia@example.cn" },
                new UserAccount { UserName = "qiye2", DisplayName = "乙", Role = Role.Enterprise, CreditCode = OtherCode },
            };
            db.Users.AddRange(accounts);
            await db.SaveChangesAsync();
            (firm, other) = (accounts[1].Id, accounts[2].Id);
            // The bureau's moves are made by its own account (the mover is never told of its own move).
            w = w with { Bureau = w.Bureau with { Id = accounts[0].Id } };
        }
        var approved = await RecommendAsync(w, Suzhou, w.P1);
        var rejected = await RecommendAsync(w, Province, w.P1);
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db);
            Assert.True((await s.AcceptAsync(w.Bureau, approved, 1, new DateOnly(2026, 2, 20), null)).Ok);
            Assert.True((await s.ApproveAsync(w.Bureau, approved, 2, new(1_000_000m, new DateOnly(2026, 3, 1), "苏工信〔2026〕3号"))).Ok);
            Assert.True((await s.AcceptAsync(w.Bureau, rejected, 1, new DateOnly(2026, 2, 21), null)).Ok);
            Assert.True((await s.RejectAsync(w.Bureau, rejected, 2, "不在本批支持方向")).Ok);
            // A refused move tells no one.
            Assert.False((await s.AcceptAsync(w.Bureau, approved, 1, null, null)).Ok);
        }
        using (var check = LibraryStore.Create(w.Options))
        {
            var told = await check.Notifications.AsNoTracking().Where(n => n.UserId == firm).OrderBy(n => n.Id).Select(n => new { n.Kind, n.Title, n.Body, n.Link }).ToListAsync();
            Assert.Equal(["upward_recommended", "upward_recommended", "upward_outcome", "upward_outcome"], told.Select(n => n.Kind));
            Assert.All(told, n => Assert.Equal("/enterprise#upward", n.Link));
            Assert.Contains("1,000,000.00 元（苏工信〔2026〕3号）", told[2].Body, StringComparison.Ordinal);
            Assert.Contains("原因：不在本批支持方向", told[3].Body, StringComparison.Ordinal);
            Assert.False(await check.Notifications.AnyAsync(n => n.UserId == other));
            // Each message with an e-mail address goes to the outbox too, in the same save.
            Assert.Equal(4, await check.Outbox.CountAsync(m => m.To == "jia@example.cn"));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Withdrawal_AndRejection_NeedTheirReason_AndAreFinal(string provider)
    {
        var w = Library(provider);
        var first = await RecommendAsync(w, Province, w.P1);
        var second = await RecommendAsync(w, Province, w.P2);
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db);
        Assert.Equal("请填写撤回的原因（reason）", (await s.WithdrawAsync(w.Bureau, first, 1, "")).Message);
        Assert.True((await s.WithdrawAsync(w.Bureau, first, 1, "企业放弃申报")).Ok);
        Assert.Equal("该推荐已有结果，不能再更改（当前：撤回）", (await s.AcceptAsync(w.Bureau, first, 2, null, null)).Message);
        Assert.True((await s.AcceptAsync(w.Bureau, second, 1, null, null)).Ok);
        Assert.Equal("请填写未获批的原因（reason）", (await s.RejectAsync(w.Bureau, second, 2, null)).Message);
        Assert.True((await s.RejectAsync(w.Bureau, second, 2, "名额已满")).Ok);
        Assert.Equal("该推荐已有结果，不能再更改（当前：未获批）", (await s.WithdrawAsync(w.Bureau, second, 3, "撤回")).Message);
        var list = (await s.ListAsync(w.Bureau, new UpwardFilter())).Value!;
        Assert.Equal([("企业放弃申报", (string?)null), (null, "名额已满")],
            list.Items.OrderBy(r => r.Id).Select(r => (r.WithdrawReason, r.RejectReason)));
    }

    [Theory]
    [InlineData(100.00, 0.5, 50.00)]
    [InlineData(0.01, 0.5, 0.01)]      // 0.005 → 0.01: the midpoint away from zero
    [InlineData(0.03, 0.5, 0.02)]      // 0.015 → 0.02
    [InlineData(0.01, 0.4999, 0.00)]   // 0.004999 → 0.00
    [InlineData(0.01, 0.25, 0.00)]     // 0.0025 → 0.00
    [InlineData(333.33, 0.3333, 111.10)] // 111.098889 → 111.10
    [InlineData(1_000_000, 0, 0)]
    [InlineData(1_000_000, 10, 10_000_000)]
    public void MatchingMoney_IsRoundedOnceToTheFen(double obtained, double share, double expected) =>
        Assert.Equal((decimal)expected, UpwardRecommendation.Matching((decimal)obtained, (decimal)share));

    [Fact]
    public void TheStatusTable_GoesOnlyForward()
    {
        Assert.Equal([UpwardStatus.Accepted, UpwardStatus.Withdrawn], UpwardRecommendation.Next(UpwardStatus.Recommended));
        Assert.Equal([UpwardStatus.Approved, UpwardStatus.Rejected, UpwardStatus.Withdrawn], UpwardRecommendation.Next(UpwardStatus.Accepted));
        Assert.Empty(UpwardRecommendation.Next(UpwardStatus.Approved));
        Assert.Empty(UpwardRecommendation.Next(UpwardStatus.Rejected));
        Assert.Empty(UpwardRecommendation.Next(UpwardStatus.Withdrawn));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task OneRecommendationPerProgrammeProjectAndYear_EvenUnderConcurrency(string provider)
    {
        var w = Library(provider);
        await RecommendAsync(w, Suzhou, w.P1);
        using (var db = LibraryStore.Create(w.Options))
        {
            var again = await Service(db).RecommendAsync(w.Bureau, Suzhou, w.P1, 2026, "再次推荐");
            Assert.Equal((ResultKind.Conflict, "项目 P1 已于 2026 年度推荐至“苏州市工业企业有效投入奖补”（已推荐），同一项目、同一上级项目、同一年度只能推荐一次"), (again.Kind, again.Message));
            Assert.True((await Service(db).RecommendAsync(w.Bureau, Suzhou, w.P1, 2027, "下一年度")).Ok, "another year");
            Assert.True((await Service(db).RecommendAsync(w.Bureau, Province, w.P1, 2026, "另一上级项目")).Ok, "another programme");
            Assert.Equal("推荐年度（year）应为 2024–2027 年", (await Service(db).RecommendAsync(w.Bureau, National, w.P1, 2028, "理由")).Message);
            Assert.Equal("请填写推荐理由（reason）", (await Service(db).RecommendAsync(w.Bureau, National, w.P1, 2026, " ")).Message);
        }
        // Four colleagues recommend the same project to the national programme at once: one succeeds, the others are told.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = Enumerable.Range(1, 4).Select(n => Task.Run(async () =>
        {
            await gate.Task;
            using var db = LibraryStore.Create(w.Options);
            return await Service(db).RecommendAsync(w.Bureau with { UserName = $"shiju{n}" }, National, w.P2, 2026, "重点项目");
        })).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        var results = await Task.WhenAll(tries);
        Assert.Single(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ResultKind.Conflict, r.Kind));
        using (var db = LibraryStore.Create(w.Options))
        {
            Assert.Equal(1, await db.UpwardRecommendations.CountAsync(r => r.ProgrammeId == National && r.ProjectId == w.P2));
            // The index itself, past the service's check.
            db.UpwardRecommendations.Add(UpwardRecommendation.Recommend(National, w.P2, 2026, "绕过检查", "shiju", At));
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(DatabaseErrors.IsUniqueViolation(e, UpwardRecommendation.UniqueIndex));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoColleaguesMovingTheSameVersionAtOnce_OneIsSaved_TheOtherIsToldToRefresh(string provider)
    {
        var w = Library(provider);
        var id = await RecommendAsync(w, Province, w.P1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var moves = new Func<UpwardService, Task<Result<UpwardRecommendation>>>[]
        {
            s => s.AcceptAsync(w.Bureau, id, 1, null, "受理"),
            s => s.WithdrawAsync(w.Bureau with { UserName = "shiju2" }, id, 1, "撤回"),
        }.Select(move => Task.Run(async () =>
        {
            await gate.Task;
            using var db = LibraryStore.Create(w.Options);
            return await move(Service(db));
        })).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        var results = await Task.WhenAll(moves);
        Assert.Single(results, r => r.Ok);
        var lost = Assert.Single(results, r => !r.Ok);
        Assert.Equal((ResultKind.Conflict, "该推荐已被同事更新，本次未保存。请刷新后在最新记录上操作"), (lost.Kind, lost.Message));
        using var check = LibraryStore.Create(w.Options);
        var row = await check.UpwardRecommendations.SingleAsync(r => r.Id == id);
        Assert.Equal(2, row.Version);
        Assert.Equal(2, await check.UpwardEvents.CountAsync(e => e.RecommendationId == id)); // nothing half-saved: one move, one history row
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task EachSeesItsScope_AndTheBudgetSumsByLevelAndYear_Exactly(string provider)
    {
        var w = Library(provider);
        var a = await RecommendAsync(w, Suzhou, w.P1, 2026);
        var b = await RecommendAsync(w, Suzhou, w.P2, 2026);
        var c = await RecommendAsync(w, Province, w.P1, 2025);
        var d = await RecommendAsync(w, National, w.P2, 2026);
        await RecommendAsync(w, Province, w.P2, 2025); // stays 已推荐: pending
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db);
            foreach (var id in new[] { a, b, c, d }) Assert.True((await s.AcceptAsync(w.Bureau, id, 1, new DateOnly(2026, 1, 5), null)).Ok);
            Assert.True((await s.ApproveAsync(w.Bureau, a, 2, new(0.01m, new DateOnly(2026, 2, 1), "文1"))).Ok);       // × 0.5 = 0.005 → 0.01
            Assert.True((await s.ApproveAsync(w.Bureau, b, 2, new(2_000_000.03m, new DateOnly(2026, 2, 1), "文2"))).Ok); // × 0.5 = 1,000,000.015 → .02
            Assert.True((await s.ApproveAsync(w.Bureau, c, 2, new(3_000_000m, new DateOnly(2026, 2, 1), "文3"))).Ok);    // × 1
            // d stays 已受理: pending.
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var budget = UpwardBudget.Build(db, [2024, 2025, 2026, 2027]);
            Assert.Equal(new UpwardCell(2_000_000.04m, 1_000_000.03m, 0), budget.ByLevel["suzhou"][2026]);
            Assert.Equal(new UpwardCell(3_000_000m, 3_000_000m, 1), budget.ByLevel["province"][2025]);
            Assert.Equal(new UpwardCell(0m, 0m, 1), budget.ByLevel["central"][2026]);
            Assert.Equal(UpwardCell.Zero, budget.ByLevel["province"][2024]);
            Assert.Equal(new UpwardCell(5_000_000.04m, 4_000_000.03m, 2), budget.Total);
            Assert.Equal(new UpwardCell(2_000_000.04m, 1_000_000.03m, 1), budget.ByYear[2026]);

            var s = Service(db);
            Assert.Equal(5, (await s.ListAsync(w.Finance, new UpwardFilter())).Value!.Items.Count);
            Assert.Equal([w.P1], (await s.ListAsync(w.District, new UpwardFilter())).Value!.Items.Select(r => r.ProjectId).Distinct());
            Assert.Equal([w.P2], (await s.ListAsync(w.OtherDistrict, new UpwardFilter())).Value!.Items.Select(r => r.ProjectId).Distinct());
            Assert.Equal([w.P1], (await s.ListAsync(w.Firm, new UpwardFilter())).Value!.Items.Select(r => r.ProjectId).Distinct());
            Assert.Equal(ResultKind.Forbidden, (await s.ListAsync(w.Bank, new UpwardFilter())).Kind);
            Assert.Null(await s.FindAsync(w.District, b));
            Assert.Null(await s.FindAsync(w.Bank, a));
            Assert.NotNull(await s.FindAsync(w.OtherDistrict, b));
            // Filters and the sums per programme.
            var suzhou = (await s.ListAsync(w.Bureau, new UpwardFilter(ProgrammeId: Suzhou, Status: UpwardStatus.Approved, Year: 2026))).Value!;
            Assert.Equal(2, suzhou.Items.Count);
            var sum = Assert.Single(suzhou.ByProgramme);
            Assert.Equal((2, 2_000_000.04m, 1_000_000.03m), (sum.Counts[UpwardStatus.Approved], sum.Obtained, sum.Matching));
            Assert.Equal([b, d], (await s.ListAsync(w.Bureau, new UpwardFilter(Area: "张浦镇", Year: 2026))).Value!.Items.Select(r => r.Id).Order());
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheProjectIsFoundByItsCodeOrItsName(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db);
        Assert.Equal(w.P1, (await s.FindProjectAsync(w.Bureau, " P1 ")).Value);
        Assert.Equal(w.P2, (await s.FindProjectAsync(w.Bureau, "产线P2")).Value);
        Assert.Equal("项目库中没有编号或名称为“P9”的项目（project）", (await s.FindProjectAsync(w.Bureau, "P9")).Message);
        Assert.Equal("请填写项目编号或项目名称（project）", (await s.FindProjectAsync(w.Bureau, "")).Message);
    }
}
