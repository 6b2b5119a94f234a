namespace Renewal.Cli.Tests;

/// <summary>The library as a person runs it from the command line: seed, evaluate and store, export → import, audit.</summary>
public class LibraryCommandsTests
{
    private static string NewDb() => Path.Combine(Path.GetTempPath(), "renewal-cli-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    public void Seed_Evaluate_Export_Import_Audit()
    {
        var db = NewDb();
        var (seedExit, seedOut, seedErr) = Cli.Run("seed", "--enterprises", "60", "--seed", "11", "--today", "2026-06-30", "--db", db);
        Assert.True(seedExit == 0, seedErr);
        Assert.Contains("企业", seedOut, StringComparison.Ordinal);

        var (again, _, againErr) = Cli.Run("seed", "--enterprises", "60", "--seed", "11", "--db", db);
        Assert.Equal(2, again);
        Assert.Contains("--reset", againErr, StringComparison.Ordinal);

        var (evalExit, evalOut, evalErr) = Cli.Run("library", "evaluate", "--year", "2025", "--store", "--db", db);
        Assert.True(evalExit == 0, evalErr);
        Assert.Contains("全市", evalOut, StringComparison.Ordinal);
        Assert.Contains("已保存", evalOut, StringComparison.Ordinal);

        var (whatIfExit, whatIfOut, _) = Cli.Run("library", "evaluate", "--year", "2025", "--set", "effective_investment.rate=0.10", "--db", db);
        Assert.Equal(0, whatIfExit);
        Assert.NotEqual(ParameterVersion(evalOut), ParameterVersion(whatIfOut));

        var xlsx = Path.ChangeExtension(db, ".xlsx");
        var (exportExit, _, exportErr) = Cli.Run("library", "export", xlsx, "--db", db);
        Assert.True(exportExit == 0, exportErr);
        var (importExit, importOut, importErr) = Cli.Run("library", "import", xlsx, "--db", db);
        Assert.True(importExit == 0, importErr);
        Assert.Matches(@"合计\s+0\s+0\s+[1-9]", importOut); // export → import: nothing added, nothing changed

        var (auditExit, auditOut, _) = Cli.Run("audit", "verify", "--db", db);
        Assert.Equal(0, auditExit);
        Assert.Contains("完整", auditOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OfABrokenFile_SavesNothing_AndSaysWhy()
    {
        var db = NewDb();
        var bad = Cli.TempFile("this is not a workbook", ".xlsx");
        var (exit, _, err) = Cli.Run("library", "import", bad, "--db", db);
        Assert.Equal(2, exit);
        Assert.NotEmpty(err);
        var (_, evalOut, _) = Cli.Run("library", "evaluate", "--year", "2025", "--db", db);
        Assert.Contains("企业 0 家", evalOut, StringComparison.Ordinal);
    }

    private static string ParameterVersion(string output) =>
        System.Text.RegularExpressions.Regex.Match(output, "参数版本 ([0-9a-f]{16})").Groups[1].Value;
}
