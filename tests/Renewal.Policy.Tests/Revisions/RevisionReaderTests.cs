using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;
using Renewal.Policy.Scenarios;

namespace Renewal.Policy.Tests.Revisions;

/// <summary>V-1: a revision names only the pack's parameters, with values of their types, not overlapping; otherwise it is refused whole.</summary>
public class RevisionReaderTests
{
    private static string Shared(string name) => Path.Combine(SharedCases.Directory, "revisions", name);

    [Fact]
    public void TheSharedRevisions_AreRead()
    {
        var js = Rev.Read(File.ReadAllText(Shared("js-2024-08.yaml")));
        Assert.Equal("JS-2024-08", js.Id);
        Assert.Equal(new DateOnly(2024, 8, 23), js.PublishedOn);
        var waived = Assert.Single(js.ValuesOf("loan.province.waived"));
        Assert.Equal(["D-E4", "D-E5"], ((System.Collections.Immutable.ImmutableArray<string>)waived.Value).ToArray());
        var caps = Rev.Read(File.ReadAllText(Shared("example-caps.yaml")));
        var rows = (CapsTable)Assert.Single(caps.ValuesOf("loan.caps")).Value;
        Assert.Equal(5, rows.Count);
        Assert.Equal([Renewal.Policy.Model.Level.Province, Renewal.Policy.Model.Level.Kunshan], rows[4].Levels.ToArray());
        Assert.Equal(CapScope.Enterprise, rows[4].Per);
        Assert.Equal(4_000_000m, rows[4].Amount.Yuan);
    }

