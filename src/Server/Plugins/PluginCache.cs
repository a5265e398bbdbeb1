using Microsoft.Extensions.Caching.Memory;
using OgcTiler.Abstractions.Plugins;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// A size-limited memory cache private to one loaded plugin version. Cleared, not disposed, when the plugin is
/// replaced: requests still running on the old version may keep using it.
/// </summary>
internal sealed class PluginCache : IPluginCache
{
    public const long SizeLimitBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    public async Task<T> GetOrCreateAsync<T>(string key, long sizeBytes, Func<CancellationToken, Task<T>> factory, CancellationToken cancellationToken)
        where T : notnull
    {
        if (_cache.TryGetValue(key, out var cached) && cached is T hit)
            return hit;
        var value = await factory(cancellationToken).ConfigureAwait(false);
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, sizeBytes) });
        return value;
    }

    public void Clear() => _cache.Clear();
}
