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
        var result = new RasterBlock?[blocks.Count];
        while (true)
        {
            var waits = new List<(int Index, Task<object> Load)>();
            var claims = new List<(CacheKey Key, BlockIndex Block, TaskCompletionSource<object> Claim)>();
            for (var i = 0; i < blocks.Count; i++)
            {
                if (result[i] is not null)
                    continue;
                var key = CacheKey.Block(headerId, level, blocks[i]);
                if (TryGetBlock(key, out var cached))
                {
                    result[i] = cached;
                    continue;
                }
                var claim = _loads.Claim(key, out var load);
                if (claim is not null && _entries.TryGet(key, out var justCached))
                    _loads.Complete(key, claim, justCached);   // cached by a load that finished since the lookup
                else if (claim is not null)
                    claims.Add((key, blocks[i], claim));
                waits.Add((i, load));
            }
            if (claims.Count > 0)
                await ReadClaimedAsync(claims, read, cancellationToken).ConfigureAwait(false);
            if (await CollectAsync(waits, result, cancellationToken).ConfigureAwait(false))
                return result!;
        }
    }

    private async Task ReadClaimedAsync(List<(CacheKey Key, BlockIndex Block, TaskCompletionSource<object> Claim)> claims,
        Func<IReadOnlyList<BlockIndex>, CancellationToken, Task<RasterBlock[]>> read, CancellationToken cancellationToken)
    {
        RasterBlock[] decoded;
        try
        {
            decoded = await read(claims.Select(c => c.Block).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var (key, _, claim) in claims)
                _loads.Fail(key, claim, e, cancellationToken.IsCancellationRequested);
            throw;
        }
        for (var i = 0; i < claims.Count; i++)
        {
            _entries.Set(claims[i].Key, decoded[i], decoded[i].SizeInBytes);
            _loads.Complete(claims[i].Key, claims[i].Claim, decoded[i]);
        }
    }

    /// <summary>False when a load was cancelled by the request that owned it: those blocks are asked for again.</summary>
    private static async Task<bool> CollectAsync(List<(int Index, Task<object> Load)> waits, RasterBlock?[] result, CancellationToken cancellationToken)
    {
        var complete = true;
        foreach (var (index, load) in waits)
        {
            try
            {
                result[index] = (RasterBlock)await load.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (load.IsCanceled && !cancellationToken.IsCancellationRequested)
            {
                complete = false;
            }
        }
        return complete;
    }

    private bool TryGetBlock(CacheKey key, out RasterBlock? block)
    {
        var found = _entries.TryGet(key, out var value);
        RasterMetrics.BlockLookups.Add(1, found ? RasterMetrics.Hit : RasterMetrics.Miss);
        block = value as RasterBlock;
        return found;
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
