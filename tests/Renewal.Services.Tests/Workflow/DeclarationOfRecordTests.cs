using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Workflow;

/// <summary>
/// The declaration of record (issue 10 item 2, ADR-018): submission freezes the enterprise's figures as an immutable,
/// hashed scenario; review and approval compute from it, never from the live library; the enterprise can withdraw
/// before acceptance or ask for a return, and a resubmission is the next version with its differences; an approval
/// whose amount is not the submitted one needs the reviewer to confirm that amount.
/// </summary>
public class DeclarationOfRecordTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);

    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static ApplicationService Service(LibraryDbContext db, TestClock clock) => new(db, PolicyEngine.Default, clock);

    /// <summary>One enterprise with one B-eligible project (8% of a year's equipment is its uncapped B award).</summary>
    private static (LibraryDatabaseOptions Options, int ProjectId) Library(string provider, params (int Year, decimal Equipment)[] equipment)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
        var p = new Project
        {
            Code = "P1", Name = "高端装备产线", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
            Investments = [.. equipment.Select(x => new ProjectInvestment { Year = x.Year, Equipment = x.Equipment })],
        };
        e.Projects.Add(p);
        db.Enterprises.Add(e);
        db.SaveChanges();
        return (options, p.Id);
    }

    private static void SetEquipment(LibraryDatabaseOptions options, int projectId, int year, decimal equipment)
    {
        using var db = LibraryStore.Create(options);
        db.Investments.Single(i => i.ProjectId == projectId && i.Year == year).Equipment = equipment;
        db.SaveChanges();
    }

    private static async Task<int> CreateAsync(LibraryDatabaseOptions options, TestClock clock, int year, int projectId)
    {
        using var db = LibraryStore.Create(options);
        var created = await Service(db, clock).CreateAsync(Firm, Scheme.EffectiveInvestment, year, projectId, null);
        Assert.True(created.Ok, created.Message);
        return created.Value!.Id;
    }

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, TestClock clock, UserContext user, int id, WorkflowAction action,
        string? comment = null, decimal? confirmAmount = null)
    {
        using var db = LibraryStore.Create(options);
        return await Service(db, clock).MoveAsync(user, id, action, comment, confirmAmount: confirmAmount);
    }

    private static async Task MovesAsync(LibraryDatabaseOptions options, TestClock clock, int id, params (UserContext User, WorkflowAction Action)[] moves)
    {
        foreach (var (user, action) in moves)
        {
            var r = await MoveAsync(options, clock, user, id, action);
            Assert.True(r.Ok, $"{action}: {r.Message}");
        }
    }

    private static readonly (UserContext, WorkflowAction)[] ToNotice =
        [(Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove)];

    private static List<Declaration> Declarations(LibraryDatabaseOptions options, int id)
    {
        using var db = LibraryStore.Create(options);
        return [.. db.Declarations.AsNoTracking().Where(d => d.ApplicationId == id).OrderBy(d => d.Id)];
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Approval_ComputesFromTheDeclaration_NotFromTheLibraryChangedDuringTheNotice(string provider)
    {
        // The case: during 公示 the enterprise raised its 2025 equipment; the approval must pay what was submitted.
        var (options, projectId) = Library(provider, (2025, 30_000_000m));
        var clock = Monday();
        var id = await CreateAsync(options, clock, 2025, projectId);
        await MovesAsync(options, clock, id, ToNotice);
        SetEquipment(options, projectId, 2025, 60_000_000m);
        clock.Now = clock.Now.AddDays(10);

        var approved = await MoveAsync(options, clock, Bureau, id, WorkflowAction.Approve);

        Assert.True(approved.Ok, approved.Message);
        Assert.Equal(2_400_000m, approved.Value!.SubmittedAmount);
        Assert.Equal(2_400_000m, approved.Value.ApprovedAmount); // 8% × 30,000,000 declared, not 8% × 60,000,000 live
        var records = Declarations(options, id);
        Assert.Equal([DeclarationPurpose.Submission, DeclarationPurpose.Approval], records.Select(d => d.Purpose));
        Assert.All(records, d => Assert.Equal(1, d.Version));
        Assert.All(records, d => Assert.True(d.IsIntact));
        Assert.All(records, d => Assert.Equal(2_400_000m, d.Amount));
        Assert.Contains("equipment: 30000000", records[1].Scenario, StringComparison.Ordinal);
        // Each record reproduces its own amount to the fen from its stored text.
        Assert.All(records, d => Assert.Null(DeclarationOfRecord.Verify(PolicyEngine.Default, d, Scheme.EffectiveInvestment)));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Declarations_CannotBeChangedOrDeleted_TheDatabaseRefuses(string provider)
    {
        var (options, projectId) = Library(provider, (2025, 30_000_000m));
        var clock = Monday();
        var id = await CreateAsync(options, clock, 2025, projectId);
        await MovesAsync(options, clock, id, (Firm, WorkflowAction.Submit));

        using var db = LibraryStore.Create(options);
        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE declarations SET \"Amount\" = 99999999"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM declarations"));
        Assert.NotNull(update);
        Assert.NotNull(delete);
        Assert.Contains("immutable", update.Message + update.InnerException?.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", delete.Message + delete.InnerException?.Message, StringComparison.Ordinal);

        // The context refuses before the database is asked.
        var tracked = db.Declarations.Single(d => d.ApplicationId == id);
        db.Entry(tracked).Property(d => d.Amount).CurrentValue = 1m;
        var edit = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Contains("申报快照不可修改", edit.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        Assert.Equal(2_400_000m, Declarations(options, id).Single().Amount);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Withdrawn_BeforeAcceptance_AndSubmittedAgain_IsTheNextVersion_WithWhatChangedAndBothAwards(string provider)
    {
        var (options, projectId) = Library(provider, (2025, 30_000_000m));
        var clock = Monday();
        var id = await CreateAsync(options, clock, 2025, projectId);
        await MovesAsync(options, clock, id, (Firm, WorkflowAction.Submit), (Firm, WorkflowAction.Withdraw));
        using (var db = LibraryStore.Create(options))
        {
            Assert.Equal(ApplicationState.Withdrawn, db.Applications.Single(a => a.Id == id).State);
            // Withdrawn still holds the subject: the enterprise continues in this application, not in a second one.
            var again = await Service(db, clock).CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null);
            Assert.Equal(ResultKind.Conflict, again.Kind);
        }
        SetEquipment(options, projectId, 2025, 40_000_000m);
        await MovesAsync(options, clock, id, (Firm, WorkflowAction.Submit));

        var records = Declarations(options, id);
        Assert.Equal([1, 2], records.Select(d => d.Version));
        Assert.Equal([2_400_000m, 3_200_000m], records.Select(d => d.Amount));
        Assert.NotEqual(records[0].Hash, records[1].Hash);
        var changes = DeclarationDiff.Between(DeclarationOfRecord.Read(PolicyEngine.Default, records[0]), DeclarationOfRecord.Read(PolicyEngine.Default, records[1]));
        Assert.Equal(new DeclarationChange("项目 P1 高端装备产线", "2025 年设备投资", "30,000,000.00 元", "40,000,000.00 元"), Assert.Single(changes));
        using (var db = LibraryStore.Create(options)) Assert.Equal(2, db.Applications.Single(a => a.Id == id).DeclarationVersion);

        // Once a reviewer has accepted it, the enterprise can no longer take it back itself.
        await MovesAsync(options, clock, id, (District, WorkflowAction.Accept));
        var late = await MoveAsync(options, clock, Firm, id, WorkflowAction.Withdraw);
        Assert.Equal(ResultKind.Forbidden, late.Kind);
        Assert.Equal("申报当前状态为“区镇审核中”，不能“撤回申报”", late.Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task RequestToReturn_IsRecordedForTheReviewer_AndTheReturnClearsIt(string provider)
    {
        var (options, projectId) = Library(provider, (2025, 30_000_000m));
        var clock = Monday();
        var id = await CreateAsync(options, clock, 2025, projectId);
        await MovesAsync(options, clock, id, (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept));

        var bare = await MoveAsync(options, clock, Firm, id, WorkflowAction.RequestReturn);
        Assert.Equal(ResultKind.Invalid, bare.Kind);
        Assert.Equal("申请退回须填写理由", bare.Message);
        var asked = await MoveAsync(options, clock, Firm, id, WorkflowAction.RequestReturn, "设备发票金额填错，需更正");
        Assert.True(asked.Ok, asked.Message);
        Assert.Equal(ApplicationState.DistrictReview, asked.Value!.State);
        Assert.Equal("设备发票金额填错，需更正", asked.Value.ReturnRequestReason);
        Assert.NotNull(asked.Value.ReturnRequestedAt);

        var returned = await MoveAsync(options, clock, District, id, WorkflowAction.Return, "同意退回，请更正发票金额");
        Assert.True(returned.Ok, returned.Message);
        Assert.Equal(ApplicationState.Returned, returned.Value!.State);
        Assert.Null(returned.Value.ReturnRequestedAt);
        using var db = LibraryStore.Create(options);
        Assert.Equal(["Submit", "Accept", "RequestReturn", "Return"],
            db.ApplicationEvents.Where(e => e.ApplicationId == id).OrderBy(e => e.Id).Select(e => e.Action).ToList());
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Approval_WhoseAmountIsNotTheSubmittedOne_WaitsForTheReviewerToConfirmThatAmount_AndSaysWhy(string provider)
    {
        // 2024: 8% × 75,000,000 = 6,000,000; 2025: 8% × 60,000,000 = 4,800,000 when submitted. Once 2024 is approved, the
        // lifetime cap of 8,000,000 leaves 2,000,000 for 2025.
        var (options, projectId) = Library(provider, (2024, 75_000_000m), (2025, 60_000_000m));
        var clock = Monday();
        var y2024 = await CreateAsync(options, clock, 2024, projectId);
        var y2025 = await CreateAsync(options, clock, 2025, projectId);
        await MovesAsync(options, clock, y2024, ToNotice);
        await MovesAsync(options, clock, y2025, ToNotice);
        clock.Now = clock.Now.AddDays(10);
        Assert.True((await MoveAsync(options, clock, Bureau, y2024, WorkflowAction.Approve)).Ok);

        using (var db = LibraryStore.Create(options))
        {
            var preview = await Service(db, clock).PreviewApprovalAsync(Bureau, y2025);
            Assert.Equal(new[] { 4_800_000m, 2_000_000m }, new[] { preview!.Submitted, preview.Computed });
        }
        var unconfirmed = await MoveAsync(options, clock, Bureau, y2025, WorkflowAction.Approve);
        Assert.Equal(ResultKind.Conflict, unconfirmed.Kind);
        var change = unconfirmed.AmountChanged!;
        Assert.Equal((4_800_000m, 2_000_000m), (change.Submitted, change.Computed));
        Assert.Equal("项目 P1 高端装备产线的此前年度已批准的奖补已变化：提交时 （无），现为 2024 年有效投入奖补 6,000,000.00 元（上限随之变化）",
            Assert.Single(change.Reasons));
        Assert.StartsWith("批准金额 2,000,000.00 元与申报时测算的 4,800,000.00 元不同", unconfirmed.Message, StringComparison.Ordinal);

        var wrong = await MoveAsync(options, clock, Bureau, y2025, WorkflowAction.Approve, confirmAmount: 4_800_000m);
        Assert.Equal(ResultKind.Conflict, wrong.Kind);
        Assert.NotNull(wrong.AmountChanged);

        var confirmed = await MoveAsync(options, clock, Bureau, y2025, WorkflowAction.Approve, confirmAmount: 2_000_000m);
        Assert.True(confirmed.Ok, confirmed.Message);
        Assert.Equal(2_000_000m, confirmed.Value!.ApprovedAmount);
        var approval = Declarations(options, y2025).Single(d => d.Purpose == DeclarationPurpose.Approval);
        Assert.Equal(2_000_000m, approval.Amount);
        Assert.Contains("prior_awards", approval.Scenario, StringComparison.Ordinal);
        Assert.Null(DeclarationOfRecord.Verify(PolicyEngine.Default, approval, Scheme.EffectiveInvestment));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Submission_OfFiguresTheEngineCannotRead_IsRefusedNamingThem_AndFreezesNothing(string provider)
    {
        // A row written behind the forms' checks (digital investment above the year's equipment): named, not frozen.
        var (options, projectId) = Library(provider, (2025, 30_000_000m));
        using (var db = LibraryStore.Create(options))
        {
            db.Investments.Single(i => i.ProjectId == projectId).Digital = 40_000_000m;
            db.SaveChanges();
        }
        var clock = Monday();
        var id = await CreateAsync(options, clock, 2025, projectId);

        var refused = await MoveAsync(options, clock, Firm, id, WorkflowAction.Submit);

        Assert.Equal(ResultKind.Invalid, refused.Kind);
        Assert.StartsWith("项目库中的数据有误，不能提交：项目 P1：", refused.Message, StringComparison.Ordinal);
        Assert.Contains("不能大于同年设备投资", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Declarations(options, id));
        using var check = LibraryStore.Create(options);
        Assert.Equal(ApplicationState.Draft, check.Applications.Single(a => a.Id == id).State);
    }
}
