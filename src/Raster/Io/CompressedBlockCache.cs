using System.Buffers;

namespace OgcTiler.Raster.Io;

/// <summary>
/// The stored (compressed) bytes of blocks read from remote files, in a byte-bounded LRU consulted before a range
/// request: a block whose decoded form left the block cache is decoded again from here without a round trip. Keyed
/// by the file's identity (URL, ETag or Last-Modified, length), offset and length; concurrent requests missing the
/// same bytes wait for one read, and the misses of one request are coalesced into as few reads as before.
/// </summary>
internal sealed class CompressedBlockCache(long capacityBytes)
{
    /// <summary>Bookkeeping of an entry (key, node, array header) counted with its bytes.</summary>
    private const int EntryOverhead = 64;

    private readonly ByteLru<Key, byte[]> _entries = new(capacityBytes, TimeProvider.System);
    private readonly SingleFlight<Key, byte[]> _loads = new();

    public long Bytes => _entries.Bytes;

    public long CapacityBytes => _entries.CapacityBytes;

    public int Count => _entries.Count;

    /// <summary>
    /// The bytes of each of <paramref name="ranges"/> (in order; none empty) of the file <paramref name="reader"/>
    /// reads, named <paramref name="identity"/> (its <see cref="IRangeReader.CompressedCacheIdentity"/>).
    /// </summary>
    public Task<byte[][]> GetOrReadAsync(IRangeReader reader, string identity, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken)
    {
        var keys = new Key[ranges.Count];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = new Key(identity, ranges[i].Offset, ranges[i].Length);
        return _loads.GetOrLoadAsync(_entries, keys, (missing, ct) => ReadAsync(reader, missing.Select(i => ranges[i]).ToArray(), ct),
            found => RasterMetrics.CompressedBlockLookups.Add(1, found ? RasterMetrics.Hit : RasterMetrics.Miss), cancellationToken);
    }

    /// <summary>Reads the ranges, neighbouring ones in one request, and copies each out of what was read.</summary>
    private static async Task<(byte[] Value, long Size)[]> ReadAsync(IRangeReader reader, ByteRange[] ranges, CancellationToken cancellationToken)
    {
        var result = new (byte[] Value, long Size)[ranges.Length];
        await Task.WhenAll(RangeCoalescer.Coalesce(ranges).Select(async read =>
        {
            var buffer = await StoredBytes.ReadPooledAsync(reader, read, cancellationToken).ConfigureAwait(false);
            try
            {
                for (var i = 0; i < ranges.Length; i++)
                {
                    if (ranges[i].Offset >= read.Offset && ranges[i].End <= read.End)
                    {
                        var bytes = buffer.AsSpan((int)(ranges[i].Offset - read.Offset), (int)ranges[i].Length).ToArray();
                        result[i] = (bytes, bytes.Length + EntryOverhead);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        })).ConfigureAwait(false);
        return result;
    }

    public void Clear() => _entries.Clear();

    private readonly record struct Key(string File, long Offset, long Length);
}
