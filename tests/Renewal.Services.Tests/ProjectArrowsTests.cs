using System.Xml.Linq;
using Renewal.Data;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024;
using Renewal.Services;

namespace Renewal.Services.Tests;

/// <summary>
/// The arrows of ADR-012 as a test: each source project references exactly the projects the ADR allows, and the
/// compiled storage, policy and exchange assemblies use no PDF, web or console library (the compiler drops an unused
/// reference, so what an assembly lists is what its code uses).
/// </summary>
public sealed class ProjectArrowsTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Renewal.Policy"] = [],
        ["Renewal.Data"] = ["Renewal.Policy"],
        ["Renewal.Data.Sqlite"] = ["Renewal.Data"],
        ["Renewal.Data.Postgres"] = ["Renewal.Data"],
        ["Renewal.Exchange"] = ["Renewal.Policy", "Renewal.Data"],
        ["Renewal.Seed"] = ["Renewal.Policy", "Renewal.Data"],
        ["Renewal.Services"] = ["Renewal.Policy", "Renewal.Data", "Renewal.Exchange"],
        ["Renewal.Web"] = ["Renewal.Policy", "Renewal.Data", "Renewal.Exchange", "Renewal.Services", "Renewal.Seed", "Renewal.Data.Sqlite", "Renewal.Data.Postgres"],
        ["Renewal.Cli"] = ["Renewal.Policy", "Renewal.Data", "Renewal.Exchange", "Renewal.Services", "Renewal.Seed", "Renewal.Data.Sqlite", "Renewal.Data.Postgres"],
    };

    [Fact]
    public void Every_source_project_references_only_what_ADR_012_allows()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var found = Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), References);

        Assert.Equal(Allowed.Keys.Order(), found.Keys.Order());
        foreach (var (project, refs) in found)
            Assert.True(Allowed[project].Order().SequenceEqual(refs.Order()),
                $"{project} references [{string.Join(", ", refs)}], ADR-012 allows [{string.Join(", ", Allowed[project])}]");
    }

    [Theory]
    [InlineData("policy", new[] { "PdfSharp", "MiniExcel", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Spectre.Console", "Renewal.Data" })]
    [InlineData("data", new[] { "PdfSharp", "MiniExcel", "Microsoft.AspNetCore", "Spectre.Console", "Renewal.Exchange", "Renewal.Services" })]
    [InlineData("exchange", new[] { "PdfSharp", "Microsoft.AspNetCore", "Spectre.Console", "Renewal.Services" })]
    [InlineData("services", new[] { "Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine" })]
    public void An_assembly_uses_nothing_outside_its_room(string room, string[] forbidden)
    {
        var assembly = room switch
        {
            "policy" => typeof(PolicyEngine).Assembly,
            "data" => typeof(LibraryDbContext).Assembly,
            "exchange" => typeof(LibraryExporter).Assembly,
            _ => typeof(LibraryScenario).Assembly,
        };
        var used = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        var wrong = used.Where(u => forbidden.Any(f => u == f || u.StartsWith(f + ".", StringComparison.Ordinal))).ToList();
        Assert.True(wrong.Count == 0, $"{assembly.GetName().Name} uses {string.Join(", ", wrong)}");
    }

    private static string[] References(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Renewal.slnx not found above " + AppContext.BaseDirectory);
    }
}
