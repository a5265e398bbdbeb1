using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;
using OgcTiler.Raster;
using OgcTiler.Server.Configuration;

namespace OgcTiler.Server.Sources;

public static class SourceServices
{
    /// <summary>The keyed service name of the raw raster engine (no access checks); tests replace it with fakes.</summary>
    public const string EngineKey = "engine";

    /// <summary>
    /// The access policy, the policy-checking <see cref="IRasterOpener"/> (what sources and plugins use) over the
    /// engine registered under <see cref="EngineKey"/>, the upstream HttpClient (<see cref="UpstreamHttp"/>) and the built-in <c>cog</c> source provider.
    /// </summary>
    public static IServiceCollection AddOgcTilerSources(this IServiceCollection services)
    {
        services.AddSingleton<IAccessPolicy, AccessPolicy>();
        services.AddSingleton<IRasterOpener>(sp => new PolicyRasterOpener(
            sp.GetRequiredService<IAccessPolicy>(), sp.GetRequiredKeyedService<IRasterOpener>(EngineKey)));
        services.AddSingleton<ISourceProvider, CogSourceProvider>();
        services.AddUpstreamHttp();
        services.AddKeyedSingleton<IRasterOpener>(EngineKey, (sp, _) =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>();
            var cache = sp.GetRequiredService<ServerOptions>().Cache;
            return new RasterOpener(() => http.CreateClient(UpstreamHttp.ClientName), cache.BlocksSizeMB, cache.BlocksCompressedSizeMB);
        });
        return services;
    }
}
