using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Caching;

/// <summary>The tile cache: HybridCache over a size-limited memory L1 and, with <c>Cache:Redis</c>, a Redis L2.</summary>
public static class CachingServices
{
    public static IServiceCollection AddOgcTilerTileCache(this IServiceCollection services)
    {
        services.AddSingleton<IMemoryCache>(sp => new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = (long)sp.GetRequiredService<ServerOptions>().Cache.Tiles.SizeMB << 20,
        }));
        services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(sp =>
            sp.GetRequiredService<ServerOptions>().Cache.Redis is { } redis
                ? new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions
                {
                    Configuration = redis.Configuration,
                    InstanceName = redis.InstanceName,
                })
                : null!); // none: HybridCache is memory only
        services.AddHybridCache(o =>
        {
            o.MaximumPayloadBytes = 64 << 20;
            o.MaximumKeyLength = 4096;
        }).AddSerializer<CachedTile, CachedTileSerializer>();
        services.AddSingleton<TileCache>();
        return services;
    }
}
