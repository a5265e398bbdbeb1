using System.ComponentModel;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Hybrid;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Caching;

/// <summary>An encoded tile with its entity tag. Immutable, so HybridCache keeps the instance in L1.</summary>
[ImmutableObject(true)]
public sealed record CachedTile(byte[] Bytes, string ContentType, string ETag);

/// <summary>Where a tile came from, for the Cache-Status header.</summary>
public enum TileOrigin { Hit, Rendered, NotCached }

/// <summary>
/// Rendered tiles by key through HybridCache: L1 in memory, L2 in Redis when <c>Cache:Redis:Configuration</c> is set.
/// Concurrent requests for one key in this process render it once (HybridCache's stampede protection). When
/// <c>Cache:Tiles:Enabled</c> is false every call renders. Keys include the plugin generation, so a plugin reload
/// never serves tiles of the old version.
/// </summary>
public sealed class TileCache(ServerOptions options, IPluginCatalog plugins, HybridCache hybrid)
{
    private readonly bool _enabled = options.Cache.Tiles.Enabled;
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = TimeSpan.FromSeconds(Math.Max(60, options.Cache.Tiles.MaxAgeSeconds)),
        LocalCacheExpiration = TimeSpan.FromSeconds(Math.Max(60, options.Cache.Tiles.MaxAgeSeconds)),
    };

    public async Task<(CachedTile Tile, TileOrigin Origin)> GetOrRenderAsync(string key, Func<Task<EncodedImage>> render, CancellationToken cancellation = default)
    {
        if (!_enabled)
            return (ToTile(await render()), TileOrigin.NotCached);
        var state = new RenderState(render);
        var tile = await hybrid.GetOrCreateAsync($"tile|{plugins.Generation}|{key}", state, RenderAsync, _entry, cancellationToken: cancellation);
        return (tile, state.Rendered ? TileOrigin.Rendered : TileOrigin.Hit);
    }

    private static async ValueTask<CachedTile> RenderAsync(RenderState state, CancellationToken cancellation)
    {
        state.Rendered = true;
        return ToTile(await state.Render());
    }

    private static CachedTile ToTile(EncodedImage image) => new(image.Bytes, image.Format.ContentType, ETagOf(image.Bytes));

    /// <summary>A strong entity tag from the bytes (the first 64 bits of their SHA-256).</summary>
    public static string ETagOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return "\"" + Convert.ToHexStringLower(hash[..8]) + "\"";
    }

    private sealed class RenderState(Func<Task<EncodedImage>> render)
    {
        public Func<Task<EncodedImage>> Render { get; } = render;
        public bool Rendered { get; set; }
    }
}
