using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Workflow;

namespace Renewal.Web.Tests.Notifications;

/// <summary>
/// Each person learns of each step (issue 12 item 4): after a return the enterprise's home starts with the returned
/// application in 待我办理 and its inbox holds the district's message with the opinion; the district's home lists what
/// it must accept; the unread count shows in the navigation and reading a message opens its application.
/// </summary>
public abstract class TodoAndInboxTests(RenewalApp app)
{
    [Fact]
    public async Task AfterAReturn_TheEnterpriseSeesItInItsQueueAndInbox_AndReadingOpensTheApplication()
    {
        using var firm = await app.SignInAsync("jia");
        using var district = await app.SignInAsync("quzhen");
        var id = (await Flow.CreateAsync(firm, Scheme.EffectiveInvestment, 2025, app.Data.TakeJiaProject())).Id;

        await Flow.MoveAsync(firm, id, WorkflowAction.Submit);
        var districtHome = await district.PageAsync("/");
        Assert.Contains("待我办理", districtHome, StringComparison.Ordinal);
        Assert.Contains($"/applications/{id}", districtHome, StringComparison.Ordinal);
        Assert.Contains("受理", districtHome, StringComparison.Ordinal);

        await Flow.MoveAsync(district, id, WorkflowAction.Accept);
        await Flow.MoveAsync(district, id, WorkflowAction.Return, "请补充设备发票清单");

        var home = await firm.PageAsync("/enterprise");
        Assert.Contains("按意见修改后重新提交", home, StringComparison.Ordinal);
        Assert.Contains("class=\"badge\"", home, StringComparison.Ordinal);
        var inbox = await firm.PageAsync("/inbox?unread=true");
        Assert.Contains("申报被退回修改", inbox, StringComparison.Ordinal);
        Assert.Contains("请补充设备发票清单", inbox, StringComparison.Ordinal);

        using var db = app.Db();
        var firmId = db.Users.Single(u => u.UserName == "jia").Id;
        var message = await db.Notifications.AsNoTracking().Where(n => n.UserId == firmId && n.ApplicationId == id && n.Kind == "returned").SingleAsync();
        using var read = await firm.PostFormAsync($"/inbox?handler=Read&id={message.Id}");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.Equal($"/applications/{id}", read.Headers.Location!.OriginalString);
        Assert.NotNull((await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == message.Id)).ReadAt);
        // Another person cannot read or mark it.
        using var foreign = await district.PostFormAsync($"/inbox?handler=Read&id={message.Id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("请补充设备发票清单", await district.PageAsync("/inbox"), StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class TodoAndInboxOnSqliteTests(SqliteApp app) : TodoAndInboxTests(app);

[Collection(PostgresFixture.Name)]
public sealed class TodoAndInboxOnPostgresTests(PostgresApp app) : TodoAndInboxTests(app);
