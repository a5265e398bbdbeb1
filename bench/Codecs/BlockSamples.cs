using System.IO.Compression;
using System.Runtime.InteropServices;

namespace OgcTiler.Bench.Codecs;

/// <summary>
/// A 512×512 uint16 block like imagery (gradient plus ±40 noise), horizontal-differenced (TIFF predictor 2) and
/// compressed the way GDAL stores it, as in the stack notes' measurement.
/// </summary>
internal static class BlockSamples
{
    public const int Size = 512;

    public static byte[] PredictedRaw()
    {
        var random = new Random(7);
        var values = new ushort[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
                values[y * Size + x] = (ushort)(1000 + x * 3 + y * 2 + random.Next(-40, 41));
            for (var x = Size - 1; x > 0; x--)
                values[y * Size + x] -= values[y * Size + x - 1];
        }
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    public static byte[] Deflate(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
            zlib.Write(raw);
        return output.ToArray();
    }

    public static byte[] Zstd(byte[] raw, int level)
    {
        using var compressor = new ZstdSharp.Compressor(level);
        return compressor.Wrap(raw).ToArray();
    }
}
