using System.Buffers;
using OgcTiler.Abstractions.Errors;

namespace OgcTiler.Raster.Io;

/// <summary>
/// The stored bytes of the byte ranges one block read needs, from one or several files: the ranges of each file are
/// coalesced into as few reads as possible and read concurrently; those of a remote file go through the
/// compressed-block cache when there is one. Disposing returns the pooled buffers.
/// </summary>
internal sealed class StoredBytes : IDisposable
{
    private readonly List<(IRangeReader Reader, ByteRange Range, byte[] Buffer, bool Pooled)> _pieces = [];

    private StoredBytes()
    {
    }

    public static async Task<StoredBytes> ReadAsync(IEnumerable<(IRangeReader Reader, ByteRange Range)> ranges, CompressedBlockCache? compressed,
        CancellationToken cancellationToken)
    {
        var bytes = new StoredBytes();
        var reads = new List<Task>();
        foreach (var file in ranges.Where(r => r.Range.Length > 0).GroupBy(r => r.Reader, r => r.Range))
        {
            if (compressed is not null && file.Key.CompressedCacheIdentity is { } identity)
                reads.Add(bytes.ReadCachedAsync(compressed, file.Key, identity, file.Distinct().ToArray(), cancellationToken));
            else
                reads.AddRange(RangeCoalescer.Coalesce(file).Select(range => bytes.ReadIntoPoolAsync(file.Key, range, cancellationToken)));
        }
        try
        {
            await Task.WhenAll(reads).ConfigureAwait(false);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
        return bytes;
    }

    /// <summary>The bytes of <paramref name="range"/> of the file <paramref name="reader"/> reads (empty for an empty range).</summary>
    public ReadOnlyMemory<byte> Find(IRangeReader reader, ByteRange range)
    {
        if (range.Length == 0)
            return ReadOnlyMemory<byte>.Empty;
        foreach (var (file, r, buffer, _) in _pieces)
        {
            if (file == reader && range.Offset >= r.Offset && range.End <= r.End)
                return buffer.AsMemory((int)(range.Offset - r.Offset), (int)range.Length);
        }
        throw new InvalidOperationException("a block's byte range was not read");
    }

    /// <summary>
    /// Reads <paramref name="range"/> into a buffer rented from the shared pool (the caller returns it); a file
    /// ending before the range's end is corrupt.
    /// </summary>
    public static async Task<byte[]> ReadPooledAsync(IRangeReader reader, ByteRange range, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)range.Length);
        try
        {
            var read = await reader.ReadAsync(range.Offset, buffer.AsMemory(0, (int)range.Length), cancellationToken).ConfigureAwait(false);
            if (read < range.Length)
                throw new RasterFormatException(reader.Uri, $"file is truncated: bytes {range.Offset}..{range.End} requested, only {read} available");
            return buffer;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async Task ReadIntoPoolAsync(IRangeReader reader, ByteRange range, CancellationToken cancellationToken)
    {
        var buffer = await ReadPooledAsync(reader, range, cancellationToken).ConfigureAwait(false);
        lock (_pieces)
            _pieces.Add((reader, range, buffer, true));
    }

    private async Task ReadCachedAsync(CompressedBlockCache compressed, IRangeReader reader, string identity, ByteRange[] ranges, CancellationToken cancellationToken)
    {
        var buffers = await compressed.GetOrReadAsync(reader, identity, ranges, cancellationToken).ConfigureAwait(false);
        lock (_pieces)
        {
            for (var i = 0; i < ranges.Length; i++)
                _pieces.Add((reader, ranges[i], buffers[i], false));
        }
    }

    public void Dispose()
    {
        lock (_pieces)
        {
            foreach (var (_, _, buffer, pooled) in _pieces)
            {
                if (pooled)
                    ArrayPool<byte>.Shared.Return(buffer);
            }
            _pieces.Clear();
        }
    }
}
