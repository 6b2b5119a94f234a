using System.Collections.Immutable;
using Renewal.Policy;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Scenarios;

namespace Renewal.Cli.Tests;

/// <summary>ScenarioWriter writes what ScenarioReader reads back unchanged.</summary>
public class ScenarioWriterTests
{
    private static ScenarioReader Reader => new(PolicyEngine.Default.Parameters);

    [Theory]
    [InlineData("schemes-abc.yaml")]
    [InlineData("loan-interest.yaml")]
    [InlineData("edge-cases.yaml")]
    public void ReadWriteRead_GivesEqualScenarios_ForEveryHandCheckedCase(string file)
    {
        var first = Reader.Read(File.ReadAllText(Cli.Case(file)), file);
        var yaml = ScenarioWriter.ToYaml(first);
        var second = Reader.Read(yaml, "f");
        AssertSame(first, second);
        // And writing again is stable.
        Assert.Equal(yaml, ScenarioWriter.ToYaml(second));
    }

    [Fact]
    public void ReadWriteRead_KeepsRevisionsAndKnownOn()
    {
        var file = Cli.Case(Path.Combine("revisions", "cases.yaml"));
        var reader = new ScenarioReader(PolicyEngine.Default.Parameters, null, File.ReadAllText);
        var first = reader.Read(File.ReadAllText(file), file);
        Assert.Contains(first, s => s.KnownOn == new DateOnly(2024, 8, 1));
        Assert.All(first, s => Assert.Single(s.Revisions));
        var yaml = ScenarioWriter.ToYaml(first);
        Assert.Contains("revisions: [js-2024-08.yaml]", yaml, StringComparison.Ordinal);
        Assert.Contains("known_on: 2024-08-01", yaml, StringComparison.Ordinal);
        // Read back beside the revision files, as the scenario named them.
        var second = new ScenarioReader(PolicyEngine.Default.Parameters, null, File.ReadAllText).Read(yaml, file);
        AssertSame(first, second);
        Assert.Equal(yaml, ScenarioWriter.ToYaml(second));
    }

    [Fact]
    public void ACapsTableOverride_IsWrittenAndReadBack()
    {
        var yaml = """
            scenarios:
            - name: caps
              year: 2025
              parameters:
                loan.caps:
                  - { id: X, levels: [province, kunshan], per: enterprise, amount: 4000000 }
            """;
        var first = Reader.Read(yaml, "f");
        var written = ScenarioWriter.ToYaml(first);
        var second = Reader.Read(written, "f");
        AssertSame(first, second);
    }

    [Fact]
    public void WrittenCases_StillPassRenewalTest()
    {
        var first = Reader.Read(File.ReadAllText(Cli.Case("loan-interest.yaml")), "loan-interest.yaml");
        var (exit, output, _) = Cli.Run("test", Cli.TempFile(ScenarioWriter.ToYaml(first)));
        Assert.Equal(0, exit);
        Assert.Equal("6 passed, 0 failed", Cli.LastLine(output));
    }

