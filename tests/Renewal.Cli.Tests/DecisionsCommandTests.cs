using System.Globalization;
using Microsoft.Data.Sqlite;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Services;
using Renewal.Services.Revisions;
using Renewal.Services.Workflow;
using Renewal.Policy.Model;
using Enterprise = Renewal.Data.Entities.Enterprise;
using Project = Renewal.Data.Entities.Project;

using Renewal.Testing;

namespace Renewal.Cli.Tests;

/// <summary>
/// <c>renewal decisions verify [--code]</c> (issue 11): every approved or paid award evaluated again from its decision of
/// record under exactly the rules it names; one decision by its verification code, typed as people type it; a code
/// that is unknown or cannot be one exits 2 with the reason in Chinese.
/// </summary>
public class DecisionsCommandTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static List<Declaration> Approvals(string db)
    {
        using var library = LibraryStore.Create(new LibraryDatabaseOptions("sqlite", null, db));
        return [.. library.Declarations.Where(d => d.Purpose == DeclarationPurpose.Approval).OrderBy(d => d.Id)];
    }

    [Fact]
    public async Task Verify_EveryDecisionReproduces_ExitsZero_WithTheSummary()
    {
        var (db, _) = await ReportCommandsTests.LibraryAsync(); // two B awards approved under the pack
        var (exit, output, error) = Cli.Run("decisions", "verify", "--db", db);
        Assert.True(exit == 0, error + output);
        Assert.Equal("奖补决定 2 份（已批准或已拨付）：重算一致 2 份，不一致 0 份；涉及规则修订 0 项。", Cli.LastLine(output));
        Assert.Equal(Cli.LastLine(output), output.Trim()); // nothing to report above it
    }

    [Fact]
    public async Task Verify_OneCode_PrintsTheDecision_AndItsVerdict()
    {
        var (db, amounts) = await ReportCommandsTests.LibraryAsync();
        var record = Approvals(db)[0];
        var (exit, output, error) = Cli.Run("decisions", "verify", "--db", db, "--code", record.Code!);
        Assert.True(exit == 0, error + output);
        Assert.Contains($"核验码：{record.Code}", output, StringComparison.Ordinal);
        Assert.Contains("SB2025-00000", output, StringComparison.Ordinal);
        Assert.Contains("甲精密机械（昆山）有限公司", output, StringComparison.Ordinal);
        Assert.Contains("有效投入奖补　2025 年度　已批准", output, StringComparison.Ordinal);
        Assert.Contains($"金额：{record.Amount.ToString("#,##0.00", Inv)} 元", output, StringComparison.Ordinal);
        Assert.Contains(record.Amount, amounts);
        Assert.Contains($"参数版本 {record.ParameterVersion}", output, StringComparison.Ordinal);
        Assert.Contains($"快照：SHA-256 {record.Hash}", output, StringComparison.Ordinal);
        Assert.Equal("结论：按记录的快照与规则重算，结果一致（到分）。", Cli.LastLine(output));

        // Typed loosely: lower case, no dashes, a space.
        var loose = record.Code!.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Insert(4, " ");
        (exit, output, error) = Cli.Run("decisions", "verify", "--db", db, "--code", loose);
        Assert.True(exit == 0, error + output);
        Assert.Contains($"核验码：{record.Code}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AnUnknownCode_ExitsTwo_SayingSoInChinese()
    {
        var (db, _) = await ReportCommandsTests.LibraryAsync();
        var (exit, output, error) = Cli.Run("decisions", "verify", "--db", db, "--code", "zzzz zzzz zzzz");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("错误：没有核验码为 ZZZZ-ZZZZ-ZZZZ 的奖补决定", error.Trim());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("ABCD-EFGH-JKM!")]
    [InlineData("核验码")]
    public async Task Verify_AMalformedCode_ExitsTwo_WithTheForm(string code)
    {
        var (db, _) = await ReportCommandsTests.LibraryAsync();
        var (exit, output, error) = Cli.Run("decisions", "verify", "--db", db, "--code", code);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"错误：核验码“{code}”格式不对", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("如 7Q2M-9KXD-41PA", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ADecisionChangedBehindTheDatabasesBack_IsReported_AndExitsOne()
    {
        var (db, _) = await ReportCommandsTests.LibraryAsync();
        var record = Approvals(db)[0];
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = $"""
                DROP TRIGGER declarations_no_update;
                UPDATE declarations SET "Amount" = '2000001.00' WHERE "Id" = {record.Id};
                """;
            tamper.ExecuteNonQuery();
        }
        var (exit, output, _) = Cli.Run("decisions", "verify", "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains("核验码与记录内容不符（记录被改动）", output, StringComparison.Ordinal);
        Assert.Equal("奖补决定 2 份（已批准或已拨付）：重算一致 1 份，不一致 1 份；涉及规则修订 0 项。", Cli.LastLine(output));

        (exit, output, _) = Cli.Run("decisions", "verify", "--db", db, "--code", record.Code!);
        Assert.Equal(1, exit);
        Assert.Equal("结论：不一致——核验码与记录内容不符（记录被改动）", Cli.LastLine(output));
    }


    [Fact]
    public async Task Verify_ADecisionUnderAPublishedRevision_ReproducesUnderIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "renewal-cli-decisions-" + Guid.NewGuid().ToString("N") + ".db");
        var options = new LibraryDatabaseOptions("sqlite", null, path);
        const string code = "913205837AY4CL12TY";
        using (var db = LibraryStore.Open(options))
        {
            db.Enterprises.Add(new Enterprise
            {
                CreditCode = code, Name = "甲精密机械（昆山）有限公司", Area = "昆山开发区", IndustryCode = "C3421", AboveScale = true,
                Projects = [new Project
                {
                    Code = "P1", Name = "高端装备产线1", Kind = ProjectKind.Expansion, Status = ProjectStatus.InProgress,
                    Clusters = ["equipment_manufacturing"], Investments = [new ProjectInvestment { Year = 2025, Equipment = 30_000_000.55m }],
                }],
            });
            db.SaveChanges();
        }
        var clock = new Clock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var rules = new RuleBook(Renewal.Policy.Kunshan2024.PolicyEngine.Default);
        using (var db = LibraryStore.Create(options))
        {
            var revisions = new RevisionService(db, rules, clock);
            var draft = await revisions.DraftAsync(new UserContext(6, "admin", Role.BureauAdmin, null, null), TestRevisions.BRate);
            Assert.True(draft.Ok, draft.Message);
            Assert.True((await revisions.PublishAsync(new UserContext(7, "admin2", Role.BureauAdmin, null, null), draft.Value!.Id)).Ok);
        }
        var firm = new UserContext(1, "qiye", Role.Enterprise, code, null);
        var district = new UserContext(2, "quzhen", Role.DistrictReviewer, null, "昆山开发区");
        var bureau = new UserContext(3, "shiju", Role.BureauReviewer, null, null);
        int id;
        using (var db = LibraryStore.Create(options))
        {
            var s = new ApplicationService(db, rules.On(clock.Today()), clock);
            id = (await s.CreateAsync(firm, Scheme.EffectiveInvestment, 2025, db.Projects.Single().Id, null)).Value!.Id;
            foreach (var (user, action) in new[] { (firm, WorkflowAction.Submit), (district, WorkflowAction.Accept), (district, WorkflowAction.DistrictApprove), (bureau, WorkflowAction.BureauApprove) })
                Assert.True((await s.MoveAsync(user, id, action)).Ok);
        }
        clock.Now = clock.Now.AddDays(10);
        using (var db = LibraryStore.Create(options))
        {
            var s = new ApplicationService(db, rules.On(clock.Today()), clock);
            Assert.True((await s.MoveAsync(bureau, id, WorkflowAction.Approve)).Ok);
        }
        var record = Assert.Single(Approvals(path));
        Assert.Equal(["KS-2026-01"], record.RevisionIds);
        Assert.Equal(Math.Round(30_000_000.55m * 0.10m, 2, MidpointRounding.AwayFromZero), record.Amount); // 10%, not the pack's 8%

        var (exit, output, error) = Cli.Run("decisions", "verify", "--db", path);
        Assert.True(exit == 0, error + output);
        Assert.Equal("奖补决定 1 份（已批准或已拨付）：重算一致 1 份，不一致 0 份；涉及规则修订 1 项。", Cli.LastLine(output));
        (exit, output, error) = Cli.Run("decisions", "verify", "--db", path, "--code", record.Code!);
        Assert.True(exit == 0, error + output);
        Assert.Contains($"规则：{record.KnownOn:yyyy-MM-dd} 已知的规则，修订 KS-2026-01，参数版本 {record.ParameterVersion}", output, StringComparison.Ordinal);
        Assert.Contains("金额：3,000,000.06 元", output, StringComparison.Ordinal);
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
