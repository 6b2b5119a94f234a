using System.Text.Json;

namespace Renewal.Cli.Tests;

/// <summary><c>--revision</c> and <c>--known-on</c> on evaluate, test and params; a refused revision exits 2 naming file, line, revision, parameter, field.</summary>
public class RevisionCommandsTests
{
    private static string Rev(string name) => Cli.Case(Path.Combine("revisions", name));

    [Fact]
    public void Test_PassesTheSharedRevisionCases()
    {
        var (exit, output, _) = Cli.Run("test", Rev("cases.yaml"));
        Assert.Equal(0, exit);
        Assert.Equal("7 passed, 0 failed", Cli.LastLine(output));
    }

    [Fact]
    public void Test_StillPassesTheOtherCases()
    {
        var (exit, output, _) = Cli.Run("test", Cli.Case("schemes-abc.yaml"), Cli.Case("loan-interest.yaml"), Cli.Case("edge-cases.yaml"));
        Assert.Equal(0, exit);
        Assert.EndsWith("0 failed", Cli.LastLine(output), StringComparison.Ordinal);
    }

    private static string Scenario() => Cli.TempFile("""
        scenarios:
        - name: 省级豁免
          year: 2024
          enterprises:
          - {id: E1, credit_code: 913205837H3BJ1XG6W, name: 甲机械公司, area: 张浦镇, industry_code: C3431}
          projects:
          - {id: P1, enterprise: E1, name: 数控机床更新, kind: renovation, status: in_progress}
          loans:
          - {id: L1, enterprise: E1, project: P1, category: equipment_renewal, principal: 6000000, rate: 0.04, issued_on: 2024-09-02,
             matures_on: 2026-09-02, equipment_amount: 3000000}
        """);

    [Fact]
    public void Evaluate_WithARevision_NamesItAndKnownOnInTheOutput()
    {
        var file = Scenario();
        var (exit, output, err) = Cli.Run("evaluate", file, "--revision", Rev("js-2024-08.yaml"), "--format", "json", "--explain");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var s = doc.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(JsonValueKind.Null, s.GetProperty("known_on").ValueKind);
        Assert.Equal("JS-2024-08", s.GetProperty("revisions")[0].GetString());
        var province = s.GetProperty("awards").EnumerateArray().Single(a => a.GetProperty("level").GetString() == "province");
        Assert.Equal(10083.33m, province.GetProperty("amount").GetDecimal());
        Assert.Contains(province.GetProperty("trace").EnumerateArray(), t => t.GetProperty("text").GetString()!.StartsWith("D-E4 不适用于省级（JS-2024-08）", StringComparison.Ordinal));

        var (_, before, _) = Cli.Run("evaluate", file, "--revision", Rev("js-2024-08.yaml"), "--known-on", "2024-08-22", "--format", "json");
        using var doc2 = JsonDocument.Parse(before);
        var s2 = doc2.RootElement.GetProperty("scenarios")[0];
        Assert.Equal("2024-08-22", s2.GetProperty("known_on").GetString());
        Assert.Equal(0, s2.GetProperty("revisions").GetArrayLength());
        Assert.All(s2.GetProperty("awards").EnumerateArray(), a => Assert.Equal(0m, a.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public void Test_TakesTheFlagsToo()
    {
        // The 2024-08-01 scenario of cases.yaml, known on the day JS-2024-08 was published, no longer expects nothing.
        var (exit, output, _) = Cli.Run("test", Rev("cases.yaml"), "--known-on", "2024-08-23");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL 同一场景，以 2024-08-01 已知的规则计算", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusedRevision_Exits2_NamingFileLineRevisionParameterAndField()
    {
        var bad = Cli.TempFile("""
            revision:
              id: BAD-2
              title: 让位于后序层级
              source: 测试
              published_on: 2026-01-01
              values:
                loan.province.yields_to:
                  - { from: 2026-01-01, value: [kunshan], source: BAD-2 }
            """);
        var (exit, _, err) = Cli.Run("evaluate", Scenario(), "--revision", bad);
        Assert.Equal(2, exit);
        Assert.Contains($"{bad}:8: 修订 BAD-2 参数 loan.province.yields_to 字段 values.loan.province.yields_to[1].value：", err, StringComparison.Ordinal);
        var (exit2, _, err2) = Cli.Run("evaluate", Scenario(), "--known-on", "2024-13-01");
        Assert.Equal(2, exit2);
        Assert.Contains("--known-on", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_ShowsEachParametersLayers()
    {
        var (exit, output, err) = Cli.Run("params", "--year", "2024", "--revision", Rev("example-cn.yaml"), "--revision", Rev("js-2024-08.yaml"));
        Assert.True(exit == 0, err);
        Assert.Contains("规则修订：EXAMPLE-CN（2024-06-01 公布）", output, StringComparison.Ordinal);
        Assert.Contains("loan.central.rate = 1.5%", output, StringComparison.Ordinal);
        Assert.Contains("修订 EXAMPLE-CN（2024-06-01 公布）：1%　[2024-06-01 至 2024-07-24]", output, StringComparison.Ordinal);
        Assert.Contains("修订 JS-2024-08（2024-08-23 公布）：D-E4", output, StringComparison.Ordinal);
        Assert.Contains("D-6a 省级 每项目每年 5,000,000", output, StringComparison.Ordinal);
        var (_, known, _) = Cli.Run("params", "--year", "2024", "--revision", Rev("js-2024-08.yaml"), "--known-on", "2024-08-01");
        Assert.Contains("规则修订（按 2024-08-01 已公布的）：无", known, StringComparison.Ordinal);
        Assert.DoesNotContain("修订 JS-2024-08", known, StringComparison.Ordinal);
    }
}
