using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Benchmarks;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Benchmarks;

/// <summary>
/// 标杆企业 (issue 14 item 3): the round's moves, nominations by a district of its own area up to the deadline (a Beijing
/// date), scores 0..max with a reason, selection up to the quota, publication freezing both, the enterprise's consent
/// deciding what the public page shows, and the library figures beside the criteria, exact.
/// </summary>
public sealed class BenchmarkTests
{
    private const string Jia = "913205837AY4CL12TY";
    private const string Yi = "91320583MA1XYZ1234";
    private const string Bing = "91320583MA1XYZ0002";
    private const string Dev = "昆山开发区";

    private sealed record World(LibraryDatabaseOptions Options, int Jia, int Yi, int Bing, int JiaProject, int JiaOther, int YiProject, int BingProject,
        UserContext District, UserContext OtherDistrict, UserContext Bureau, UserContext Firm, UserContext OtherFirm);

    /// <summary>甲 (C3421, 开发区): 2024 equipment 30,000,000.10 of which digital 7,500,000.03; 2025 10,000,000 / 2,500,000; 2023 (outside
    /// the programme) 99,999,999 / 99,999,999 — so 2024–2027 equipment 40,000,000.10, digital 10,000,000.03. 乙 (C3911, 开发区) none.
    /// 丙 (C3421, 张浦镇).</summary>
    private static World Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        static Project P(string code, params (int Year, decimal Eq, decimal Dg)[] years) => new()
        {
            Code = code, Name = "产线" + code, Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
            Investments = [.. years.Select(y => new ProjectInvestment { Year = y.Year, Equipment = y.Eq, Digital = y.Dg })],
        };
        var jia = new Renewal.Data.Entities.Enterprise
        {
            CreditCode = Jia, Name = "甲公司", Area = Dev, IndustryCode = "C3421", ContactName = "王经理", ContactPhone = "13800000000",
            Projects = [P("J1", (2024, 30_000_000.10m, 7_500_000.03m), (2025, 10_000_000m, 2_500_000m)), P("J2", (2023, 99_999_999m, 99_999_999m))],
        };
        var yi = new Renewal.Data.Entities.Enterprise { CreditCode = Yi, Name = "乙公司", Area = Dev, IndustryCode = "C3911", Projects = [P("Y1")] };
        var bing = new Renewal.Data.Entities.Enterprise { CreditCode = Bing, Name = "丙公司", Area = "张浦镇", IndustryCode = "C3421", Projects = [P("B1", (2026, 1_000m, 0m))] };
        db.Enterprises.AddRange(jia, yi, bing);
        var users = new[]
        {
            new UserAccount { UserName = "quzhen", DisplayName = "开发区", Role = Role.DistrictReviewer, Area = Dev },
            new UserAccount { UserName = "zhangpu", DisplayName = "张浦", Role = Role.DistrictReviewer, Area = "张浦镇" },
            new UserAccount { UserName = "shiju", DisplayName = "市局", Role = Role.BureauReviewer },
            new UserAccount { UserName = "qiye", DisplayName = "甲", Role = Role.Enterprise, CreditCode = Jia },
            new UserAccount { UserName = "qiye2", DisplayName = "乙", Role = Role.Enterprise, CreditCode = Yi },
        };
        db.Users.AddRange(users);
        db.SaveChanges();
        return new World(options, jia.Id, yi.Id, bing.Id, jia.Projects[0].Id, jia.Projects[1].Id, yi.Projects[0].Id, bing.Projects[0].Id,
            new(users[0].Id, "quzhen", Role.DistrictReviewer, null, Dev), new(users[1].Id, "zhangpu", Role.DistrictReviewer, null, "张浦镇"),
            new(users[2].Id, "shiju", Role.BureauReviewer, null, null), new(users[3].Id, "qiye", Role.Enterprise, Jia, null),
            new(users[4].Id, "qiye2", Role.Enterprise, Yi, null));
    }

    /// <summary>2026-03-02 09:00 in Kunshan.</summary>
    private static TestClock Clock() => new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    private static BenchmarkService Service(LibraryDbContext db, TimeProvider clock) => new(db, clock);

    private static RoundInput Input(int quota = 1, DateOnly? deadline = null) =>
        new("2026 年度标杆企业遴选", 2026, deadline ?? new DateOnly(2026, 3, 31), quota, ["C34"], null);

    /// <summary>A round opened for nominations; returns its id.</summary>
    private static async Task<int> OpenRoundAsync(World w, TimeProvider clock, int quota = 1, DateOnly? deadline = null)
    {
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db, clock);
        var round = (await s.CreateAsync(w.Bureau, Input(quota, deadline))).Value!;
        Assert.True((await s.OpenAsync(w.Bureau, round.Id, round.Version)).Ok);
        return round.Id;
    }

    private static async Task<long> VersionAsync(World w, int roundId)
    {
        using var db = LibraryStore.Create(w.Options);
        return await db.BenchmarkRounds.AsNoTracking().Where(r => r.Id == roundId).Select(r => r.Version).SingleAsync();
    }

    /// <summary>Closes nominations and scores every criterion of <paramref name="nomination"/> at <paramref name="score"/>.</summary>
    private static async Task ScoreAllAsync(World w, TimeProvider clock, int nomination, int score)
    {
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db, clock);
        var criteria = await db.BenchmarkNominations.Where(n => n.Id == nomination).SelectMany(n => n.Round!.Criteria).ToListAsync();
        foreach (var c in criteria) Assert.True((await s.ScoreAsync(w.Bureau, nomination, c.Id, Math.Min(score, c.MaxScore), "依据项目库", null)).Ok);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheRound_MovesDraftNominatingReviewingPublished_AndWithdrawNeedsAReason(string provider)
    {
        var w = Library(provider);
        var clock = Clock();
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db, clock);
        var r = (await s.CreateAsync(w.Bureau, Input())).Value!;
        Assert.Equal((BenchmarkRoundStatus.Draft, 4, 100), (r.Status, r.Criteria.Count, r.Criteria.Sum(c => c.MaxScore)));
        Assert.Equal(ResultKind.Forbidden, (await s.CreateAsync(w.District, Input())).Kind);
        // Backwards or skipping a step is refused with the reason.
        var skip = await s.PublishAsync(w.Bureau, r.Id, r.Version);
        Assert.Equal("遴选批次只能按 草拟 → 提名中 → 评审中 → 已公布 的顺序推进（当前：草拟）", skip.Message);
        Assert.Equal("请填写撤销原因（reason）（当前：草拟）", (await s.WithdrawAsync(w.Bureau, r.Id, r.Version, " ")).Message);
        Assert.True((await s.OpenAsync(w.Bureau, r.Id, r.Version)).Ok);
        Assert.Equal(ResultKind.Conflict, (await s.CloseAsync(w.Bureau, r.Id, r.Version - 1)).Kind);
        Assert.True((await s.CloseAsync(w.Bureau, r.Id, await VersionAsync(w, r.Id))).Ok);
        Assert.Equal("尚未选定标杆企业，不能公布（当前：评审中）", (await s.PublishAsync(w.Bureau, r.Id, await VersionAsync(w, r.Id))).Message);
        Assert.True((await s.WithdrawAsync(w.Bureau, r.Id, await VersionAsync(w, r.Id), "重点行业调整")).Ok);
        Assert.Equal("该批次已撤销，不能再更改（当前：已撤销）", (await s.OpenAsync(w.Bureau, r.Id, await VersionAsync(w, r.Id))).Message);
        using var check = LibraryStore.Create(w.Options);
        Assert.Equal(["create", "open", "close", "withdraw"], await check.Audit.AsNoTracking().Where(a => a.Entity == "benchmark_round").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Null(AuditLog.Verify(check));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(100, null)]
    [InlineData(101, "第 1 项遴选标准：满分（max_score）应为 1—100 的整数")]
    public async Task TheCriteria_AreCheckedFieldByField(int max, string? refused)
    {
        var w = Library("sqlite");
        using var db = LibraryStore.Create(w.Options);
        var r = await Service(db, Clock()).CreateAsync(w.Bureau, Input() with { Criteria = [new(BenchmarkCriterionKind.Industry, "行业", "说明", max)] });
        Assert.Equal(max == 0 ? "第 1 项遴选标准：满分（max_score）应为 1—100 的整数" : refused, r.Message);
        Assert.Equal("重点行业（key_industries）“C99”不是 GB/T 4754-2017 行业大类代码",
            (await Service(db, Clock()).CreateAsync(w.Bureau, Input() with { KeyIndustries = ["C99"] })).Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheFigures_BesideTheCriteria_AreExact_For2024To2027(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        var f = await Service(db, Clock()).FiguresAsync(w.Jia, ["C34"]);
        Assert.Equal(("C34", "通用设备制造业", true, 40_000_000.10m, 10_000_000.03m, 2), (f.Division, f.DivisionName, f.KeyIndustry, f.Equipment, f.Digital, f.Projects));
        Assert.Equal(10_000_000.03m / 40_000_000.10m, f.DigitalShare);
        Assert.Equal("25.00%", f.SharePercent);
        var none = await Service(db, Clock()).FiguresAsync(w.Yi, ["C34"]);
        Assert.Equal(("C39", false, 0m, (decimal?)null, "—"), (none.Division, none.KeyIndustry, none.Equipment, none.DigitalShare, none.SharePercent));
    }

    /// <summary>The deadline is a Beijing date, included: 2026-03-31 23:59 in Kunshan (15:59 UTC) is in time, 2026-04-01 00:00 (16:00 UTC) is not.</summary>
    [Theory]
    [InlineData(15, 59, true)]
    [InlineData(16, 0, false)]
    public async Task Nominations_CloseAtTheEndOfTheDeadlineDay_InBeijingTime(int hourUtc, int minute, bool inTime)
    {
        var w = Library("sqlite");
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock);
        clock.Now = new DateTimeOffset(2026, 3, 31, hourUtc, minute, 0, TimeSpan.Zero);
        using var db = LibraryStore.Create(w.Options);
        var r = await Service(db, clock).NominateAsync(w.District, round, w.Jia, "示范", "能耗降 10%", [w.JiaProject]);
        Assert.Equal(inTime ? null : "提名已于 2026-03-31（北京时间）截止", r.Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ADistrict_NominatesOnlyItsOwnArea_WithReasonTargetsAndItsOwnProjects(string provider)
    {
        var w = Library(provider);
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock);
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db, clock);
        Assert.Equal((ResultKind.Forbidden, "只能提名本区镇的企业"), ((await s.NominateAsync(w.District, round, w.Bing, "x", "y", [w.BingProject])) is var o ? (o.Kind, o.Message) : default));
        Assert.Equal(ResultKind.Forbidden, (await s.NominateAsync(w.Bureau, round, w.Jia, "x", "y", [w.JiaProject])).Kind);
        Assert.Equal("请填写提名理由（reason）", (await s.NominateAsync(w.District, round, w.Jia, " ", "y", [w.JiaProject])).Message);
        Assert.Equal("请填写企业改造目标（targets）", (await s.NominateAsync(w.District, round, w.Jia, "x", null, [w.JiaProject])).Message);
        Assert.Equal("请至少选择一个展示项目（projects）", (await s.NominateAsync(w.District, round, w.Jia, "x", "y", [])).Message);
        Assert.Equal($"展示项目（projects）{w.YiProject} 不是该企业的项目", (await s.NominateAsync(w.District, round, w.Jia, "x", "y", [w.JiaProject, w.YiProject])).Message);
        Assert.True((await s.NominateAsync(w.District, round, w.Jia, "示范带动", "能耗降 10%", [w.JiaProject])).Ok);
        Assert.Equal((ResultKind.Conflict, "该企业已被提名到本批次"), ((await s.NominateAsync(w.District, round, w.Jia, "x", "y", [w.JiaProject])) is var again ? (again.Kind, again.Message) : default));
        // Each district sees its own area's nominations; the bureau all.
        Assert.Single(await s.NominationsAsync(w.District, round));
        Assert.Empty(await s.NominationsAsync(w.OtherDistrict, round));
        Assert.Single(await s.NominationsAsync(w.Bureau, round));
        Assert.Empty(await s.NominationsAsync(w.Firm, round));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task OneNominationPerRoundAndEnterprise_EvenWhenTwoReviewersNominateAtOnce(string provider)
    {
        var w = Library(provider);
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = Enumerable.Range(1, 4).Select(n => Task.Run(async () =>
        {
            await gate.Task;
            using var db = LibraryStore.Create(w.Options);
            return await Service(db, clock).NominateAsync(w.District, round, w.Jia, $"理由 {n}", "目标", [w.JiaProject]);
        })).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        var results = await Task.WhenAll(tries);
        Assert.Single(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ResultKind.Conflict, r.Kind));
        using var check = LibraryStore.Create(w.Options);
        Assert.Equal(1, await check.BenchmarkNominations.CountAsync(n => n.RoundId == round && n.EnterpriseId == w.Jia));
        // The database itself refuses a second row.
        check.BenchmarkNominations.Add(BenchmarkNomination.Nominate(round, w.Jia, "x", "y", [w.JiaProject], "t", clock.GetUtcNow()));
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => check.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsUniqueViolation(e, BenchmarkNomination.UniqueIndex));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(20, null)]
    [InlineData(21, "“重点行业”的得分（score）应为 0—20 的整数，实为 21")]
    [InlineData(-1, "“重点行业”的得分（score）应为 0—20 的整数，实为 -1")]
    public async Task AScore_IsAWholeNumberFromZeroToTheMaximum_WithAReason(int score, string? refused)
    {
        var w = Library("sqlite");
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock);
        using var db = LibraryStore.Create(w.Options);
        var s = Service(db, clock);
        var n = (await s.NominateAsync(w.District, round, w.Jia, "示范", "目标", [w.JiaProject])).Value!;
        var industry = await db.BenchmarkCriteria.AsNoTracking().SingleAsync(c => c.RoundId == round && c.Kind == BenchmarkCriterionKind.Industry);
        Assert.Equal("只有评审中的批次可以评分（当前：提名中）", (await s.ScoreAsync(w.Bureau, n.Id, industry.Id, score, "理由", null)).Message);
        Assert.True((await s.CloseAsync(w.Bureau, round, await VersionAsync(w, round))).Ok);
        Assert.Equal("请填写“重点行业”的评分理由（reason）", (await s.ScoreAsync(w.Bureau, n.Id, industry.Id, 10, "", null)).Message);
        Assert.Equal(ResultKind.Forbidden, (await s.ScoreAsync(w.District, n.Id, industry.Id, 10, "理由", null)).Kind);
        var r = await s.ScoreAsync(w.Bureau, n.Id, industry.Id, score, "属于通用设备制造业", null);
        Assert.Equal(refused, r.Message);
        if (r.Ok) Assert.Equal(score, (await s.NominationAsync(w.Bureau, n.Id))!.Total);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Selection_StopsAtTheQuota_AndPublishingFreezesScoresAndSelection(string provider)
    {
        var w = Library(provider);
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock, quota: 1);
        int jia, yi;
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            jia = (await s.NominateAsync(w.District, round, w.Jia, "示范", "目标", [w.JiaProject])).Value!.Id;
            yi = (await s.NominateAsync(w.District, round, w.Yi, "示范", "目标", [w.YiProject])).Value!.Id;
            Assert.True((await s.CloseAsync(w.Bureau, round, await VersionAsync(w, round))).Ok);
        }
        await ScoreAllAsync(w, clock, jia, 15);
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            Assert.Equal("请先完成该企业各项遴选标准的评分", (await s.SelectAsync(w.Bureau, yi, await VersionAsync(w, round), "x")).Message);
            Assert.Equal("请填写入选理由（reason）", (await s.SelectAsync(w.Bureau, jia, await VersionAsync(w, round), " ")).Message);
            Assert.True((await s.SelectAsync(w.Bureau, jia, await VersionAsync(w, round), "综合得分第一")).Ok);
        }
        await ScoreAllAsync(w, clock, yi, 5);
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            // At the quota (1 of 1): the next is refused with the reason; a stale round version is a conflict.
            Assert.Equal("入选企业已达名额 1 家，不能再选定。如需调整，请先取消其他企业的入选", (await s.SelectAsync(w.Bureau, yi, await VersionAsync(w, round), "x")).Message);
            Assert.Equal(ResultKind.Conflict, (await s.SelectAsync(w.Bureau, yi, await VersionAsync(w, round) - 1, "x")).Kind);
            var ranking = await s.NominationsAsync(w.Bureau, round);
            Assert.Equal([(jia, 1, 60, true), (yi, 2, 20, false)], ranking.Select(n => (n.Id, n.Rank, n.Total, n.Selected)));
            Assert.True((await s.PublishAsync(w.Bureau, round, await VersionAsync(w, round))).Ok);
            // The selected enterprise is told, with the page where it says what may be published; the one not selected is not.
            Assert.Equal([("benchmark_selected", "/benchmarks/consent")],
                (await db.Notifications.AsNoTracking().Where(n => n.UserId == w.Firm.Id).Select(n => new { n.Kind, n.Link }).ToListAsync()).Select(n => (n.Kind, n.Link)));
            Assert.False(await db.Notifications.AnyAsync(n => n.UserId == w.OtherFirm.Id));
            var criterion = await db.BenchmarkCriteria.AsNoTracking().FirstAsync(c => c.RoundId == round);
            Assert.Equal("该批次已公布，评分已冻结", (await s.ScoreAsync(w.Bureau, jia, criterion.Id, 1, "改", null)).Message);
            Assert.Equal("该批次已公布，入选名单已冻结", (await s.UnselectAsync(w.Bureau, jia, await VersionAsync(w, round))).Message);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoSelectionsAtOnce_CannotBothPassTheQuota(string provider)
    {
        var w = Library(provider);
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock, quota: 1);
        int jia, yi;
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            jia = (await s.NominateAsync(w.District, round, w.Jia, "示范", "目标", [w.JiaProject])).Value!.Id;
            yi = (await s.NominateAsync(w.District, round, w.Yi, "示范", "目标", [w.YiProject])).Value!.Id;
            Assert.True((await s.CloseAsync(w.Bureau, round, await VersionAsync(w, round))).Ok);
        }
        await ScoreAllAsync(w, clock, jia, 10);
        await ScoreAllAsync(w, clock, yi, 10);
        var version = await VersionAsync(w, round);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tries = new[] { jia, yi }.Select(id => Task.Run(async () =>
        {
            await gate.Task;
            using var db = LibraryStore.Create(w.Options);
            return await Service(db, clock).SelectAsync(w.Bureau, id, version, "入选");
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(tries);
        Assert.Single(results, r => r.Ok);
        using var check = LibraryStore.Create(w.Options);
        Assert.Equal(1, await check.BenchmarkNominations.CountAsync(n => n.RoundId == round && n.Selected));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ThePublicPage_ShowsOnlyPublishedRounds_AndOnlyTheFiguresTheEnterpriseAgreedTo(string provider)
    {
        var w = Library(provider);
        var clock = Clock();
        var round = await OpenRoundAsync(w, clock, quota: 2);
        int jia;
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            jia = (await s.NominateAsync(w.District, round, w.Jia, "示范", "单位产值能耗下降 10%", [w.JiaProject])).Value!.Id;
            Assert.True((await s.CloseAsync(w.Bureau, round, await VersionAsync(w, round))).Ok);
        }
        await ScoreAllAsync(w, clock, jia, 18);
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            Assert.True((await s.SelectAsync(w.Bureau, jia, await VersionAsync(w, round), "数字化占比高")).Ok);
            Assert.Null(await s.PublicPageAsync(jia));
            Assert.Empty(await s.PublicListAsync());
            // Before publication the enterprise already sees the proposal; another enterprise does not.
            var mine = Assert.Single(await s.ConsentsAsync(w.Firm));
            Assert.Equal("40,000,000.10 元", mine.Items.Single(i => i.Key == "equipment").Value);
            Assert.Empty(await s.ConsentsAsync(w.OtherFirm));
            Assert.Equal(ResultKind.NotFound, (await s.ConsentAsync(w.OtherFirm, jia, mine.Version, new(true, true, true, true, true))).Kind);
            Assert.Equal(ResultKind.Forbidden, (await s.ConsentAsync(w.Bureau, jia, mine.Version, new(true, true, true, true, true))).Kind);
            Assert.True((await s.ConsentAsync(w.Firm, jia, mine.Version, new(Projects: true, Equipment: true, Digital: false, Award: false, Targets: false))).Ok);
            Assert.True((await s.PublishAsync(w.Bureau, round, await VersionAsync(w, round))).Ok);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var s = Service(db, clock);
            var entry = Assert.Single(await s.PublicListAsync());
            Assert.Equal(("甲公司", "C34"), (entry.Enterprise, entry.Division));
            var page = (await s.PublicPageAsync(jia))!;
            Assert.Equal(["J1"], page.Projects!.Select(p => p.Code));
            Assert.Equal(40_000_000.10m, page.Equipment);
            Assert.Equal((null, null, null), (page.Digital, page.Award, page.Targets));
            Assert.Equal(("数字化占比高", 72, 100), (page.SelectionReason, page.Total, page.MaxTotal));
            Assert.Equal([("C34", "通用设备制造业", 1)], BenchmarkService.CountByIndustry(db, null));
            Assert.Empty(BenchmarkService.CountByIndustry(db, "张浦镇"));
        }
    }
}
