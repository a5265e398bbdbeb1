using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OgcTiler.Server.Tests.Rendering;

/// <summary>
/// A test-side PNG reader written from the PNG spec (non-interlaced, 8- or 16-bit grey, grey+alpha, RGB, RGBA):
/// SkiaSharp decodes 16-bit PNGs only down to 8 bits, and these tests need the samples as written. CRCs are left
/// to SkiaSharp's decoder (libpng checks them).
/// </summary>
internal sealed record PngSamples(int Width, int Height, int BitDepth, int ColourType, ushort[] Samples)
{
    public int Channels => ColourType switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {ColourType}") };

    /// <summary>Channel <paramref name="channel"/> of pixel (x, y).</summary>
    public ushort At(int x, int y, int channel) => Samples[(y * Width + x) * Channels + channel];

    public static PngSamples Decode(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var idat = new MemoryStream();
        int width = 0, height = 0, bitDepth = 0, colourType = 0;
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                (bitDepth, colourType) = (data[8], data[9]);
                Assert.Equal(0, data[12]); // not interlaced
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            offset += length + 12;
        }
        var result = new PngSamples(width, height, bitDepth, colourType, new ushort[width * height * (colourType switch { 0 => 1, 4 => 2, 2 => 3, _ => 4 })]);
        result.Unfilter(Inflate(idat.ToArray()));
        return result;
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var output = new MemoryStream();
        using (var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
            stream.CopyTo(output);
        return output.ToArray();
    }

    private void Unfilter(byte[] raw)
    {
        var bytesPerSample = BitDepth / 8;
        var bpp = Channels * bytesPerSample;
        var stride = Width * bpp;
        Assert.Equal((stride + 1) * Height, raw.Length);
        var previous = new byte[stride];
        var row = new byte[stride];
        for (var y = 0; y < Height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter type {filter}"),
                };
                row[i] = (byte)(raw[y * (stride + 1) + 1 + i] + predictor);
            }
            for (var s = 0; s < Width * Channels; s++)
                Samples[y * Width * Channels + s] = bytesPerSample == 2 ? BinaryPrimitives.ReadUInt16BigEndian(row.AsSpan(2 * s)) : row[s];
            (previous, row) = (row, previous);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
