using System.Diagnostics;
using Renewal.Services.Reports;

namespace Renewal.Testing;

/// <summary>
/// Poppler's command-line tools (Debian poppler-utils, installed by scripts/test.sh) read the PDFs the way a viewer
/// does, and the report font, converted once per machine by scripts/fonts.sh.
/// </summary>
internal static class PdfTools
{
    private static readonly Lazy<ReportFont> LazyFont = new(() =>
    {
        var path = ReportFont.Locate(null);
        if (!File.Exists(path))
        {
            // Through scripts/test.sh the font is already there; a plain `dotnet test` makes it here (once per machine).
            var (exit, output, error) = Run("bash", Path.Combine(RepoRoot, "scripts", "fonts.sh"));
            Assert.True(exit == 0, $"scripts/fonts.sh failed: {output}{error}");
            path = output.Trim().Split('\n')[^1];
        }
        return ReportFont.Load(path);
    });

    public static ReportFont Font => LazyFont.Value;

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

    public static (int Exit, string Out, string Err) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Keeps a rendered page as an artifact of the run (artifacts/reports/NAME.png) for people to look at.</summary>
    public static void Keep(string png, string name)
    {
        var dir = Path.Combine(RepoRoot, "artifacts", "reports");
        Directory.CreateDirectory(dir);
        File.Copy(png, Path.Combine(dir, name + ".png"), overwrite: true);
    }

    /// <summary>Writes the PDF to a temporary file and returns its path.</summary>
    public static string Save(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "renewal-report-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>The text poppler extracts (needs the font's ToUnicode map), with the layout kept.</summary>
    public static string Text(string pdf, int? page = null)
    {
        var (exit, output, error) = page is { } p
            ? Run("pdftotext", "-layout", "-enc", "UTF-8", "-f", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", p.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, "-")
            : Run("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-");
        Assert.True(exit == 0, "pdftotext: " + error);
        return output;
    }

    /// <summary>pdffonts' table: name, type, encoding, emb, sub, uni.</summary>
    public static string Fonts(string pdf)
    {
        var (exit, output, error) = Run("pdffonts", pdf);
        Assert.True(exit == 0, "pdffonts: " + error);
        return output;
    }

    /// <summary>Renders every page to PNG at <paramref name="dpi"/>; returns the files in page order.</summary>
    public static IReadOnlyList<string> Render(string pdf, int dpi = 50)
    {
        var prefix = Path.ChangeExtension(pdf, null);
        var (exit, _, error) = Run("pdftoppm", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", pdf, prefix);
        Assert.True(exit == 0, "pdftoppm: " + error);
        var dir = Path.GetDirectoryName(prefix)!;
        return [.. Directory.GetFiles(dir, Path.GetFileName(prefix) + "-*.png").Order(StringComparer.Ordinal)];
    }
}
