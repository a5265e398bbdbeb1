using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Server.Plugins;

/// <summary>DI registration and endpoints of the plugin host.</summary>
public static class PluginServices
{
    /// <summary>Registers <see cref="IPluginCatalog"/> (built-in source providers come from DI's ISourceProvider registrations).</summary>
    public static IServiceCollection AddOgcTilerPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPluginCatalog, BuiltInCatalog>();
        return services;
    }

    /// <summary>/plugins and /colorMaps.</summary>
    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder app) => app;

    // Placeholder until the plugin loader lands: only the built-in providers.
    private sealed class BuiltInCatalog(IEnumerable<ISourceProvider> builtIn) : IPluginCatalog
    {
        public IExpressionCompiler? ExpressionCompiler => null;

        public IColormapProvider? Colormaps => null;

        public IColorOperationProvider? ColorOperations => null;

        public long Generation => 0;

        public event Action? Changed { add { } remove { } }

        public ISourceProvider? FindSourceProvider(string type) =>
            builtIn.FirstOrDefault(p => string.Equals(p.Type, type, StringComparison.OrdinalIgnoreCase));
    }
}
