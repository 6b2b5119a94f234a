namespace Renewal.Cli.Tests;

/// <summary>The hand-checked cases of ../shared/cases pass through <c>renewal test</c>, as a person would run them.</summary>
public class SharedCasesTests
{
    [Theory]
    [InlineData("schemes-abc.yaml", "6 passed, 0 failed")]
    [InlineData("loan-interest.yaml", "6 passed, 0 failed")]
    [InlineData("edge-cases.yaml", "4 passed, 0 failed")]
    public void RenewalTest_PassesEveryHandCheckedCase(string file, string closing)
    {
        var (exit, output, _) = Cli.Run("test", Cli.Case(file));
        Assert.Equal(closing, Cli.LastLine(output));
        Assert.Equal(0, exit);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RenewalTest_FailsAWrongExpectation_WithExitCode1()
    {
        var text = File.ReadAllText(Cli.Case("schemes-abc.yaml")).Replace("amount: 1600000.0", "amount: 1600000.01", StringComparison.Ordinal);
        var (exit, output, _) = Cli.Run("test", Cli.TempFile(text));
        Assert.Equal(1, exit);
        Assert.Equal("5 passed, 1 failed", Cli.LastLine(output));
        Assert.Contains("期望 1,600,000.01，实得 1,600,000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RenewalTest_FailsAnUnexpectedNonZeroAward()
    {
        var text = File.ReadAllText(Cli.Case("schemes-abc.yaml")).Replace("    - {scheme: tech_renovation, enterprise: E2, amount: 1500000.0}\n", "", StringComparison.Ordinal);
        var (exit, output, _) = Cli.Run("test", Cli.TempFile(text));
        Assert.Equal(1, exit);
        Assert.Contains("未列入 expect 的非零结果：技改综合奖补 企业 E2 = 1,500,000", output, StringComparison.Ordinal);
    }
}

public class EvaluateCommandTests
{
    [Fact]
    public void Json_IsTheDocumentedShape()
    {
        var (exit, output, _) = Cli.Run("evaluate", Cli.Case("schemes-abc.yaml"), "--format", "json");
        Assert.Equal(0, exit);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var first = doc.RootElement.GetProperty("scenarios")[0];
        Assert.Equal(2025, first.GetProperty("year").GetInt32());
        Assert.Equal(30_000_000m, first.GetProperty("totals").GetProperty("demonstration").GetDecimal());
    }

    [Fact]
    public void Explain_ShowsRulesArticlesAndAssumedFlags()
    {
        var (exit, output, _) = Cli.Run("evaluate", Cli.Case("schemes-abc.yaml"), "--explain");
        Assert.Equal(0, exit);
        Assert.Contains("✓ A-2", output, StringComparison.Ordinal);
        Assert.Contains("[细则一（一）2]", output, StringComparison.Ordinal); // Annex §1(1)2, in Chinese
        Assert.DoesNotContain("Annex §", output, StringComparison.Ordinal);
        Assert.Contains("✗ A-2", output, StringComparison.Ordinal); // the 499,999,999.99 case
        Assert.Contains("⚠ 暂定值，待市局确定", output, StringComparison.Ordinal); // ASSUMED, in words
        Assert.Contains("本平台解释 I-5：", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ASSUMED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_ChangesTheResult_AndClearsTheAssumedFlag()
    {
        var (_, output, _) = Cli.Run("evaluate", Cli.Case("schemes-abc.yaml"), "--format", "json", "--set", "tech_renovation.base_rate=0.01", "--set", "effective_investment.rate=0.10");
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var s4 = doc.RootElement.GetProperty("scenarios")[3];
        var p1 = s4.GetProperty("awards").EnumerateArray().Single(a => a.GetProperty("scheme").GetString() == "effective_investment" && a.GetProperty("project").GetString() == "P1");
        Assert.Equal(2_000_000m, p1.GetProperty("amount").GetDecimal());
        var c = s4.GetProperty("awards").EnumerateArray().First(a => a.GetProperty("scheme").GetString() == "tech_renovation");
        Assert.False(c.GetProperty("assumed").GetBoolean());
    }

    [Fact]
    public void BadFile_IsAClearErrorWithExitCode2()
    {
        var path = Cli.TempFile("scenarios:\n  - name: x\n    year: 2025\n    enterprises:\n      - {id: E1, credit_code: 91350100M000100Y44, name: a, area: 张浦镇, industry_code: C3421}\n");
        var (exit, _, err) = Cli.Run("evaluate", path);
        Assert.Equal(2, exit);
        Assert.Contains(":5: 场景“x” 企业 E1 字段 credit_code：统一社会信用代码校验位", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate", "/no/such/file.yaml")]
    [InlineData("evaluate", "--set", "nope=1", "X")]
    public void MissingFileOrBadSet_IsAnError_NotACrash(params string[] args)
    {
        var (exit, _, err) = Cli.Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("错误：", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_ListsValuesInForceWithSources()
    {
        var (exit, output, _) = Cli.Run("params", "--year", "2025");
        Assert.Equal(0, exit);
        Assert.Contains("effective_investment.rate", output, StringComparison.Ordinal);
        Assert.Contains("细则二（二）", output, StringComparison.Ordinal); // Annex §2(2)
        Assert.Contains("⚠ 暂定值，待市局确定", output, StringComparison.Ordinal);
        Assert.Contains("smart_factory_demo（智能制造示范工厂）", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Annex §", output, StringComparison.Ordinal);
        var (_, y2028, _) = Cli.Run("params", "--year", "2028");
        Assert.Contains("无有效值", y2028, StringComparison.Ordinal);
    }

    [Fact]
    public void Lpr_ListsTheTable()
    {
        var (exit, output, _) = Cli.Run("lpr");
        Assert.Equal(0, exit);
        Assert.Contains("2024-10-21", output, StringComparison.Ordinal);
        Assert.Contains("3.1%", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LoanSchedule_ReadsLikeAStatement()
    {
        var (exit, output, _) = Cli.Run("loans", "schedule", Cli.Case("loan-interest.yaml"), "--loan", "L1", "--year", "2026");
        Assert.Equal(0, exit);
        Assert.Contains("2026-01-01", output, StringComparison.Ordinal);
        Assert.Contains("2026-02-28", output, StringComparison.Ordinal);
        Assert.Contains("131,111.11", output, StringComparison.Ordinal);
        Assert.Contains("544,000.00", output, StringComparison.Ordinal);
        Assert.Contains("675,111.11", output, StringComparison.Ordinal);
    }
}
