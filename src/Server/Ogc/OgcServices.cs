using OgcTiler.Server.Configuration;
using OgcTiler.Server.Ogc.Common;
using OgcTiler.Server.Ogc.Wms;
using OgcTiler.Server.Ogc.Wmts;

namespace OgcTiler.Server.Ogc;

public static class OgcServices
{
    /// <summary>Services of the WMTS and WMS endpoints (capabilities cache, parsers, renderers).</summary>
    public static IServiceCollection AddOgcServices(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<ServerOptions>().Service);
        services.AddSingleton(sp => sp.GetRequiredService<ServerOptions>().Ogc);
        services.AddSingleton<OgcLayers>();
        services.AddSingleton<CapabilitiesCache>();
        services.AddSingleton<WmsMapParser>();
        services.AddSingleton<WmsMapRenderer>();
        services.AddSingleton<MapFont>();
        services.AddSingleton<WmsService>();
        services.AddSingleton<WmtsLayerSets>();
        services.AddSingleton<WmtsTileResolver>();
        services.AddSingleton<WmtsService>();
        return services;
    }
}
