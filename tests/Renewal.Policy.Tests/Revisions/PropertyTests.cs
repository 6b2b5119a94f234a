using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Model;
using Renewal.Policy.Parameters;
using Renewal.Policy.Scenarios;
using Renewal.Policy.Tests.Oracle;

namespace Renewal.Policy.Tests.Revisions;

/// <summary>
/// Properties over the oracle's random scenarios: a revision with no values changes nothing; a revision not yet known
/// on K changes nothing; the shared cases' revisions known on the day before their publication give the pack's results.
/// </summary>
public class PropertyTests
{
    private static readonly ScenarioReader Reader = new(PolicyEngine.Default.Parameters);

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 12; seed++) data.Add(seed);
        return data;
    }

    private static IEnumerable<(string, string, string?, Level?, decimal, string?)> Lines(ScenarioResult r) =>
        r.Awards.Select(a => (Codes.Of(a.Scheme), a.Enterprise, a.Project ?? a.Loan, a.Level, a.Amount.Yuan, a.FailedRule));

    private static readonly Revision Empty = Rev.Read(Rev.Text("EMPTY", "2024-06-01", "    {}").Replace("values:\n    {}", "values: {}", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ARevisionWithNoValues_ChangesNothing(int seed)
    {
        Assert.Empty(Empty.Values);
        Assert.Equal(PolicyEngine.Default.Parameters.Fingerprint, PolicyEngine.Default.Parameters.WithRevisions([Empty], null).Fingerprint);
        foreach (var s in Reader.Read(RandomScenarioGenerator.Generate(seed, 10), "r.yaml"))
        {
            var with = PolicyEngine.Default.Evaluate(s with { Revisions = [Empty] });
            Assert.Equal(Lines(PolicyEngine.Default.Evaluate(s)), Lines(with));
            Assert.Equal(["EMPTY"], with.Revisions);
        }
    }

    private static readonly Revision[] Several =
    [
        Rev.Read(File.ReadAllText(Path.Combine(SharedCases.Directory, "revisions", "js-2024-08.yaml"))),
        Rev.Read(File.ReadAllText(Path.Combine(SharedCases.Directory, "revisions", "example-cn.yaml"))),
        Rev.Read(File.ReadAllText(Path.Combine(SharedCases.Directory, "revisions", "example-caps.yaml"))),
        Rev.Read(File.ReadAllText(Path.Combine(SharedCases.Directory, "revisions", "example-yield.yaml"))),
        Rev.Read(File.ReadAllText(Path.Combine(SharedCases.Directory, "revisions", "example-c-rate.yaml"))),
    ];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void KnownOnBeforeARevisionsPublication_EqualsEvaluatingWithoutIt(int seed)
    {
        var first = Several.Min(r => r.PublishedOn);
        foreach (var s in Reader.Read(RandomScenarioGenerator.Generate(seed, 10), "r.yaml"))
        {
            var without = Lines(PolicyEngine.Default.Evaluate(s)).ToList();
            var before = PolicyEngine.Default.Evaluate(s with { Revisions = [.. Several], KnownOn = first.AddDays(-1) });
            Assert.Equal(without, Lines(before));
            Assert.Empty(before.Revisions);
            // Known the day before a revision's publication: as if that revision (and every later one) were not given.
            foreach (var r in Several)
            {
                var known = PolicyEngine.Default.Evaluate(s with { Revisions = [.. Several], KnownOn = r.PublishedOn.AddDays(-1) });
                var earlier = PolicyEngine.Default.Evaluate(s with { Revisions = [.. Several.Where(x => x.PublishedOn < r.PublishedOn)] });
                Assert.Equal(Lines(earlier), Lines(known));
            }
        }
    }

    [Fact]
    public void Revisions_AreAppliedOncePerEvaluation_NotPerSubject()
    {
        // The parameter store of an evaluation is built once: a million projects see one resolution per day-change.
        var s = Reader.Read(RandomScenarioGenerator.Generate(3, 10), "r.yaml")[0] with { Revisions = [.. Several] };
        var engine = PolicyEngine.Default.ForScenario(s);
        Assert.Equal(Several.Length, engine.Parameters.Revisions.Length);
        Assert.True(engine.Parameters.ChangeDates.Length < PolicyEngine.Default.Parameters.ChangeDates.Length + 12);
    }
}
