using System.Text.RegularExpressions;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Scenarios;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>RULES.md is the plain-language page of every rule: no rule in POLICY.md or in a trace goes without one.</summary>
public partial class RulesDocumentTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
            return dir!.FullName;
        }
    }

    private static HashSet<string> Documented() =>
        [.. File.ReadAllLines(Path.Combine(Root, "src", "Renewal.Policy", "Kunshan2024", "RULES.md"))
            .Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(l => l[4..].Split(' ')[0])];

    [Fact]
    public void EveryRuleOfPolicyMd_HasItsPage()
    {
        var policy = File.ReadAllText(Path.Combine(Root, "..", "shared", "spec", "POLICY.md"));
        var ids = RuleRow().Matches(policy).Select(m => m.Groups[1].Value).Where(id => !id.StartsWith("T-", StringComparison.Ordinal)).ToHashSet();
        Assert.NotEmpty(ids);
        Assert.Empty(ids.Except(Documented()));
    }

    [Fact]
    public void EveryRuleATraceCites_HasItsPage()
    {
        var reader = new ScenarioReader(PolicyEngine.Default.Parameters);
        var cited = new HashSet<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "..", "shared", "cases"), "*.yaml"))
        {
            foreach (var s in reader.Read(File.ReadAllText(file), file))
            {
                foreach (var step in PolicyEngine.Default.Evaluate(s, explain: true).Awards.SelectMany(a => a.Trace)) cited.Add(step.Rule);
            }
        }
        Assert.Contains("D-8", cited);
        // "A", "B", "C", "D" alone mean "not in force" and are explained in the introduction.
        Assert.Empty(cited.Where(r => r.Length > 1).Except(Documented()));
    }

    [GeneratedRegex(@"^\| ((?:[A-D]-E?\d+)|(?:I-\d+)) \|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}

/// <summary>The platform's checks (S-n, ADR-031) have their pages too.</summary>
public class SafeguardRulesDocumentTests
{
    [Fact]
    public void EverySafeguardRule_HasItsPage()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
        var headings = File.ReadAllLines(Path.Combine(dir!.FullName, "src", "Renewal.Policy", "Kunshan2024", "RULES.md"))
            .Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(l => l[4..].Split(' ')[0]).ToHashSet();
        Assert.Empty(Renewal.Policy.Kunshan2024.Safeguards.SafeguardChecks.All.Except(headings));
    }
}
