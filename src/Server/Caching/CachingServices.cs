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
        // HybridCache is the L1 only: the L2 is TileStore, which also holds the render lock and tells where a tile came from.
        services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(_ => null!);
        services.AddHybridCache(o =>
        {
            o.MaximumPayloadBytes = 64 << 20;
            o.MaximumKeyLength = 4096;
        });
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<TileStore>();
        services.AddSingleton<CacheGeneration>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheGeneration>());
        services.AddSingleton<TileCache>();
        return services;
    }
}
