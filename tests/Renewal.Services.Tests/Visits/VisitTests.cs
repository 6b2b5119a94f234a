using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Model;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Visits;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Visits;

/// <summary>
/// 走访与项目征集 (issue 14 item 1): a district records a visit to an enterprise of its area, each intention becomes a draft
/// the enterprise confirms into a project (with its yearly investment, audited, once) or declines; the coverage counts
/// exactly what was visited and collected.
/// </summary>
public sealed class VisitTests
{
    private const string Jia = "913205837AY4CL12TY";
    private const string Yi = "91320583MA1XYZ1234";
    private const string Bing = "91320583MA1XYZ0002";
    private const string Area = "昆山开发区";

    // 2026-03-02 01:00 UTC = 09:00 in Kunshan.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);

    private sealed record World(LibraryDatabaseOptions Options, int Jia, int Yi, int Bing, UserContext District, UserContext Bureau, UserContext Firm,
        UserContext OtherFirm, UserContext Finance, int FirmUserId);

    private static World Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var jia = new Enterprise { CreditCode = Jia, Name = "甲公司", Area = Area, IndustryCode = "C3421" };
        var yi = new Enterprise { CreditCode = Yi, Name = "乙公司", Area = Area, IndustryCode = "C3911" };
        var bing = new Enterprise { CreditCode = Bing, Name = "丙公司", Area = "张浦镇", IndustryCode = "C3421" };
        db.Enterprises.AddRange(jia, yi, bing);
        var users = new[]
        {
            new UserAccount { UserName = "quzhen", DisplayName = "区镇", Role = Role.DistrictReviewer, Area = Area },
            new UserAccount { UserName = "shiju", DisplayName = "市局", Role = Role.BureauReviewer },
            new UserAccount { UserName = "qiye", DisplayName = "甲", Role = Role.Enterprise, CreditCode = Jia },
            new UserAccount { UserName = "qiye2", DisplayName = "乙", Role = Role.Enterprise, CreditCode = Yi },
            new UserAccount { UserName = "caizheng", DisplayName = "财政", Role = Role.Finance },
        };
        db.Users.AddRange(users);
        db.SaveChanges();
        return new World(options, jia.Id, yi.Id, bing.Id,
            new(users[0].Id, "quzhen", Role.DistrictReviewer, null, Area), new(users[1].Id, "shiju", Role.BureauReviewer, null, null),
            new(users[2].Id, "qiye", Role.Enterprise, Jia, null), new(users[3].Id, "qiye2", Role.Enterprise, Yi, null),
            new(users[4].Id, "caizheng", Role.Finance, null, null), users[2].Id);
    }

    private static VisitService Service(LibraryDbContext db) => new(db, new TestClock(Now));

    private static VisitInput Input(int enterpriseId, DateOnly? on = null, IReadOnlyList<IntentionInput>? intentions = null, IReadOnlyList<FollowUpInput>? followUps = null) =>
        new(enterpriseId, on ?? Today, [new("王经理", "设备部经理"), new("李总", null)], intentions ?? [], "两台 2008 年的注塑机，能效 3 级", followUps ?? []);

    private static readonly IntentionInput Line = new("注塑车间智能化改造", ProjectKind.Renovation, 2026, 2027, 10_000_000.01m, 3_000_000m, [3, 4]);

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AVisitWithAnIntention_IsRecordedAsADraftWaitingForTheEnterprise_AuditedAndTold(string provider)
    {
        var w = Library(provider);
        using (var db = LibraryStore.Create(w.Options))
        {
            var r = await Service(db).RecordAsync(w.District, Input(w.Jia, intentions: [Line], followUps: [new("送节能诊断资料", Today.AddDays(7))]));
            Assert.True(r.Ok, r.Message);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var draft = Assert.Single(await Service(db).DraftsAsync(w.Firm));
            Assert.Equal(("注塑车间智能化改造", CollectionStatus.Pending, 2026, 2027, 10_000_000.01m, 3_000_000m, (int?)null), (draft.Name, draft.Status, draft.FromYear, draft.ToYear, draft.Equipment, draft.Digital, draft.ProjectId));
            Assert.Equal([3, 4], draft.Tasks);
            Assert.Empty(await db.Projects.ToListAsync());
            var note = Assert.Single(await db.Notifications.Where(n => n.UserId == w.FirmUserId).ToListAsync());
            Assert.Equal(("待确认征集项目：1 个", "/enterprise/collected"), (note.Title, note.Link));
            Assert.Equal(["登记走访"], await db.Audit.Select(a => a.Action).ToListAsync());
            Assert.Null(AuditLog.Verify(db));
            Assert.Empty(await Service(db).DraftsAsync(w.OtherFirm));
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Boundaries_AreRefusedNamingTheField_AndNothingIsSaved(string provider)
    {
        var w = Library(provider);
        var cases = new (string Case, VisitInput Input, string Says)[]
        {
            ("tomorrow in Kunshan", Input(w.Jia, Today.AddDays(1)), "走访日期（visitedOn）2026-03-03 晚于今天（2026-03-02，北京时间）"),
            ("before the programme", Input(w.Jia, new DateOnly(2023, 12, 31)), "走访日期（visitedOn）早于行动计划起始日 2024-01-01"),
            ("an enterprise of another area", Input(w.Bing), "所选企业（enterpriseId）不在本区镇（昆山开发区）的企业库中"),
            ("negative equipment", Input(w.Jia, intentions: [Line with { Equipment = -0.01m }]), "第 1 个更新意向的计划设备投资（intentions[0].equipment）不能为负数"),
            ("negative digital", Input(w.Jia, intentions: [Line, Line with { Digital = -1m }]), "第 2 个更新意向的计划智能化数字化投入（intentions[1].digital）不能为负数"),
            ("digital above equipment", Input(w.Jia, intentions: [Line with { Equipment = 1m, Digital = 1.01m }]), "（intentions[0].digital）不能超过计划设备投资"),
            ("zero equipment", Input(w.Jia, intentions: [Line with { Equipment = 0m, Digital = 0m }]), "（intentions[0].equipment）须大于 0 元"),
            ("fen fractions", Input(w.Jia, intentions: [Line with { Equipment = 1.001m }]), "（intentions[0].equipment）最多两位小数"),
            ("a year before the programme", Input(w.Jia, intentions: [Line with { FromYear = 2023 }]), "计划开始年度（intentions[0].fromYear）应在 2024–2027 之间"),
            ("a year after it", Input(w.Jia, intentions: [Line with { ToYear = 2028 }]), "计划结束年度（intentions[0].toYear）应在 2024–2027 之间"),
            ("years upside down", Input(w.Jia, intentions: [Line with { FromYear = 2027, ToYear = 2026 }]), "（intentions[0].toYear）不能早于开始年度"),
            ("task 13", Input(w.Jia, intentions: [Line with { Tasks = [13] }]), "重点任务（intentions[0].tasks）应为 1–12 之间的整数，“13”不是"),
            ("no name", Input(w.Jia, intentions: [Line with { Name = " " }]), "项目名称（intentions[0].name）未填写"),
            ("follow-up before the visit", Input(w.Jia, followUps: [new("回访", Today.AddDays(-1))]), "（followUps[0].dueOn）不能早于走访日期"),
            ("follow-up without a day", Input(w.Jia, followUps: [new("回访", null)]), "（followUps[0].dueOn）未填写"),
            ("nobody met", Input(w.Jia) with { People = [new(" ", null)] }, "请填写至少一位走访对象的姓名（people）"),
        };
        foreach (var (name, input, says) in cases)
        {
            using var db = LibraryStore.Create(w.Options);
            var r = await Service(db).RecordAsync(w.District, input);
            Assert.True(r.Kind == ResultKind.Invalid, $"{name}: {r.Kind} {r.Message}");
            Assert.True(r.Message!.Contains(says, StringComparison.Ordinal), $"{name}: “{r.Message}” does not say “{says}”");
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            Assert.Empty(await db.Visits.ToListAsync());
            Assert.Empty(await db.CollectedProjects.ToListAsync());
            // The last moment of today in Kunshan is today; the bureau may visit any area.
            Assert.True((await Service(db).RecordAsync(w.Bureau, Input(w.Bing, Today, [Line with { Equipment = 0.01m, Digital = 0.01m, FromYear = 2024, ToYear = null }]))).Ok);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task OnlyDistrictsAndTheBureau_RecordVisits_AndADistrictSeesOnlyItsArea(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        Assert.Equal(ResultKind.Forbidden, (await Service(db).RecordAsync(w.Firm, Input(w.Jia))).Kind);
        Assert.Equal(ResultKind.Forbidden, (await Service(db).RecordAsync(w.Finance, Input(w.Jia))).Kind);
        var mine = (await Service(db).RecordAsync(w.District, Input(w.Jia))).Value!;
        var theirs = (await Service(db).RecordAsync(w.Bureau, Input(w.Bing))).Value!;
        Assert.Equal([mine.Id], (await Service(db).ListAsync(w.District)).Select(v => v.Id));
        Assert.Null(await Service(db).FindAsync(w.District, theirs.Id));
        Assert.NotNull(await Service(db).FindAsync(w.Bureau, mine.Id));
        Assert.Empty(await Service(db).ListAsync(w.Firm));
        Assert.Empty(await Service(db).ListAsync(w.Finance));
        Assert.Null(await Service(db).CoverageAsync(w.Firm));
        Assert.Equal(["乙公司", "甲公司"], (await Service(db).EnterprisesAsync(w.District)).Select(e => e.Name));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Confirming_CreatesTheProjectWithItsYearlyInvestment_InTheLibrary_Once(string provider)
    {
        var w = Library(provider);
        int draftId;
        using (var db = LibraryStore.Create(w.Options))
        {
            await Service(db).RecordAsync(w.District, Input(w.Jia, intentions: [Line, Line with { Name = "空压站改造", FromYear = 2026, ToYear = 2026 }]));
            draftId = (await db.CollectedProjects.OrderBy(c => c.Id).FirstAsync()).Id;
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            Assert.Equal(ResultKind.Forbidden, (await Service(db).ConfirmAsync(w.District, draftId, 1)).Kind);
            Assert.Equal(ResultKind.NotFound, (await Service(db).ConfirmAsync(w.OtherFirm, draftId, 1)).Kind);
            Assert.Equal(ResultKind.Conflict, (await Service(db).ConfirmAsync(w.Firm, draftId, 7)).Kind);
            var r = await Service(db).ConfirmAsync(w.Firm, draftId, 1);
            Assert.True(r.Ok, r.Message);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var project = await db.Projects.Include(p => p.Investments).SingleAsync();
            Assert.Equal(($"ZJ-{draftId:D6}", "注塑车间智能化改造", ProjectKind.Renovation, ProjectStatus.Planned, w.Jia), (project.Code, project.Name, project.Kind, project.Status, project.EnterpriseId));
            Assert.Equal([3, 4], project.Tasks);
            // 10,000,000.01 over two years: 5,000,000.00 and the remainder 5,000,000.01 on the last.
            Assert.Equal([(2026, 5_000_000.00m, 1_500_000m), (2027, 5_000_000.01m, 1_500_000m)],
                project.Investments.OrderBy(i => i.Year).Select(i => (i.Year, i.Equipment, i.Digital)));
            var draft = await db.CollectedProjects.SingleAsync(c => c.Id == draftId);
            Assert.Equal((CollectionStatus.Confirmed, (int?)project.Id, 2L), (draft.Status, draft.ProjectId, draft.Version));
            Assert.Equal(["登记走访", "新建项目", "征集项目：已入库"], await db.Audit.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
            Assert.Null(AuditLog.Verify(db));
            var again = await Service(db).ConfirmAsync(w.Firm, draftId, 2);
            Assert.Equal((ResultKind.Invalid, "该征集项目已确认入库，不能再更改（当前：已入库）"), (again.Kind, again.Message));
            Assert.Equal(ResultKind.Invalid, (await Service(db).DeclineAsync(w.Firm, draftId, 2, "不做了")).Kind);
            Assert.Equal("已入库", (await Service(db).FindDraftAsync(w.District, draftId))!.Status is var s ? VisitWords.Label(s) : "");
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Declining_NeedsAReason_AndIsFinal(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        await Service(db).RecordAsync(w.District, Input(w.Jia, intentions: [Line]));
        var id = (await db.CollectedProjects.SingleAsync()).Id;
        Assert.Equal("请填写未确认的原因（reason）", (await Service(db).DeclineAsync(w.Firm, id, 1, "  ")).Message);
        Assert.True((await Service(db).DeclineAsync(w.Firm, id, 1, "投资计划推迟到 2028 年以后")).Ok);
        db.ChangeTracker.Clear();
        var d = await db.CollectedProjects.AsNoTracking().SingleAsync();
        Assert.Equal((CollectionStatus.Declined, "投资计划推迟到 2028 年以后", (int?)null), (d.Status, d.DeclineReason, d.ProjectId));
        Assert.Equal("该征集项目企业已答复未确认，不能再更改（当前：企业未确认）", (await Service(db).ConfirmAsync(w.Firm, id, d.Version)).Message);
        Assert.Empty(await db.Projects.ToListAsync());
    }

    [Fact]
    public void TheMoves_AreTheTableOfAllowedTransitions()
    {
        Assert.Equal([CollectionStatus.Confirmed, CollectionStatus.Declined], CollectedProject.Next(CollectionStatus.Pending));
        Assert.Empty(CollectedProject.Next(CollectionStatus.Confirmed));
        Assert.Empty(CollectedProject.Next(CollectionStatus.Declined));
    }

    [Theory]
    [InlineData(2024, 2027, "100.00", "25.00,25.00,25.00,25.00")]
    [InlineData(2025, 2027, "100.00", "33.33,33.33,33.34")]
    [InlineData(2026, 2026, "0.01", "0.01")]
    [InlineData(2024, 2026, "0.02", "0.00,0.00,0.02")]
    public void ThePlannedAmount_IsSpreadOverTheYearsToTheFen_TheRemainderLast(int from, int to, string total, string years)
    {
        var d = CollectedProject.Draft(1, "x", ProjectKind.New, from, to, decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), 0m, [], "t", Now);
        Assert.Equal(years, string.Join(",", d.ByYear().Select(y => y.Equipment.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(d.Equipment, d.ByYear().Sum(y => y.Equipment));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoConfirmsOfOneDraftAtTheSameMoment_MakeOneProject(string provider)
    {
        var w = Library(provider);
        for (var round = 0; round < 3; round++)
        {
            int id;
            using (var db = LibraryStore.Create(w.Options))
            {
                var v = (await Service(db).RecordAsync(w.District, Input(w.Jia, intentions: [Line with { Name = $"第 {round} 轮" }]))).Value!;
                id = v.Intentions[0].Id;
            }
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var confirms = Enumerable.Range(1, 4).Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                using var db = LibraryStore.Create(w.Options);
                return await Service(db).ConfirmAsync(w.Firm, id, 1);
            })).ToArray();
            await Task.Delay(50);
            gate.SetResult();
            var results = await Task.WhenAll(confirms);
            Assert.Single(results, r => r.Ok);
            Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ResultKind.Conflict, r.Kind));
            using (var db = LibraryStore.Create(w.Options))
            {
                Assert.Single(await db.Projects.Where(p => p.Code == $"ZJ-{id:D6}").ToListAsync());
                Assert.Single(await db.Audit.Where(a => a.Action == "征集项目：已入库" && a.EntityId.EndsWith($"ZJ-{id:D6}")).ToListAsync());
                Assert.Null(AuditLog.Verify(db));
            }
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheDatabase_RefusesTwoDraftsPointingAtOneProject_AndAConfirmedDraftWithoutItsProject(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        await Service(db).RecordAsync(w.District, Input(w.Jia, intentions: [Line, Line with { Name = "二" }]));
        var ids = await db.CollectedProjects.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        Assert.True((await Service(db).ConfirmAsync(w.Firm, ids[0], 1)).Ok);
        var project = (await db.CollectedProjects.AsNoTracking().SingleAsync(c => c.Id == ids[0])).ProjectId!.Value;
        var unique = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync(
            $"UPDATE collected_projects SET \"Status\" = 'Confirmed', \"ProjectId\" = {project} WHERE \"Id\" = {ids[1]}"));
        Assert.Contains("ProjectId", unique.Message + unique.InnerException?.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE collected_projects SET \"Status\" = 'Confirmed' WHERE \"Id\" = {ids[1]}"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE collected_projects SET \"Equipment\" = {-1m} WHERE \"Id\" = {ids[1]}"));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheCoverage_CountsExactly_OnASmallLibrary(string provider)
    {
        var w = Library(provider);
        using (var db = LibraryStore.Create(w.Options))
        {
            // 甲 visited twice (January and March), 乙 never; 丙 (another area) once by the bureau.
            Assert.True((await Service(db).RecordAsync(w.District, Input(w.Jia, new DateOnly(2026, 1, 15), [Line], [new("送资料", new DateOnly(2026, 2, 1)), new("回访", new DateOnly(2026, 3, 2))]))).Ok);
            Assert.True((await Service(db).RecordAsync(w.District, Input(w.Jia, new DateOnly(2026, 3, 1), [Line with { Name = "二", Equipment = 4_000_000m, Digital = 0m, FromYear = 2027, ToYear = null }]))).Ok);
            Assert.True((await Service(db).RecordAsync(w.Bureau, Input(w.Bing, new DateOnly(2026, 3, 2), [Line with { Name = "丙", Equipment = 1_000_000m, Digital = 0m, FromYear = 2026, ToYear = null }]))).Ok);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var first = (await db.CollectedProjects.OrderBy(c => c.Id).FirstAsync()).Id;
            Assert.True((await Service(db).ConfirmAsync(w.Firm, first, 1)).Ok);
        }
        using (var db = LibraryStore.Create(w.Options))
        {
            var c = (await Service(db).CoverageAsync(w.District, area: "张浦镇"))!;
            Assert.Equal((Area, 2, 1, 2), (c.Area, c.Enterprises, c.Visited, c.Visits));
            Assert.Equal(0.5m, c.Share);
            Assert.Equal([("C34", "通用设备制造业", 1, 1), ("C39", "计算机、通信和其他电子设备制造业", 1, 0)], c.ByDivision.Select(d => (d.Division, d.Name, d.Enterprises, d.Visited)));
            Assert.Equal([(2026, 1, 1), (2026, 3, 1)], c.ByMonth.Select(m => (m.Year, m.Month, m.Visits)));
            // Due 2026-02-01 is overdue on 2026-03-02; due today is not.
            Assert.Equal(["送资料"], c.Overdue.Select(o => o.Text));
            Assert.Equal((1, 1, 0), (c.Pending, c.Confirmed, c.Declined));
            Assert.Equal([(2024, 0m, 0m), (2025, 0m, 0m), (2026, 0m, 5_000_000m), (2027, 4_000_000m, 5_000_000.01m)], c.ByYear.Select(y => (y.Year, y.Pending, y.Confirmed)));
            Assert.Equal(14_000_000.01m, c.PlannedEquipment);
            Assert.Equal((ProgrammeTargets.Default["T-1"].Value, ProgrammeTargets.Default["T-2"].Value), (c.Cumulative.Value, c.Yearly.Value));

            var all = (await Service(db).CoverageAsync(w.Bureau))!;
            Assert.Null(all.Area);
            Assert.Equal((3, 2, 3), (all.Enterprises, all.Visited, all.Visits));
            Assert.Equal([("张浦镇", 1, 1, 1, 1, 0, 1_000_000m, 0), (Area, 2, 1, 2, 1, 1, 14_000_000.01m, 1)],
                all.ByArea.Select(a => (a.Area, a.Enterprises, a.Visited, a.Visits, a.Pending, a.Confirmed, a.PlannedEquipment, a.OverdueFollowUps)));
            Assert.Equal(1, (await Service(db).CoverageAsync(w.Bureau, "张浦镇"))!.Enterprises);
        }
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AFollowUp_IsDoneOnce_ByTheOfficersOfItsArea(string provider)
    {
        var w = Library(provider);
        using var db = LibraryStore.Create(w.Options);
        var v = (await Service(db).RecordAsync(w.District, Input(w.Jia, followUps: [new("回访", Today)]))).Value!;
        var f = v.FollowUps[0];
        Assert.Equal(ResultKind.Forbidden, (await Service(db).CompleteFollowUpAsync(w.Firm, f.Id, f.Version)).Kind);
        Assert.True((await Service(db).CompleteFollowUpAsync(w.District, f.Id, 1)).Ok);
        Assert.Equal(ResultKind.Conflict, (await Service(db).CompleteFollowUpAsync(w.District, f.Id, 1)).Kind);
        Assert.Equal(ResultKind.Invalid, (await Service(db).CompleteFollowUpAsync(w.Bureau, f.Id, 2)).Kind);
    }
}
