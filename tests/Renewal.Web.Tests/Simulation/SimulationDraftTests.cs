using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Simulation;

/// <summary>
/// A saved simulation turned into a draft revision (issue 11 item 4): a bureau administrator does it from the saved
/// simulation's page; the draft carries the simulated values from 1 January of its year and applies to nothing until a
/// second administrator publishes it; no one else may do it.
/// </summary>
public abstract class SimulationDraftTests(RenewalApp app)
{
    [Fact]
    public async Task AnAdministrator_TurnsASavedSimulationIntoADraft_ThatAppliesToNothingYet()
    {
        var id = app.Data.SimulationId;
        using (var reviewer = await app.SignInAsync("shiju"))
        {
            Assert.DoesNotContain("转为规则修订草稿", await reviewer.PageAsync($"/simulate/{id}"), StringComparison.Ordinal);
            using var refused = await reviewer.PostFormAsync($"/simulate/{id}?handler=Draft");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/denied", refused.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        using var admin = await app.SignInAsync("admin");
        Assert.Contains("转为规则修订草稿", await admin.PageAsync($"/simulate/{id}"), StringComparison.Ordinal);
        using var r = await admin.PostFormAsync($"/simulate/{id}?handler=Draft");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);

        using var db = app.Db();
        var draft = await db.Revisions.AsNoTracking().SingleAsync(x => x.DocumentId == $"SIM-{id}-{app.Clock.GetLocalNow():yyyyMMdd}");
        Assert.Equal($"/rules/drafts/{draft.Id}", r.Headers.Location!.OriginalString);
        Assert.Equal((RevisionState.Draft, "admin"), (draft.State, draft.DraftedBy));
        var revision = RevisionReader.Read(draft.Text, "draft", PolicyEngine.Default.Parameters);
        var value = Assert.Single(Assert.Single(revision.Values, v => v.Parameter == "effective_investment.rate").Values);
        Assert.Equal((new DateOnly(2025, 1, 1), (DateOnly?)new DateOnly(2027, 12, 31), 0.10m), (value.From, value.Until, (decimal)value.Value));
        Assert.DoesNotContain(await db.Revisions.AsNoTracking().Where(x => x.State == RevisionState.Published).Select(x => x.DocumentId).ToListAsync(),
            d => d == draft.DocumentId);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class SimulationDraftOnSqliteTests(SqliteApp app) : SimulationDraftTests(app);

[Collection(PostgresFixture.Name)]
public sealed class SimulationDraftOnPostgresTests(PostgresApp app) : SimulationDraftTests(app);
