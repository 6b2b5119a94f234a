using Renewal.Data;
using Renewal.Testing;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using static Renewal.Exchange.Tests.Library.Workbooks;

namespace Renewal.Exchange.Tests.Library;

/// <summary>
/// A workbook exported by the library (in 万元) and re-saved by LibreOffice Calc (<c>soffice --headless --convert-to
/// xlsx</c>): shared strings instead of inline ones, its own styles, numbers round-tripped through doubles. It must
/// import to exactly the library it came from. The file is committed: the tests do not need LibreOffice.
/// </summary>
public class LibreOfficeTests
{
    private static string Fixture([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", "saved-by-libreoffice.xlsx");

    [Theory]
    [OnSqlite, OnPostgres]
    public void WorkbookSavedByLibreOffice_ImportsToTheLibraryItCameFrom(string provider)
    {
        var bytes = File.ReadAllBytes(Fixture());
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            using var app = new StreamReader(zip.GetEntry("docProps/app.xml")!.Open());
            Assert.Contains("LibreOffice", app.ReadToEnd(), StringComparison.Ordinal);
        }

        using var expected = Databases.Open(provider, out _);
        FillSample(expected);
        using var db = Databases.Open(provider, out var options);
        var report = Import(db, bytes);
        Assert.Equal("万元", report.Unit);
        Assert.Equal(new[] { 2, 3, 3, 3, 2, 2 }, report.Sheets.Select(s => s.Added));
        using var check = LibraryStore.Create(options);
        Assert.Equal(Dump(expected), Dump(check));

        var again = Import(check, bytes);
        Assert.Equal((0, 0), (again.Added, again.Changed));
    }
}
