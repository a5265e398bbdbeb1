using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using OgcTiler.Server.Configuration;
using OgcTiler.Server.Plugins;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Caching;

/// <summary>An encoded tile with its entity tag.</summary>
public sealed record CachedTile(byte[] Bytes, string ContentType, string ETag);

/// <summary>
/// Rendered tiles by key (size-limited, <c>Cache:Tiles</c>). When <c>Cache:Tiles:Enabled</c> is false every call
/// renders. Keys include the plugin generation, so a plugin reload never serves tiles of the old version.
/// </summary>
public sealed class TileCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly IPluginCatalog _plugins;

    public TileCache(ServerOptions options, IPluginCatalog plugins)
    {
        _plugins = plugins;
        if (options.Cache.Tiles.Enabled)
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = (long)options.Cache.Tiles.SizeMB << 20 });
    }

    public async Task<CachedTile> GetOrRenderAsync(string key, Func<Task<EncodedImage>> render)
    {
        var fullKey = $"{_plugins.Generation}|{key}";
        if (_cache is not null && _cache.TryGetValue(fullKey, out CachedTile? cached) && cached is not null)
            return cached;
        var image = await render();
        var tile = new CachedTile(image.Bytes, image.Format.ContentType, ETagOf(image.Bytes));
        _cache?.Set(fullKey, tile, new MemoryCacheEntryOptions { Size = tile.Bytes.Length + key.Length * 2 + 128 });
        return tile;
    }

    /// <summary>A strong entity tag from the bytes (the first 64 bits of their SHA-256).</summary>
    public static string ETagOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return "\"" + Convert.ToHexStringLower(hash[..8]) + "\"";
    }

    public void Dispose() => _cache?.Dispose();
}
