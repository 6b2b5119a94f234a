using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Calls;
using Renewal.Services.Notifications;
using Renewal.Services.Reports;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// 公示 (issue 12 item 6): anyone objects to an application while its notice runs, with a name, a contact and a reason;
/// the objection is stored with the contact, audited and told to the bureau; approval waits for its resolution; the
/// call's notice text and contact are the bureau's to set, audited.
/// </summary>
public class PublicObjectionsTests
{
    private const string Code = "913205837AY4CL12TY";

    private static DateTimeOffset Beijing(int y, int m, int d, int h) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private sealed record People(UserContext Firm, UserContext District, UserContext Bureau);

    private static (LibraryDatabaseOptions Options, int ProjectId, int CallId, People People) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
        var p = new Project
        {
            Code = "P1", Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
            Investments = [new ProjectInvestment { Year = 2025, Equipment = 30_000_000m }],
        };
        e.Projects.Add(p);
        db.Enterprises.Add(e);
        UserAccount U(string name, Role role, string? code = null, string? area = null, string? email = null) =>
            new() { UserName = name, DisplayName = name, Role = role, CreditCode = code, Area = area, Email = email };
        var users = new[]
        {
            U("qiye", Role.Enterprise, Code), U("quzhen", Role.DistrictReviewer, area: "昆山开发区"), U("shiju", Role.BureauReviewer, email: "shiju@example.cn"),
            U("admin", Role.BureauAdmin), U("caizheng", Role.Finance),
        };
        db.Users.AddRange(users);
        var call = new ProgrammeCall
        {
            Scheme = Scheme.EffectiveInvestment, Year = 2025, Title = "2025 年度有效投入奖补", OpensAt = Beijing(2026, 3, 1, 0), ClosesAt = Beijing(2026, 3, 31, 17),
            CreatedBy = "shiju", CreatedAt = Beijing(2026, 2, 1, 9), NoticeText = "以下申报拟予奖补，现予公示。", NoticeContact = "王科长", NoticePhone = "0512-57350000",
        };
        db.Calls.Add(call);
        db.SaveChanges();
        UserContext C(UserAccount a) => new(a.Id, a.UserName, a.Role, a.CreditCode, a.Area);
        return (options, p.Id, call.Id, new People(C(users[0]), C(users[1]), C(users[2])));
    }

    private static ApplicationService Service(LibraryDbContext db, TestClock clock) => new(db, PolicyEngine.Default, clock, new WorkflowOptions(5, RequireCall: true));

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, TestClock clock, UserContext user, int id, WorkflowAction action, string? comment = null)
    {
        using var db = LibraryStore.Create(options);
        return await Service(db, clock).MoveAsync(user, id, action, comment);
    }

    private static async Task<PublicObjectionResult> ObjectAsync(LibraryDatabaseOptions options, TestClock clock, int id, string? name, string? contact, string? reason)
    {
        using var db = LibraryStore.Create(options);
        return await new PublicObjections(db, clock).RaiseAsync(id, new PublicObjectionInput(name, contact, reason), "10.0.0.7");
    }

    /// <summary>An application of 甲 moved to its public notice on Monday 2026-03-02 (five working days: to Friday 03-06).</summary>
    private static async Task<int> ToNoticeAsync(LibraryDatabaseOptions options, TestClock clock, int projectId, People who)
    {
        int id;
        using (var db = LibraryStore.Create(options))
            id = (await Service(db, clock).CreateAsync(who.Firm, Scheme.EffectiveInvestment, 2025, projectId, null)).Value!.Id;
        Assert.True((await MoveAsync(options, clock, who.Firm, id, WorkflowAction.Submit)).Ok);
        Assert.True((await MoveAsync(options, clock, who.District, id, WorkflowAction.Accept)).Ok);
        Assert.True((await MoveAsync(options, clock, who.District, id, WorkflowAction.DistrictApprove)).Ok);
        return id;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task APublicObjection_IsTakenOnlyWhileTheNoticeRuns_StoredWithItsContact_AndToldToTheBureau(string provider)
    {
        var (options, projectId, _, who) = Library(provider);
        var clock = new TestClock(Beijing(2026, 3, 2, 9));
        var id = await ToNoticeAsync(options, clock, projectId, who);

        // Under review it is not on the public notice at all: the public learns nothing of it.
        var early = await ObjectAsync(options, clock, id, "张三", "13800000000", "该项目设备尚未安装到位，与申报不符。");
        Assert.Equal(ResultKind.NotFound, early.Kind);

        var notice = await MoveAsync(options, clock, who.Bureau, id, WorkflowAction.BureauApprove);
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6)), (notice.Value!.NoticeStartsOn, notice.Value.NoticeEndsOn));

        clock.Now = Beijing(2026, 3, 4, 10);
        var objected = await ObjectAsync(options, clock, id, " 张三 ", " zhangsan@example.com ", "该项目设备尚未安装到位，与申报不符。");
        Assert.True(objected.Ok, objected.Message);

        using (var db = LibraryStore.Create(options))
        {
            var o = await db.Objections.AsNoTracking().SingleAsync();
            Assert.Equal(("张三", "zhangsan@example.com", "该项目设备尚未安装到位，与申报不符。", true, (string?)null),
                (o.RaisedBy, o.Contact, o.Content, o.FromPublicForm, o.Resolution));
            var audit = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == "公众异议");
            Assert.Equal(("公众", (int?)null, "application"), (audit.UserName, audit.UserId, audit.Entity));
            Assert.Contains("zhangsan@example.com", audit.After, StringComparison.Ordinal);
            Assert.Contains("10.0.0.7", audit.After, StringComparison.Ordinal);

            // The bureau (reviewer and administrator) is told, with e-mail where it has an address; nobody else.
            var told = await db.Notifications.AsNoTracking().Where(n => n.Kind == ObjectionNotices.Kind).ToListAsync();
            var bureau = await db.Users.AsNoTracking().Where(u => u.Role == Role.BureauReviewer || u.Role == Role.BureauAdmin).Select(u => u.Id).ToListAsync();
            Assert.Equal(bureau.Order(), told.Select(n => n.UserId).Order());
            Assert.All(told, n => Assert.Equal($"/applications/{id}", n.Link));
            Assert.All(told, n => Assert.DoesNotContain("zhangsan@example.com", n.Body, StringComparison.Ordinal));
            Assert.Contains("设备尚未安装到位", told[0].Body, StringComparison.Ordinal);
            Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.To == "shiju@example.cn" && m.Subject.Contains("公示异议")).ToListAsync());
        }

        // After the notice: approval waits for the objection, then goes through once the bureau resolved it.
        clock.Now = Beijing(2026, 3, 9, 10);
        var late = await ObjectAsync(options, clock, id, "李四", "13900000000", "另有一条异议，公示期已过才提交。");
        Assert.Equal((ResultKind.Invalid, "公示期已于 2026-03-06 结束，不能再提出异议"), (late.Kind, late.Message));
        var blocked = await MoveAsync(options, clock, who.Bureau, id, WorkflowAction.Approve);
        Assert.Equal("公示期内有未处理的异议，处理后方可批准", blocked.Message);
        using (var db = LibraryStore.Create(options))
        {
            var oid = await db.Objections.Select(o => o.Id).SingleAsync();
            Assert.True((await Service(db, clock).ResolveObjectionAsync(who.Bureau, oid, "经现场核查，设备已安装并投入使用，异议不成立。")).Ok);
        }
        using (var db = LibraryStore.Create(options))
        {
            var o = await db.Objections.AsNoTracking().SingleAsync();
            Assert.Equal(("shiju", (DateTimeOffset?)clock.Now), (o.ResolvedBy, o.ResolvedAt));
        }
        Assert.True((await MoveAsync(options, clock, who.Bureau, id, WorkflowAction.Approve)).Ok);
        var approved = await ObjectAsync(options, clock, id, "李四", "13900000000", "批准之后再提交的异议理由。");
        Assert.Equal(ResultKind.Invalid, approved.Kind);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task EachFieldThatIsNotAcceptable_IsNamedInChinese_AndNothingIsStored(string provider)
    {
        var (options, projectId, _, who) = Library(provider);
        var clock = new TestClock(Beijing(2026, 3, 2, 9));
        var id = await ToNoticeAsync(options, clock, projectId, who);
        Assert.True((await MoveAsync(options, clock, who.Bureau, id, WorkflowAction.BureauApprove)).Ok);

        var empty = await ObjectAsync(options, clock, id, " ", null, "");
        Assert.Equal(ResultKind.Invalid, empty.Kind);
        Assert.Equal(["contact", "name", "reason"], empty.FieldErrors.Keys.Order());
        Assert.Equal("请填写姓名（name）", empty.FieldErrors["name"]);
        Assert.StartsWith("请填写联系方式（contact）", empty.FieldErrors["contact"], StringComparison.Ordinal);
        Assert.Equal("请填写异议理由（reason）", empty.FieldErrors["reason"]);

        var bad = await ObjectAsync(options, clock, id, new string('张', 51), "明天打给我", "太短了");
        Assert.Equal("姓名（name）不能超过 50 字", bad.FieldErrors["name"]);
        Assert.StartsWith("联系方式（contact）应为电话号码或电子邮箱", bad.FieldErrors["contact"], StringComparison.Ordinal);
        Assert.Equal($"异议理由（reason）至少 {PublicObjections.ReasonMinLength} 个字：请写明异议的事实和理由", bad.FieldErrors["reason"]);

        var tooLong = await ObjectAsync(options, clock, id, "张三", "0512-5735 0000", new string('理', TextLimits.ObjectionContent + 1));
        Assert.Equal(["reason"], tooLong.FieldErrors.Keys);
        Assert.Equal($"异议理由（reason）不能超过 {TextLimits.ObjectionContent} 字", tooLong.FieldErrors["reason"]);

        Assert.Empty(PublicObjections.Check(new PublicObjectionInput("张三", "+86 138 0000 0000", "设备发票与合同金额不一致，请核实。")));
        Assert.Empty(PublicObjections.Check(new PublicObjectionInput("张三", "（0512）57350000", "设备发票与合同金额不一致，请核实。")));
        Assert.Contains("contact", PublicObjections.Check(new PublicObjectionInput("张三", "123", "设备发票与合同金额不一致，请核实。")).Keys);

        using var db = LibraryStore.Create(options);
        Assert.Empty(await db.Objections.ToListAsync());
        Assert.Empty(await db.Notifications.Where(n => n.Kind == ObjectionNotices.Kind).ToListAsync());
        Assert.Empty(await db.Audit.Where(a => a.Action == "公众异议").ToListAsync());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheDatabase_RefusesAPublicObjectionWithoutItsContact(string provider)
    {
        var (options, projectId, _, who) = Library(provider);
        var clock = new TestClock(Beijing(2026, 3, 2, 9));
        var id = await ToNoticeAsync(options, clock, projectId, who);
        using var db = LibraryStore.Create(options);
        db.Objections.Add(new Objection { ApplicationId = id, RaisedBy = "张三", Content = "无联系方式的公众异议", RaisedAt = clock.Now, FromPublicForm = true });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        // A signed-in user's objection needs none: the account says who it is.
        db.Objections.Add(new Objection { ApplicationId = id, RaisedBy = "quzhen", Content = "平台用户的异议", RaisedAt = clock.Now });
        await db.SaveChangesAsync();
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TheCallsNotice_IsTheBureausToSet_Audited_AndTheBoardShowsItsApplicationsWithDaysLeft(string provider)
    {
        var (options, projectId, callId, who) = Library(provider);
        var clock = new TestClock(Beijing(2026, 3, 2, 9));
        var id = await ToNoticeAsync(options, clock, projectId, who);
        Assert.True((await MoveAsync(options, clock, who.Bureau, id, WorkflowAction.BureauApprove)).Ok);

        using (var db = LibraryStore.Create(options))
        {
            var calls = new CallService(db, clock);
            Assert.Equal(ResultKind.Forbidden, (await calls.UpdateNoticeAsync(who.District, callId, new CallNoticeInput("x", null, null, null))).Kind);
            var tooLong = await calls.UpdateNoticeAsync(who.Bureau, callId, new CallNoticeInput("x", new string('王', ProgrammeCall.NoticeContactLength + 1), null, null));
            Assert.Equal((ResultKind.Invalid, $"异议联系人（notice_contact）不能超过 {ProgrammeCall.NoticeContactLength} 字"), (tooLong.Kind, tooLong.Message));
            Assert.Equal(ResultKind.NotFound, (await calls.UpdateNoticeAsync(who.Bureau, 987654, new CallNoticeInput("x", null, null, null))).Kind);
        }
        using (var db = LibraryStore.Create(options))
        {
            var r = await new CallService(db, clock).UpdateNoticeAsync(who.Bureau, callId,
                new CallNoticeInput(" 以下 1 项申报拟予奖补，公示期 5 个工作日。 ", " 李科长 ", "", "昆山市前进东路 1 号 工信局"));
            Assert.True(r.Ok, r.Message);
        }
        using (var db = LibraryStore.Create(options))
        {
            var call = await db.Calls.AsNoTracking().SingleAsync();
            Assert.Equal(("以下 1 项申报拟予奖补，公示期 5 个工作日。", "李科长", (string?)null, "昆山市前进东路 1 号 工信局"),
                (call.NoticeText, call.NoticeContact, call.NoticePhone, call.NoticeAddress));
            var audit = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == "修改公示说明" && a.Entity == "call");
            Assert.Contains("王科长", audit.Before, StringComparison.Ordinal);
            Assert.Contains("李科长", audit.After, StringComparison.Ordinal);

            clock.Now = Beijing(2026, 3, 4, 10);
            var board = await NoticeBoard.LoadAsync(db, 2025, null, clock.Today());
            var section = Assert.Single(board.Sections);
            Assert.Equal(callId, section.Call!.Id);
            var entry = Assert.Single(section.Entries);
            Assert.Equal((id, true, (int?)2), (entry.Row.Id, entry.TakesObjections, entry.DaysLeft));
            Assert.Empty((await NoticeBoard.LoadAsync(db, 2024, null, clock.Today())).Sections);
            Assert.Empty((await NoticeBoard.LoadAsync(db, null, callId + 1, clock.Today())).Sections);

            var after = await NoticeBoard.LoadAsync(db, null, callId, new DateOnly(2026, 3, 7));
            var over = Assert.Single(Assert.Single(after.Sections).Entries);
            Assert.Equal((false, (int?)null), (over.TakesObjections, over.DaysLeft));
        }
    }
}
