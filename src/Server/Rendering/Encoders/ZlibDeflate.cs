using System.IO.Compression;
using OgcTiler.Raster.Codecs;

namespace OgcTiler.Server.Rendering.Encoders;

/// <summary>
/// One-shot zlib-format DEFLATE of a whole buffer: with libdeflate (Debian <c>libdeflate0</c>) when it is installed,
/// about twice as fast as the runtime's zlib with smaller output at the same level; otherwise with the runtime's zlib.
/// </summary>
internal static class ZlibDeflate
{
    /// <summary>
    /// The libdeflate level used for each zlib level: the fastest whose output was no larger than zlib's on the load
    /// benchmark's tiles (bench/RESULTS.md, deflate-sweep); levels 7–9 are kept as they are.
    /// </summary>
    private static readonly int[] LibdeflateLevels = [0, 1, 1, 2, 3, 4, 5, 7, 8, 9];

    /// <summary>Whether libdeflate was found (otherwise the runtime's zlib compresses).</summary>
    public static bool UsesLibdeflate => Libdeflate.Instance is not null;

    /// <summary>Writes the zlib stream of <paramref name="input"/> at zlib level <paramref name="level"/> (0–9) to <paramref name="output"/>.</summary>
    public static void Compress(ReadOnlySpan<byte> input, int level, Stream output)
    {
        if (Libdeflate.Instance is { } native)
            native.ZlibCompress(input, LibdeflateLevels[Math.Clamp(level, 0, 9)], output);
        else
            CompressWithZlib(input, level, output);
    }

    public static void CompressWithZlib(ReadOnlySpan<byte> input, int level, Stream output)
    {
        using var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true);
        zlib.Write(input);
    }
}
