using Renewal.Services;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Renewal.Cli.Tests;

/// <summary><c>renewal simulate</c> as a policy maker runs it: the difference agrees with two runs of <c>library evaluate</c>.</summary>
public partial class SimulateCommandTests
{
    private static readonly Lazy<string> Library = new(() =>
    {
        var db = Path.Combine(Path.GetTempPath(), "renewal-cli-sim-" + Guid.NewGuid().ToString("N") + ".db");
        var (exit, _, err) = Cli.Run("seed", "--enterprises", "60", "--seed", "21", "--today", "2026-06-30", "--db", db);
        Assert.True(exit == 0, err);
        return db;
    });

    private static decimal EvaluateTotal(params string[] sets)
    {
        var args = new List<string> { "library", "evaluate", "--year", "2025", "--db", Library.Value };
        foreach (var s in sets) args.AddRange(["--set", s]);
        var (exit, output, err) = Cli.Run([.. args]);
        Assert.True(exit == 0, err);
        return decimal.Parse(TotalLine().Match(output).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Json_DifferenceEqualsTwoLibraryEvaluations()
    {
        var (exit, output, err) = Cli.Run("simulate", "--year", "2025", "--set", "effective_investment.rate=0.10", "--set", "loan.kunshan.rate=0.015",
            "--format", "json", "--top", "3", "--db", Library.Value);
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var total = doc.RootElement.GetProperty("total");
        var before = EvaluateTotal();
        var after = EvaluateTotal("effective_investment.rate=0.10", "loan.kunshan.rate=0.015");
        Assert.Equal(before, total.GetProperty("before").GetDecimal());
        Assert.Equal(after, total.GetProperty("after").GetDecimal());
        Assert.Equal(after - before, total.GetProperty("change").GetDecimal());
        Assert.True(doc.RootElement.GetProperty("mostAffected").GetArrayLength() <= 3);
        Assert.Equal(0m, doc.RootElement.GetProperty("byColumn").GetProperty("tech_renovation").GetProperty("change").GetDecimal());
    }

    [Fact]
    public void Table_ShowsTheChange_ByScheme_Level_Area_AndEnterprise()
    {
        var (exit, output, err) = Cli.Run("simulate", "--year", "2025", "--set", "effective_investment.rate=0.10", "--db", Library.Value);
        Assert.True(exit == 0, err);
        Assert.Contains("effective_investment.rate：0.08 → 0.10", output, StringComparison.Ordinal);
        Assert.Contains("有效投入奖补", output, StringComparison.Ordinal);
        Assert.Contains("昆山市级", output, StringComparison.Ordinal);
        Assert.Contains("区镇", output, StringComparison.Ordinal);
        Assert.Contains("受影响企业", output, StringComparison.Ordinal);
        Assert.Matches(@"总差额 \+[\d,]+\.\d\d 元", output);
    }

    [Fact]
    public void NoChange_SaysSo_AndTheDifferenceIsZero()
    {
        var (exit, output, err) = Cli.Run("simulate", "--year", "2025", "--db", Library.Value);
        Assert.True(exit == 0, err);
        Assert.Contains("未修改任何参数", output, StringComparison.Ordinal);
        Assert.Contains("总差额 0.00 元", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no.such.rate=0.1", "no.such.rate")]
    [InlineData("loan.kunshan.rate=abc", "loan.kunshan.rate")]
    [InlineData("loan.kunshan.rate", "loan.kunshan.rate")]
    public void BadSet_ExitsWith2_AndNamesTheParameter(string set, string name)
    {
        var (exit, _, err) = Cli.Run("simulate", "--year", "2025", "--set", set, "--db", Library.Value);
        Assert.Equal(2, exit);
        Assert.Contains(name, err, StringComparison.Ordinal);
        Assert.StartsWith("错误：", err, StringComparison.Ordinal);
    }

    [Fact]
    public void YearOutsideTheProgramme_ExitsWith2()
    {
        var (exit, _, err) = Cli.Run("simulate", "--year", "2030", "--db", Library.Value);
        Assert.Equal(2, exit);
        Assert.Contains("2024–2027", err, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"总计 ([\d,]+\.\d\d) 元")]
    private static partial Regex TotalLine();
}
