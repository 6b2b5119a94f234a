using Renewal.Policy.Kunshan2024;
using Renewal.Policy.Parameters;

namespace Renewal.Policy.Tests.Revisions;

/// <summary>Revision documents written in tests, in the file format of SCENARIOS.md "Revision files".</summary>
internal static class Rev
{
    /// <summary>A revision file's text: <paramref name="values"/> is the YAML under <c>values:</c>, indented by 4.</summary>
    public static string Text(string id, string published, string values) =>
        $"""
        revision:
          id: {id}
          title: 测试修订 {id}
          source: 测试
          published_on: {published}
          values:
        {values}
        """;

    /// <summary>A revision with one dated value of one parameter.</summary>
    public static Revision One(string id, string published, string parameter, string value, string from, string? until = null) =>
        Read(Text(id, published, $"    {parameter}:\n      - {{ from: {from}{(until is null ? "" : $", until: {until}")}, value: {value}, source: {id} }}"));

    public static Revision Read(string text, string file = "rev.yaml") => RevisionReader.Read(text, file, PolicyEngine.Default.Parameters);

    /// <summary>The errors of a refused revision.</summary>
    public static IReadOnlyList<RevisionError> Refused(string text) =>
        Assert.Throws<RevisionFormatException>(() => Read(text)).Errors;
}

/// <summary>Where ../shared/cases is, from the test's output directory.</summary>
internal static class SharedCases
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
            return Path.Combine(dir!.FullName, "..", "shared", "cases");
        }
    }
}
