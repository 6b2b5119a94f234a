using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Features.Applications;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Workflow;

/// <summary>
/// The declaration of record over HTTP (issue 10 item 2): the enterprise withdraws and submits again, and the reviewer
/// reads version 2 against version 1 (figure by figure, the award before and after) on the page and in the API, and
/// downloads the frozen scenario whose SHA-256 is the one shown; an approval whose amount moved answers 409 with both
/// amounts and why, and passes once the reviewer confirms that amount.
/// </summary>
public abstract class DeclarationTests(RenewalApp app)
{
    private void SetEquipment(int projectId, int year, decimal equipment)
    {
        using var db = app.Db();
        db.Investments.Single(i => i.ProjectId == projectId && i.Year == year).Equipment = equipment;
        db.SaveChanges();
    }

    [Fact]
    public async Task Withdrawn_AndSubmittedAgain_TheReviewerReadsWhatChanged_AndTheSnapshotIsTheOneHashed()
    {
        var project = app.Data.TakeJiaProject();
        using var jia = await app.SignInAsync("jia");
        var a = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2025, project);
        Assert.Equal(4_800_000m, (await Flow.MoveAsync(jia, a.Id, WorkflowAction.Submit)).SubmittedAmount);
        var withdrawn = await Flow.MoveAsync(jia, a.Id, WorkflowAction.Withdraw);
        Assert.Equal(ApplicationState.Withdrawn, withdrawn.State);
        Assert.Contains(WorkflowAction.Submit, withdrawn.AvailableActions);
        SetEquipment(project, 2025, 70_000_000m);
        var again = await Flow.MoveAsync(jia, a.Id, WorkflowAction.Submit);
        Assert.Equal((5_600_000m, 2), (again.SubmittedAmount!.Value, again.DeclarationVersion!.Value));

        using var quzhen = await app.SignInAsync("quzhen");
        var records = await quzhen.JsonAsync<List<DeclarationDto>>($"/api/v1/applications/{a.Id}/declarations");
        Assert.Equal([1, 2], records.Select(r => r.Version));
        var v2 = records[1];
        Assert.Equal((4_800_000m, 5_600_000m), (v2.PreviousAmount!.Value, v2.Amount));
        var change = Assert.Single(v2.Changes);
        Assert.Equal(("2025 年设备投资", "60,000,000.00 元", "70,000,000.00 元"), (change.Field, change.Before, change.After));

        // The library changes again after the submission: the page says so, the application keeps version 2.
        SetEquipment(project, 2025, 90_000_000m);
        var page = await quzhen.PageAsync($"/applications/{a.Id}");
        Assert.Contains("与第 1 版相比", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"before\">60,000,000.00 元</td><td class=\"after\">70,000,000.00 元</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"before\">4,800,000.00 元</td><td class=\"after\">5,600,000.00 元</td>", page, StringComparison.Ordinal);
        Assert.Contains("提交后项目库中的数据有变化", page, StringComparison.Ordinal);
        Assert.Contains(v2.Hash[..12], page, StringComparison.Ordinal);

        using var file = await quzhen.GetAsync($"/applications/{a.Id}?handler=Declaration&record={v2.Id}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal(v2.Hash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains("equipment: 70000000", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        // Another enterprise reads none of it.
        using var qiye2 = await app.SignInAsync("qiye2");
        using (var api = await qiye2.GetAsync($"/api/v1/applications/{a.Id}/declarations")) Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        using (var other = await qiye2.GetAsync($"/applications/{a.Id}?handler=Declaration&record={v2.Id}")) Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Approval_WhoseAmountMoved_Answers409WithBothAmountsAndWhy_AndPassesOnceConfirmed()
    {
        var project = app.Data.TakeJiaProject();
        var y2025 = await Flow.ToNoticeAsync(app, project, 2025);
        var y2026 = await Flow.ToNoticeAsync(app, project, 2026);
        Flow.PassTheNotice(app);
        using var shiju = await app.SignInAsync("shiju");
        Assert.Equal(4_800_000m, (await Flow.MoveAsync(shiju, y2025, WorkflowAction.Approve)).ApprovedAmount);

        // The page shows the new amount and why, and asks the reviewer to confirm it.
        var page = await shiju.PageAsync($"/applications/{y2026}");
        Assert.Contains("确认测算金额 3,200,000.00 元", page, StringComparison.Ordinal);
        Assert.Contains("2025 年有效投入奖补 4,800,000.00 元", page, StringComparison.Ordinal);

        using (var refused = await Flow.TryMoveAsync(shiju, y2026, WorkflowAction.Approve))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            var changed = problem.RootElement.GetProperty("amountChanged");
            Assert.Equal(4_800_000m, changed.GetProperty("submitted").GetDecimal());
            Assert.Equal(3_200_000m, changed.GetProperty("computed").GetDecimal());
            Assert.Contains("此前年度已批准的奖补已变化", changed.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(ApplicationState.PublicNotice, (await Flow.GetAsync(shiju, y2026)).State);

        var version = (await Flow.GetAsync(shiju, y2026)).Version;
        using var confirmed = await shiju.PostJsonAsync($"/api/v1/applications/{y2026}/moves", new MoveRequest(WorkflowAction.Approve, null, version, 3_200_000m));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var approved = (await confirmed.Content.ReadFromJsonAsync<ApplicationDto>(Session.Json))!;
        Assert.Equal((ApplicationState.Approved, 3_200_000m), (approved.State, approved.ApprovedAmount!.Value));
        var records = await shiju.JsonAsync<List<DeclarationDto>>($"/api/v1/applications/{y2026}/declarations");
        Assert.Equal(3_200_000m, records.Single(r => r.Purpose == DeclarationPurpose.Approval).Amount);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class DeclarationOnSqliteTests(SqliteApp app) : DeclarationTests(app);

[Collection(PostgresFixture.Name)]
public sealed class DeclarationOnPostgresTests(PostgresApp app) : DeclarationTests(app);
