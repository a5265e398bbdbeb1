using OgcTiler.Server.Api.Endpoints;
using OgcTiler.Server.Api.Grids;
using OgcTiler.Server.Api.Searches;
using OgcTiler.Server.Api.Sources;
using OgcTiler.Server.Api.Timeseries;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Api;

public static class ApiServices
{
    /// <summary>Services of the TiTiler-compatible /cog and /stac endpoints.</summary>
    public static IServiceCollection AddTitilerApi(this IServiceCollection services)
    {
        services.AddSingleton<GridBuilder>();
        services.AddSingleton<TilerRequests>();
        services.AddSingleton<CogSourceResolver>();
        services.AddSingleton<StacSourceResolver>();
        services.AddSingleton<SeriesReader>();
        services.AddSingleton<ISearchStore>(sp => sp.GetRequiredService<ServerOptions>().Cache.Redis is null
            ? new FileSearchStore(sp.GetRequiredService<ServerOptions>().Searches)
            : new RedisSearchStore(sp.GetRequiredService<Caching.RedisConnection>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SearchRegistry>();
        services.AddSingleton<CollectionSearches>();
        services.AddTitilerCompression();
        return services;
    }
}
