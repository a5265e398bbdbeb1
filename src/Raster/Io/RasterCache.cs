using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Io;

/// <summary>
/// One byte-bounded LRU cache for parsed headers and decoded blocks, with single-flight loads: concurrent requests that
/// miss the same header or block wait for one read and decode.
/// </summary>
internal sealed class RasterCache
{
    /// <summary>Remote files may change: their parsed header is trusted this long (blocks are checked by ETag).</summary>
    private static readonly TimeSpan RemoteHeaderLifetime = TimeSpan.FromMinutes(5);

    private readonly ByteLru<CacheKey, object> _entries;
    private readonly SingleFlight<CacheKey, object> _loads = new();
    private readonly TimeProvider _time;

    public RasterCache(long capacityBytes)
        : this(capacityBytes, TimeProvider.System)
    {
    }

    public RasterCache(long capacityBytes, TimeProvider time)
    {
        _time = time;
        _entries = new ByteLru<CacheKey, object>(capacityBytes, time);
    }

    public long Bytes => _entries.Bytes;

    public long CapacityBytes => _entries.CapacityBytes;

    /// <summary>
    /// The blocks asked for (in order, repeats allowed): cached ones at once, the rest read through
    /// <paramref name="read"/> (called once with every block no other request is already reading) or awaited from the
    /// request that reads them.
    /// </summary>
    public async Task<RasterBlock[]> GetOrReadBlocksAsync(long headerId, int level, IReadOnlyList<BlockIndex> blocks,
        Func<IReadOnlyList<BlockIndex>, CancellationToken, Task<RasterBlock[]>> read, CancellationToken cancellationToken)
    {
        var keys = new CacheKey[blocks.Count];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = CacheKey.Block(headerId, level, blocks[i]);
        var values = await _loads.GetOrLoadAsync(_entries, keys, async (missing, ct) =>
        {
            var decoded = await read(missing.Select(i => blocks[i]).ToArray(), ct).ConfigureAwait(false);
            return decoded.Select(b => ((object)b, b.SizeInBytes)).ToArray();
        }, found => RasterMetrics.BlockLookups.Add(1, found ? RasterMetrics.Hit : RasterMetrics.Miss), cancellationToken).ConfigureAwait(false);
        var result = new RasterBlock[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = (RasterBlock)values[i];
        return result;
    }

    /// <summary>The cached header of <paramref name="key"/>, or the one <paramref name="open"/> reads (once for concurrent callers).</summary>
    public async Task<T> GetOrOpenHeaderAsync<T>(string key, bool remote, Func<CancellationToken, Task<(T Header, long Size)>> open,
        CancellationToken cancellationToken) where T : class
    {
        var cacheKey = CacheKey.Header(key);
        while (true)
        {
            if (_entries.TryGet(cacheKey, out var cached))
                return (T)cached;
            var claim = _loads.Claim(cacheKey, out var load);
            if (claim is not null)
                await OpenClaimedAsync(cacheKey, claim, remote, open, cancellationToken).ConfigureAwait(false);
            try
            {
                return (T)await load.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (load.IsCanceled && !cancellationToken.IsCancellationRequested)
            {
                // the opening request was cancelled: open it ourselves
            }
        }
    }

    private async Task OpenClaimedAsync<T>(CacheKey key, TaskCompletionSource<object> claim, bool remote,
        Func<CancellationToken, Task<(T Header, long Size)>> open, CancellationToken cancellationToken) where T : class
    {
        if (_entries.TryGet(key, out var justCached))
        {
            _loads.Complete(key, claim, justCached);
            return;
        }
        try
        {
            var (header, size) = await open(cancellationToken).ConfigureAwait(false);
            _entries.Set(key, header, size, remote ? _time.GetUtcNow() + RemoteHeaderLifetime : null);
            _loads.Complete(key, claim, header);
        }
        catch (Exception e)
        {
            _loads.Fail(key, claim, e, cancellationToken.IsCancellationRequested);
            throw;
        }
    }

    public void RemoveHeader(string key) => _entries.Remove(CacheKey.Header(key));

    public void Clear() => _entries.Clear();

    /// <summary>A header by its key, or a block by its header's id, level and position.</summary>
    private readonly record struct CacheKey(string? HeaderKey, long HeaderId, int Level, int X, int Y)
    {
        public static CacheKey Header(string key) => new(key, 0, 0, 0, 0);

        public static CacheKey Block(long headerId, int level, BlockIndex block) => new(null, headerId, level, block.X, block.Y);
    }
}
