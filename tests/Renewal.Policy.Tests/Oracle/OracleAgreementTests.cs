using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Scenarios;

namespace Renewal.Policy.Tests.Oracle;

/// <summary>
/// The engine agrees to the fen with an independent implementation of POLICY.md (written from the spec alone, D day
/// by day with exact fractions) on randomly generated edge-heavy scenarios.
/// </summary>
public class OracleAgreementTests
{
    private static readonly ScenarioReader Reader = new(PolicyEngine.Default.Parameters);

    private static string Key(string scheme, string subject, string? level) => $"{scheme}|{subject}|{level}";

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Engine_AgreesWithTheIndependentOracle(int seed)
    {
        var yaml = RandomScenarioGenerator.Generate(seed, 10);
        var ours = Reader.Read(yaml, $"random-{seed}.yaml");
        var theirs = IndependentPolicy.Parse(yaml);
        Assert.Equal(theirs.Count, ours.Count);
        var problems = new List<string>();
        for (var i = 0; i < ours.Count; i++)
        {
            var result = PolicyEngine.Default.Evaluate(ours[i]);
            var mine = result.Awards.Where(a => a.Amount.Yuan != 0).ToDictionary(
                a => Key(Codes.Of(a.Scheme), a.Scheme switch
                {
                    Scheme.TechRenovation => a.Enterprise,
                    Scheme.LoanInterest => a.Loan!,
                    _ => a.Project!,
                }, a.Level is { } l ? Codes.Of(l) : null),
                a => a.Amount.Yuan);
            var oracle = IndependentPolicy.Evaluate(theirs[i]).ToDictionary(o => Key(o.Scheme, o.Subject, o.Level), o => o.Amount);
            foreach (var k in mine.Keys.Union(oracle.Keys))
            {
                var a = mine.GetValueOrDefault(k);
                var b = oracle.GetValueOrDefault(k);
                if (a != b) problems.Add($"{ours[i].Name}: {k} engine {a} oracle {b}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Generator_ReachesEverySchemeAndTheCapSharing()
    {
        var schemes = new HashSet<Scheme>();
        var rules = new HashSet<string>();
        for (var seed = 1; seed <= 40; seed++)
        {
            foreach (var s in Reader.Read(RandomScenarioGenerator.Generate(seed, 10), "r.yaml"))
            {
                var r = PolicyEngine.Default.Evaluate(s, explain: true);
                foreach (var a in r.Awards.Where(a => a.Amount.Yuan != 0)) schemes.Add(a.Scheme);
                foreach (var t in r.Awards.SelectMany(a => a.Trace)) rules.Add(t.Rule);
            }
        }
        Assert.Equal(4, schemes.Count);
        Assert.Contains("D-8", rules);
        Assert.Contains("I-5", rules);
        Assert.Contains("D-3", rules);
    }
}
