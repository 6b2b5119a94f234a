using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using static Renewal.Policy.Tests.World;

namespace Renewal.Policy.Tests.Parameters;

public class ParameterStoreTests
{
    private static readonly ParameterStore Embedded = ParameterStore.LoadKunshan2024();

    /// <summary>The embedded store with one more dated value for B's rate: 10% from 2026-07-01 (a revision).</summary>
    private static ParameterStore WithRevision()
    {
        var yaml = $$"""
            effective_investment.rate:
              type: rate
              description: revised
              values:
                - { from: 2024-01-01, until: 2026-06-30, value: 0.08, source: Annex §2(2) }
                - { from: 2026-07-01, until: 2027-12-31, value: 0.10, source: 修订稿 }
            """;
        var revision = ParameterStore.Parse(yaml, "revision.yaml").Definitions.Single();
        return ParameterStore.Parse(Rewrite(Embedded, revision), "merged");
    }

    private static string Rewrite(ParameterStore store, ParameterDefinition replacement)
    {
        // Serialise back to the file format, replacing one definition: keeps the test honest about the format.
        var sb = new System.Text.StringBuilder();
        foreach (var d in store.Definitions)
        {
            var def = d.Name == replacement.Name ? replacement : d;
            sb.AppendLine($"{def.Name}:");
            sb.AppendLine($"  type: {def.Type.ToString().ToLowerInvariant()}");
            sb.AppendLine("  values:");
            foreach (var v in def.Values)
            {
                var value = v.Value switch
                {
                    System.Collections.Immutable.ImmutableArray<string> list => "[" + string.Join(", ", list) + "]",
                    CapsTable rows => CapRow.ToText(rows),
                    DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    _ => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture),
                };
                sb.AppendLine($"    - from: {v.From:yyyy-MM-dd}");
                if (v.Until is { } u) sb.AppendLine($"      until: {u:yyyy-MM-dd}");
                sb.AppendLine($"      value: {value}");
                sb.AppendLine($"      source: \"{v.Source.Reference}\"");
            }
        }
        return sb.ToString();
    }

    private static decimal BAward(ParameterStore store, int year)
    {
        var engine = new PolicyEngine(store, LprTable.LoadKunshan2024());
        var s = Scenario(year, [Enterprise()], [Project(clusters: ["biomedicine"], investment: [(year, 30_000_000m, 0m)])]);
        return engine.Evaluate(s).Amount(Scheme.EffectiveInvestment, "P1");
    }

    [Fact]
    public void LaterDatedValue_ChangesLaterYearsOnly()
    {
        var store = WithRevision();
        Assert.Equal(2_400_000m, BAward(store, 2025)); // 8%: the revision is not in force on 2025-12-31
        Assert.Equal(3_000_000m, BAward(store, 2026)); // 10%: in force on 2026-12-31
        Assert.Equal(3_000_000m, BAward(store, 2027));
        Assert.Equal(2_400_000m, BAward(Embedded, 2026));
    }

    [Fact]
    public void YearPastUntil_SchemeIsNotInForce_NotAnException()
    {
        var s = Scenario(2028, [Enterprise()], [Project(clusters: ["biomedicine"], investment: [(2028, 30_000_000m, 0m)])]);
        var r = PolicyEngine.Default.Evaluate(s, explain: true);
        var b = r.Line(Scheme.EffectiveInvestment, "P1");
        Assert.False(b.Eligible);
        Assert.Equal(0m, b.Amount.Yuan);
        var step = Assert.Single(b.Trace);
        Assert.Equal(Renewal.Policy.Explanation.RuleStatus.NotApplicable, step.Status);
        Assert.Contains("不在执行期", step.Text);
    }

    [Fact]
    public void EveryValue_HasASource_AndOnlyTheCBaseRateIsAssumed()
    {
        var assumed = Embedded.Definitions.Where(d => d.Values.Any(v => v.Source.IsAssumed)).Select(d => d.Name).ToList();
        Assert.Equal(["tech_renovation.base_rate"], assumed);
        Assert.All(Embedded.Definitions.SelectMany(d => d.Values), v => Assert.False(string.IsNullOrWhiteSpace(v.Source.Reference)));
    }

    [Theory]
    [InlineData("effective_investment.rat", "未知参数")]
    [InlineData("effective_investment.rate=abc", "不是数字")]
    [InlineData("effective_investment.cap_per_project=-1", "负数")]
    [InlineData("effective_investment.cap_per_project=1.001", "两位小数")]
    [InlineData("demonstration.require_completion=maybe", "true 或 false")]
    public void BadOverride_IsAClearError(string set, string message)
    {
        var eq = set.IndexOf('=', StringComparison.Ordinal);
        var (name, value) = eq < 0 ? (set, "1") : (set[..eq], set[(eq + 1)..]);
        var e = Assert.Throws<ParameterException>(() => Embedded.WithOverrides([new(name, value)]));
        Assert.Contains(message, e.Message);
        Assert.Equal(name, e.Parameter);
    }

    [Fact]
    public void Override_AppliesToEveryDate_AndIsNotAssumed()
    {
        var store = Embedded.WithOverrides([new("tech_renovation.base_rate", "0.04")]);
        var v = store.ResolveAt(new DateOnly(2026, 12, 31)).Find("tech_renovation.base_rate")!;
        Assert.Equal(0.04m, v.Value);
        Assert.Equal(SourceKind.Override, v.Source.Kind);
    }

    [Fact]
    public void MalformedParameterFile_NamesTheParameterAndLine()
    {
        var e = Assert.Throws<ParameterException>(() => ParameterStore.Parse("""
            a.b:
              type: money
              values:
                - { from: 2024-13-01, value: 1, source: x }
            """, "bad.yaml"));
        Assert.Equal("a.b", e.Parameter);
        Assert.Contains("bad.yaml 第 4 行", e.Message);
    }
}

public class LprTableTests
{
    [Theory]
    [InlineData("2024-10-20", "2024-07-22")]
    [InlineData("2024-10-21", "2024-10-21")]
    [InlineData("2025-12-31", "2025-05-20")]
    public void InForceOn_IsLatestPublishedOnOrBefore(string date, string published) =>
        Assert.Equal(DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture),
            LprTable.LoadKunshan2024().InForceOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))!.PublishedOn);

    [Fact]
    public void BeforeFirstRow_IsNull() => Assert.Null(LprTable.LoadKunshan2024().InForceOn(new DateOnly(2019, 1, 1)));

    [Fact]
    public void Extending_TheTable_IsData()
    {
        var csv = "published_on,one_year_percent,five_year_plus_percent\n2025-05-20,3.00,3.50\n2026-01-20,2.90,3.40\n";
        var t = LprTable.Parse(csv, "lpr.csv");
        Assert.Equal(0.029m, t.InForceOn(new DateOnly(2026, 2, 1))!.OneYear.Fraction);
    }

    [Theory]
    [InlineData("published_on,a,b\n2025-05-20,3.00\n", "第 2 行")]
    [InlineData("published_on,a,b\n2025-02-30,3.00,3.5\n", "published_on")]
    [InlineData("published_on,a,b\n2025-05-20,x,3.5\n", "one_year_percent")]
    [InlineData("published_on,a,b\n2025-05-20,3,3.5\n2025-01-20,3,3.5\n", "应晚于上一行")]
    public void BadRows_AreNamed(string csv, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => LprTable.Parse(csv, "lpr.csv")).Message);
}
