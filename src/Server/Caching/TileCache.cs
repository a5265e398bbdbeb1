using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Caching;

/// <summary>
/// An encoded tile with its entity tag and, for a cached tile, when it was rendered (to the second, as HTTP dates
/// are). Immutable, so HybridCache keeps the instance in L1.
/// </summary>
[ImmutableObject(true)]
public sealed record CachedTile(byte[] Bytes, string ContentType, string ETag, DateTimeOffset? Rendered = null);

/// <summary>Where a tile came from, for the Cache-Status header.</summary>
public enum TileOrigin
{
    /// <summary>From this instance's memory.</summary>
    Memory,
    /// <summary>From Redis, stored by any instance.</summary>
    Redis,
    /// <summary>Rendered by another instance while this one waited for it (the render lock).</summary>
    Peer,
    /// <summary>Joined a render (or Redis read) already running in this instance.</summary>
    Collapsed,
    /// <summary>Rendered here and stored (memory, and Redis when configured).</summary>
    Rendered,
    /// <summary>Rendered here and kept in memory only: Redis is configured but unavailable.</summary>
    RenderedRedisUnavailable,
    /// <summary>The tile cache is disabled.</summary>
    NotCached,
    /// <summary>304 from the entity tag alone.</summary>
    NotModified,
}

/// <summary>A tile's cache key and the entity tag derived from it, both known before anything is read or rendered.</summary>
public readonly record struct TileLookup(string Key, string ETag);

/// <summary>
/// Rendered tiles: L1 in memory through HybridCache (which also renders a key once per process however many requests
/// ask for it), L2 in Redis through <see cref="TileStore"/> when <c>Cache:Redis:Configuration</c> is set. Across
/// instances a short Redis lock lets one render while the others wait for its tile. A key carries the configuration
/// generation and the source version, so a change anywhere gives new keys (and entity tags).
/// </summary>
internal sealed class TileCache(ServerOptions options, HybridCache hybrid, TileStore store, CacheGeneration generation, TimeProvider clock)
{
    private static readonly HybridCacheEntryOptions MemoryOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache,
    };

    private readonly bool _enabled = options.Cache.Tiles.Enabled;
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = TimeSpan.FromSeconds(Math.Max(60, options.Cache.Tiles.MaxAgeSeconds)),
        LocalCacheExpiration = TimeSpan.FromSeconds(Math.Max(60, options.Cache.Tiles.MaxAgeSeconds)),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <param name="key">what identifies the picture (layer or source, tile, format, style, render parameters).</param>
    /// <param name="sourceVersion">the source's <see cref="Abstractions.Sources.IRasterSource.Version"/>.</param>
    public TileLookup Lookup(string key, string sourceVersion)
    {
        var full = $"tile|{generation.KeyPart}|{sourceVersion}|{key}";
        return new TileLookup(full, ETagOf(Encoding.UTF8.GetBytes(full)));
    }

    public async Task<(CachedTile Tile, TileOrigin Origin)> GetOrRenderAsync(TileLookup lookup, Func<CancellationToken, Task<EncodedImage>> render, CancellationToken cancellation)
    {
        if (!_enabled)
            return (ToTile(await render(cancellation), lookup, clock), Count(TileOrigin.NotCached));
        var inMemory = await hybrid.GetOrCreateAsync<CachedTile?>(lookup.Key, static _ => ValueTask.FromResult<CachedTile?>(null), MemoryOnly, cancellationToken: cancellation);
        if (inMemory is not null)
            return (inMemory, Count(TileOrigin.Memory));
        var fill = new Fill(store, lookup, render, clock);
        var tile = await hybrid.GetOrCreateAsync(lookup.Key, fill, static (f, c) => f.RunAsync(c), _entry, cancellationToken: cancellation);
        return (tile, Count(fill.Origin ?? TileOrigin.Collapsed));
    }

    /// <summary>A strong entity tag: the first 64 bits of the SHA-256 of <paramref name="bytes"/>.</summary>
    public static string ETagOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return "\"" + Convert.ToHexStringLower(hash[..8]) + "\"";
    }

    private static TileOrigin Count(TileOrigin origin)
    {
        CacheMetrics.Lookups.Add(1, new KeyValuePair<string, object?>("origin", origin.ToString()));
        return origin;
    }

    private static CachedTile ToTile(EncodedImage image, TileLookup lookup, TimeProvider clock)
    {
        CacheMetrics.Renders.Add(1);
        return new(image.Bytes, image.Format.ContentType, lookup.ETag, DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds()));
    }

    /// <summary>Fills L1 on a miss: from Redis, from another instance's render, or by rendering. Runs once per key and process at a time.</summary>
    private sealed class Fill(TileStore store, TileLookup lookup, Func<CancellationToken, Task<EncodedImage>> render, TimeProvider clock)
    {
        public TileOrigin? Origin { get; private set; }

        public async ValueTask<CachedTile> RunAsync(CancellationToken cancellation)
        {
            if (!store.Enabled)
                return await RenderAsync(TileOrigin.Rendered, cancellation);
            var (stored, available) = await store.GetAsync(lookup.Key);
            if (Ours(stored))
                return Found(stored!, TileOrigin.Redis);
            if (!available)
                return await RenderAsync(TileOrigin.RenderedRedisUnavailable, cancellation);
            var locked = await store.TryLockAsync(lookup.Key);
            if (locked == false && await store.WaitForPeerAsync(lookup.Key, cancellation) is { } peer && Ours(peer))
                return Found(peer, TileOrigin.Peer);
            try
            {
                var tile = await RenderAsync(TileOrigin.Rendered, cancellation);
                if (!await store.SetAsync(lookup.Key, tile))
                    Origin = TileOrigin.RenderedRedisUnavailable;
                return tile;
            }
            finally
            {
                if (locked == true)
                    await store.ReleaseAsync(lookup.Key);
            }
        }

        private bool Ours(CachedTile? tile) => tile is not null && tile.ETag == lookup.ETag;

        private CachedTile Found(CachedTile tile, TileOrigin origin)
        {
            Origin = origin;
            return tile;
        }

        private async Task<CachedTile> RenderAsync(TileOrigin origin, CancellationToken cancellation)
        {
            Origin = origin;
            return ToTile(await render(cancellation), lookup, clock);
        }
    }
}
