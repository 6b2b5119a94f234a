using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Web.Features.Verify;
using Renewal.Web.Tests.Infrastructure;
using Renewal.Web.Tests.Reports;
using Renewal.Web.Tests.Workflow;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Web.Tests.Verify;

/// <summary>
/// The decision of record in public (issue 11 item 5): /verify/{code} and GET /api/v1/verify/{code} answer anyone, without
/// signing in, with what the public notice shows and the verdict of evaluating the decision again; the application page
/// and the award notice PDF carry the code.
/// </summary>
public abstract class VerifyTests(RenewalApp app)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>庚 (account geng, in the demo district's area, with a contact person on file) with one B award approved for 2025.</summary>
    private sealed record Setup(int EnterpriseId, int ApplicationId, string Number, decimal Amount, string Code, string Hash, string CreditCode);

    private const string Name = "庚数控装备（昆山）有限公司";
    private const string Contact = "王联络";
    private const string Phone = "13912345678";

    private static readonly ConcurrentDictionary<RenewalApp, Lazy<Task<Setup>>> Setups = new();

    private Task<Setup> Ready() => Setups.GetOrAdd(app, a => new Lazy<Task<Setup>>(() => CreateAsync(a))).Value;

    private static async Task<Setup> CreateAsync(RenewalApp app)
    {
        const string first17 = "91320583MA1R3P7X4";
        var code = first17 + CreditCode.CheckCharacter(first17);
        int enterpriseId, projectId;
        await using (var db = app.Db())
        {
            var e = new Enterprise
            {
                CreditCode = code, Name = Name, Area = app.Data.DistrictArea, IndustryCode = "C3421", AboveScale = true,
                ContactName = Contact, ContactPhone = Phone,
                Projects = [new Project
                {
                    Code = "GENG-01", Name = "庚公司五轴联动加工产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
                    Clusters = ["equipment_manufacturing"], Investments = [new ProjectInvestment { Year = 2025, Equipment = 27_345_678.91m }],
                }],
            };
            db.Enterprises.Add(e);
            await db.SaveChangesAsync();
            (enterpriseId, projectId) = (e.Id, e.Projects[0].Id);
        }
        await app.AddAccountAsync("geng", Role.Enterprise, creditCode: code);
        using var geng = await app.SignInAsync("geng");
        using var district = await app.SignInAsync("quzhen");
        using var bureau = await app.SignInAsync("shiju");
        var created = await Flow.CreateAsync(geng, Scheme.EffectiveInvestment, 2025, projectId);
        await Flow.MoveAsync(geng, created.Id, WorkflowAction.Submit);
        await Flow.MoveAsync(district, created.Id, WorkflowAction.Accept);
        await Flow.MoveAsync(district, created.Id, WorkflowAction.DistrictApprove);
        await Flow.MoveAsync(bureau, created.Id, WorkflowAction.BureauApprove);
        Flow.PassTheNotice(app);
        using var bureauLater = await app.SignInAsync("shiju");
        var approved = await Flow.MoveAsync(bureauLater, created.Id, WorkflowAction.Approve);
        Assert.Equal(ApplicationState.Approved, approved.State);
        await using var check = app.Db();
        var record = await check.Declarations.AsNoTracking().SingleAsync(d => d.ApplicationId == created.Id && d.Purpose == DeclarationPurpose.Approval);
        Assert.NotNull(record.Code);
        return new Setup(enterpriseId, created.Id, approved.Number, approved.ApprovedAmount!.Value, record.Code!, record.Hash, code);
    }

    private static string Loosely(string code) => code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Insert(6, " ");

    [Fact]
    public async Task AVisitor_OpensTheCode_AndSeesTheDecision_TheAmountAndTheVerdict()
    {
        var s = await Ready();
        using var visitor = app.Anonymous();
        var html = await visitor.PageAsync($"/verify/{s.Code}");
        Assert.Contains("核验奖补决定", html, StringComparison.Ordinal);
        Assert.Contains(VerifyDecision.Agrees, html, StringComparison.Ordinal);
        Assert.Contains("按记录的申报快照与规则重算，结果一致（到分）", html, StringComparison.Ordinal);
        Assert.Contains(s.Amount.ToString("#,##0.00", Inv) + " 元", html, StringComparison.Ordinal);
        Assert.Contains(s.Number, html, StringComparison.Ordinal);
        Assert.Contains(Name, html, StringComparison.Ordinal);
        Assert.Contains("有效投入奖补", html, StringComparison.Ordinal);
        Assert.Contains("<dd>2025</dd>", html, StringComparison.Ordinal);
        Assert.Contains("已批准", html, StringComparison.Ordinal);
        Assert.Contains(s.Hash, html, StringComparison.Ordinal); // the snapshot's whole SHA-256
        Assert.Contains("已知的规则", html, StringComparison.Ordinal); // K: the platform decides under the rules as known that day
        Assert.Contains("（北京时间）", html, StringComparison.Ordinal);
        Assert.Contains(s.Code, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVerifyPage_ShowsNothingTheNoticeDoesNotShow()
    {
        var s = await Ready();
        using var visitor = app.Anonymous();
        var html = await visitor.PageAsync($"/verify/{s.Code}");
        var json = await visitor.PageAsync($"/api/v1/verify/{s.Code}");
        foreach (var text in new[] { html, json })
        {
            Assert.DoesNotContain(s.CreditCode, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Contact, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain("庚公司五轴联动加工产线", text, StringComparison.Ordinal); // nor the declared project
            Assert.DoesNotContain("27,345,678.91", text, StringComparison.Ordinal); // nor the declared figures
            Assert.DoesNotContain("27345678.91", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ALooselyTypedCode_LeadsToTheDecision()
    {
        var s = await Ready();
        using var visitor = app.Anonymous();
        using var r = await visitor.GetAsync("/verify?code=" + Uri.EscapeDataString(Loosely(s.Code)));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal($"/verify/{s.Code}", Session.RedirectPath(r));
        using var typedInPath = await visitor.GetAsync("/verify/" + s.Code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal($"/verify/{s.Code}", Session.RedirectPath(typedInPath));
        Assert.Contains(VerifyDecision.Agrees, await visitor.PageAsync(Session.RedirectPath(r)!), StringComparison.Ordinal);
        var api = await visitor.JsonAsync<VerifiedDecision>("/api/v1/verify/" + Uri.EscapeDataString(Loosely(s.Code)));
        Assert.Equal(s.Code, api.Code);
    }

    [Fact]
    public async Task AMalformedCode_GetsAChineseMessage_AndAnUnknownCode_IsNotFound()
    {
        using var visitor = app.Anonymous();
        var form = await visitor.PageAsync("/verify");
        Assert.Contains("name=\"code\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"alert\"", form, StringComparison.Ordinal);

        foreach (var bad in new[] { "12345", "ABCD-EFGH-IJK!", "这不是核验码", new string('A', 200) })
        {
            using var r = await visitor.GetAsync("/verify?code=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var error = Session.ErrorText(await r.Content.ReadAsStringAsync());
            Assert.NotNull(error);
            Assert.Contains("格式不对", error, StringComparison.Ordinal);
            Assert.Contains("12 位字母或数字", error, StringComparison.Ordinal);
        }
        const string unknown = "ZZZZ-ZZZZ-ZZZZ";
        var page = await visitor.PageAsync("/verify/" + unknown);
        Assert.Equal($"未找到核验码为 {unknown} 的奖补决定：请核对通知书上的核验码", Session.ErrorText(page));
        Assert.DoesNotContain(VerifyDecision.Agrees, page, StringComparison.Ordinal);

        using (var r = await visitor.GetAsync("/api/v1/verify/12345"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("格式不对", (await r.Content.ReadFromJsonAsync<ProblemDetails>(Session.Json))!.Detail, StringComparison.Ordinal);
        }
        using (var r = await visitor.GetAsync("/api/v1/verify/" + unknown))
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Contains("未找到核验码", (await r.Content.ReadFromJsonAsync<ProblemDetails>(Session.Json))!.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheJsonEndpoint_IsAnonymous_AndGivesThePublicFields()
    {
        var s = await Ready();
        using var visitor = app.Anonymous();
        using var r = await visitor.GetAsync($"/api/v1/verify/{s.Code}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var d = doc.RootElement;
        Assert.Equal(s.Code, d.GetProperty("code").GetString());
        Assert.Equal(s.Number, d.GetProperty("number").GetString());
        Assert.Equal(Name, d.GetProperty("enterprise").GetString());
        Assert.Equal("EffectiveInvestment", d.GetProperty("scheme").GetString());
        Assert.Equal("有效投入奖补", d.GetProperty("schemeName").GetString());
        Assert.Equal(2025, d.GetProperty("year").GetInt32());
        Assert.Equal(s.Amount, d.GetProperty("amount").GetDecimal());
        Assert.Equal("Approved", d.GetProperty("state").GetString());
        Assert.Equal("已批准", d.GetProperty("stateName").GetString());
        Assert.EndsWith("+08:00", d.GetProperty("decidedAt").GetString(), StringComparison.Ordinal); // Beijing time
        Assert.Equal(JsonValueKind.String, d.GetProperty("knownOn").ValueKind);
        Assert.Equal(s.Hash, d.GetProperty("snapshotHash").GetString());
        Assert.True(d.GetProperty("reproduces").GetBoolean());
        Assert.Equal(VerifyDecision.Agrees, d.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Array, d.GetProperty("revisions").ValueKind);
        Assert.False(d.TryGetProperty("creditCode", out _));
    }

    [Fact]
    public async Task TheApplicationPage_ShowsTheDecisionRecord_WithItsCodeAndTheLinkToVerifyIt()
    {
        var s = await Ready();
        using var geng = await app.SignInAsync("geng");
        var html = await geng.PageAsync($"/applications/{s.ApplicationId}");
        Assert.Contains("决定记录", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{s.Code}</code>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/verify/{s.Code}\"", html, StringComparison.Ordinal);
        Assert.Contains("已知的规则", html, StringComparison.Ordinal);
        Assert.Contains(s.Hash[..12], html, StringComparison.Ordinal);
        Assert.Contains("按记录的申报快照与规则重算，结果一致（到分）", html, StringComparison.Ordinal);
        await using var db = app.Db();
        var record = await db.Declarations.AsNoTracking().SingleAsync(d => d.ApplicationId == s.ApplicationId && d.Purpose == DeclarationPurpose.Approval);
        Assert.Contains(record.ParameterVersion, html, StringComparison.Ordinal);
        if (record.RevisionIds.Count == 0) Assert.Contains("规则包本身（无修订）", html, StringComparison.Ordinal);
        else Assert.Contains("规则修订：" + record.RevisionIds[0], html, StringComparison.Ordinal);

        // Before approval there is no decision of record to show.
        using var qiye = await app.SignInAsync("qiye");
        Assert.DoesNotContain("决定记录", await qiye.PageAsync($"/applications/{app.Data.NoticeApplicationId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAwardNotice_CarriesTheCode_AndWhereToCheckIt()
    {
        var s = await Ready();
        Poppler.EnsureFont();
        using var geng = await app.SignInAsync("geng");
        using var r = await geng.GetAsync($"/reports/award-notice?enterprise={s.EnterpriseId}&year=2025");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var (text, _) = Poppler.Read(await r.Content.ReadAsByteArrayAsync());
        Assert.Contains($"{s.Number}：核验码{s.Code}核验网址http://localhost/verify/{s.Code}", text, StringComparison.Ordinal);
    }
}

[Collection(SqliteFixture.Name)]
public sealed class VerifyOnSqliteTests(SqliteApp app) : VerifyTests(app);

[Collection(PostgresFixture.Name)]
public sealed class VerifyOnPostgresTests(PostgresApp app) : VerifyTests(app);
