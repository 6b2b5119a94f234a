using Renewal.Policy.Explanation;
using Renewal.Policy.Kunshan2024.Safeguards;

namespace Renewal.Policy.Tests.Kunshan2024.Safeguards;

/// <summary>S-1…S-3 at their boundaries: the day of listing and of lifting, exactly three years before, invoices and amounts.</summary>
public class SafeguardChecksTests
{
    private static readonly DateOnly Day = new(2026, 5, 20);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static SafeguardInput Input(IReadOnlyList<RegisterEntry>? register = null, IReadOnlyList<string>? invoices = null, string? project = "产线改造",
        decimal? amount = 1_000_000m, IReadOnlyList<FundingEntry>? funding = null, IReadOnlyList<OtherApplication>? others = null) =>
        new(Day, register ?? [], invoices ?? [], project, amount, funding ?? [], others ?? []);

    [Theory]
    [InlineData("2026-05-20", null, true)]          // listed on the day
    [InlineData("2026-05-21", null, false)]         // listed the day after
    [InlineData("2020-01-01", "2026-05-21", true)]  // lifted the day after: still listed on the day
    [InlineData("2020-01-01", "2026-05-20", false)] // lifted on the day: off the list from that day
    [InlineData("2020-01-01", "2026-05-19", false)] // lifted before
    public void S1_Blacklist_AtListingAndLiftingDays(string listed, string? lifted, bool fails)
    {
        var entry = new RegisterEntry("credit:1", RegisterKind.Blacklist, D(listed), lifted is null ? null : D(lifted), "信用中国 2026-001");
        var r = SafeguardChecks.Evaluate(Input([entry]));
        Assert.Equal(fails, r.Of(SafeguardChecks.S1).Any());
        var line = Assert.Single(r.Trace, t => t.Rule == SafeguardChecks.S1);
        Assert.Equal(fails ? RuleStatus.Fails : RuleStatus.Holds, line.Status);
        if (fails)
        {
            Assert.Contains("信用中国 2026-001", line.Text, StringComparison.Ordinal);
            Assert.Equal("credit:1", r.Findings.Single().EntryKey);
        }
    }

    [Theory]
    [InlineData("2023-05-20", true)]  // exactly three years before: inside (inclusive)
    [InlineData("2023-05-19", false)] // a day earlier: outside
    [InlineData("2026-05-20", true)]  // on the day
    [InlineData("2026-05-21", false)] // after the day: not yet
    public void S2_Incident_AtExactlyThreeYears(string on, bool fails)
    {
        foreach (var kind in new[] { RegisterKind.SafetyIncident, RegisterKind.EnvironmentIncident, RegisterKind.QualityIncident })
        {
            var r = SafeguardChecks.Evaluate(Input([new RegisterEntry("credit:2", kind, D(on), null, "昆应急罚〔2023〕5号")]));
            Assert.Equal(fails, r.Of(SafeguardChecks.S2).Any());
            if (fails) Assert.Contains(SafeguardChecks.Label(kind), r.Findings.Single().Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void S2_Lookback_IsAParameter()
    {
        var entry = new RegisterEntry("credit:2", RegisterKind.SafetyIncident, D("2021-05-20"), null, "来源");
        Assert.Empty(SafeguardChecks.Incidents(Day, [entry], 3));
        Assert.Single(SafeguardChecks.Incidents(Day, [entry], 5));
    }

    [Fact]
    public void S2_LeapDay_WindowStartsOnThe28th()
    {
        Assert.Equal(D("2025-02-28"), SafeguardChecks.WindowStart(D("2028-02-29"), 3));
    }

    [Fact]
    public void S1_S2_DoNotReadEachOthersKinds()
    {
        var r = SafeguardChecks.Evaluate(Input([
            new RegisterEntry("credit:1", RegisterKind.Blacklist, D("2010-01-01"), D("2011-01-01"), "来源"),
            new RegisterEntry("credit:2", RegisterKind.QualityIncident, D("2010-01-01"), null, "来源"),
        ]));
        Assert.Empty(r.Findings);
        Assert.All(r.Trace, t => Assert.Equal(RuleStatus.Holds, t.Status));
        Assert.Equal(["S-1", "S-2", "S-3"], r.Trace.Select(t => t.Rule));
    }

    public static TheoryData<string[], string[], string?, decimal?, decimal, bool> Funding() => new()
    {
        { ["FP001"], ["FP001", "FP009"], "产线改造", 1m, 2m, true },     // an invoice in common
        { ["ｆｐ 001"], ["FP001"], "产线改造", 1m, 2m, true },            // full-width, blanks, case forgiven
        { ["FP002"], ["FP001"], "产线改造", 1_000_000m, 1_000_000m, false }, // both have invoices and differ: invoices decide
        { [], ["FP001"], "产线改造", 1_000_000m, 1_000_000m, true },       // no invoice here: same project, equal amount
        { [], [], "产线改造", 1_000_000m, 1_000_000.01m, false },          // a cent apart
        { [], [], "另一项目", 1_000_000m, 1_000_000m, false },             // another project
        { ["FP001"], [], "产线改造", 1_000_000m, 1_000_000m, true },       // the register lists no invoice
        { [], [], null, null, 1_000_000m, false },                        // an enterprise-level application: nothing to compare
    };

    [Theory]
    [MemberData(nameof(Funding))]
    public void S3_OtherProgramme_ByInvoiceOrByProjectAndAmount(string[] mine, string[] theirs, string? project, decimal? amount, decimal funded, bool fails)
    {
        var entry = new FundingEntry("funding:7", "江苏省智改数转网联项目", 2025, "产线改造", theirs, funded, "苏工信〔2025〕88号");
        var r = SafeguardChecks.Evaluate(Input(invoices: mine, project: project, amount: amount, funding: [entry]));
        Assert.Equal(fails, r.Of(SafeguardChecks.S3).Any());
        if (fails) Assert.Contains("苏工信〔2025〕88号", r.Trace.Single(t => t.Rule == SafeguardChecks.S3).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void S3_AnotherPlatformApplication_ByInvoiceOnly()
    {
        var other = new OtherApplication("application:9", "SB2025-000009", "贷款贴息", ["FP001"]);
        Assert.Single(SafeguardChecks.Evaluate(Input(invoices: ["FP001"], others: [other])).Of(SafeguardChecks.S3));
        Assert.Empty(SafeguardChecks.Evaluate(Input(invoices: [], others: [other])).Of(SafeguardChecks.S3));
        Assert.Empty(SafeguardChecks.Evaluate(Input(invoices: ["FP002"], others: [other])).Of(SafeguardChecks.S3));
    }
}
