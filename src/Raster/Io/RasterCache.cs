using Microsoft.Extensions.Caching.Memory;
using OgcTiler.Raster.Warp;

namespace OgcTiler.Raster.Io;

/// <summary>
/// One size-limited memory cache (bytes) for parsed headers and decoded blocks. Every entry sets its size, so the
/// limit holds whatever mix of headers and blocks is cached.
/// </summary>
internal sealed class RasterCache : IDisposable
{
    /// <summary>Remote files may change: their parsed header is trusted this long (blocks are checked by ETag).</summary>
    private static readonly TimeSpan RemoteHeaderLifetime = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _cache;

    public RasterCache(int sizeMb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeMb);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeMb * 1024L * 1024L });
    }

    public bool TryGetBlock(long headerId, int level, BlockIndex block, out RasterBlock? value)
    {
        var found = _cache.TryGetValue(new BlockKey(headerId, level, block.X, block.Y), out value);
        RasterMetrics.BlockLookups.Add(1, found ? RasterMetrics.Hit : RasterMetrics.Miss);
        return found;
    }

    public void SetBlock(long headerId, int level, BlockIndex block, RasterBlock value) =>
        _cache.Set(new BlockKey(headerId, level, block.X, block.Y), value, new MemoryCacheEntryOptions { Size = value.SizeInBytes });

    public bool TryGetHeader<T>(string key, out T? value) => _cache.TryGetValue(new HeaderKey(key), out value);

    public void SetHeader<T>(string key, T value, long size, bool remote) =>
        _cache.Set(new HeaderKey(key), value, new MemoryCacheEntryOptions
        {
            Size = size,
            AbsoluteExpirationRelativeToNow = remote ? RemoteHeaderLifetime : null,
            Priority = CacheItemPriority.High,
        });

    public void RemoveHeader(string key) => _cache.Remove(new HeaderKey(key));

    public void Dispose() => _cache.Dispose();

    private readonly record struct BlockKey(long HeaderId, int Level, int X, int Y);

    private readonly record struct HeaderKey(string Key);
}
