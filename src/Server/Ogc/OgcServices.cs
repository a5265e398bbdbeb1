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
        services.AddSingleton(sp => ReadOptions(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<OgcLayers>();
        services.AddSingleton<CapabilitiesCache>();
        services.AddSingleton<WmsMapParser>();
        services.AddSingleton<WmsMapRenderer>();
        services.AddSingleton<WmsService>();
        services.AddSingleton<WmtsLayerSets>();
        services.AddSingleton<WmtsTileResolver>();
        services.AddSingleton<WmtsService>();
        return services;
    }

    /// <summary>The <c>Ogc</c> section: MaxWidth and MaxHeight (1..16384); anything else is a configuration error.</summary>
    internal static OgcOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection("Ogc");
        var errors = section.GetChildren()
            .Where(c => c.Key is not ("MaxWidth" or "MaxHeight"))
            .Select(c => $"{c.Path}: unknown key (known keys: MaxWidth, MaxHeight)")
            .ToList();
        var width = Size(section, "MaxWidth", errors);
        var height = Size(section, "MaxHeight", errors);
        if (errors.Count > 0)
            throw new InvalidOperationException("configuration errors: " + string.Join("; ", errors));
        return new OgcOptions(width, height);
    }

    private static int Size(IConfigurationSection section, string key, List<string> errors)
    {
        if (section[key] is not { } text)
            return 4096;
        if (int.TryParse(text, out var value) && value is >= 1 and <= 16384)
            return value;
        errors.Add($"{section.Path}:{key}: '{text}' is not an integer in 1..16384");
        return 4096;
    }
}
