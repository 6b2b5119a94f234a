using System.IO.Compression;
using System.Xml.Linq;
using Renewal.Testing;

namespace Renewal.Web.Tests.Reports;

/// <summary>Reads what the report endpoints send: PDFs through poppler-utils, xlsx through its sheet XML.</summary>
internal static class Poppler
{
    /// <summary>Makes sure the report font exists where the app looks by default (scripts/test.sh has made it already).</summary>
    public static void EnsureFont() => _ = PdfTools.Font;

    /// <summary>(text without spaces, pdffonts table) of a PDF.</summary>
    public static (string Text, string Fonts) Read(byte[] pdf)
    {
        var path = PdfTools.Save(pdf);
        try
        {
            var text = PdfTools.Run("pdftotext", "-enc", "UTF-8", path, "-");
            Assert.True(text.Exit == 0, "pdftotext: " + text.Err);
            var fonts = PdfTools.Run("pdffonts", path);
            Assert.True(fonts.Exit == 0, "pdffonts: " + fonts.Err);
            return (string.Concat(text.Out.Where(c => !char.IsWhiteSpace(c))), fonts.Out);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The first sheet's cells as rows of (column letters → text), numbers as stored.</summary>
    public static SortedDictionary<int, Dictionary<string, string>> Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var stream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var doc = XDocument.Load(stream);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var row in doc.Descendants(ns + "row"))
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in row.Elements(ns + "c"))
            {
                var reference = (string)c.Attribute("r")!;
                var column = string.Concat(reference.TakeWhile(char.IsLetter));
                cells[column] = (string?)c.Attribute("t") == "inlineStr"
                    ? string.Concat(c.Descendants(ns + "t").Select(t => t.Value))
                    : (string?)c.Element(ns + "v") ?? "";
            }
            rows[int.Parse((string)row.Attribute("r")!, System.Globalization.CultureInfo.InvariantCulture)] = cells;
        }
        return rows;
    }
}
