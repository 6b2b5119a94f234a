using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using PdfSharp.Fonts;
using Renewal.Data;
using Renewal.Data.Entities;
using Renewal.Data.Audit;
using Renewal.Services;
using Renewal.Services.Workflow;
using Renewal.Services.Simulation;
using Renewal.Services.Budget;
using Renewal.Services.Programme;
using Renewal.Services.Candidates;
using Renewal.Exchange.Xlsx;
using Renewal.Exchange.Library;
using Renewal.Policy.Kunshan2024.Programme;
using Renewal.Policy.Kunshan2024.Candidates;

namespace Renewal.Services.Reports;

/// <summary>A font the reports cannot use, with a Chinese message saying what to do.</summary>
public sealed class ReportFontException : Exception
{
    public ReportFontException(string message) : base(message) { }
    public ReportFontException() { }
    public ReportFontException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The CJK font embedded in the award notice PDF (ADR-011): one TrueType-outline face, by default Noto Sans CJK SC
/// as scripts/fonts.sh converts it from Debian's fonts-noto-cjk. A TrueType collection gives its first face (or
/// <c>face</c>); a face with CFF outlines is refused with a clear message, since PDFsharp 6.2.4 would embed it whole
/// under the wrong font type.
/// </summary>
public sealed class ReportFont
{
    /// <summary>The converted font's file name in the cache folder of scripts/fonts.sh.</summary>
    public const string DefaultFileName = "NotoSansCJKsc-Regular.ttf";

    private ReportFont(string path, byte[] bytes)
    {
        Path = path;
        Bytes = bytes;
        FamilyName = FontRegistry.Register(bytes);
    }

    /// <summary>Where the font was read from.</summary>
    public string Path { get; }

    /// <summary>The single TrueType face that is embedded (subset) in every PDF.</summary>
    public byte[] Bytes { get; }

    /// <summary>The family name PDFsharp knows this face by (its content hash, so two fonts never mix).</summary>
    internal string FamilyName { get; }

    /// <summary>
    /// The font path to use: the configured one, else the environment variable RENEWAL_PDF_FONT, else the cache of
    /// scripts/fonts.sh (RENEWAL_FONT_CACHE, default ~/.cache/renewal/fonts).
    /// </summary>
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (Environment.GetEnvironmentVariable("RENEWAL_PDF_FONT") is { Length: > 0 } env) return env;
        var cache = Environment.GetEnvironmentVariable("RENEWAL_FONT_CACHE") is { Length: > 0 } c
            ? c
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "renewal", "fonts");
        return System.IO.Path.Combine(cache, DefaultFileName);
    }

    private static readonly ConcurrentDictionary<string, ReportFont> Loaded = new(StringComparer.Ordinal);

    /// <summary>Loads (once per path) the font at <see cref="Locate"/>(<paramref name="configured"/>).</summary>
    /// <exception cref="ReportFontException">Missing, unreadable, not a font, or CFF outlines.</exception>
    public static ReportFont Load(string? configured = null, int face = 0)
    {
        var path = System.IO.Path.GetFullPath(Locate(configured));
        if (Loaded.TryGetValue(path + "#" + face, out var font)) return font;
        if (!File.Exists(path))
        {
            throw new ReportFontException($"找不到奖补通知书所用的中文字体：{path}。请运行 scripts/fonts.sh（由 Debian fonts-noto-cjk 生成 TrueType 轮廓的 "
                + "Noto Sans CJK SC），或以 Reports:FontPath、环境变量 RENEWAL_PDF_FONT 或 --font 指定字体文件。");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportFontException($"无法读取字体文件 {path}：{e.Message}", e);
        }
        font = new ReportFont(path, Face(bytes, face, path));
        return Loaded.GetOrAdd(path + "#" + face, font);
    }

    /// <summary>A font from bytes already in memory (tests, or a font shipped another way).</summary>
    public static ReportFont FromBytes(byte[] bytes, string name = "(内存)", int face = 0)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new ReportFont(name, Face(bytes, face, name));
    }

    /// <summary>The face as a stand-alone TrueType font, checked: a collection is unpacked, CFF outlines are refused.</summary>
    internal static byte[] Face(byte[] bytes, int face, string path)
    {
        if (bytes.Length < 12) throw NotAFont(path);
        var tag = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (tag == Tag("ttcf")) bytes = Unpack(bytes, face, path);
        tag = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (tag == Tag("OTTO") || HasTable(bytes, "CFF ") || HasTable(bytes, "CFF2"))
        {
            throw new ReportFontException($"字体 {path} 是 CFF 轮廓的 OpenType 字体：PDFsharp 6.2.4 无法正确嵌入（会把整套字形以错误的字体类型写入 PDF）。"
                + "请用 scripts/fonts.sh 把 Noto CJK 转换为 TrueType 轮廓后使用（见 ADR-011）。");
        }
        if (tag != 0x00010000 && tag != Tag("true")) throw NotAFont(path);
        if (!HasTable(bytes, "glyf") || !HasTable(bytes, "cmap")) throw NotAFont(path);
        return bytes;
    }

    private static ReportFontException NotAFont(string path) =>
        new($"{path} 不是可用的 TrueType 字体文件（缺少 glyf 或 cmap 表）。");

    private static uint Tag(string s) => (uint)(s[0] << 24 | s[1] << 16 | s[2] << 8 | s[3]);

    private static bool HasTable(byte[] font, string tag)
    {
        var n = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < n; i++)
        {
            var at = 12 + 16 * i;
            if (at + 16 > font.Length) return false;
            if (BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at)) == Tag(tag)) return true;
        }
        return false;
    }

    /// <summary>Copies one face of a TrueType collection into a font file of its own (PDFsharp reads no collections).</summary>
    private static byte[] Unpack(byte[] ttc, int face, string path)
    {
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(8));
        if (face < 0 || face >= count) throw new ReportFontException($"字体集 {path} 只有 {count} 个字体（第 0–{count - 1} 个），没有第 {face} 个。");
        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12 + 4 * face));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(ttc.AsSpan(offset + 4));
        var directory = 12 + 16 * tables;
        var size = directory;
        for (var i = 0; i < tables; i++) size += (int)((BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(offset + 12 + 16 * i + 12)) + 3) & ~3u);
        var font = new byte[size];
        ttc.AsSpan(offset, 12).CopyTo(font);
        var at = directory;
        for (var i = 0; i < tables; i++)
        {
            var entry = offset + 12 + 16 * i;
            var tableOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(entry + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(entry + 12));
            ttc.AsSpan(entry, 8).CopyTo(font.AsSpan(12 + 16 * i)); // tag and checksum
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 8), (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + 16 * i + 12), (uint)length);
            ttc.AsSpan(tableOffset, length).CopyTo(font.AsSpan(at));
            at += (length + 3) & ~3;
        }
        return font;
    }
}

/// <summary>
/// PDFsharp's font resolver is one per process: it serves every face registered here by its content hash, so the
/// generator stays a function of the font bytes it is given.
/// </summary>
internal sealed class FontRegistry : IFontResolver
{
    private static readonly FontRegistry Instance = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static string Register(byte[] bytes)
    {
        var name = "RenewalCJK-" + Convert.ToHexString(SHA256.HashData(bytes))[..16];
        Faces.TryAdd(name, bytes);
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = Instance;
                _installed = true;
            }
        }
        return name;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        Faces.ContainsKey(familyName) ? new FontResolverInfo(familyName) : null;

    public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var b) ? b : null;
}
