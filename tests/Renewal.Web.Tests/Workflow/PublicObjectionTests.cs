using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Services.Workflow;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Workflow;

/// <summary>
/// 公示 on the pages (issue 12 item 6), on each database: /notice shows each call's notice and contact and each
/// application's period; anyone objects there without signing in (the form carries its antiforgery token, refusals
/// name the field, posts are limited per client address with a Chinese 429); the objector's contact is never on a
/// public page; the reviewers see it on the application, the enterprise and others do not; the bureau is told in its
/// inbox, resolves it on the application, and may then approve.
/// </summary>
public abstract class PublicObjectionTests(RenewalApp app)
{
    private const string Contact = "objector-7@example.com";
    private const string Name = "郑公民";
    private const string Reason = "据我所知该产线的部分设备为二手设备，与申报的新购设备不符，请核实。";

    private Session Visitor(string address) => new(ClientAddress.From(app.NewClient(), address));

    internal static Dictionary<string, string> Fields(string? name, string? contact, string? reason) => new()
    {
        ["Name"] = name ?? "", ["Contact"] = contact ?? "", ["Reason"] = reason ?? "",
    };

    private async Task<string> NumberAsync(int id)
    {
        using var db = app.Db();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Number).SingleAsync();
    }

    [Fact]
    public async Task AnAnonymousVisitor_ObjectsOnTheNotice_TheBureauIsTold_ReviewersSeeTheContact_AndApprovalWaitsForTheResolution()
    {
        var id = await Flow.ToNoticeAsync(app, app.Data.TakeJiaProject(), 2025);
        var number = await NumberAsync(id);
        var today = Renewal.Services.BeijingTime.Today(app.Clock);
        int callId;
        using (var db = app.Db()) callId = (await db.Applications.SingleAsync(a => a.Id == id)).CallId!.Value;

        // The bureau writes the call's notice and contact on the call's page.
        using var shiju = await app.SignInAsync("shiju");
        var (saved, callPage) = await shiju.SubmitFormAsync($"/calls/{callId}?handler=Notice", new Dictionary<string, string>
        {
            ["noticeText"] = "经企业申报、区镇初审、市局审核，以下项目拟予奖补，现予公示。", ["noticeContact"] = "王科长", ["noticePhone"] = "0512-57350000",
            ["noticeAddress"] = "昆山市前进东路 1 号",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("公示说明已保存", Session.StatusText(callPage));

        // /notice, for anyone: the call's notice and contact, the period in Beijing dates with the days left, 提出异议.
        using var visitor = Visitor("10.61.0.1");
        var notice = await visitor.PageAsync($"/notice?Year=2025&Call={callId}");
        Assert.Contains("经企业申报、区镇初审、市局审核，以下项目拟予奖补，现予公示。", notice, StringComparison.Ordinal);
        Assert.Contains("联系人：王科长；联系电话：0512-57350000；电子邮箱或通讯地址：昆山市前进东路 1 号", notice, StringComparison.Ordinal);
        var end = Renewal.Data.Entities.WorkingDays.End(today, 5);
        Assert.Contains($"公示期 {today:yyyy-MM-dd} 至 {end:yyyy-MM-dd}", notice, StringComparison.Ordinal);
        Assert.Contains($"还有 {end.DayNumber - today.DayNumber} 天截止", notice, StringComparison.Ordinal);
        Assert.Contains($"href=\"/notice/{id}/objection\"", notice, StringComparison.Ordinal);

        // The form: the application as the notice shows it, the antiforgery token; a post without it is refused.
        var form = await visitor.PageAsync($"/notice/{id}/objection");
        Assert.Contains(number, form, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", form, StringComparison.Ordinal);
        using (var forged = await visitor.Client.PostAsync($"/notice/{id}/objection", new FormUrlEncodedContent(Fields(Name, Contact, Reason))))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var (post, back) = await visitor.SubmitFormAsync($"/notice/{id}/objection", Fields(Name, Contact, Reason));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("异议已提交", Session.StatusText(back), StringComparison.Ordinal);
        using (var db = app.Db())
        {
            var o = await db.Objections.AsNoTracking().SingleAsync(x => x.ApplicationId == id);
            Assert.Equal((Name, Contact, Reason, true), (o.RaisedBy, o.Contact, o.Content, o.FromPublicForm));
        }

        // Never on a public page: not the contact, not the name.
        using var other = app.Anonymous();
        foreach (var path in new[] { "/notice", $"/notice?Call={callId}", $"/notice/{id}/objection", "/api/v1/notice" })
        {
            var text = await other.PageAsync(path);
            Assert.DoesNotContain(Contact, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Name, text, StringComparison.Ordinal);
        }

        // The bureau learns of it in its inbox, and reads name, contact and reason on the application.
        var inbox = await shiju.PageAsync("/inbox");
        Assert.Contains($"公示异议待处理：{number}", inbox, StringComparison.Ordinal);
        var page = await shiju.PageAsync($"/applications/{id}");
        Assert.Contains(Name, page, StringComparison.Ordinal);
        Assert.Contains(Contact, page, StringComparison.Ordinal);
        Assert.Contains(Reason, page, StringComparison.Ordinal);
        Assert.Contains("1 项待处理", page, StringComparison.Ordinal);
        using var quzhen = await app.SignInAsync("quzhen");
        Assert.Contains(Contact, await quzhen.PageAsync($"/applications/{id}"), StringComparison.Ordinal);

        // The enterprise reads the reason, not who objected or how to reach them; another district and another enterprise see nothing.
        using var jia = await app.SignInAsync("jia");
        var own = await jia.PageAsync($"/applications/{id}");
        Assert.Contains(Reason, own, StringComparison.Ordinal);
        Assert.DoesNotContain(Contact, own, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, own, StringComparison.Ordinal);
        var elsewhere = await app.AddAccountAsync("quzhen-zp-" + app.Provider, Role.DistrictReviewer, area: "张浦镇-" + app.Provider);
        foreach (var who in new[] { "qiye2", elsewhere.UserName })
        {
            using var s = await app.SignInAsync(who);
            using var r = await s.GetAsync($"/applications/{id}");
            Assert.True(r.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                || Session.RedirectPath(r)?.StartsWith("/account/denied", StringComparison.Ordinal) == true, $"{who}: {(int)r.StatusCode}");
            if (r.StatusCode == HttpStatusCode.OK) Assert.DoesNotContain(Contact, await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // After the notice, approval waits for the resolution; the bureau resolves it on the page and then approves.
        Flow.PassTheNotice(app);
        using var later = await app.SignInAsync("shiju");
        var waiting = await Flow.PressAsync(later, id, WorkflowAction.Approve);
        Assert.Equal("公示中", Flow.StateOn(waiting));
        Assert.Equal("公示期内有未处理的异议，处理后方可批准", Session.ErrorText(waiting));
        int objectionId;
        using (var db = app.Db()) objectionId = await db.Objections.Where(o => o.ApplicationId == id).Select(o => o.Id).SingleAsync();
        var (_, resolved) = await later.SubmitFormAsync($"/applications/{id}?handler=Resolve", new Dictionary<string, string>
        {
            ["objectionId"] = objectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["resolution"] = "经现场核查，设备均为新购，异议不成立，已电话告知异议人。",
        });
        Assert.Equal("异议已处理", Session.StatusText(resolved));
        Assert.Contains("经现场核查，设备均为新购，异议不成立，已电话告知异议人。", resolved, StringComparison.Ordinal);
        Assert.Contains("shiju", resolved, StringComparison.Ordinal);
        Assert.Equal("已批准", Flow.StateOn(await Flow.PressAsync(later, id, WorkflowAction.Approve)));

        // Its notice is over: the public page still lists it, but takes no more objections.
        using var afterwards = Visitor("10.61.0.2");
        var closed = await afterwards.PageAsync($"/notice/{id}/objection");
        Assert.Contains("不能再提出异议", Session.ErrorText(closed), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Reason\"", closed, StringComparison.Ordinal);
        var (late, lateHtml) = await afterwards.SubmitFormAsync($"/notice/{id}/objection", Fields("李四", "13900000000", "公示结束以后才提交的异议理由。"));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("不能再提出异议", Session.ErrorText(lateHtml), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedObjection_NamesEachFieldInChinese_AndKeepsWhatWasTyped()
    {
        using var visitor = Visitor("10.62.0.1");
        var id = app.Data.NoticeApplicationId;
        var (post, html) = await visitor.SubmitFormAsync($"/notice/{id}/objection", Fields("", "明天打给我", "太短"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var error = Session.ErrorText(html);
        if (error is not null && error.Contains("不能再提出异议", StringComparison.Ordinal)) return; // another test moved the clock past this notice
        Assert.NotNull(error);
        Assert.Contains("请填写姓名（name）", error, StringComparison.Ordinal);
        Assert.Contains("联系方式（contact）应为电话号码或电子邮箱", error, StringComparison.Ordinal);
        Assert.Contains("异议理由（reason）至少", error, StringComparison.Ordinal);
        Assert.Contains("value=\"明天打给我\"", html, StringComparison.Ordinal);
        Assert.Contains(">太短</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("aria-invalid=\"true\"").Length - 1);
    }

    [Fact]
    public async Task TheApi_SetsACallsNotice_ForTheBureauOnly_NamingAnOverLongField()
    {
        var path = $"/api/v1/calls/{app.Data.OwnCallId}/notice";
        using var qiye = await app.SignInAsync("qiye");
        using (var refused = await qiye.PostJsonAsync(path, new { text = "企业不能填写" })) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var shiju = await app.SignInAsync("shiju");
        using (var tooLong = await shiju.PostJsonAsync(path, new { text = "公示", phone = new string('1', ProgrammeCall.NoticeContactLength + 1) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("联系电话（notice_phone）不能超过", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var ok = await shiju.PostJsonAsync(path, new { text = "以下申报拟予奖补，现予公示。", contact = "赵科长", phone = "0512-57351111", address = "" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var call = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<Renewal.Web.Features.Calls.CallDto>(ok.Content, Session.Json);
        Assert.Equal(new Renewal.Web.Features.Calls.CallNoticeDto("以下申报拟予奖补，现予公示。", "赵科长", "0512-57351111", null), call!.Notice);
    }

    [Fact]
    public async Task AnApplicationNotOnTheNotice_HasNoObjectionForm()
    {
        using var visitor = Visitor("10.64.0.1");
        using var draft = await visitor.GetAsync($"/notice/{app.Data.OwnApplicationId}/objection");
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        using var post = await visitor.PostFormAsync($"/notice/{app.Data.OwnApplicationId}/objection", Fields(Name, Contact, Reason));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var missing = await visitor.GetAsync($"/notice/{TestData.Missing}/objection");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var db = app.Db();
        Assert.False(await db.Objections.AnyAsync(o => o.ApplicationId == app.Data.OwnApplicationId));
    }
}

[Collection(SqliteFixture.Name)]
public sealed class PublicObjectionOnSqliteTests(SqliteApp app) : PublicObjectionTests(app);

[Collection(PostgresFixture.Name)]
public sealed class PublicObjectionOnPostgresTests(PostgresApp app) : PublicObjectionTests(app);

/// <summary>The app with the default limit of public objections (5 posts per address per 10 minutes) instead of the test suite's.</summary>
public sealed class ObjectionLimitApp() : RenewalApp("sqlite")
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), new("Objections:AddressPermits", "5")];
}

/// <summary>ASP.NET Core's rate limiter on the public objection form, per client address.</summary>
public sealed class ObjectionRateLimitTests(ObjectionLimitApp app) : IClassFixture<ObjectionLimitApp>
{
    [Fact]
    public async Task TooManyObjectionsFromOneAddress_Answer429WithAChineseMessage_OtherAddressesStillObject()
    {
        var id = app.Data.NoticeApplicationId;
        Session Visitor(string address) => new(ClientAddress.From(app.NewClient(), address));
        using var flood = Visitor("10.63.0.1");
        for (var i = 0; i < 5; i++)
        {
            using var r = await flood.PostFormAsync($"/notice/{id}/objection", PublicObjectionTests.Fields("", "", ""));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode); // refused for its fields, but counted
        }
        using var limited = await flood.PostFormAsync($"/notice/{id}/objection", PublicObjectionTests.Fields("", "", ""));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("提交异议过于频繁：同一网络地址每 10 分钟最多提交 5 次，请稍后再试", Session.ErrorText(await limited.Content.ReadAsStringAsync()));
        Assert.True(limited.Headers.RetryAfter is not null);
        // Reading is not limited, and another address may still post.
        Assert.Contains("提出异议", await flood.PageAsync($"/notice/{id}/objection"), StringComparison.Ordinal);
        using var neighbour = Visitor("10.63.0.2");
        using var other = await neighbour.PostFormAsync($"/notice/{id}/objection", PublicObjectionTests.Fields("", "", ""));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

}
