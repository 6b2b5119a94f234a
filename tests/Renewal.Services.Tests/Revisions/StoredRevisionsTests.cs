using Microsoft.EntityFrameworkCore;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Services.Revisions;
using Renewal.Services.Simulation;
using Renewal.Services.Workflow;
using Renewal.Testing;
using Renewal.Services.Tests.Workflow;
using Project = Renewal.Data.Entities.Project;

namespace Renewal.Services.Tests.Revisions;

/// <summary>
/// Stored revisions (issue 11 item 2, POLICY.md V-4..V-6): draft → published by a second administrator, audited, never
/// edited after publication (the database refuses it); the platform applies a published revision from its day; every
/// decision keeps K and the revision ids and reproduces to the fen; publishing never changes a decided award.
/// </summary>
public class StoredRevisionsTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Admin = new(6, "admin", Role.BureauAdmin, null, null);
    private static readonly UserContext Admin2 = new(7, "admin2", Role.BureauAdmin, null, null);


    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static (LibraryDatabaseOptions Options, int P1, int P2) Library(string provider)
    {
        using var db = Databases.Open(provider, out var options);
        var e = new Renewal.Data.Entities.Enterprise { CreditCode = Code, Name = "甲公司", Area = "昆山开发区", IndustryCode = "C3421" };
        static Project P(string code, decimal equipment) => new()
        {
            Code = code, Name = "产线" + code, Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress, Clusters = ["equipment_manufacturing"],
            Investments = [new ProjectInvestment { Year = 2025, Equipment = equipment }],
        };
        var p1 = P("P1", 30_000_000m);
        var p2 = P("P2", 25_000_000m);
        e.Projects.Add(p1);
        e.Projects.Add(p2);
        db.Enterprises.Add(e);
        db.SaveChanges();
        return (options, p1.Id, p2.Id);
    }

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, RuleBook rules, TestClock clock, UserContext user, int id,
        WorkflowAction action, decimal? confirmAmount = null)
    {
        using var db = LibraryStore.Create(options);
        await rules.RefreshAsync(db);
        return await new ApplicationService(db, rules.On(clock.Today()), clock).MoveAsync(user, id, action, null, confirmAmount: confirmAmount);
    }

    private static async Task<int> ToNoticeAsync(LibraryDatabaseOptions options, RuleBook rules, TestClock clock, int projectId)
    {
        int id;
        using (var db = LibraryStore.Create(options))
        {
            var created = await new ApplicationService(db, rules.On(clock.Today()), clock).CreateAsync(Firm, Scheme.EffectiveInvestment, 2025, projectId, null);
            Assert.True(created.Ok, created.Message);
            id = created.Value!.Id;
        }
        foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove), (Bureau, WorkflowAction.BureauApprove) })
        {
            var r = await MoveAsync(options, rules, clock, user, id, action);
            Assert.True(r.Ok, $"{action}: {r.Message}");
        }
        return id;
    }

    private static async Task<RuleRevision> DraftAndPublishAsync(LibraryDatabaseOptions options, RuleBook rules, TestClock clock, string text)
    {
        using var db = LibraryStore.Create(options);
        var service = new RevisionService(db, rules, clock);
        var draft = await service.DraftAsync(Admin, text);
        Assert.True(draft.Ok, draft.Message);
        var published = await service.PublishAsync(Admin2, draft.Value!.Id);
        Assert.True(published.Ok, published.Message);
        return published.Value!;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Draft_IsPublishedOnlyByASecondAdministrator_EachStepAudited_AndThenTheRulesApplyIt(string provider)
    {
        var (options, _, _) = Library(provider);
        var clock = Monday();
        var rules = new RuleBook(PolicyEngine.Default);
        using var db = LibraryStore.Create(options);
        var service = new RevisionService(db, rules, clock);

        Assert.Equal(ResultKind.Forbidden, (await service.DraftAsync(Bureau, TestRevisions.BRate)).Kind); // a reviewer reads, does not draft
        var draft = await service.DraftAsync(Admin, TestRevisions.BRate);
        Assert.True(draft.Ok, draft.Message);
        Assert.Equal(("KS-2026-01", RevisionState.Draft, new DateOnly(2026, 1, 15)), (draft.Value!.DocumentId, draft.Value.State, draft.Value.PublishedOn));
        // A draft applies to nothing.
        await rules.RefreshAsync(db);
        Assert.Equal(PolicyEngine.Default.Parameters.Fingerprint, rules.On(clock.Today()).Parameters.Fingerprint);

        var self = await service.PublishAsync(Admin, draft.Value.Id);
        Assert.Equal(ResultKind.Forbidden, self.Kind);
        Assert.Equal("修订 KS-2026-01 由您起草，须由另一位市局管理员发布（双人规则 V-6）", self.Message);

        var published = await service.PublishAsync(Admin2, draft.Value.Id);
        Assert.True(published.Ok, published.Message);
        Assert.Equal(("admin", "admin2"), (published.Value!.DraftedBy, published.Value.PublishedBy));
        Assert.Equal(["KS-2026-01"], rules.Published.Select(r => r.Id));
        Assert.Equal(0.10m, rules.On(clock.Today()).Parameters.ResolveAt(new DateOnly(2025, 12, 31)).Find("effective_investment.rate")!.Value);
        // Known before its publication day, the rules are the pack's (V-4).
        Assert.Equal(PolicyEngine.Default.Parameters.Fingerprint, rules.On(new DateOnly(2026, 1, 14)).Parameters.Fingerprint);

        Assert.Equal(["draft", "publish"], db.Audit.AsNoTracking().Where(a => a.Entity == "revision").OrderBy(a => a.Id).Select(a => a.Action).ToList());
        var again = await service.ReplaceAsync(Admin, draft.Value.Id, TestRevisions.BRate.Replace("0.10", "0.12", StringComparison.Ordinal));
        Assert.Equal(ResultKind.Conflict, again.Kind);
        Assert.Equal("修订 KS-2026-01 已发布，不能修改：更正请起草新的修订", again.Message);
        // The id is taken: a correction is a new revision with a new id.
        Assert.Equal(ResultKind.Conflict, (await service.DraftAsync(Admin, TestRevisions.BRate)).Kind);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task PublishedRevision_CannotBeChangedOrDeleted_AndNoOnePublishesTheirOwn_TheDatabaseRefuses(string provider)
    {
        var (options, _, _) = Library(provider);
        var clock = Monday();
        var rules = new RuleBook(PolicyEngine.Default);
        await DraftAndPublishAsync(options, rules, clock, TestRevisions.BRate);
        using var db = LibraryStore.Create(options);

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE rule_revisions SET \"Text\" = 'x'"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM rule_revisions"));
        Assert.Contains("immutable", update!.Message + update.InnerException?.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", delete!.Message + delete.InnerException?.Message, StringComparison.Ordinal);
        var tracked = db.Revisions.Single();
        db.Entry(tracked).Property(r => r.Title).CurrentValue = "改过的标题";
        Assert.Contains("已发布的修订不可修改", Assert.Throws<InvalidOperationException>(() => db.SaveChanges()).Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();

        // A draft published by its drafter behind the service's back: the check constraint refuses it.
        var service = new RevisionService(db, rules, clock);
        var draft = await service.DraftAsync(Admin, TestRevisions.BRate.Replace("KS-2026-01", "KS-2026-02", StringComparison.Ordinal));
        Assert.True(draft.Ok, draft.Message);
        var self = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE rule_revisions SET \"State\" = 'Published', \"PublishedBy\" = \"DraftedBy\" WHERE \"Id\" = {0}", draft.Value!.Id));
        Assert.NotNull(self);
        Assert.Contains("ck_rule_revisions_two_people", self.Message + self.InnerException?.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoAdministratorsPublishingOneDraftAtOnce_OneSucceeds(string provider)
    {
        var (options, _, _) = Library(provider);
        var clock = Monday();
        int id;
        using (var db = LibraryStore.Create(options))
        {
            var d = await new RevisionService(db, new RuleBook(PolicyEngine.Default), clock).DraftAsync(Admin, TestRevisions.BRate);
            id = d.Value!.Id;
        }
        var third = new UserContext(8, "admin3", Role.BureauAdmin, null, null);
        var results = await Task.WhenAll(new[] { Admin2, third, Admin2, third }.Select(u => Task.Run(async () =>
        {
            using var db = LibraryStore.Create(options);
            return await new RevisionService(db, new RuleBook(PolicyEngine.Default), clock).PublishAsync(u, id);
        })));
        Assert.Single(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ResultKind.Conflict, r.Kind));
        using var check = LibraryStore.Create(options);
        Assert.Single(check.Audit.Where(a => a.Entity == "revision" && a.Action == "publish"));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task TwoDraftsWithOneIdAtOnce_OneIsKept(string provider)
    {
        var (options, _, _) = Library(provider);
        var clock = Monday();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var db = LibraryStore.Create(options);
            return await new RevisionService(db, new RuleBook(PolicyEngine.Default), clock).DraftAsync(Admin, TestRevisions.BRate);
        })));
        Assert.Single(results, r => r.Ok);
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal("修订编号 KS-2026-01 已存在（草稿或已发布）：请换一个编号，或修改那份草稿", r.Message));
    }

    [Fact]
    public void BadRevisions_AreRefusedWhole_NamingParameterAndField()
    {
        var service = new RevisionService(null!, new RuleBook(PolicyEngine.Default), TimeProvider.System);
        string Refusal(string values) => service.Read($"""
            revision:
              id: BAD-1
              title: 错误的修订
              source: 测试
              published_on: 2026-01-15
              values:
            {values}
            """, "bad.yaml").Message!;

        Assert.Contains("参数 no.such.parameter", Refusal("    no.such.parameter:\n      - { from: 2026-01-01, value: 1, source: BAD-1 }"), StringComparison.Ordinal);
        Assert.Contains("未知参数", Refusal("    no.such.parameter:\n      - { from: 2026-01-01, value: 1, source: BAD-1 }"), StringComparison.Ordinal);
        var type = Refusal("    effective_investment.rate:\n      - { from: 2026-01-01, value: 十个点, source: BAD-1 }");
        Assert.Contains("参数 effective_investment.rate 字段 values.effective_investment.rate[1].value", type, StringComparison.Ordinal);
        var overlap = Refusal("    effective_investment.rate:\n      - { from: 2026-01-01, value: 0.1, source: BAD-1 }\n      - { from: 2026-06-01, value: 0.2, source: BAD-1 }");
        Assert.Contains("重叠", overlap, StringComparison.Ordinal);
        var yields = Refusal("    loan.province.yields_to:\n      - { from: 2026-01-01, value: [kunshan], source: BAD-1 }");
        Assert.Contains("参数 loan.province.yields_to", yields, StringComparison.Ordinal);
        Assert.StartsWith("bad.yaml:", yields, StringComparison.Ordinal);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Publishing_NeverChangesADecidedAward_AndEveryDecisionReproducesUnderItsOwnRules(string provider)
    {
        var (options, p1, p2) = Library(provider);
        var clock = Monday();
        var rules = new RuleBook(PolicyEngine.Default);
        var first = await ToNoticeAsync(options, rules, clock, p1);
        var second = await ToNoticeAsync(options, rules, clock, p2);
        clock.Now = clock.Now.AddDays(10);
        var approved = await MoveAsync(options, rules, clock, Bureau, first, WorkflowAction.Approve);
        Assert.Equal(2_400_000m, approved.Value!.ApprovedAmount); // 8% × 30,000,000 under the pack

        // Before publication: the impact lists the open application (second) with its amounts, not the decided one.
        using (var db = LibraryStore.Create(options))
        {
            var read = new RevisionService(db, rules, clock).Read(TestRevisions.BRate);
            var impact = await RevisionImpact.ComputeAsync(db, new LibrarySnapshots(clock), rules, read.Value!, clock.Today());
            var open = Assert.Single(impact.Applications);
            Assert.Equal((second, 2_000_000m, 2_500_000m), (open.Id, open.Before, open.After));
            Assert.Equal(1, impact.DecidedApplications);
            var y2025 = impact.Forecast.Single(f => f.Year == 2025);
            Assert.Equal(500_000m + 600_000m, y2025.ByColumn["effective_investment"].Change);
            Assert.Contains(impact.Parameters, p => p.Name == "effective_investment.rate" && p.Year == 2025 && (decimal)p.After! == 0.10m);
        }

        await DraftAndPublishAsync(options, rules, clock, TestRevisions.BRate);

        // The decided award is as it was; the open one now computes under the revision and says why.
        var unconfirmed = await MoveAsync(options, rules, clock, Bureau, second, WorkflowAction.Approve);
        Assert.Equal(ResultKind.Conflict, unconfirmed.Kind);
        Assert.StartsWith("提交后发布了规则修订 KS-2026-01（有效投入奖补比例调整为 10%）", Assert.Single(unconfirmed.AmountChanged!.Reasons), StringComparison.Ordinal);
        var confirmed = await MoveAsync(options, rules, clock, Bureau, second, WorkflowAction.Approve, confirmAmount: 2_500_000m);
        Assert.True(confirmed.Ok, confirmed.Message);

        using var check = LibraryStore.Create(options);
        Assert.Equal(2_400_000m, check.Applications.Single(a => a.Id == first).ApprovedAmount);
        var records = check.Declarations.AsNoTracking().Where(d => d.Purpose == DeclarationPurpose.Approval).OrderBy(d => d.ApplicationId).ToList();
        Assert.Equal([null, "KS-2026-01"], records.Select(d => d.Revisions));
        Assert.All(records, d => Assert.Equal(new DateOnly(2026, 3, 12), d.KnownOn));
        Assert.All(records, d => Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", d.Code!));
        Assert.NotEqual(records[0].Code, records[1].Code);

        var verified = await DecisionRecords.VerifyAllAsync(check, new RuleBook(PolicyEngine.Default));
        Assert.Equal(2, verified.Count);
        Assert.All(verified, v => Assert.True(v.Reproduces, v.Problem));
        Assert.Equal([2_400_000m, 2_500_000m], verified.Select(v => v.Amount));

        var found = await DecisionRecords.FindAsync(check, rules, records[1].Code!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal((second, true), (found!.ApplicationId, found.Reproduces));
        Assert.Null(await DecisionRecords.FindAsync(check, rules, "0000-0000-0000"));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task SettingCsBaseRate_RemovesTheProvisionalFlag_FromItsDateOn(string provider)
    {
        var (options, _, _) = Library(provider);
        var clock = Monday();
        var rules = new RuleBook(PolicyEngine.Default);
        await DraftAndPublishAsync(options, rules, clock, """
            revision:
              id: KS-C3
              title: 技改综合奖补基础比例定为 6%
              source: 昆工信〔2026〕2号（测试用）
              published_on: 2026-02-01
              values:
                tech_renovation.base_rate:
                  - { from: 2025-01-01, until: 2027-12-31, value: 0.06, source: KS-C3 }
            """);
        using var db = LibraryStore.Create(options);
        var scenario = LibraryScenario.Build(db, 2025);
        var now = rules.On(clock.Today()).Evaluate(scenario).Awards.Single(a => a.Scheme == Scheme.TechRenovation);
        var pack = PolicyEngine.Default.Evaluate(scenario).Awards.Single(a => a.Scheme == Scheme.TechRenovation);
        Assert.True(pack.Assumed);
        Assert.False(now.Assumed);
        Assert.Equal(55_000_000m * 0.06m, now.Amount.Yuan);
    }
}
