using Renewal.Cli;

namespace Renewal.Cli.Tests;

/// <summary>Runs <c>renewal</c> in-process and captures what a person would see.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository root (the folder holding Renewal.slnx).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Renewal.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Renewal.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>../shared/cases beside the repository: the hand-checked cases.</summary>
    public static string Case(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "cases", name));
        Assert.True(File.Exists(path), $"hand-checked case file missing: {path}");
        return path;
    }

    public static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].Trim();

    public static string TempFile(string content, string extension = ".yaml")
    {
        var path = Path.Combine(Path.GetTempPath(), "renewal-test-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllText(path, content);
        return path;
    }
}
