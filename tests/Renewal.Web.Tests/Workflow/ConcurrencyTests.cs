using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Web.Features.Applications;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Services.Workflow;

namespace Renewal.Web.Tests.Workflow;

/// <summary>
/// Two people pressing at the same moment, over HTTP, on each database: approvals never push a cap past its limit,
/// and a payment is made once. Requests are released together from a gate so that they overlap in the app.
/// </summary>
public abstract class ConcurrencyTests(RenewalApp app)
{
    /// <summary>Sends all <paramref name="requests"/> at the same moment and waits for every answer.</summary>
    private static async Task<HttpResponseMessage[]> AtOnceAsync(params Func<Task<HttpResponseMessage>>[] requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = requests.Select(r => Task.Run(async () => { await gate.Task; return await r(); })).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    [Theory]
    [InlineData(2025, 2026)]
    [InlineData(2026, 2025)]
    public async Task TwoReviewersApprovingAtOnce_NeverPushAProjectPastItsCap(int firstYear, int secondYear)
    {
        // 2025 and 2026 each compute 4,800,000 of B for the same project while neither is approved: together 9,600,000,
        // past the 8,000,000 lifetime cap. Approved awards are committed (ADR-016): if the requests happen to run one after
        // the other and 2025 goes first, 2026 is approved for the 3,200,000 left.
        var project = app.Data.TakeJiaProject();
        var first = await Flow.ToNoticeAsync(app, project, firstYear);
        var second = await Flow.ToNoticeAsync(app, project, secondYear);
        Flow.PassTheNotice(app);
        using var shiju = await app.SignInAsync("shiju");
        using var shiju2 = await app.SignInAsync("shiju2");
        var v1 = (await Flow.GetAsync(shiju, first)).Version;
        var v2 = (await Flow.GetAsync(shiju2, second)).Version;

        var answers = await AtOnceAsync(
            () => Flow.TryMoveAsync(shiju, first, WorkflowAction.Approve, version: v1),
            () => Flow.TryMoveAsync(shiju2, second, WorkflowAction.Approve, version: v2));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            var (status, reason) = await Flow.RefusalAsync(refused);
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.True(reason.Contains("上限", StringComparison.Ordinal) || reason.Contains("同时处理", StringComparison.Ordinal), reason);
        }

        using var db = app.Db();
        var approved = await db.Applications.Where(a => a.ProjectId == project && a.State == ApplicationState.Approved).OrderBy(a => a.Year).ToListAsync();
        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.OK), approved.Count);
        Assert.Equal(approved.Count == 1 ? new[] { 4_800_000m } : new[] { 4_800_000m, 3_200_000m }, approved.Select(a => a.ApprovedAmount ?? 0));
        var ledger = await db.CapLedgers.SingleAsync(c => c.Key == $"B|p{project}");
        Assert.Equal(approved.Sum(a => a.ApprovedAmount ?? 0), ledger.Used);
        Assert.True(ledger.Used <= ledger.Cap);
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task FourCreatesAtOnce_ForOneSubject_GiveOneApplication_AndThreeConflictsLinkingIt()
    {
        // Issue 10: four simultaneous POSTs (two sessions of the same enterprise) used to create two to four
        // applications, each later approvable. The database's unique index over live applications now decides.
        var project = app.Data.TakeJiaProject();
        using var jia = await app.SignInAsync("jia");
        using var jia2 = await app.SignInAsync("jia");
        var request = new CreateRequest(Renewal.Policy.Model.Scheme.EffectiveInvestment, 2027, project, null);

        var answers = await AtOnceAsync(
            () => jia.PostJsonAsync("/api/v1/applications", request),
            () => jia2.PostJsonAsync("/api/v1/applications", request),
            () => jia.PostJsonAsync("/api/v1/applications", request),
            () => jia2.PostJsonAsync("/api/v1/applications", request));

        var created = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var winner = (await created.Content.ReadFromJsonAsync<ApplicationDto>(Session.Json))!;
        foreach (var refused in answers.Where(a => a != created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains(winner.Number, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var existing = problem.RootElement.GetProperty("existing");
            Assert.Equal(winner.Id, existing.GetProperty("id").GetInt32());
            Assert.Equal($"/api/v1/applications/{winner.Id}", existing.GetProperty("url").GetString());
        }

        using var db = app.Db();
        Assert.Equal(1, await db.Applications.CountAsync(a => a.ProjectId == project && a.Year == 2027));
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task TwoFinanceOfficersPayingAtOnce_PayOnce()
    {
        var project = app.Data.TakeJiaProject();
        var id = await Flow.ToNoticeAsync(app, project, 2025);
        Flow.PassTheNotice(app);
        using (var shiju = await app.SignInAsync("shiju")) await Flow.MoveAsync(shiju, id, WorkflowAction.Approve);
        using var caizheng = await app.SignInAsync("caizheng");
        using var caizheng2 = await app.SignInAsync("caizheng2");
        var version = (await Flow.GetAsync(caizheng, id)).Version;

        var answers = await AtOnceAsync(
            () => Flow.TryMoveAsync(caizheng, id, WorkflowAction.Pay, "ZF-C-1", version),
            () => Flow.TryMoveAsync(caizheng2, id, WorkflowAction.Pay, "ZF-C-2", version));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden);
        var winner = await Flow.GetAsync(caizheng, id);
        Assert.Equal(ApplicationState.Paid, winner.State);
        using var db = app.Db();
        var paid = await db.AwardDecisions.Where(d => d.ProjectId == project && d.Status == AwardStatus.Paid).ToListAsync();
        Assert.Equal(4_800_000m, Assert.Single(paid).Amount);
        Assert.Single(await db.ApplicationEvents.Where(e => e.ApplicationId == id && e.Action == nameof(WorkflowAction.Pay)).ToListAsync());
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task TenRequestsPayingTheSameApplication_PayOnce()
    {
        var project = app.Data.TakeJiaProject();
        var id = await Flow.ToNoticeAsync(app, project, 2025);
        Flow.PassTheNotice(app);
        using (var shiju = await app.SignInAsync("shiju")) await Flow.MoveAsync(shiju, id, WorkflowAction.Approve);
        using var caizheng = await app.SignInAsync("caizheng");
        using var caizheng2 = await app.SignInAsync("caizheng2");

        // No version sent: only the server's own checks stand between ten payments and the money.
        var answers = await AtOnceAsync([.. Enumerable.Range(0, 10).Select(i => (Func<Task<HttpResponseMessage>>)(() =>
            (i % 2 == 0 ? caizheng : caizheng2).PostJsonAsync($"/api/v1/applications/{id}/moves",
                new MoveRequest(WorkflowAction.Pay, $"ZF-T-{i}", null))))]);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.Forbidden, $"{a.StatusCode}"));
        using var db = app.Db();
        Assert.Single(await db.AwardDecisions.Where(d => d.ProjectId == project && d.Status == AwardStatus.Paid).ToListAsync());
        foreach (var a in answers) a.Dispose();
    }
}

[Collection(SqliteFixture.Name)]
public sealed class ConcurrencyOnSqliteTests(SqliteApp app) : ConcurrencyTests(app);

[Collection(PostgresFixture.Name)]
public sealed class ConcurrencyOnPostgresTests(PostgresApp app) : ConcurrencyTests(app);
