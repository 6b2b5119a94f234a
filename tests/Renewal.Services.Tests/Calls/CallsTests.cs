using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Calls;
using Renewal.Services.Materials;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Calls;

/// <summary>
/// Calls and materials (issue 12 items 1–2): applications are created and submitted only while their call is open; the
/// call closes by itself; a submission missing a required material is refused naming it; materials are versioned,
/// checked by content, part of the declaration, and downloadable only by those who see the application.
/// </summary>
public sealed class CallsTests : IDisposable
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext Other = new(2, "qiye2", Role.Enterprise, "91320583OTHER00000", null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bank = new(4, "yinhang", Role.Bank, null, null);
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly WorkflowOptions Required = new(RequireCall: true);
    private readonly string _files = Path.Combine(Path.GetTempPath(), "call-materials-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_files)) Directory.Delete(_files, recursive: true);
    }

    /// <summary>Monday 2 March 2026, 09:00 Beijing.</summary>
    private static TestClock Clock() => new(Beijing(2026, 3, 2, 9));

    private static DateTimeOffset Beijing(int y, int m, int d, int h) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static (LibraryDatabaseOptions Options, int ProjectId) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
        var p = new Project
        {
            Code = "P1", Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
            Investments = [new ProjectInvestment { Year = 2025, Equipment = 30_000_000m }],
        };
        e.Projects.Add(p);
        db.Enterprises.Add(e);
        db.SaveChanges();
        return (options, p.Id);
    }

    private static CallInput BCall(DateTime opens, DateTime closes) => new(Scheme.EffectiveInvestment, 2025, "2025 年度有效投入奖补（第一批）", "请于截止前提交。",
        opens, closes, null, [new("设备购置合同", true, ["pdf"]), new("设备发票", true, ["pdf", "png", "jpeg"]), new("现场照片", false, ["png", "jpeg"])]);

    private static async Task<ProgrammeCall> OpenCallAsync(LibraryDatabaseOptions options, TestClock clock, CallInput input)
    {
        using var db = LibraryStore.Create(options);
        var r = await new CallService(db, clock).CreateAsync(Bureau, input);
        Assert.True(r.Ok, r.Message);
        return r.Value!;
    }

    private static MemoryStream Pdf(string body) => new(System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n" + body + "\n%%EOF"));

    private async Task<Result<ApplicationMaterial>> UploadAsync(LibraryDatabaseOptions options, TestClock clock, UserContext user, int app, string material, Stream content, string name)
    {
        using var db = LibraryStore.Create(options);
        var id = db.CallMaterials.Single(m => m.Name == material).Id;
        return await new MaterialService(db, new FileSystemMaterialStore(_files), clock).UploadAsync(user, app, id, content, name);
    }

    private static async Task<Result<AwardApplication>> CreateAsync(LibraryDatabaseOptions options, TestClock clock, int projectId)
    {
        using var db = LibraryStore.Create(options);
        return await new ApplicationService(db, PolicyEngine.Default, clock, Required).CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null);
    }

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, TestClock clock, UserContext user, int id, WorkflowAction action, string? comment = null)
    {
        using var db = LibraryStore.Create(options);
        return await new ApplicationService(db, PolicyEngine.Default, clock, Required).MoveAsync(user, id, action, comment);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Applications_AreMadeOnlyWhileTheirCallIsOpen_AndTheCallClosesByItself(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Clock();
        var none = await CreateAsync(options, clock, projectId);
        Assert.Equal((ResultKind.Invalid, "有效投入奖补 2025 年度尚未开放申报批次，目前不能申报"), (none.Kind, none.Message));

        await OpenCallAsync(options, clock, BCall(new DateTime(2026, 3, 10, 9, 0, 0), new DateTime(2026, 4, 10, 17, 0, 0)));
        var early = await CreateAsync(options, clock, projectId);
        Assert.Equal("有效投入奖补 2025 年度的申报批次“2025 年度有效投入奖补（第一批）”尚未开放：2026-03-10 09:00 起可以申报", early.Message);

        clock.Now = Beijing(2026, 3, 10, 9);
        var made = await CreateAsync(options, clock, projectId);
        Assert.True(made.Ok, made.Message);
        Assert.NotNull(made.Value!.CallId);

        // 17:00 Beijing on the closing day: closed, with nothing run to close it.
        clock.Now = Beijing(2026, 4, 10, 17);
        await UploadAsync(options, clock, Firm, made.Value.Id, "设备购置合同", Pdf("合同"), "合同.pdf");
        var late = await MoveAsync(options, clock, Firm, made.Value.Id, WorkflowAction.Submit);
        Assert.Equal((ResultKind.Invalid, "申报批次“2025 年度有效投入奖补（第一批）”已于 2026-04-10 17:00 截止，不能再提交"), (late.Kind, late.Message));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Submission_MissingARequiredMaterial_IsRefusedNamingIt_AndTheDeclarationListsTheMaterialsSubmitted(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Clock();
        await OpenCallAsync(options, clock, BCall(new DateTime(2026, 3, 1), new DateTime(2026, 4, 30)));
        var app = (await CreateAsync(options, clock, projectId)).Value!.Id;

        var missing = await MoveAsync(options, clock, Firm, app, WorkflowAction.Submit);
        Assert.Equal("缺少必需的申报材料：“设备购置合同”、“设备发票”。请上传后再提交", missing.Message);

        Assert.True((await UploadAsync(options, clock, Firm, app, "设备购置合同", Pdf("合同 v1"), "合同.pdf")).Ok);
        var wrongType = await UploadAsync(options, clock, Firm, app, "现场照片", Pdf("not a photo"), "照片.jpg");
        Assert.Equal("“现场照片”：文件类型不符：按内容判断是 PDF，本材料只接受 PNG 图片、JPEG 图片", wrongType.Message);
        Assert.Equal("缺少必需的申报材料：“设备发票”。请上传后再提交", (await MoveAsync(options, clock, Firm, app, WorkflowAction.Submit)).Message);
        var second = await UploadAsync(options, clock, Firm, app, "设备购置合同", Pdf("合同 v2"), @"C:\Users\甲\合同（修订）.pdf");
        Assert.Equal((2, "合同（修订）.pdf"), (second.Value!.Version, second.Value.FileName));
        Assert.True((await UploadAsync(options, clock, Firm, app, "设备发票", Pdf("发票"), "发票.pdf")).Ok);

        var submitted = await MoveAsync(options, clock, Firm, app, WorkflowAction.Submit);
        Assert.True(submitted.Ok, submitted.Message);
        using var db = LibraryStore.Create(options);
        var declared = db.Declarations.AsNoTracking().Single(d => d.ApplicationId == app);
        var lines = declared.Materials!.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("设备购置合同|2|", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("|合同（修订）.pdf", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("设备发票|1|", lines[1], StringComparison.Ordinal);

        // Under review the enterprise cannot swap a file behind the reviewers' backs.
        var afterSubmit = await UploadAsync(options, clock, Firm, app, "设备发票", Pdf("发票 v2"), "发票.pdf");
        Assert.Equal("申报已提交审核，不能再上传材料；如需更正请申请退回", afterSubmit.Message);
        // The stored rows are never changed.
        var edit = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE application_materials SET \"FileName\" = 'x'"));
        Assert.Contains("immutable", edit!.Message + edit.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task AReturnedApplication_MayBeSubmittedAgainAfterTheClose(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Clock();
        await OpenCallAsync(options, clock, BCall(new DateTime(2026, 3, 1), new DateTime(2026, 3, 20)));
        var app = (await CreateAsync(options, clock, projectId)).Value!.Id;
        await UploadAsync(options, clock, Firm, app, "设备购置合同", Pdf("合同"), "合同.pdf");
        await UploadAsync(options, clock, Firm, app, "设备发票", Pdf("发票"), "发票.pdf");
        Assert.True((await MoveAsync(options, clock, Firm, app, WorkflowAction.Submit)).Ok);
        Assert.True((await MoveAsync(options, clock, District, app, WorkflowAction.Accept)).Ok);
        clock.Now = Beijing(2026, 3, 25, 9);
        Assert.True((await MoveAsync(options, clock, District, app, WorkflowAction.Return, "请补充发票清单")).Ok);

        Assert.True((await UploadAsync(options, clock, Firm, app, "设备发票", Pdf("发票及清单"), "发票及清单.pdf")).Ok);
        var again = await MoveAsync(options, clock, Firm, app, WorkflowAction.Submit);
        Assert.True(again.Ok, again.Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Materials_AreDownloadedOnlyByThoseWhoSeeTheApplication(string provider)
    {
        var (options, projectId) = Library(provider);
        var clock = Clock();
        await OpenCallAsync(options, clock, BCall(new DateTime(2026, 3, 1), new DateTime(2026, 4, 30)));
        var app = (await CreateAsync(options, clock, projectId)).Value!.Id;
        var uploaded = (await UploadAsync(options, clock, Firm, app, "设备购置合同", Pdf("合同"), "合同.pdf")).Value!;

        using var db = LibraryStore.Create(options);
        var service = new MaterialService(db, new FileSystemMaterialStore(_files), clock);
        foreach (var user in new[] { Firm, District, Bureau })
        {
            var d = await service.DownloadAsync(user, uploaded.Id);
            Assert.NotNull(d);
            await using (d.Content) Assert.Equal(("application/pdf", "合同.pdf"), (d.ContentType, d.FileName));
        }
        Assert.Null(await service.DownloadAsync(Other, uploaded.Id));
        Assert.Null(await service.DownloadAsync(Bank, uploaded.Id));
        Assert.Null(await service.ListAsync(Other, app));
        Assert.Equal(ResultKind.Forbidden, (await UploadAsync(options, clock, District, app, "设备发票", Pdf("x"), "x.pdf")).Kind);
        var slots = (await service.ListAsync(District, app))!;
        Assert.Equal(["设备购置合同", "设备发票", "现场照片"], slots.Select(s => s.Requirement.Name));
        Assert.Equal(1, slots[0].Latest!.Version);
        Assert.Null(slots[1].Latest);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task ACall_IsRefusedNamingTheField_WhenItsWindowIsEmptyOrOverlapsAnother(string provider)
    {
        var (options, _) = Library(provider);
        var clock = Clock();
        using var db = LibraryStore.Create(options);
        var service = new CallService(db, clock);
        Assert.Equal(ResultKind.Forbidden, (await service.CreateAsync(District, BCall(new DateTime(2026, 3, 1), new DateTime(2026, 4, 1)))).Kind);
        Assert.Equal("截止时间（closes_at）应晚于开始时间（opens_at）", (await service.CreateAsync(Bureau, BCall(new DateTime(2026, 4, 1), new DateTime(2026, 4, 1)))).Message);
        Assert.True((await service.CreateAsync(Bureau, BCall(new DateTime(2026, 3, 1), new DateTime(2026, 4, 1)))).Ok);
        var overlap = await service.CreateAsync(Bureau, BCall(new DateTime(2026, 3, 31), new DateTime(2026, 5, 1)) with { Title = "第二批" });
        Assert.Equal(ResultKind.Conflict, overlap.Kind);
        Assert.StartsWith("与批次“2025 年度有效投入奖补（第一批）”（2026-03-01 00:00 至 2026-04-01 00:00）时间重叠", overlap.Message, StringComparison.Ordinal);
        var badType = await service.CreateAsync(Bureau, BCall(new DateTime(2026, 5, 1), new DateTime(2026, 6, 1)) with { Materials = [new("合同", true, ["docx"])] });
        Assert.Equal("材料“合同”的文件类型“docx”不受支持（可选 PDF、PNG、JPEG、xlsx）", badType.Message);

        // Closed early by the bureau: from then on it takes no application.
        var next = await service.CreateAsync(Bureau, BCall(new DateTime(2026, 5, 1), new DateTime(2026, 6, 1)) with { Title = "第二批" });
        clock.Now = Beijing(2026, 5, 10, 9);
        Assert.True((await service.CloseAsync(Bureau, next.Value!.Id)).Ok);
        Assert.Empty(await service.OpenAsync(Scheme.EffectiveInvestment));
    }
}
