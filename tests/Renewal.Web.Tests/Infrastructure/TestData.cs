using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Workflow;
using Renewal.Services;

namespace Renewal.Web.Tests.Infrastructure;

/// <summary>
/// Real ids from the seeded database that the tests address, and the rows the fixture adds: a controlled enterprise
/// 甲 (account <c>jia</c>, in the demo district's area) whose projects each compute 4,800,000 of B a year in 2025 and
/// 2026 — two years together exceed the 8,000,000 per-project cap — and extra reviewers and finance officers.
/// </summary>
public sealed record TestData
{
    public const string JiaCreditCode = "913205837AY4CL12TY";
    public const int JiaProjects = 20;
    public const int Missing = 987_654;

    /// <summary>The demo enterprise (account qiye) and the demo district's area (account quzhen).</summary>
    public required int DemoEnterpriseId { get; init; }
    public required string DemoCreditCode { get; init; }
    public required string DistrictArea { get; init; }
    /// <summary>qiye's project that declared a financing need (a bank sees it).</summary>
    public required int OwnProjectId { get; init; }
    /// <summary>qiye2's enterprise.</summary>
    public required string OtherCreditCode { get; init; }
    /// <summary>A project of a third enterprise outside the demo district, without financing need: only bureau, admin and finance see it.</summary>
    public required int ForeignProjectId { get; init; }
    /// <summary>A project of another enterprise in the demo district's area: the district sees it, qiye does not.</summary>
    public required int NeighbourProjectId { get; init; }
    /// <summary>qiye's draft application (C, 2024) and a draft of the third enterprise (C, 2024).</summary>
    public required int OwnApplicationId { get; init; }
    public required int ForeignApplicationId { get; init; }
    /// <summary>qiye's application (B, 2024, own project) in public notice, with an open objection raised by the district.</summary>
    public required int NoticeApplicationId { get; init; }
    public required int ObjectionId { get; init; }
    /// <summary>The administrator's own account id (it may not deactivate itself).</summary>
    public required int AdminUserId { get; init; }
    /// <summary>A loan of qiye, and a loan of another enterprise.</summary>
    public required int OwnLoanId { get; init; }
    public required int ForeignLoanId { get; init; }
    /// <summary>Projects of 甲, one per test that needs a fresh cap.</summary>
    public required IReadOnlyList<int> JiaProjectIds { get; init; }
    public required int JiaEnterpriseId { get; init; }
    public required int TotalProjects { get; init; }
    /// <summary>A saved what-if (B rate 10%, 2025) by the bureau reviewer, for the /simulate/{id} rows.</summary>
    public int SimulationId { get; init; }
    /// <summary>The call (申报批次) the own application belongs to, and a PNG uploaded to the own and to the foreign application (issue 12), for the /calls and materials rows.</summary>
    public int OwnCallId { get; init; }
    public int OwnMaterialId { get; init; }
    public int ForeignMaterialId { get; init; }
    /// <summary>A draft revision of the rules by the administrator admin (C-3 at 6%, applies to nothing), for the /rules/drafts/{id} rows.</summary>
    public int RevisionDraftId { get; init; }
    /// <summary>The demo district's visit to qiye (demo data, issue 14 item 1) and its 征集项目 waiting for qiye, for the /visits rows.</summary>
    public int OwnVisitId { get; init; }
    public int OwnDraftId { get; init; }

    /// <summary>A 1×1 PNG (a material the demo calls take).</summary>
    public const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    // From the second: the first and the last two are used by name by the project, loan and progress tests.
    private int _nextJia;

    /// <summary>A project of 甲 no other test has used.</summary>
    public int TakeJiaProject()
    {
        var i = Interlocked.Increment(ref _nextJia);
        if (i >= JiaProjectIds.Count - 2) throw new InvalidOperationException($"甲的项目已用完（{JiaProjects} 个）：请增加 TestData.JiaProjects");
        return JiaProjectIds[i];
    }

