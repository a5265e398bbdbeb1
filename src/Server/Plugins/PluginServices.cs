using OgcTiler.Server.Configuration;
using OgcTiler.Server.Rendering;

namespace OgcTiler.Server.Plugins;

/// <summary>DI registration of the plugin host.</summary>
public static class PluginServices
{
    /// <summary>
    /// Registers <see cref="IPluginCatalog"/> (built-in source providers come from DI's ISourceProvider registrations)
    /// and the hosted service that loads and watches <c>Plugins:Directory</c>.
    /// </summary>
    public static IServiceCollection AddOgcTilerPlugins(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<ServerOptions>().Plugins);
        services.AddHttpClient();
        services.AddSingleton<PluginCatalog>();
        services.AddSingleton<IPluginCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        services.AddSingleton<IRenderPlugins>(sp => sp.GetRequiredService<PluginCatalog>());
        services.AddSingleton<PluginDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginDirectory>());
        return services;
    }
}
