using Renewal.Data;
using Renewal.Testing;
using Renewal.Data.Entities;
using Renewal.Services.Tests.Workflow;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;
using Renewal.Services.Workflow;

namespace Renewal.Services.Tests.Reports;

/// <summary>
/// A small library with applications walked through the real workflow: 甲 has two B projects approved in 2025 (one of
/// them paid) and one in notice; 乙 (another area) has one approved. Equipment amounts carry fen, so the awards do too.
/// </summary>
internal sealed class ReportLibrary
{
    public const string Jia = "913205837AY4CL12TY";
    public const string Yi = "91320583712DD272H2";

    private static readonly UserContext JiaUser = new(1, "qiye", Role.Enterprise, Jia, null);
    private static readonly UserContext YiUser = new(2, "qiye2", Role.Enterprise, Yi, null);
    private static readonly UserContext Kaifaqu = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Zhoushi = new(4, "quzhen2", Role.DistrictReviewer, null, "周市镇");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Finance = new(6, "caizheng", Role.Finance, null, null);

    public required LibraryDatabaseOptions Options { get; init; }
    public required int JiaId { get; init; }
    public required int YiId { get; init; }

    public static async Task<ReportLibrary> CreateAsync(string provider)
    {
        int jiaId, yiId;
        List<int> jiaProjects, yiProjects;
        using (var db = Databases.Open(provider, out var options))
        {
            var jia = Enterprise(Jia, "甲精密机械（昆山）有限公司", "昆山开发区", [25_000_012.37m, 31_234_567.89m, 40_000_000m]);
            var yi = Enterprise(Yi, "乙新材料科技有限公司", "周市镇", [22_222_222.22m]);
            db.Enterprises.AddRange(jia, yi);
            db.SaveChanges();
            (jiaId, yiId) = (jia.Id, yi.Id);
            jiaProjects = [.. jia.Projects.Select(p => p.Id)];
            yiProjects = [.. yi.Projects.Select(p => p.Id)];
            var library = new ReportLibrary { Options = options, JiaId = jiaId, YiId = yiId };
            var clock = new TestClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
            var approved = new List<int>
            {
                await library.ToNoticeAsync(clock, JiaUser, Kaifaqu, jiaProjects[0]),
                await library.ToNoticeAsync(clock, JiaUser, Kaifaqu, jiaProjects[1]),
                await library.ToNoticeAsync(clock, YiUser, Zhoushi, yiProjects[0]),
            };
            clock.Now = clock.Now.AddDays(10);
            await library.ToNoticeAsync(clock, JiaUser, Kaifaqu, jiaProjects[2]); // still in notice: on the list, not on the award notice
            using var again = LibraryStore.Create(options);
            var s = new ApplicationService(again, PolicyEngine.Default, clock);
            foreach (var id in approved) Assert.True((await s.MoveAsync(Bureau, id, WorkflowAction.Approve)).Ok);
            Assert.True((await s.MoveAsync(Finance, approved[0], WorkflowAction.Pay, "ZF-2026-0001")).Ok);
            return library;
        }
    }

    private async Task<int> ToNoticeAsync(TestClock clock, UserContext firm, UserContext district, int projectId)
    {
        using var db = LibraryStore.Create(Options);
        var s = new ApplicationService(db, PolicyEngine.Default, clock);
        var created = await s.CreateAsync(firm, Scheme.EffectiveInvestment, 2025, projectId, null);
        Assert.True(created.Ok, created.Message);
        foreach (var (user, action) in new[] { (firm, WorkflowAction.Submit), (district, WorkflowAction.Accept), (district, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove) })
        {
            var r = await s.MoveAsync(user, created.Value!.Id, action);
            Assert.True(r.Ok, r.Message);
        }
        return created.Value!.Id;
    }

    private static Enterprise Enterprise(string code, string name, string area, decimal[] equipment) => new()
    {
        CreditCode = code, Name = name, Area = area, IndustryCode = "C3421", AboveScale = true,
        Projects = [.. equipment.Select((e, i) => new Project
        {
            Code = $"P{i + 1}", Name = $"{name[..1]}公司高端装备产线{i + 1}", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
            Clusters = ["equipment_manufacturing"], Investments = [new ProjectInvestment { Year = 2025, Equipment = e }],
        })],
    };
}
