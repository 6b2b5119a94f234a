using System.Net;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Workflow;

/// <summary>
/// 提交前测算 (issue 12 item 3): the draft's page shows what submitting now would give, explained; at ¥0 it warns and
/// names the nearest missing condition; reviewers and other enterprises see no estimate, and it disappears once submitted.
/// </summary>
public abstract class EstimateTests(RenewalApp app)
{
    [Fact]
    public async Task TheDraft_ShowsTheEstimate_AndWarnsAtZeroWithTheNearestMissingCondition()
    {
        using var jia = await app.SignInAsync("jia");
        var project = app.Data.TakeJiaProject();
        var good = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2025, project);
        var page = await jia.PageAsync($"/applications/{good.Id}");
        Assert.Contains("提交前测算", page, StringComparison.Ordinal);
        Assert.Contains("data-estimate=\"4800000", page, StringComparison.Ordinal); // 8% × 60,000,000
        Assert.DoesNotContain("测算金额为 ¥0", page, StringComparison.Ordinal);

        // 2024: no equipment that year — ¥0, said before submitting, with what is missing.
        var zero = await Flow.CreateAsync(jia, Scheme.EffectiveInvestment, 2024, project);
        var warned = await jia.PageAsync($"/applications/{zero.Id}");
        Assert.Contains("测算金额为 ¥0", warned, StringComparison.Ordinal);
        Assert.Contains("最近的未满足条件", warned, StringComparison.Ordinal);

        using (var district = await app.SignInAsync("quzhen"))
            Assert.DoesNotContain("提交前测算", await district.PageAsync($"/applications/{good.Id}"), StringComparison.Ordinal);
        await Flow.MoveAsync(jia, good.Id, WorkflowAction.Submit);
        Assert.DoesNotContain("提交前测算", await jia.PageAsync($"/applications/{good.Id}"), StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class EstimateOnSqliteTests(SqliteApp app) : EstimateTests(app);

[Collection(PostgresFixture.Name)]
public sealed class EstimateOnPostgresTests(PostgresApp app) : EstimateTests(app);
