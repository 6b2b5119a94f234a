using System.Reflection;
using System.Text.RegularExpressions;
using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Scenarios;

namespace Renewal.Policy.Tests.Kunshan2024;

/// <summary>RuleIds is the one spelling of every rule ID; the rules use it rather than writing "B-3" again.</summary>
public partial class RuleIdsTests
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

    private static readonly IReadOnlyDictionary<string, string> Constants = typeof(RuleIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void EachConstant_IsNamedByItsId_WithoutTheHyphen()
    {
        Assert.NotEmpty(Constants);
        foreach (var (name, id) in Constants) Assert.Equal(id.Replace("-", "", StringComparison.Ordinal), name);
        Assert.Equal("D-E4", RuleIds.DE4);
        Assert.Equal("I-10", RuleIds.I10);
    }

    [Fact]
    public void EveryRuleOfPolicyMd_HasAConstant()
    {
        var policy = File.ReadAllText(Path.Combine(Root, "..", "shared", "spec", "POLICY.md"));
        var ids = RuleRow().Matches(policy).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("D-E6", ids);
        Assert.Empty(ids.Except(Constants.Values));
    }

    [Fact]
    public void EveryRuleATraceCites_IsAConstant()
    {
        var reader = new ScenarioReader(PolicyEngine.Default.Parameters);
        var cited = new HashSet<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "..", "shared", "cases"), "*.yaml"))
        {
            foreach (var s in reader.Read(File.ReadAllText(file), file))
            {
                var r = PolicyEngine.Default.Evaluate(s, explain: true);
                foreach (var a in r.Awards)
                {
                    foreach (var step in a.Trace) cited.Add(step.Rule);
                    if (a.FailedRule is { } f) cited.Add(f);
                }
            }
        }
        Assert.Contains("D-8", cited);
        Assert.Empty(cited.Except(Constants.Values));
    }

    /// <summary>
    /// The rule code of the pack writes no rule ID as a string literal: a typo ("D-E 4") would be a rule no page
    /// explains. Articles and trace texts may still mention IDs inside longer strings.
    /// </summary>
    [Fact]
    public void RuleCode_WritesNoRuleIdLiteral()
    {
        var pack = Path.Combine(Root, "src", "Renewal.Policy", "Kunshan2024");
        var files = new[] { "Demonstration.cs", "EffectiveInvestment.cs", "TechRenovation.cs", "LoanInterest.cs", "Candidates/CandidateRules.cs", "Programme/ProgrammeTargets.cs" };
        var found = new List<string>();
        foreach (var f in files)
        {
            var lines = File.ReadAllLines(Path.Combine(pack, f));
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (line.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match m in IdLiteral().Matches(lines[i]))
                {
                    // An article such as Computed(RuleIds.I9, "I-9", …) or LevelArticle's "I-13" cites an interpretation as its source.
                    if (m.Value.StartsWith("\"I-", StringComparison.Ordinal) && ArticleUse().IsMatch(lines[i][..m.Index])) continue;
                    found.Add($"{f}:{i + 1}: {m.Value}");
                }
            }
        }
        Assert.Empty(found);
    }

    [Fact]
    public void ProgrammeYears_AreTheTargetsFile_AndTheLoanWindowOfThePack()
    {
        Assert.Equal(ProgrammeTargets.Default.FirstYear, ProgrammeYears.First);
        Assert.Equal(ProgrammeTargets.Default.LastYear, ProgrammeYears.Last);
        Assert.Equal(Enumerable.Range(ProgrammeYears.First, ProgrammeYears.Last - ProgrammeYears.First + 1), ProgrammeYears.All);
        Assert.Equal($"{ProgrammeYears.First}–{ProgrammeYears.Last}", ProgrammeYears.Text);
        Assert.True(ProgrammeYears.Contains(ProgrammeYears.First));
        Assert.True(ProgrammeYears.Contains(ProgrammeYears.Last));
        Assert.False(ProgrammeYears.Contains(ProgrammeYears.Last + 1));
        Assert.False(ProgrammeYears.Contains(ProgrammeYears.First - 1));
        Assert.Equal(ProgrammeYears.First, ProgrammeYears.Clamp(1999));
        Assert.Equal(ProgrammeYears.Last, ProgrammeYears.Clamp(2999));

        // D's window (I-12) is a dated parameter of its own; as shipped it is the programme's days.
        var p = PolicyEngine.Default.Parameters.ResolveAt(new DateOnly(ProgrammeYears.Last, 12, 31));
        var window = Period.Through((DateOnly)p.Find("loan.window_start")!.Value!, (DateOnly)p.Find("loan.window_end")!.Value!);
        Assert.Equal(ProgrammeYears.Window, window);
        Assert.Equal(ProgrammeYears.All.Sum(y => Period.Year(y).Days), ProgrammeYears.Window.Days);
    }

    [GeneratedRegex(@"^\| ((?:[A-D]-E?\d+)|(?:[IVT]-\d+)) \|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"(?<![\w$@])""(?:[ABCD]|[ABCDIRTV]-\d+|D-E\d)""")]
    private static partial Regex IdLiteral();

    [GeneratedRegex(@"(RuleIds\.\w+, |_ => )$")]
    private static partial Regex ArticleUse();
}