    internal static async Task<TestData> CreateAsync(RenewalApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName);
        var demoCode = users["qiye"].CreditCode!;
        var area = users["quzhen"].Area!;
        var otherCode = users["qiye2"].CreditCode!;
        var demo = await db.Enterprises.AsNoTracking().SingleAsync(e => e.CreditCode == demoCode);
        var ownProject = await db.Projects.AsNoTracking().Where(p => p.EnterpriseId == demo.Id && p.FinancingNeed > 0).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var foreign = await db.Projects.AsNoTracking().Include(p => p.Enterprise)
            .Where(p => p.Enterprise!.Area != area && p.Enterprise.CreditCode != demoCode && p.Enterprise.CreditCode != otherCode
                && (p.FinancingNeed == null || p.FinancingNeed == 0))
            .OrderBy(p => p.Id).FirstAsync();
        var neighbour = await db.Projects.AsNoTracking()
            .Where(p => p.Enterprise!.Area == area && p.Enterprise.CreditCode != demoCode && (p.FinancingNeed == null || p.FinancingNeed == 0)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();

        var ownLoan = await db.Loans.AsNoTracking().Where(l => l.EnterpriseId == demo.Id).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var foreignLoan = await db.Loans.AsNoTracking().Where(l => l.EnterpriseId != demo.Id).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();

        var jia = new Enterprise
        {
            CreditCode = JiaCreditCode, Name = "测试甲精密机械有限公司", Area = area, IndustryCode = "C3421", AboveScale = true,
            Projects = [.. Enumerable.Range(1, JiaProjects).Select(i => new Project
            {
                Code = $"JIA-{i:D2}", Name = $"甲公司高端装备产线{i}", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
                Clusters = ["equipment_manufacturing"],
                Investments = [new ProjectInvestment { Year = 2025, Equipment = 60_000_000m }, new ProjectInvestment { Year = 2026, Equipment = 60_000_000m }],
            })],
        };
        db.Enterprises.Add(jia);
        await db.SaveChangesAsync();

        await app.AddAccountAsync("jia", Role.Enterprise, creditCode: JiaCreditCode);
        await app.AddAccountAsync("shiju2", Role.BureauReviewer);
        await app.AddAccountAsync("caizheng2", Role.Finance);
        await app.AddAccountAsync("suoding", Role.Enterprise, creditCode: demoCode);

        var service = scope.ServiceProvider.GetRequiredService<ApplicationService>();
        UserContext As(string name) => users[name] is var u ? new UserContext(u.Id, u.UserName, u.Role, u.CreditCode, u.Area) : null!;
        T Ok<T>(Result<T> r) => r.Ok ? r.Value! : throw new InvalidOperationException("test data: " + r.Message);
        var own = Ok(await service.CreateAsync(As("qiye"), Scheme.TechRenovation, 2024, null, null));
        var foreignApp = Ok(await service.CreateAsync(new UserContext(0, "setup", Role.Enterprise, foreign.Enterprise!.CreditCode, null), Scheme.TechRenovation, 2024, null, null));
        var notice = Ok(await service.CreateAsync(As("qiye"), Scheme.EffectiveInvestment, 2024, ownProject, null));
        foreach (var (who, action) in new[] { ("qiye", WorkflowAction.Submit), ("quzhen", WorkflowAction.Accept), ("quzhen", WorkflowAction.DistrictApprove), ("shiju", WorkflowAction.BureauApprove) })
            Ok(await service.MoveAsync(As(who), notice.Id, action));
        var objection = Ok(await service.RaiseObjectionAsync(As("quzhen"), notice.Id, "测试异议：设备发票待核实"));
        var materials = scope.ServiceProvider.GetRequiredService<Renewal.Services.Calls.MaterialService>();
        async Task<int> UploadAsync(UserContext who, AwardApplication to)
        {
            var material = await db.CallMaterials.AsNoTracking().Where(m => m.CallId == to.CallId).OrderBy(m => m.Order).Select(m => m.Id).FirstAsync();
            using var png = new MemoryStream(Convert.FromBase64String(OnePixelPng));
            return Ok(await materials.UploadAsync(who, to.Id, material, png, "设备照片.png")).Id;
        }
        var ownMaterial = await UploadAsync(As("qiye"), own);
        var foreignMaterial = await UploadAsync(new UserContext(0, "setup", Role.Enterprise, foreign.Enterprise!.CreditCode, null), foreignApp);
        var simulation = await Renewal.Services.Simulation.SavedSimulations.SaveAsync(db, Renewal.Policy.Kunshan2024.PolicyEngine.Default, "测试模拟：有效投入 10%", 2025,
            [new("effective_investment.rate", "0.10")], users["shiju"].Id, "shiju", DateTimeOffset.UnixEpoch);
        var draft = Ok(await scope.ServiceProvider.GetRequiredService<Renewal.Services.Revisions.RevisionService>().DraftAsync(As("admin"), """
            revision:
              id: TEST-DRAFT-C6
              title: 测试草稿：技改综合奖补基础比例 6%
              source: 测试用，不发布
              published_on: 2026-01-05
              values:
                tech_renovation.base_rate:
                  - { from: 2025-01-01, value: 0.06, source: TEST-DRAFT-C6 }
            """));

        return new TestData
        {
            DemoEnterpriseId = demo.Id, DemoCreditCode = demoCode, DistrictArea = area, OwnProjectId = ownProject,
            OtherCreditCode = otherCode, ForeignProjectId = foreign.Id, NeighbourProjectId = neighbour,
            OwnApplicationId = own.Id, ForeignApplicationId = foreignApp.Id, NoticeApplicationId = notice.Id, ObjectionId = objection.Id,
            OwnLoanId = ownLoan, ForeignLoanId = foreignLoan, AdminUserId = users["admin"].Id,
            JiaProjectIds = [.. jia.Projects.Select(p => p.Id)], JiaEnterpriseId = jia.Id,
            TotalProjects = await db.Projects.CountAsync(),
            SimulationId = simulation.Id,
            OwnCallId = own.CallId!.Value, OwnMaterialId = ownMaterial, ForeignMaterialId = foreignMaterial,
            RevisionDraftId = draft.Id,
            OwnVisitId = await db.Visits.AsNoTracking().Where(v => v.EnterpriseId == demo.Id).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync(),
            OwnDraftId = await db.CollectedProjects.AsNoTracking().Where(c => c.EnterpriseId == demo.Id).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
        };
    }
}
