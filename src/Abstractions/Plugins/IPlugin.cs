using OgcTiler.Abstractions.Raster;
using OgcTiler.Abstractions.Rendering;
using OgcTiler.Abstractions.Sources;

namespace OgcTiler.Abstractions.Plugins;

/// <summary>The entry point of a plugin assembly: one public parameterless class implementing it.</summary>
public interface IPlugin
{
    string Name { get; }

    string Version { get; }

    void Register(IPluginRegistry registry);
}

/// <summary>What a plugin is handed: the host's services and the places to add its providers.</summary>
public interface IPluginRegistry
{
    IPluginHost Host { get; }

    void AddSourceProvider(ISourceProvider provider);

    void AddExpressionCompiler(IExpressionCompiler compiler);

    void AddColormapProvider(IColormapProvider provider);

    void AddColorOperationProvider(IColorOperationProvider provider);
}

/// <summary>Host services for plugins.</summary>
public interface IPluginHost
{
    /// <summary>Opens rasters under the server's access policy (allowed roots and URL prefixes) with its caches.</summary>
    IRasterOpener Rasters { get; }

    /// <summary>Checks a path or URL against the access policy; throws <see cref="Errors.AccessDeniedException"/>.</summary>
    void EnsureAllowed(string uri);

    /// <summary>
    /// An HttpClient for upstream requests (pooled by the host): every redirect hop and resolved address is checked
    /// against the access policy, and the host's timeouts and retries apply.
    /// </summary>
    HttpClient CreateHttpClient();

    /// <summary>A size-limited cache private to the plugin, cleared when the plugin is reloaded.</summary>
    IPluginCache Cache { get; }

    void LogInformation(string message);

    void LogWarning(string message);
}

public interface IPluginCache
{
    Task<T> GetOrCreateAsync<T>(string key, long sizeBytes, Func<CancellationToken, Task<T>> factory, CancellationToken cancellationToken)
        where T : notnull;
}
