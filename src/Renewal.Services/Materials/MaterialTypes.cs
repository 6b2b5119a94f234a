using System.IO.Compression;

namespace Renewal.Services.Materials;

/// <summary>The kinds of file a call may ask for.</summary>
public enum MaterialType
{
    Pdf,
    Png,
    Jpeg,
    Xlsx,
}

/// <summary>A file's type read from its content, never from its name (a renamed .exe is not a PDF).</summary>
public static class MaterialTypes
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 16;

    /// <summary>What people call the type.</summary>
    public static string Label(MaterialType t) => t switch
    {
        MaterialType.Pdf => "PDF",
        MaterialType.Png => "PNG 图片",
        MaterialType.Jpeg => "JPEG 图片",
        MaterialType.Xlsx => "Excel（xlsx）",
        _ => t.ToString(),
    };

    /// <summary>The MIME type a download is served with.</summary>
    public static string Mime(MaterialType t) => t switch
    {
        MaterialType.Pdf => "application/pdf",
        MaterialType.Png => "image/png",
        MaterialType.Jpeg => "image/jpeg",
        MaterialType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// The type of a file from its first bytes (and, for a zip, its entries: an xlsx is a zip with
    /// <c>[Content_Types].xml</c> and <c>xl/workbook.xml</c>); null when it is none of <see cref="MaterialType"/>.
    /// </summary>
    public static MaterialType? Sniff(ReadOnlySpan<byte> head, string? path = null)
    {
        if (head.StartsWith("%PDF-"u8)) return MaterialType.Pdf;
        if (head.StartsWith(PngMagic)) return MaterialType.Png;
        if (head.StartsWith(JpegMagic)) return MaterialType.Jpeg;
        if (head.StartsWith("PK\x03\x04"u8) && path is not null && IsWorkbook(path)) return MaterialType.Xlsx;
        return null;
    }

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static bool IsWorkbook(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
