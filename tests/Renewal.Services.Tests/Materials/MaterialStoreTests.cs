using System.IO.Compression;
using System.Security.Cryptography;
using Renewal.Services.Materials;

namespace Renewal.Services.Tests.Materials;

/// <summary>
/// The material store (issue 12 item 2): content-addressed by SHA-256, type checked by content not name, size-limited,
/// never overwritten, nothing left behind by a refused upload.
/// </summary>
public sealed class MaterialStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "materials-" + Guid.NewGuid().ToString("N"));
    private static readonly MaterialType[] Any = [MaterialType.Pdf, MaterialType.Png, MaterialType.Jpeg, MaterialType.Xlsx];

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static MemoryStream Pdf(string body) => new(System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n" + body + "\n%%EOF"));

    private static MemoryStream Xlsx(bool workbook)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml");
            if (workbook) zip.CreateEntry("xl/workbook.xml");
            else zip.CreateEntry("word/document.xml");
        }
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public async Task AFile_IsStoredUnderItsSha256_AndReadBackTheSame()
    {
        var store = new FileSystemMaterialStore(_root);
        var bytes = Pdf("发票").ToArray();

        var stored = await store.PutAsync(new MemoryStream(bytes), Any);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Equal((bytes.Length, MaterialType.Pdf), (stored.Length, stored.Type));
        await using var back = await store.OpenAsync(stored.Sha256);
        using var copy = new MemoryStream();
        await back!.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TheSameContentTwice_IsOneFile_AndOtherContentIsAnotherAddress()
    {
        var store = new FileSystemMaterialStore(_root);
        var a = await store.PutAsync(Pdf("合同 v1"), Any);
        var again = await store.PutAsync(Pdf("合同 v1"), Any);
        var b = await store.PutAsync(Pdf("合同 v2"), Any);

        Assert.Equal(a.Sha256, again.Sha256);
        Assert.NotEqual(a.Sha256, b.Sha256);
        Assert.Equal(2, Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, MaterialType.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, MaterialType.Jpeg)]
    public async Task Images_AreKnownByTheirContent(byte[] bytes, MaterialType type)
    {
        var stored = await new FileSystemMaterialStore(_root).PutAsync(new MemoryStream(bytes), Any);
        Assert.Equal(type, stored.Type);
    }

    [Fact]
    public async Task AWorkbook_IsAZipWithAWorkbookInside_AWordFileIsNot()
    {
        var store = new FileSystemMaterialStore(_root);
        Assert.Equal(MaterialType.Xlsx, (await store.PutAsync(Xlsx(workbook: true), Any)).Type);
        var docx = await Assert.ThrowsAsync<MaterialRefusedException>(() => store.PutAsync(Xlsx(workbook: false), Any));
        Assert.StartsWith("文件类型不符：按内容判断不是可接受的文件", docx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATypeTheMaterialDoesNotTake_IsRefusedNamingWhatItTakes_AndLeavesNothing()
    {
        var store = new FileSystemMaterialStore(_root);
        var e = await Assert.ThrowsAsync<MaterialRefusedException>(() => store.PutAsync(Pdf("x"), [MaterialType.Png, MaterialType.Jpeg]));
        Assert.Equal("文件类型不符：按内容判断是 PDF，本材料只接受 PNG 图片、JPEG 图片", e.Message);
        // A renamed executable is not a PDF whatever it is called.
        var exe = await Assert.ThrowsAsync<MaterialRefusedException>(() => store.PutAsync(new MemoryStream("MZ\x90\0"u8.ToArray()), Any));
        Assert.StartsWith("文件类型不符", exe.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TooLargeOrEmpty_IsRefused_AndLeavesNothing()
    {
        var store = new FileSystemMaterialStore(_root, maxBytes: 1024);
        var big = await Assert.ThrowsAsync<MaterialRefusedException>(() => store.PutAsync(Pdf(new string('x', 2000)), Any));
        Assert.Equal("文件过大：最大 1 KB", big.Message);
        var empty = await Assert.ThrowsAsync<MaterialRefusedException>(() => store.PutAsync(new MemoryStream(), Any));
        Assert.Equal("文件为空", empty.Message);
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF")]
    [InlineData("")]
    public async Task OnlyAnAddressReachesTheDisk(string address)
    {
        Assert.Null(await new FileSystemMaterialStore(_root).OpenAsync(address));
    }
}
