using OgcTiler.Abstractions.Plugins;
using OgcTiler.Abstractions.Raster;
using OgcTiler.Server.Sources;

namespace OgcTiler.Server.Plugins;

/// <summary>
/// The host services one plugin sees. The raster opener and access policy are resolved from DI on first use, so a
/// plugin that needs neither loads even where they are not registered.
/// </summary>
internal sealed class PluginHost(IServiceProvider services, ILogger logger, PluginCache cache) : IPluginHost
{
    public IRasterOpener Rasters => services.GetRequiredService<IRasterOpener>();

    public IPluginCache Cache => cache;

    public void EnsureAllowed(string uri) => services.GetRequiredService<IAccessPolicy>().EnsureAllowed(uri);

    public HttpClient CreateHttpClient() => services.GetRequiredService<IHttpClientFactory>().CreateClient(UpstreamHttp.ClientName);

    public void LogInformation(string message) => logger.LogInformation("{Message}", message);

    public void LogWarning(string message) => logger.LogWarning("{Message}", message);
}
