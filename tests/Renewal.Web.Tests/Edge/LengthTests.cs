using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Workflow;

namespace Renewal.Web.Tests.Edge;

/// <summary>
/// Texts longer than their column are refused before anything is written, with a Chinese message naming the field, on
/// both databases (PostgreSQL used to throw on the insert and answer the misleading concurrency message; SQLite stored
/// the text whole).
/// </summary>
public abstract class LengthTests(RenewalApp app)
{
    [Fact]
    public async Task AMoveComment_OneCharacterTooLong_IsRefusedNamingTheField_AndNothingMoves()
    {
        using var qiye = await app.SignInAsync("qiye");
        var id = app.Data.OwnApplicationId;
        var before = await EventsAsync(id);
        using var r = await Flow.TryMoveAsync(qiye, id, WorkflowAction.Submit, new string('审', TextLimits.MoveComment + 1));
        var (status, reason) = await Flow.RefusalAsync(r);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("审核意见（comment）不能超过 2000 字", reason);
        Assert.Equal(ApplicationState.Draft, (await Flow.GetAsync(qiye, id)).State);
        Assert.Equal(before, await EventsAsync(id));
    }

    [Fact]
    public async Task AnObjection_TooLong_OnThePage_ShowsTheMessage_AndNothingIsStored()
    {
        using var shiju = await app.SignInAsync("shiju");
        var id = app.Data.NoticeApplicationId;
        var before = await ObjectionsAsync(id);
        var (post, html) = await shiju.SubmitFormAsync($"/applications/{id}?handler=Objection",
            [new("content", new string('异', TextLimits.ObjectionContent + 1))]);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("异议内容（content）不能超过 2000 字", Session.ErrorText(html));
        Assert.Equal(before, await ObjectionsAsync(id));
    }

    [Fact]
    public async Task AnObjection_TooLong_ThroughTheApi_Is400WithTheMessage_AndNothingIsStored()
    {
        using var shiju = await app.SignInAsync("shiju");
        var id = app.Data.NoticeApplicationId;
        var before = await ObjectionsAsync(id);
        using var r = await shiju.PostJsonAsync($"/api/v1/applications/{id}/objections", new { content = new string('异', 1_000_000) });
        var (status, reason) = await Flow.RefusalAsync(r);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("异议内容（content）不能超过 2000 字", reason);
        Assert.Equal(before, await ObjectionsAsync(id));
    }

    [Fact]
    public async Task AResolution_TooLong_IsRefused_AndTheObjectionKeepsItsResolution()
    {
        using var shiju = await app.SignInAsync("shiju");
        string? before;
        using (var db = app.Db()) before = (await db.Objections.AsNoTracking().SingleAsync(o => o.Id == app.Data.ObjectionId)).Resolution;
        var (_, html) = await shiju.SubmitFormAsync($"/applications/{app.Data.NoticeApplicationId}?handler=Resolve",
            [new("objectionId", app.Data.ObjectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("resolution", new string('处', TextLimits.ObjectionResolution + 1))]);
        Assert.Equal("处理意见（resolution）不能超过 2000 字", Session.ErrorText(html));
        using var after = app.Db();
        Assert.Equal(before, (await after.Objections.AsNoTracking().SingleAsync(o => o.Id == app.Data.ObjectionId)).Resolution);
    }

    [Fact]
    public void EveryLimit_IsTheColumnsMaxLength()
    {
        using var db = app.Db();
        int? Max<T>(string property) => db.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength();
        Assert.Equal(TextLimits.MoveComment, Max<ApplicationEvent>("Comment"));
        Assert.Equal(TextLimits.PaymentReference, Max<AwardApplication>("PaymentReference"));
        Assert.Equal(TextLimits.ObjectionContent, Max<Objection>("Content"));
        Assert.Equal(TextLimits.ObjectionResolution, Max<Objection>("Resolution"));
        Assert.Equal(TextLimits.ProgressNote, Max<ProgressReport>("Note"));
        // The limit itself passes; one more character does not.
        Assert.Null(TextLimits.Check(new string('审', TextLimits.MoveComment), "审核意见", "comment", TextLimits.MoveComment));
        Assert.Equal("审核意见（comment）不能超过 2000 字", TextLimits.Check(new string('审', TextLimits.MoveComment + 1), "审核意见", "comment", TextLimits.MoveComment));
    }

    private async Task<int> EventsAsync(int applicationId)
    {
        using var db = app.Db();
        return await db.ApplicationEvents.CountAsync(e => e.ApplicationId == applicationId);
    }

    private async Task<int> ObjectionsAsync(int applicationId)
    {
        using var db = app.Db();
        return await db.Objections.CountAsync(o => o.ApplicationId == applicationId);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class LengthOnSqliteTests(SqliteApp app) : LengthTests(app);

[Collection(PostgresFixture.Name)]
public sealed class LengthOnPostgresTests(PostgresApp app) : LengthTests(app);
