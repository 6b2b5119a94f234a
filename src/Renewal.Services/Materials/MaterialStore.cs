using System.Security.Cryptography;

namespace Renewal.Services.Materials;

/// <summary>A stored file: its SHA-256 (lower-case hex, the address), its length and its type as read from its content.</summary>
public sealed record StoredMaterial(string Sha256, long Length, MaterialType Type);

/// <summary>
/// Where uploaded materials (申报材料: contracts, invoices, photos, workbooks) are kept, content-addressed: a file is
/// stored once under its SHA-256 and never overwritten — a new upload of other content is another address. The
/// default keeps files on disk (<see cref="FileSystemMaterialStore"/>); a deployment can put an S3-compatible store
/// behind this interface. Reading is by address only; who may read is decided by the caller (the application's
/// visibility), never by the store.
/// </summary>
public interface IMaterialStore
{
    /// <summary>Stores <paramref name="content"/> after checking its type and size; the same content twice is stored once.</summary>
    /// <exception cref="MaterialRefusedException">Too large, empty, or not one of <paramref name="allowed"/> by its content.</exception>
    Task<StoredMaterial> PutAsync(Stream content, IReadOnlyCollection<MaterialType> allowed, CancellationToken ct = default);

    /// <summary>The file at <paramref name="sha256"/>, or null when there is none.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default);
}

/// <summary>An upload refused, with the reason in Chinese.</summary>
public sealed class MaterialRefusedException : Exception
{
    public MaterialRefusedException(string message) : base(message) { }
    public MaterialRefusedException() { }
    public MaterialRefusedException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Files on disk under <c>root/ab/cd/abcd…</c> (the first four hex digits as two directory levels). A file is written
/// to a temporary name, hashed while written, checked, then moved into place: a crash leaves no half file under an
/// address, and two uploads of the same content at once end with one file.
/// </summary>
public sealed class FileSystemMaterialStore(string root, long maxBytes = FileSystemMaterialStore.DefaultMaxBytes) : IMaterialStore
{
    /// <summary>20 MB: a scanned contract of many pages fits; a video by mistake does not.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public string Root { get; } = Path.GetFullPath(root);
    public long MaxBytes { get; } = maxBytes;

    public async Task<StoredMaterial> PutAsync(Stream content, IReadOnlyCollection<MaterialType> allowed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(allowed);
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            long length = 0;
            var head = new byte[MaterialTypes.HeadLength];
            var headLength = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    length += n;
                    if (length > MaxBytes) throw new MaterialRefusedException($"文件过大：最大 {Size(MaxBytes)}");
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(n, head.Length - headLength);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            if (length == 0) throw new MaterialRefusedException("文件为空");
            var type = MaterialTypes.Sniff(head.AsSpan(0, headLength), temp);
            if (type is null || !allowed.Contains(type.Value))
                throw new MaterialRefusedException($"文件类型不符：按内容判断{(type is null ? "不是可接受的文件" : $"是 {MaterialTypes.Label(type.Value)}")}，本材料只接受 {string.Join("、", allowed.Select(MaterialTypes.Label))}");
            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var path = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                try
                {
                    File.Move(temp, path);
                }
                catch (IOException) when (File.Exists(path))
                {
                    // The same content stored by another upload meanwhile: one file, the same address.
                }
            }
            return new StoredMaterial(hash, length, type.Value);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken ct = default)
    {
        if (!IsAddress(sha256)) return Task.FromResult<Stream?>(null);
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    /// <summary>A size as people read it: 812 字节, 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} 字节",
        < 1024 * 1024 => (bytes / 1024m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024m / 1024m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
    };

    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    /// <summary>64 lower-case hex digits: nothing else reaches the file system.</summary>
    public static bool IsAddress(string? s) => s is { Length: 64 } && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
