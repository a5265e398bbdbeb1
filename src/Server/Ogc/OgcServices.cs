namespace OgcTiler.Server.Ogc;

public static class OgcServices
{
    /// <summary>Services of the WMTS and WMS endpoints (capabilities caches, ...).</summary>
    public static IServiceCollection AddOgcServices(this IServiceCollection services) => services;
}
