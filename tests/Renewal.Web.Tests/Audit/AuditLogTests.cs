using System.Net;
using Microsoft.EntityFrameworkCore;
using Renewal.Web.Features.Audit;
using Renewal.Web.Tests.Infrastructure;

namespace Renewal.Web.Tests.Audit;

/// <summary>
/// The audit log over HTTP: every change is recorded with who and what, the hash chain stays intact through real
/// requests (real clock precision, each database), and the page and the API both say so — or say where it broke.
/// </summary>
public abstract class AuditLogTests(RenewalApp app)
{
    [Fact]
    public async Task AfterSignInsAndMoves_TheChainIsIntact_AndThePageSaysSo()
    {
        using var jia = await app.SignInAsync("jia");
        var draft = await Workflow.Flow.CreateAsync(jia, Renewal.Policy.Model.Scheme.TechRenovation, 2025);
        await Workflow.Flow.MoveAsync(jia, draft.Id, Renewal.Data.Entities.WorkflowAction.Submit);

        using var shiju = await app.SignInAsync("shiju");
        var verify = await shiju.JsonAsync<VerifyResult>("/api/v1/audit/verify");
        Assert.True(verify.Intact, $"entry {verify.BrokenAt}: {verify.Problem}");

        var page = await shiju.PageAsync("/audit");
        Assert.Contains("哈希链完整", Session.StatusText(page));
        Assert.Contains(draft.Number, page);
        Assert.Contains("<td>jia</td>", page);
        Assert.Contains("提交申报", page);
    }

    [Fact]
    public async Task ATamperedEntry_IsReportedByThePageAndTheApi()
    {
        using var shiju = await app.SignInAsync("shiju"); // appends a sign-in entry
        await using var db = app.Db();
        var victim = await db.Audit.OrderByDescending(a => a.Id).FirstAsync();
        var original = victim.After;
        await db.Audit.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.After, "{\"篡改\":true}"));
        try
        {
            var verify = await shiju.JsonAsync<VerifyResult>("/api/v1/audit/verify");
            Assert.False(verify.Intact);
            Assert.Equal(victim.Id, verify.BrokenAt);
            Assert.Contains("哈希链校验失败", Session.ErrorText(await shiju.PageAsync("/audit")));
        }
        finally
        {
            await db.Audit.Where(a => a.Id == victim.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.After, original));
        }
    }

    [Theory]
    [InlineData("qiye")]
    [InlineData("quzhen")]
    [InlineData("yinhang")]
    public async Task OnlyTheBureauAndFinance_ReadTheAuditLog(string user)
    {
        using var s = await app.SignInAsync(user);
        using var page = await s.GetAsync("/audit");
        Assert.StartsWith("/account/denied", Session.RedirectPath(page));
        using var api = await s.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class AuditLogOnSqliteTests(SqliteApp app) : AuditLogTests(app);

[Collection(PostgresFixture.Name)]
public sealed class AuditLogOnPostgresTests(PostgresApp app) : AuditLogTests(app);
