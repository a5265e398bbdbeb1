using System.IO.Compression;
using System.Runtime.InteropServices;

namespace OgcTiler.Raster.Codecs;

/// <summary>DEFLATE (TIFF compression 8 and 32946): a zlib stream, inflated by libdeflate when installed, else by the runtime's zlib.</summary>
internal sealed class DeflateCodec : ICodec
{
    public string Name => "DEFLATE";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format) =>
        Libdeflate.Instance?.ZlibDecompress(source.Span, destination) ?? ZlibInflater.TryInflate(source.Span, destination) ?? DecodeWithStream(source, destination);

    /// <summary>The portable path, used when the runtime's zlib exports are missing.</summary>
    internal static int DecodeWithStream(ReadOnlyMemory<byte> source, Span<byte> destination)
    {
        using var input = MemoryMarshal.TryGetArray(source, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(source.ToArray(), writable: false);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        return zlib.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
    }
}
