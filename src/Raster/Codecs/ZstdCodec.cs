using System.Collections.Concurrent;
using ZstdSharp;

namespace OgcTiler.Raster.Codecs;

/// <summary>ZSTD (TIFF compression 50000). A ZstdSharp <see cref="Decompressor"/> is not thread-safe: they are pooled.</summary>
internal sealed class ZstdCodec : ICodec
{
    private readonly ConcurrentBag<Decompressor> _pool = [];

    public string Name => "ZSTD";

    public int Decode(ReadOnlyMemory<byte> source, Span<byte> destination, in BlockFormat format)
    {
        var decompressor = _pool.TryTake(out var pooled) ? pooled : new Decompressor();
        try
        {
            return decompressor.Unwrap(source.Span, destination);
        }
        catch (ZstdException e)
        {
            throw new InvalidDataException($"ZSTD data is corrupt: {e.Message}", e);
        }
        finally
        {
            _pool.Add(decompressor);
        }
    }
}
