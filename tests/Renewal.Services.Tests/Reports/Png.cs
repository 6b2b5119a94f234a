using Renewal.Data;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Renewal.Services.Tests.Reports;

/// <summary>
/// A minimal PNG reader for the pages pdftoppm renders (8-bit grey, grey+alpha, RGB or RGBA, not interlaced): enough
/// to look at the pixels without an imaging library.
/// </summary>
internal sealed class Png
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private Png(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Luminance 0 (black) … 255 (white) of a pixel.</summary>
    public int Luminance(int x, int y)
    {
        var i = (y * Width + x) * _channels;
        return _channels >= 3 ? (_pixels[i] * 299 + _pixels[i + 1] * 587 + _pixels[i + 2] * 114) / 1000 : _pixels[i];
    }

    /// <summary>Pixels darker than <paramref name="threshold"/> in a rectangle given as fractions of the page.</summary>
    public int DarkPixels(double left, double top, double right, double bottom, int threshold = 128)
    {
        var n = 0;
        for (var y = (int)(top * Height); y < (int)(bottom * Height); y++)
            for (var x = (int)(left * Width); x < (int)(right * Width); x++)
                if (Luminance(x, y) < threshold) n++;
        return n;
    }

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG: " + path);
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]); // bit depth
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new NotSupportedException("PNG colour type " + data[9]) };
                Assert.Equal(0, data[12]); // not interlaced
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var src = raw.ToArray();
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = src[y * (stride + 1)];
            var line = src.AsSpan(y * (stride + 1) + 1, stride);
            var outLine = pixels.AsSpan(y * stride, stride);
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? outLine[x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException("PNG filter " + filter),
                };
                outLine[x] = (byte)(line[x] + predictor);
            }
        }
        return new Png(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