    [Fact]
    public void AnUnknownParameter_IsRefused_NamingRevisionParameterAndLine()
    {
        var e = Assert.Single(Rev.Refused(Rev.Text("R-1", "2025-01-01", "    loan.provnce.rate:\n      - { from: 2025-01-01, value: 0.02, source: R-1 }")));
        Assert.Equal("R-1", e.Revision);
        Assert.Equal("loan.provnce.rate", e.Parameter);
        Assert.Equal(7, e.Line);
        Assert.Contains("未知参数", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("rev.yaml:7: 修订 R-1 参数 loan.provnce.rate 字段 values：", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("loan.province.rate", "[0.02]")]          // a list for a rate
    [InlineData("loan.province.rate", "两个百分点")]       // not a number
    [InlineData("loan.min_equipment_amount", "100.001")]  // money to the fen
    [InlineData("loan.central.explicit_approval", "maybe")]
    [InlineData("loan.caps", "[{ id: X, levels: [province], per: loan, amount: 1 }]")]
    [InlineData("loan.caps", "[{ id: X, levels: [city], per: project, amount: 1 }]")]
    [InlineData("loan.caps", "0.03")]
    public void AValueOfTheWrongType_IsRefused_NamingTheField(string parameter, string value)
    {
        var e = Assert.Single(Rev.Refused(Rev.Text("R-2", "2025-01-01", $"    {parameter}:\n      - {{ from: 2025-01-01, value: {value}, source: R-2 }}")));
        Assert.Equal(parameter, e.Parameter);
        Assert.Equal($"values.{parameter}[1].value", e.Field);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void OverlappingValuesOfOneParameter_AreRefused_BothDaysIncluded()
    {
        var e = Assert.Single(Rev.Refused(Rev.Text("R-3", "2025-01-01",
            "    loan.central.rate:\n      - { from: 2025-01-01, until: 2025-06-30, value: 0.01, source: R-3 }\n      - { from: 2025-06-30, value: 0.015, source: R-3 }")));
        Assert.Equal("loan.central.rate", e.Parameter);
        Assert.Equal("values.loan.central.rate[2]", e.Field);
        Assert.Contains("重叠", e.Message, StringComparison.Ordinal);
        // The day after the last one does not overlap (until is included, as in the parameters file).
        Rev.Read(Rev.Text("R-3", "2025-01-01",
            "    loan.central.rate:\n      - { from: 2025-01-01, until: 2025-06-29, value: 0.01, source: R-3 }\n      - { from: 2025-06-30, value: 0.015, source: R-3 }"));
    }

    [Theory]
    [InlineData("loan.province.yields_to", "[kunshan]")]   // a later level
    [InlineData("loan.province.yields_to", "[province]")]  // itself
    [InlineData("loan.central.yields_to", "[province]")]
    [InlineData("loan.kunshan.yields_to", "[city]")]
    [InlineData("loan.province.waived", "[D-E1]")]        // only D-E4, D-E5 may be waived
    public void YieldsToALaterLevel_OrAWaiverOfAnotherRule_IsRefused(string parameter, string value)
    {
        var e = Assert.Single(Rev.Refused(Rev.Text("R-4", "2026-01-01", $"    {parameter}:\n      - {{ from: 2026-01-01, value: {value}, source: R-4 }}")));
        Assert.Equal(parameter, e.Parameter);
        Assert.Equal($"values.{parameter}[1].value", e.Field);
    }

    [Fact]
    public void YieldsToAnEarlierLevel_IsAccepted() =>
        Rev.Read(Rev.Text("R-5", "2026-01-01", "    loan.kunshan.yields_to:\n      - { from: 2026-01-01, value: [central, province], source: R-5 }"));

    [Fact]
    public void ARevisionWithOneBadValue_IsRefusedWhole_AndEveryProblemIsListed()
    {
        var errors = Rev.Refused("""
            revision:
              id: R-6
              title: 部分有误
              published_on: 2025-13-01
              values:
                loan.province.rate:
                  - { from: 2025-01-01, value: 0.02, source: R-6 }
                loan.kunshan.rate:
                  - { from: 2025-01-01, value: abc, source: R-6 }
                  - { value: 0.01, source: R-6 }
            """);
        Assert.Contains(errors, e => e.Field == "source" && e.Parameter is null);
        Assert.Contains(errors, e => e.Field == "published_on");
        Assert.Contains(errors, e => e.Field == "values.loan.kunshan.rate[1].value");
        Assert.Contains(errors, e => e.Field == "values.loan.kunshan.rate[2].from");
        Assert.All(errors, e => Assert.Equal("R-6", e.Revision));
    }

    [Fact]
    public void UnknownKeys_AreRefused()
    {
        var errors = Rev.Refused("""
            revision:
              id: R-7
              title: t
              source: s
              published_on: 2025-01-01
              author: 张三
              values:
                loan.province.rate:
                  - { from: 2025-01-01, value: 0.02, source: R-7, to: 2025-02-01 }
            """);
        Assert.Contains(errors, e => e.Field == "author");
        Assert.Contains(errors, e => e.Field == "values.loan.province.rate[1].to" && e.Parameter == "loan.province.rate");
    }

    [Fact]
    public void AScenarioNamingABadRevision_ReportsTheRevisionFilesLine()
    {
        var files = new Dictionary<string, string>
        {
            [Path.Combine("cases", "bad.yaml")] = Rev.Text("BAD-1", "2025-01-01", "    loan.suzhou.yields_to:\n      - { from: 2025-01-01, value: [kunshan], source: BAD-1 }"),
        };
        var reader = new ScenarioReader(PolicyEngine.Default.Parameters, null, p => files.TryGetValue(p, out var t) ? t : throw new FileNotFoundException(p));
        var ex = Assert.Throws<ScenarioFormatException>(() => reader.Read("""
            scenarios:
            - name: s
              year: 2025
              revisions: [bad.yaml, missing.yaml]
            """, Path.Combine("cases", "s.yaml")));
        var bad = ex.Errors.FirstOrDefault(e => e.File.EndsWith("bad.yaml", StringComparison.Ordinal)) ?? throw new InvalidOperationException(ex.Message);
        Assert.Equal(8, bad.Line);
        Assert.Equal("修订 BAD-1 参数 loan.suzhou.yields_to", bad.Entity);
        Assert.Equal("values.loan.suzhou.yields_to[1].value", bad.Field);
        Assert.Contains(ex.Errors, e => e.Field == "revisions" && e.Message.Contains("missing.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void AScenarioNamingRevisions_WithoutAWayToReadThem_IsAnError()
    {
        var ex = Assert.Throws<ScenarioFormatException>(() => new ScenarioReader(PolicyEngine.Default.Parameters).Read("""
            scenarios:
            - name: s
              year: 2025
              revisions: [a.yaml]
            """, "s.yaml"));
        Assert.Equal("revisions", Assert.Single(ex.Errors).Field);
    }
}
