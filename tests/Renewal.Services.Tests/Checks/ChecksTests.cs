using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Renewal.Data;
using Renewal.Data.Audit;
using Renewal.Data.Entities;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Safeguards;
using Renewal.Policy.Model;
using Renewal.Services.Checks;
using Renewal.Services.Tests.Workflow;
using Renewal.Services.Workflow;
using Renewal.Testing;

namespace Renewal.Services.Tests.Checks;

/// <summary>
/// 拨付前核查 (issue 14 item 4) on both providers: a blacklisted enterprise cannot submit, an incident stops the bureau's
/// approval, a double-funded invoice stops approval but not submission — each refusal naming the entry's source; the
/// bureau overrides one failure with a reason, a district or the enterprise cannot; imports are all rows or none.
/// </summary>
public sealed class ChecksTests
{
    private const string Code = "913205837AY4CL12TY";
    private static readonly UserContext Firm = new(1, "qiye", Role.Enterprise, Code, null);
    private static readonly UserContext District = new(3, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
    private static readonly UserContext Bureau = new(5, "shiju", Role.BureauReviewer, null, null);
    private static readonly UserContext Admin = new(7, "admin", Role.BureauAdmin, null, null);
    private static readonly UserContext Finance = new(6, "caizheng", Role.Finance, null, null);

    /// <summary>Monday 2026-03-02, 17:00 in Beijing.</summary>
    private static TestClock Monday() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static DateOnly Day => new(2026, 3, 2);

    private static ApplicationService Workflow(LibraryDbContext db, TimeProvider clock) => new(db, PolicyEngine.Default, clock);

    private static async Task<int> DraftAsync(LibraryDatabaseOptions options, TimeProvider clock, int projectId, Scheme scheme = Scheme.EffectiveInvestment)
    {
        using var db = LibraryStore.Create(options);
        var r = await Workflow(db, clock).CreateAsync(Firm, scheme, 2025, scheme == Scheme.TechRenovation ? null : projectId, null);
        Assert.True(r.Ok, r.Message);
        return r.Value!.Id;
    }

    private static async Task<Result<AwardApplication>> MoveAsync(LibraryDatabaseOptions options, TimeProvider clock, UserContext user, int id, WorkflowAction action)
    {
        using var db = LibraryStore.Create(options);
        return await Workflow(db, clock).MoveAsync(user, id, action);
    }

    private static async Task<int> ToBureauReviewAsync(LibraryDatabaseOptions options, TimeProvider clock, int id)
    {
        foreach (var (user, action) in new[] { (Firm, WorkflowAction.Submit), (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove) })
        {
            var r = await MoveAsync(options, clock, user, id, action);
            Assert.True(r.Ok, r.Message);
        }
        return id;
    }

    private static async Task<CreditRow> AddCreditAsync(LibraryDatabaseOptions options, TimeProvider clock, RegisterKind kind, DateOnly on, string source = "信用中国（江苏）2026-001号")
    {
        using var db = LibraryStore.Create(options);
        var r = await new ChecksService(db, clock).AddCreditAsync(Bureau, new CreditInput(Code, "甲公司", kind, on, null, source, null));
        Assert.True(r.Ok, r.Message);
        return r.Value!;
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Submit_BlacklistedOnTheDay_IsRefusedWithTheSource_AndPassesFromTheDayItIsLifted(string provider)
    {
        var (options, projectId) = WorkflowTests.Library(provider);
        var clock = Monday();
        var id = await DraftAsync(options, clock, projectId);
        var entry = await AddCreditAsync(options, clock, RegisterKind.Blacklist, Day);

        var refused = await MoveAsync(options, clock, Firm, id, WorkflowAction.Submit);
        Assert.Equal(ResultKind.Invalid, refused.Kind);
        Assert.Contains("S-1 未列入失信名单", refused.Message);
        Assert.Contains("信用中国（江苏）2026-001号", refused.Message);
        Assert.Equal(CreditRecord.KeyOf(entry.Id), Assert.Single(refused.FailedChecks!).EntryKey);
        using (var db = LibraryStore.Create(options))
        {
            Assert.Equal(ApplicationState.Draft, db.Applications.Single(a => a.Id == id).State);
            Assert.Empty(db.Declarations.Where(d => d.ApplicationId == id));
        }

        using (var db = LibraryStore.Create(options))
        {
            var lifted = await new ChecksService(db, clock).LiftAsync(Bureau, entry.Id, entry.Version, Day);
            Assert.True(lifted.Ok, lifted.Message);
        }
        var submitted = await MoveAsync(options, clock, Firm, id, WorkflowAction.Submit);
        Assert.True(submitted.Ok, submitted.Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Approve_AnIncidentWithinThreeYears_StopsTheBureau_UntilTheBureauOverridesIt(string provider)
    {
        var (options, projectId) = WorkflowTests.Library(provider);
        var clock = Monday();
        var id = await ToBureauReviewAsync(options, clock, await DraftAsync(options, clock, projectId));
        // Entered after submission, exactly three years before the day: inside the window.
        var entry = await AddCreditAsync(options, clock, RegisterKind.SafetyIncident, Day.AddYears(-3), "昆应急罚〔2023〕12号");

        var refused = await MoveAsync(options, clock, Bureau, id, WorkflowAction.BureauApprove);
        Assert.Equal(ResultKind.Invalid, refused.Kind);
        Assert.Contains("S-2", refused.Message);
        Assert.Contains("昆应急罚〔2023〕12号", refused.Message);

        using (var db = LibraryStore.Create(options))
        {
            var checks = new ChecksService(db, clock);
            var key = CreditRecord.KeyOf(entry.Id);
            Assert.Equal(ResultKind.Forbidden, (await checks.OverrideAsync(District, id, "S-2", key, "区镇认为无误")).Kind);
            Assert.Equal(ResultKind.NotFound, (await checks.OverrideAsync(Firm with { CreditCode = "91320583712DD272H2" }, id, "S-2", key, "x")).Kind);
            Assert.Equal(ResultKind.Forbidden, (await checks.OverrideAsync(Firm, id, "S-2", key, "企业认为无误")).Kind);
            Assert.Equal(ResultKind.Invalid, (await checks.OverrideAsync(Bureau, id, "S-2", key, " ")).Kind);
            Assert.Equal(ResultKind.Invalid, (await checks.OverrideAsync(Bureau, id, "S-1", key, "不存在的未通过项")).Kind);
            var o = await checks.OverrideAsync(Admin, id, "S-2", key, "经核实事故责任主体为另一企业（应急局复函）");
            Assert.True(o.Ok, o.Message);
            Assert.Equal(ResultKind.Conflict, (await checks.OverrideAsync(Bureau, id, "S-2", key, "再次放行")).Kind);
            var report = (await checks.ReportAsync(District, id)).Value!;
            Assert.True(Assert.Single(report.Findings).Overridden);
            Assert.Contains(report.Trace, t => t.Rule == "S-2" && t.Text.Contains("核准放行：经核实事故责任主体为另一企业", StringComparison.Ordinal));
            var audit = db.Audit.Single(a => a.Action == "核准放行");
            Assert.Equal("admin", audit.UserName);
            Assert.Contains(key, audit.After);
            Assert.Null(AuditLog.Verify(db));
        }
        var approved = await MoveAsync(options, clock, Bureau, id, WorkflowAction.BureauApprove);
        Assert.True(approved.Ok, approved.Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task DoubleFunding_ByInvoice_IsFlaggedAtSubmission_AndStopsTheBureausApproval(string provider)
    {
        var (options, projectId) = WorkflowTests.Library(provider);
        var clock = Monday();
        var id = await DraftAsync(options, clock, projectId);
        using (var db = LibraryStore.Create(options))
        {
            var checks = new ChecksService(db, clock);
            Assert.True((await checks.AddInvoiceAsync(Firm, id, "fp 2025 0001", 3_000_000m, "五轴加工中心")).Ok);
            Assert.Equal(ResultKind.Conflict, (await checks.AddInvoiceAsync(Firm, id, "FP20250001", 1m, null)).Kind);
            Assert.Equal(ResultKind.Forbidden, (await checks.AddInvoiceAsync(District, id, "FP9", 1m, null)).Kind);
            var f = await checks.AddFundingAsync(Bureau, new FundingInput("江苏省智改数转网联项目", 2025, Code, "另一名称", "FP20250001、FP20250002", 5_000_000m, "苏工信〔2025〕88号", null));
            Assert.True(f.Ok, f.Message);
            Assert.Equal(ResultKind.Forbidden, (await checks.AddFundingAsync(Finance, new FundingInput("x", 2025, Code, "x", null, 1m, "x", null))).Kind);
        }
        var submitted = await MoveAsync(options, clock, Firm, id, WorkflowAction.Submit);
        Assert.True(submitted.Ok, submitted.Message); // S-3 flags; it does not stop the enterprise
        using (var db = LibraryStore.Create(options))
            Assert.Equal(ResultKind.Invalid, (await new ChecksService(db, clock).AddInvoiceAsync(Firm, id, "FP3", 1m, null)).Kind); // frozen after submission

        foreach (var (user, action) in new[] { (District, WorkflowAction.Accept), (District, WorkflowAction.DistrictApprove) })
            Assert.True((await MoveAsync(options, clock, user, id, action)).Ok);
        var refused = await MoveAsync(options, clock, Bureau, id, WorkflowAction.BureauApprove);
        Assert.Equal(ResultKind.Invalid, refused.Kind);
        Assert.Contains("S-3", refused.Message);
        Assert.Contains("FP20250001", refused.Message);
        Assert.Contains("苏工信〔2025〕88号", refused.Message);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task DoubleFunding_AnotherSchemesLiveApplication_WithTheSameInvoice(string provider)
    {
        var (options, projectId) = WorkflowTests.Library(provider);
        var clock = Monday();
        var first = await DraftAsync(options, clock, projectId, Scheme.TechRenovation);
        var second = await DraftAsync(options, clock, projectId);
        using (var db = LibraryStore.Create(options))
        {
            var checks = new ChecksService(db, clock);
            Assert.True((await checks.AddInvoiceAsync(Firm, first, "FP1", 1m, null)).Ok);
            Assert.True((await checks.AddInvoiceAsync(Firm, second, "FP1", 1m, null)).Ok);
            // The other is a draft: it claims nothing yet.
            Assert.Empty((await checks.ReportAsync(Bureau, second)).Value!.Findings);
        }
        Assert.True((await MoveAsync(options, clock, Firm, first, WorkflowAction.Submit)).Ok);
        using (var db = LibraryStore.Create(options))
        {
            var finding = Assert.Single((await new ChecksService(db, clock).ReportAsync(Bureau, second)).Value!.Findings);
            Assert.Equal("S-3", finding.Rule);
            Assert.Contains("技改综合奖补", finding.Text);
        }
        Assert.True((await MoveAsync(options, clock, Firm, first, WorkflowAction.Withdraw)).Ok);
        using (var db = LibraryStore.Create(options))
            Assert.Empty((await new ChecksService(db, clock).ReportAsync(Bureau, second)).Value!.Findings);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Override_TwoBureauUsersAtOnce_OneIsStored(string provider)
    {
        var (options, projectId) = WorkflowTests.Library(provider);
        var clock = Monday();
        var id = await DraftAsync(options, clock, projectId);
        var entry = await AddCreditAsync(options, clock, RegisterKind.Blacklist, Day.AddDays(-10));
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
        {
            using var db = LibraryStore.Create(options);
            return await new ChecksService(db, clock).OverrideAsync(i == 0 ? Bureau : Admin, id, "S-1", CreditRecord.KeyOf(entry.Id), $"理由 {i}");
        }));
        Assert.Single(results, r => r.Ok);
        using var check = LibraryStore.Create(options);
        Assert.Single(check.CheckOverrides.Where(o => o.ApplicationId == id));
        Assert.True((await MoveAsync(options, clock, Firm, id, WorkflowAction.Submit)).Ok);
    }

    private static byte[] Workbook(string sheet, IEnumerable<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(new Dictionary<string, object> { [sheet] = rows.ToList() });
        return ms.ToArray();
    }

    private static Dictionary<string, object?> CreditRow(string code, string kind, object? on, string? source, object? lifted = null) => new()
    {
        ["统一社会信用代码"] = code, ["企业名称"] = "某公司", ["类别"] = kind, ["列入或发生日期"] = on, ["移出日期"] = lifted, ["来源"] = source, ["备注"] = null,
    };

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Import_ABadRow_NamesRowAndColumn_AndSavesNothing(string provider)
    {
        var (options, _) = WorkflowTests.Library(provider);
        var clock = Monday();
        var file = Workbook(ChecksWorkbooks.CreditSheet, [
            CreditRow(Code, "失信名单", "2025-01-01", "信用中国"),
            CreditRow(Code, "重大火灾", "2025-01-01", "信用中国"),      // row 3: kind
            CreditRow("123", "重大安全事故", "2025-02-30", null),          // row 4: code, date; source taken from the form
            CreditRow(Code, "重大质量事故", "2025-01-01", "x", "2025-06-01"), // row 5: only a blacklist entry is lifted
        ]);
        using var db = LibraryStore.Create(options);
        var r = await new ChecksService(db, clock).ImportCreditAsync(Bureau, file, "名单.xlsx", "苏州市信用办通报");
        Assert.Equal(ResultKind.Invalid, r.Kind);
        Assert.Contains("第 3 行 列 类别：“重大火灾”不是类别", r.Message);
        Assert.Contains("第 4 行 列 统一社会信用代码", r.Message);
        Assert.Contains("第 4 行 列 列入或发生日期：“2025-02-30”不是有效日期", r.Message);
        Assert.DoesNotContain("第 4 行 列 来源", r.Message);
        Assert.Contains("第 5 行 列 移出日期：只有失信名单记录有移出日期", r.Message);
        Assert.DoesNotContain("第 2 行", r.Message);
        Assert.Empty(db.CreditRecords);
        Assert.Empty(db.Audit.Where(a => a.Action == "导入核查名单"));

        var missing = await new ChecksService(db, clock).ImportCreditAsync(Bureau, Workbook(ChecksWorkbooks.CreditSheet, [new() { ["统一社会信用代码"] = Code }]), "缺列.xlsx", null);
        Assert.Contains("缺少列 “类别”、“列入或发生日期”、“来源”", missing.Message);
        var wrongSheet = await new ChecksService(db, clock).ImportCreditAsync(Bureau, Workbook("Sheet1", [CreditRow(Code, "失信名单", "2025-01-01", "x")]), "错表.xlsx", null);
        Assert.Contains("没有名为“信用与事故记录”的工作表", wrongSheet.Message);
        Assert.Equal(ResultKind.Forbidden, (await new ChecksService(db, clock).ImportCreditAsync(Finance, file, "名单.xlsx", null)).Kind);
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Import_GoodRows_AreSavedTogether_WithTheFileAndTheImportTime(string provider)
    {
        var (options, _) = WorkflowTests.Library(provider);
        var clock = Monday();
        using var db = LibraryStore.Create(options);
        var service = new ChecksService(db, clock);
        var credit = await service.ImportCreditAsync(Bureau, Workbook(ChecksWorkbooks.CreditSheet, [
            CreditRow(Code, "失信名单", new DateTime(2025, 1, 1), null, "2025-06-01"),
            CreditRow(Code, "重大环境事故", "2024/5/3", "苏环罚〔2024〕7号"),
        ]), "名单.xlsx", "信用中国（江苏）");
        Assert.True(credit.Ok, credit.Message);
        Assert.Equal(2, credit.Value!.Count);
        var rows = db.CreditRecords.OrderBy(r => r.Id).ToList();
        Assert.Equal(["信用中国（江苏）", "苏环罚〔2024〕7号"], rows.Select(r => r.Source));
        Assert.All(rows, r => { Assert.Equal("名单.xlsx", r.ImportFile); Assert.Equal(clock.Now, r.ImportedAt); });
        Assert.Equal(new DateOnly(2025, 6, 1), rows[0].LiftedOn);

        var funding = await service.ImportFundingAsync(Bureau, Workbook(ChecksWorkbooks.FundingSheet, [new()
        {
            ["资金名称"] = "苏州市工业企业有效投入奖补", ["年度"] = 2025d, ["统一社会信用代码"] = Code, ["项目名称"] = "高端装备产线", ["发票号"] = "FP1，fp2", ["支持金额（元）"] = "1,200,000.50",
            ["来源"] = "苏工信〔2025〕9号",
        }]), "支持清单.xlsx", null);
        Assert.True(funding.Ok, funding.Message);
        var f = db.FundingRecords.Single();
        Assert.Equal(["FP1", "FP2"], f.InvoiceList);
        Assert.Equal(1_200_000.50m, f.Amount);
        Assert.Equal("支持清单.xlsx", f.ImportFile);
        Assert.Equal(2, db.Audit.Count(a => a.Action == "导入核查名单"));
        Assert.Null(AuditLog.Verify(db));
    }

    [Fact]
    public void Templates_HaveTheImportersHeaders()
    {
        static IEnumerable<string> Headers(byte[] file, string sheet)
        {
            using var ms = new MemoryStream(file);
            var first = (IDictionary<string, object?>)MiniExcel.Query(ms, useHeaderRow: false, sheetName: sheet).First();
            return [.. first.Values.Select(v => v?.ToString() ?? "")];
        }
        Assert.Equal(ChecksWorkbooks.CreditColumns.Select(c => c.Header), Headers(ChecksWorkbooks.CreditTemplate(), ChecksWorkbooks.CreditSheet));
        Assert.Equal(ChecksWorkbooks.FundingColumns.Select(c => c.Header), Headers(ChecksWorkbooks.FundingTemplate(), ChecksWorkbooks.FundingSheet));
    }

    [Theory]
    [OnSqlite, OnPostgres]
    public async Task Register_IsReadByTheBureauAndFinance_Only(string provider)
    {
        var (options, _) = WorkflowTests.Library(provider);
        var clock = Monday();
        await AddCreditAsync(options, clock, RegisterKind.Blacklist, Day);
        using var db = LibraryStore.Create(options);
        var service = new ChecksService(db, clock);
        var row = Assert.Single((await service.RegisterAsync(Finance)).Value!);
        Assert.True(row.Listed);
        Assert.Equal("甲公司", row.EnterpriseName);
        Assert.Equal(ResultKind.Forbidden, (await service.RegisterAsync(District)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await service.RegisterAsync(Firm)).Kind);
        Assert.Equal(ResultKind.Forbidden, (await service.AddCreditAsync(Finance, new CreditInput(Code, null, RegisterKind.Blacklist, Day, null, "x", null))).Kind);
        var bad = await service.AddCreditAsync(Bureau, new CreditInput(Code, null, RegisterKind.SafetyIncident, Day, Day, " ", null));
        Assert.Contains("移出日期：只有失信名单记录有移出日期", bad.Message);
        Assert.Contains("来源：不能为空", bad.Message);
    }
}
