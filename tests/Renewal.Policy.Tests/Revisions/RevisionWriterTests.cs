using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Tests.Revisions;

/// <summary>
/// A revision drafted in the platform's forms is stored as a revision file (RevisionWriter): reading it back gives the
/// same document, so what the second administrator publishes is exactly what the first one drafted.
/// </summary>
public class RevisionWriterTests
{
    private static readonly ParameterStore Pack = PolicyEngine.Default.Parameters;

    public static TheoryData<string> SharedRevisions()
    {
        var data = new TheoryData<string>();
        foreach (var f in System.IO.Directory.GetFiles(Path.Combine(SharedCases.Directory, "revisions"), "*.yaml").Where(f => !f.EndsWith("cases.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedRevisions))]
    public void WrittenAndReadBack_IsTheSameDocument(string file)
    {
        var original = RevisionReader.Read(File.ReadAllText(Path.Combine(SharedCases.Directory, "revisions", file)), file, Pack);

        var again = RevisionReader.Read(RevisionWriter.ToYaml(original), "written.yaml", Pack);

        Assert.Equal(original.Canonical(), again.Canonical());
    }

    [Fact]
    public void TextWithQuotesAndLineBreaks_SurvivesTheRoundTrip()
    {
        var revision = new Revision("KS-\"1\"", "标题：含 \"引号\" 与 \\ 反斜杠\n第二行", "昆工信〔2026〕1号", new DateOnly(2026, 1, 15),
            [new RevisionValues("effective_investment.clusters", [new DatedValue(new DateOnly(2026, 1, 1), null,
                System.Collections.Immutable.ImmutableArray.Create("equipment_manufacturing", "new_materials"), ParameterSource.Parse("KS-1", "说明: 冒号"))])]);

        var again = RevisionReader.Read(RevisionWriter.ToYaml(revision), "written.yaml", Pack);

        Assert.Equal(revision.Canonical(), again.Canonical());
        Assert.Equal("说明: 冒号", again.Values[0].Values[0].Source.Note);
    }
}
