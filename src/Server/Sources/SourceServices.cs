using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Sources;

public static class SourceServices
{
    /// <summary>The keyed service name of the raw raster engine (no access checks); tests replace it with fakes.</summary>
    public const string EngineKey = "engine";

    /// <summary>
    /// The access policy, the policy-checking <see cref="IRasterOpener"/> (what sources and plugins use) over the
    /// engine registered under <see cref="EngineKey"/>, and the built-in <c>cog</c> source provider.
    /// </summary>
    public static IServiceCollection AddOgcTilerSources(this IServiceCollection services)
    {
        services.AddSingleton<IAccessPolicy, AccessPolicy>();
        services.AddSingleton<IRasterOpener>(sp => new PolicyRasterOpener(
            sp.GetRequiredService<IAccessPolicy>(), sp.GetRequiredKeyedService<IRasterOpener>(EngineKey)));
        services.AddSingleton<ISourceProvider, CogSourceProvider>();
        // Until the raster engine (src/Raster RasterOpener) is merged.
        services.AddKeyedSingleton<IRasterOpener>(EngineKey, (_, _) => throw new InvalidOperationException("the raster engine is not wired in yet"));
        return services;
    }
}