    [Fact]
    public void OrdinaryValues_AreWrittenPlain_AndChineseAsIs()
    {
        var yaml = ScenarioWriter.ToYaml(Reader.Read(File.ReadAllText(Cli.Case("loan-interest.yaml")), "f"));
        Assert.Contains("credit_code: 913205837AY4CL12TY", yaml, StringComparison.Ordinal);
        Assert.Contains("name: 昆山某动力电池有限公司", yaml, StringComparison.Ordinal);
        Assert.Contains("area: 昆山开发区", yaml, StringComparison.Ordinal);
        Assert.Contains("rate: 0.03\n", yaml, StringComparison.Ordinal);
        Assert.Contains("issued_on: 2025-03-01\n", yaml, StringComparison.Ordinal);
        Assert.Contains("principal: 100000000\n", yaml, StringComparison.Ordinal);
        Assert.Contains("- { date: 2026-03-01, amount: 20000000 }", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("approvals", yaml.Split("name: 同一笔贷款")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("123")]
    [InlineData("0x1F")]
    [InlineData("1e5")]
    [InlineData("2025-03-01")]
    [InlineData(".inf")]
    [InlineData("- a")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("[x]")]
    [InlineData("{x}")]
    [InlineData("x, y")]
    [InlineData("*ref")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("|")]
    [InlineData(">")]
    [InlineData("%x")]
    [InlineData("@x")]
    [InlineData("`x")]
    [InlineData("'x'")]
    [InlineData("\"x\"")]
    [InlineData("back\\slash")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("tab\there")]
    [InlineData("two\nlines")]
    [InlineData("cr\r\nlf")]
    [InlineData("bell\a")]
    [InlineData("bom\uFEFF")]
    [InlineData("nel\u0085 ls\u2028 ps\u2029")]
    [InlineData("全角　空格　")]
    [InlineData("昆山：某公司（二期）#1")]
    [InlineData("emoji 🏭")]
    [InlineData("?")]
    [InlineData("=")]
    public void AwkwardStrings_RoundTrip_AsIdsAndNames(string text)
    {
        var scenario = Sample(text);
        var yaml = ScenarioWriter.ToYaml([scenario]);
        var back = Reader.Read(yaml, "f");
        Assert.Single(back);
        AssertSame([scenario], back);
    }

    [Fact]
    public void NullAndEmptyApprovals_AndAnEmptyExpect_StayDistinct()
    {
        var s = Sample("E1");
        var withNone = s with { Loans = [s.Loans[0] with { Approvals = ImmutableArray<Level>.Empty }], Expect = ImmutableArray<ExpectedAward>.Empty };
        var withNull = s with { Loans = [s.Loans[0] with { Approvals = null }], Expect = null };
        var noneBack = Reader.Read(ScenarioWriter.ToYaml([withNone]), "f")[0];
        var nullBack = Reader.Read(ScenarioWriter.ToYaml([withNull]), "f")[0];
        Assert.True(noneBack.Loans[0].Approvals is { IsEmpty: true });
        Assert.Null(nullBack.Loans[0].Approvals);
        Assert.True(noneBack.Expect is { IsEmpty: true });
        Assert.Null(nullBack.Expect);
    }

    [Fact]
    public void AnEmptyName_StaysEmpty()
    {
        var yaml = ScenarioWriter.ToYaml([Sample("E1") with { Name = "" }]);
        Assert.Contains("- name: \"\"\n", yaml, StringComparison.Ordinal);
        Assert.Equal("", Reader.Read(yaml, "f")[0].Name);
    }

    [Fact]
    public void NoScenarios_IsAnEmptyList()
    {
        Assert.Equal("scenarios: []\n", ScenarioWriter.ToYaml([]));
    }

    /// <summary>A scenario using every field, with <paramref name="text"/> in every free-text place.</summary>
    private static Scenario Sample(string text) => new()
    {
        Name = text,
        Year = 2025,
        Parameters = [new("effective_investment.rate", "0.10"), new("demonstration.require_completion", "false")],
        Enterprises = [new Enterprise(text, "91350100M000100Y43", text, "张浦镇", IndustryCode.Parse("C3421"))],
        Projects =
        [
            new Project
            {
                Id = text, EnterpriseId = text, Name = text, Kind = ProjectKind.Expansion, Status = ProjectStatus.Completed,
                CompletedOn = new DateOnly(2025, 6, 30), Tasks = [4, 7], Clusters = ["equipment_manufacturing"], SafetyRenovation = true,
                DigitalScopes = ["smart_factory_demo"],
                Investment = [new YearInvestment(2024, new Money(300000000m), new Money(280000000.5m)), new YearInvestment(2025, new Money(1.25m), Money.Zero)],
                PriorAwards = [new PriorAward(Scheme.EffectiveInvestment, 2024, new Money(3000000m))],
            },
        ],
        Loans =
        [
            new Loan
            {
                Id = text, EnterpriseId = text, ProjectId = text, Category = LoanCategory.DigitalTransformation, Principal = new Money(100000000m),
                Rate = new Rate(0.0345m), IssuedOn = new DateOnly(2025, 3, 1), MaturesOn = new DateOnly(2028, 3, 1),
                EquipmentAmount = new Money(80000000.01m), ViaSuzhouPlatform = true, Approvals = [Level.Province, Level.Kunshan],
                Repayments = [new Repayment(new DateOnly(2026, 3, 1), new Money(20000000m)), new Repayment(new DateOnly(2027, 3, 1), new Money(0.01m))],
            },
        ],
        Expect =
        [
            new ExpectedAward(Scheme.LoanInterest, null, null, text, Level.Province, new Money(680000.00m), 0),
            new ExpectedAward(Scheme.TechRenovation, text, null, null, null, new Money(1m), 0),
            new ExpectedAward(Scheme.Demonstration, null, text, null, null, Money.Zero, 0),
        ],
    };

    /// <summary>Field by field: the records hold ImmutableArrays, whose equality is by reference.</summary>
    internal static void AssertSame(IReadOnlyList<Scenario> expected, IReadOnlyList<Scenario> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Year, a.Year);
            Assert.Equal(e.Parameters.ToArray(), a.Parameters.ToArray());
            Assert.Equal(e.KnownOn, a.KnownOn);
            Assert.Equal(e.Revisions.Select(r => (r.File, r.Canonical())), a.Revisions.Select(r => (r.File, r.Canonical())));
            Assert.Equal(e.Enterprises.ToArray(), a.Enterprises.ToArray());
            Assert.Equal(e.Projects.Length, a.Projects.Length);
            foreach (var (p, q) in e.Projects.Zip(a.Projects))
            {
                Assert.Equal(p.Id, q.Id);
                Assert.Equal(p.EnterpriseId, q.EnterpriseId);
                Assert.Equal(p.Name, q.Name);
                Assert.Equal(p.Kind, q.Kind);
                Assert.Equal(p.Status, q.Status);
                Assert.Equal(p.CompletedOn, q.CompletedOn);
                Assert.Equal(p.Tasks.ToArray(), q.Tasks.ToArray());
                Assert.Equal(p.Clusters.ToArray(), q.Clusters.ToArray());
                Assert.Equal(p.SafetyRenovation, q.SafetyRenovation);
                Assert.Equal(p.DigitalScopes.ToArray(), q.DigitalScopes.ToArray());
                Assert.Equal(p.Investment.ToArray(), q.Investment.ToArray());
                Assert.Equal(p.PriorAwards.ToArray(), q.PriorAwards.ToArray());
            }
            Assert.Equal(e.Loans.Length, a.Loans.Length);
            foreach (var (l, m) in e.Loans.Zip(a.Loans))
            {
                Assert.Equal(l.Id, m.Id);
                Assert.Equal(l.EnterpriseId, m.EnterpriseId);
                Assert.Equal(l.ProjectId, m.ProjectId);
                Assert.Equal(l.Category, m.Category);
                Assert.Equal(l.Principal, m.Principal);
                Assert.Equal(l.Rate, m.Rate);
                Assert.Equal(l.IssuedOn, m.IssuedOn);
                Assert.Equal(l.MaturesOn, m.MaturesOn);
                Assert.Equal(l.EquipmentAmount, m.EquipmentAmount);
                Assert.Equal(l.ViaSuzhouPlatform, m.ViaSuzhouPlatform);
                Assert.Equal(l.Approvals.HasValue, m.Approvals.HasValue);
                if (l.Approvals is { } la) Assert.Equal(la.ToArray(), m.Approvals!.Value.ToArray());
                Assert.Equal(l.Repayments.ToArray(), m.Repayments.ToArray());
            }
            Assert.Equal(e.Expect.HasValue, a.Expect.HasValue);
            if (e.Expect is { } ee)
            {
                // Line is where the reader found the line in its file, not part of the expectation.
                Assert.Equal(ee.Select(x => x with { Line = 0 }).ToArray(), a.Expect!.Value.Select(x => x with { Line = 0 }).ToArray());
            }
        }
    }
}
